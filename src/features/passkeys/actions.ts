"use server";

// Passkeys: adding one in /settings (options → the browser's ceremony → verification), naming and removing it,
// and signing in with one on /login. The ceremony itself runs in the browser, so the client calls the two halves
// of each here directly; every argument is checked again, as any endpoint's.
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from "@simplewebauthn/server";
import { AuthError, CredentialsSignin } from "next-auth";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";

import { signIn } from "auth";
import { ROUTES } from "@/config/routes";
import { listPasskeys, removePasskey, renamePasskey } from "@/db/passkeys";
import { recordRequestEvent } from "@/features/activity/server/record";
import { safeCallbackUrl } from "@/features/auth/edge/callback-url";
import { authedAction } from "@/features/auth/server/action";
import { sessionEnded, verifiedUser } from "@/features/auth/server/session";
import { chargePasskeyChallenge, throttleMessage } from "@/features/auth/server/throttle";
import { afterResponse } from "@/features/mail/server/deliver";
import { sendSecurityNotice } from "@/features/mail/server/links";
import { reauthenticate } from "@/features/reauthentication/server/reauthenticate";
import {
  REAUTH_FIELDS,
  REAUTH_MESSAGES,
  sensitiveSchema,
  type ReauthField,
} from "@/features/reauthentication/shared/schemas";
import { describeError } from "@/lib/edge/describe-error";
import { clientKey } from "@/lib/server/client-ip";
import { BUSY, fieldErrorsOf, readFields, SERVICE_UNAVAILABLE } from "@/lib/shared/form";

import { authenticationOptions, registerPasskey, registrationOptions } from "./server/webauthn";
import {
  PASSKEY_MESSAGES,
  passkeyNameSchema,
  passkeyResponseSchema,
  removePasskeySchema,
  renamePasskeySchema,
} from "./shared/schemas";

const SETTINGS = ROUTES.settingsSecurity.path; // where both sections live
const REAUTH_FIELD_NAMES = Object.keys(REAUTH_FIELDS) as ReauthField[];

export type CeremonyStart<Options> = { ok: true; options: Options } | { ok: false; error: string };
/** A ceremony that starts with the re-authentication: its refusal may be about one of its fields. */
export type ProvenCeremonyStart<Options> =
  CeremonyStart<Options> | { ok: false; error?: undefined; fieldErrors: Partial<Record<ReauthField, string>> };
export type CeremonyEnd = { ok: true; message?: string; redirectTo?: string } | { ok: false; error: string };

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
};

const registrationProofSchema = sensitiveSchema({});

/**
 * Settings, step 1 of adding a passkey: the re-authentication (the password, and a code when two-factor is on),
 * then the options for the browser's ceremony. The challenge they carry is this person's, for five minutes, and
 * step 2 needs it: so a passkey is added only by a ceremony that began with a factor proven again, never with a
 * session cookie alone. An account whose address is not proven cannot add one.
 */
export async function passkeyRegistrationOptionsAction(
  proof: FormData,
): Promise<ProvenCeremonyStart<PublicKeyCredentialCreationOptionsJSON>> {
  try {
    const parsed = registrationProofSchema.safeParse(readFields(proof, REAUTH_FIELD_NAMES));
    if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf<ReauthField>(parsed.error) };
    const user = await verifiedUser();
    if (!user) return sessionEnded();
    if (user.emailVerifiedAt === null) return { ok: false, error: REAUTH_MESSAGES.verifyFirst };
    const refused = await reauthenticate(user, parsed.data);
    if (refused?.formError) return { ok: false, error: refused.formError };
    if (refused) return { ok: false, fieldErrors: refused.fieldErrors ?? {} };
    return { ok: true, options: await registrationOptions(user) };
  } catch (error) {
    unstable_rethrow(error); // sessionEnded()'s redirect
    console.error(`[passkey options] ${describeError(error)}`);
    return { ok: false, error: SERVICE_UNAVAILABLE };
  }
}

