// The security events an account records (the auth_events table, the JSON log, Recent activity in /settings and
// the per-user list in /admin), each with the words a person reads. Adding one: add it here; the table stores
// the name as text, so no migration is needed, and the compiler asks for its label.
import type { AuthMethod } from "./auth-methods";
import type { Role } from "./roles";

export const AUTH_EVENT_LABELS = {
  "sign-in": "Signed in",
  "sign-in-failed": "Failed sign-in (wrong password)",
  "sign-in-throttled": "Sign-in refused: too many attempts",
  "sign-out": "Signed out",
  "sign-out-other-devices": "Signed out of all other devices",
  "sign-out-everywhere": "Signed out of all devices",
  "device-revoked": "Signed out a device",
  "password-changed": "Password changed",
  "password-reset": "Password reset by email link",
  "email-changed": "Email changed",
  "email-change-cancelled": "Email change cancelled by a link to the old address",
  "role-changed": "Role changed",
  "two-factor-enabled": "Two-factor authentication turned on",
  "two-factor-disabled": "Two-factor authentication turned off",
  "two-factor-failed": "Failed sign-in (wrong code)",
  "recovery-codes-regenerated": "Recovery codes regenerated",
  "recovery-code-used": "Recovery code used",
  "passkey-added": "Passkey added",
  "passkey-removed": "Passkey removed",
  "passkey-failed": "Failed sign-in (passkey)",
  "sign-in-disabled": "Sign-in refused: account disabled",
  "account-disabled": "Account disabled",
  "account-enabled": "Account enabled again",
  "account-deleted": "Account deleted",
  "verification-resent": "Verification link sent again",
} as const;

export type AuthEventType = keyof typeof AUTH_EVENT_LABELS;

/** What an event adds to who, when and where: small, and never a password, token or hash. */
export interface AuthEventDetail {
  /** role-changed: from and to. */
  from?: Role;
  to?: Role;
  /** email-changed: the address before (the row's user has the new one). */
  previousEmail?: string;
  /** device-revoked: the device that was signed out. */
  revokedDevice?: string;
  /** sign-in: how (RFC 8176 names: ["pwd"], or ["pwd", "otp"] with a second factor). */
  methods?: AuthMethod[];
  /** recovery-code-used: how many are left. */
  recoveryCodesLeft?: number;
  /** passkey-added, passkey-removed: its name. */
  passkey?: string;
  /** password-reset: the reset was the first proof of the address, so what was set up before it was removed. */
  firstProof?: boolean;
}

/**
 * An event in words, as Recent activity and the admin's view of a person show it: "Signed out a device: Chrome
 * 142 on Linux", "Role changed (from user to admin) by an admin".
 */
export function describeAuthEvent(event: {
  type: AuthEventType;
  detail: AuthEventDetail | null;
  actorId: string | null;
}): string {
  const { type, detail, actorId } = event;
  const device = detail?.revokedDevice ? `: ${detail.revokedDevice}` : "";
  const roles = type === "role-changed" && detail?.from && detail.to ? ` (from ${detail.from} to ${detail.to})` : "";
  const how =
    type !== "sign-in"
      ? ""
      : detail?.methods?.includes("mfa")
        ? " with a passkey"
        : detail?.methods?.includes("otp")
          ? " with two-factor"
          : "";
  const passkey = detail?.passkey ? `: ${detail.passkey}` : "";
  const left = typeof detail?.recoveryCodesLeft === "number" ? ` (${detail.recoveryCodesLeft} left)` : "";
  const firstProof = detail?.firstProof
    ? " (first proof of the address: passkeys and two-factor set up before removed)"
    : "";
  return `${AUTH_EVENT_LABELS[type] ?? type}${how}${passkey}${device}${roles}${left}${firstProof}${actorId ? " by an admin" : ""}`;
}

/** How many events Recent activity shows. */
export const RECENT_ACTIVITY_LIMIT = 20;
