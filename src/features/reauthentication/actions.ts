"use server";

// The browser's half of re-authenticating with a passkey (an account without a password): the options for the
// assertion its form sends along. The assertion itself is checked by the sensitive action it rides with.
import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";

import { sessionEnded, verifiedUser } from "@/features/auth/server/session";
import { chargePasskeyChallenge, throttleMessage } from "@/features/auth/server/throttle";
import type { CeremonyStart } from "@/features/passkeys/actions";
import { reauthenticationOptions } from "@/features/passkeys/server/webauthn";
import { describeError } from "@/lib/edge/describe-error";
import { clientKey } from "@/lib/server/client-ip";
import { SERVICE_UNAVAILABLE } from "@/lib/shared/form";

/** Options for the signed-in person to prove themselves with one of their own passkeys (a challenge of theirs). */
export async function reauthPasskeyOptionsAction(): Promise<CeremonyStart<PublicKeyCredentialRequestOptionsJSON>> {
  try {
    const user = await verifiedUser();
    if (!user) return sessionEnded();
    const wait = await chargePasskeyChallenge(clientKey(await headers()));
    if (wait > 0) return { ok: false, error: throttleMessage(wait) };
    return { ok: true, options: await reauthenticationOptions(user) };
  } catch (error) {
    unstable_rethrow(error); // sessionEnded()'s redirect
    console.error(`[passkey re-authentication options] ${describeError(error)}`);
    return { ok: false, error: SERVICE_UNAVAILABLE };
  }
}
