// The dashboard's security checkup: what the account has to protect it, each fact said as a person reads it and
// paired with where to act on it. Pure, so the wording is tested without a page and the API sends only facts.
import { ROUTES } from "@/config/routes";

/** What the checkup is made of: GET /api/me/security's body (src/db/security-facts.ts reads it). */
export interface SecurityFacts {
  emailVerified: boolean;
  twoFactorOn: boolean;
  /** Unused recovery codes (0 when two-factor is off). */
  recoveryCodesLeft: number;
  passkeys: number;
  /** Live device sessions, this one included. */
  activeSessions: number;
}

/** Below this many unused recovery codes, the checkup suggests a new set (of 10). */
export const FEW_RECOVERY_CODES = 3;

export interface CheckupItem {
  key: "email" | "two-factor" | "passkeys" | "devices";
  title: string;
  /** "ok": nothing to do; "todo": a step that makes the account safer. */
  status: "ok" | "todo";
  detail: string;
  /** Where to act on it (or to look), with the link's words. */
  link: { href: string; label: string };
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** The items in the order a person should take them: the email first (two-factor needs it verified). */
export function checkupItems(facts: SecurityFacts): CheckupItem[] {
  const account = ROUTES.settingsAccount.path;
  const security = ROUTES.settingsSecurity.path;
  return [
    facts.emailVerified
      ? {
          key: "email",
          title: "Email verified",
          status: "ok",
          detail: "Reset links and security notices reach you.",
          link: { href: account, label: "Account settings" },
        }
      : {
          key: "email",
          title: "Verify your email",
          status: "todo",
          detail: "Until you do, a password reset cannot reach you and two-factor cannot be turned on.",
          link: { href: account, label: "Verify email" },
        },
    !facts.twoFactorOn
      ? {
          key: "two-factor",
          title: "Turn on two-factor authentication",
          status: "todo",
          detail: "A code from an app on your phone, so a stolen password alone cannot sign in.",
          link: { href: security, label: "Set up two-factor" },
        }
      : facts.recoveryCodesLeft < FEW_RECOVERY_CODES
        ? {
            key: "two-factor",
            title: "Two-factor is on, but recovery codes are running out",
            status: "todo",
            detail: `${plural(facts.recoveryCodesLeft, "recovery code", "recovery codes")} left: make a new set before you need one.`,
            link: { href: security, label: "New recovery codes" },
          }
        : {
            key: "two-factor",
            title: "Two-factor authentication is on",
            status: "ok",
            detail: `${plural(facts.recoveryCodesLeft, "recovery code", "recovery codes")} left.`,
            link: { href: security, label: "Security settings" },
          },
    facts.passkeys === 0
      ? {
          key: "passkeys",
          title: "Add a passkey",
          status: "todo",
          detail: "Sign in with your fingerprint, face or screen lock: nothing to type, nothing to phish.",
          link: { href: security, label: "Add a passkey" },
        }
      : {
          key: "passkeys",
          title: plural(facts.passkeys, "passkey", "passkeys"),
          status: "ok",
          detail: "Remove any you no longer use.",
          link: { href: security, label: "Manage passkeys" },
        },
    {
      key: "devices",
      title: `Signed in on ${plural(facts.activeSessions, "device", "devices")}`,
      // Not a to-do however many: only the owner knows which are theirs.
      status: "ok",
      detail: "Sign out of any you do not recognise.",
      link: { href: ROUTES.settingsDevices.path, label: "Review devices" },
    },
  ];
}
