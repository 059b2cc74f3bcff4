// The Passkeys section of /settings: the person's passkeys (one statement, the data this section exists to show),
// each renamed or removed in place, and the form that adds one.
import "server-only";

import { headers } from "next/headers";

import { listPasskeys } from "@/db/passkeys";
import type { Passkey } from "@/db/schema";
import { AddPasskeyForm } from "@/features/passkeys/client/add-passkey-form";
import { PasskeyList, type PasskeyRow } from "@/features/passkeys/client/passkey-list";
import { PASSKEY_NAME_MAX_LENGTH } from "@/features/passkeys/shared/schemas";
import { accountSecurity } from "@/features/reauthentication/server/account-security";
import { deviceLabel, UNKNOWN_DEVICE } from "@/lib/server/device-label";
import { formatDateTime, formatSince } from "@/lib/shared/format-time";

function rowOf(passkey: Passkey, now: Date): PasskeyRow {
  return {
    id: passkey.id,
    name: passkey.name,
    added: { iso: passkey.createdAt.toISOString(), text: formatDateTime(passkey.createdAt) },
    lastUsed: passkey.lastUsedAt
      ? { iso: passkey.lastUsedAt.toISOString(), text: formatSince(passkey.lastUsedAt, now) }
      : null,
    synced: passkey.deviceType === "multiDevice",
  };
}

/** "Passkey on Chrome 142 on Linux": a name to start from, which the person may change. */
function suggestedName(userAgent: string | null): string {
  const device = deviceLabel(userAgent);
  return device === UNKNOWN_DEVICE ? "Passkey" : `Passkey on ${device}`.slice(0, PASSKEY_NAME_MAX_LENGTH);
}

export async function PasskeysSection({ userId }: { userId: string }) {
  const now = new Date();
  const [passkeys, requestHeaders, security] = await Promise.all([
    listPasskeys(userId),
    headers(),
    accountSecurity(userId),
  ]);
  return (
    <section aria-labelledby="passkeys-heading" className="space-y-6">
      <div className="space-y-1">
        <h2 id="passkeys-heading" className="text-lg font-semibold">
          Passkeys
        </h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          A passkey signs you in with your fingerprint, face or device PIN instead of your password and code. It is kept
          by this device or your password manager, and works only on this site.
        </p>
      </div>
      <PasskeyList passkeys={passkeys.map((passkey) => rowOf(passkey, now))} />
      <AddPasskeyForm
        defaultName={suggestedName(requestHeaders.get("user-agent"))}
        reauth={security.reauth}
        verified={security.emailVerified}
      />
    </section>
  );
}
