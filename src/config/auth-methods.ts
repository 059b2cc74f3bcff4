// How a session was made, in the words of RFC 8176 (Authentication Method Reference values), as the session
// token's `amr` claim carries them. Edge-safe and pure.

/**
 * `pwd`: a password; `otp`: a one-time code (an authenticator app's, or a recovery code); `hwk` / `swk`: a passkey
 * bound to one device / synced between devices; `mfa`: more than one factor at once (a passkey verifies its user).
 */
export const AUTH_METHODS = ["pwd", "otp", "hwk", "swk", "mfa"] as const;
export type AuthMethod = (typeof AUTH_METHODS)[number];

export const PASSWORD_ONLY: readonly AuthMethod[] = ["pwd"];
export const PASSWORD_AND_CODE: readonly AuthMethod[] = ["pwd", "otp"];

const isAuthMethod = (value: unknown): value is AuthMethod =>
  typeof value === "string" && (AUTH_METHODS as readonly string[]).includes(value);

/** The methods a token claims, read defensively: unknown entries dropped, and nothing claimed means a password. */
export function authMethodsOf(claim: unknown): AuthMethod[] {
  const methods = Array.isArray(claim) ? claim.filter(isAuthMethod) : [];
  return methods.length > 0 ? [...new Set(methods)] : [...PASSWORD_ONLY];
}

/** A passkey's sign-in: the key's kind, and that it counts as both factors. */
export const passkeyMethods = (synced: boolean): AuthMethod[] => [synced ? "swk" : "hwk", "mfa"];