/** Settings, step 2: the browser's response, verified against the challenge step 1 gave this person. */
export async function addPasskeyAction(response: unknown, name: unknown): Promise<CeremonyEnd> {
  try {
    const user = await verifiedUser();
    if (!user) return sessionEnded();
    const parsedName = passkeyNameSchema.safeParse(name);
    if (!parsedName.success) return { ok: false, error: parsedName.error.issues[0]!.message };
    const text = passkeyResponseSchema.safeParse(response);
    const json = text.success ? parseJson(text.data) : null;
    if (!json || typeof json !== "object") return { ok: false, error: PASSKEY_MESSAGES.addFailed };
    const outcome = await registerPasskey(user, json as never, parsedName.data);
    if (!outcome.added) return { ok: false, error: PASSKEY_MESSAGES.addFailed };
    await recordRequestEvent("passkey-added", user.id, { detail: { passkey: parsedName.data } });
    afterResponse("passkey-added notice", () =>
      sendSecurityNotice(user.email, { kind: "passkey-added", name: parsedName.data }),
    );
    revalidatePath(SETTINGS);
    return { ok: true, message: `Passkey "${parsedName.data}" added.` };
  } catch (error) {
    unstable_rethrow(error); // sessionEnded()'s redirect
    console.error(`[passkey add] ${describeError(error)}`);
    return { ok: false, error: SERVICE_UNAVAILABLE };
  }
}

export const renamePasskeyAction = authedAction(renamePasskeySchema, async ({ passkeyId, name }, { user }) => {
  if (!(await renamePasskey(user.id, passkeyId, name)))
    return { status: "error", formError: "That passkey is not one of yours." };
  revalidatePath(SETTINGS);
  return { status: "success", message: `Renamed to "${name}".` };
});

export const removePasskeyAction = authedAction(removePasskeySchema, async ({ passkeyId }, { user }) => {
  const passkey = (await listPasskeys(user.id)).find(({ id }) => id === passkeyId);
  if (!passkey) return { status: "error", formError: "That passkey is not one of yours." };
  if (!(await removePasskey(user.id, passkeyId))) return { status: "error", formError: PASSKEY_MESSAGES.lastWayIn };
  await recordRequestEvent("passkey-removed", user.id, { detail: { passkey: passkey.name } });
  afterResponse("passkey-removed notice", () =>
    sendSecurityNotice(user.email, { kind: "passkey-removed", name: passkey.name }),
  );
  revalidatePath(SETTINGS);
  return { status: "success", message: `Passkey "${passkey.name}" removed.` };
});

/** /login: the options for a passkey sign-in (the button, and the email field's autofill). */
export async function passkeySignInOptionsAction(): Promise<CeremonyStart<PublicKeyCredentialRequestOptionsJSON>> {
  try {
    const wait = await chargePasskeyChallenge(clientKey(await headers()));
    if (wait > 0) return { ok: false, error: throttleMessage(wait) };
    return { ok: true, options: await authenticationOptions() };
  } catch (error) {
    console.error(`[passkey sign-in options] ${describeError(error)}`);
    return { ok: false, error: SERVICE_UNAVAILABLE };
  }
}

/** /login: the browser's signed response, through the passkey's Credentials provider, to the same session. */
export async function signInWithPasskeyAction(response: unknown, callbackUrl: unknown): Promise<CeremonyEnd> {
  const text = passkeyResponseSchema.safeParse(response);
  if (!text.success) return { ok: false, error: PASSKEY_MESSAGES.refused };
  const redirectTo = safeCallbackUrl(callbackUrl);
  try {
    await signIn("passkey", { response: text.data, redirectTo, redirect: false });
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      if (error.code === "unknown-passkey") return { ok: false, error: PASSKEY_MESSAGES.unknown };
      if (error.code === "throttled") return { ok: false, error: throttleMessage(60) };
      if (error.code === "busy") return { ok: false, error: BUSY };
      return { ok: false, error: PASSKEY_MESSAGES.refused };
    }
    if (error instanceof AuthError) {
      console.error(`[passkey sign-in] ${error.type}: ${error.message}`);
      return { ok: false, error: SERVICE_UNAVAILABLE };
    }
    throw error;
  }
  return { ok: true, redirectTo };
}
