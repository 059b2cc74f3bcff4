"use client";

// What the browser's half of a passkey ceremony needs on both pages: the plain words for a ceremony that failed.
// (The ceremonies exist only in JavaScript, so their controls appear only once hydrated: useHydrated.)
import { browserSupportsWebAuthn } from "@simplewebauthn/browser";

import { PASSKEY_MESSAGES } from "@/features/passkeys/shared/schemas";

/**
 * What a person reads when the browser's ceremony threw, or null when it was aborted on purpose (a newer ceremony
 * took its place, or the page is going away). `fallback` covers everything else: never the error's own text.
 * `notAllowed` is what a NotAllowedError means for this ceremony (see PASSKEY_MESSAGES.noneUsed).
 */
export function ceremonyError(
  error: unknown,
  fallback: string,
  notAllowed: string = PASSKEY_MESSAGES.cancelled,
): string | null {
  const { name, code } = (error ?? {}) as { name?: unknown; code?: unknown };
  if (name === "AbortError" || code === "ERROR_CEREMONY_ABORTED") return null;
  // Closed, timed out, or refused by the person (or by an authenticator that could not verify them); at sign-in
  // also "no passkey for this site here". @simplewebauthn/browser passes it through as it came
  // (ERROR_PASSTHROUGH_SEE_CAUSE_PROPERTY, the name kept): the browsers' messages do not tell these apart either.
  if (name === "NotAllowedError") return notAllowed;
  // The options excluded this account's passkeys, and the authenticator holds one of them.
  if (name === "InvalidStateError" || code === "ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED")
    return PASSKEY_MESSAGES.alreadyAdded;
  if (!browserSupportsWebAuthn()) return PASSKEY_MESSAGES.unsupported;
  return fallback;
}
