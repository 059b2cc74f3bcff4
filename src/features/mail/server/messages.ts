// Every mail the app sends, as data: a subject and paragraphs, made into a plain-text part and a simple HTML part
// (each link also written out in full, so it survives a client that shows only text). Nothing here sends.
import "server-only";

import { APP_NAME } from "@/config/app";
import { ROUTES } from "@/config/routes";
import { formatIp } from "@/lib/shared/format-ip";
import { formatDateTime } from "@/lib/shared/format-time";

import { appUrl } from "./app-url";

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

type Paragraph = string | { label: string; href: string };

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

function compose(to: string, subject: string, paragraphs: Paragraph[]): Mail {
  const all: Paragraph[] = [...paragraphs, `— ${APP_NAME}`];
  const text = all.map((part) => (typeof part === "string" ? part : `${part.label}:\n${part.href}`)).join("\n\n");
  const html = [
    `<!doctype html><html lang="en"><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#18181b">`,
    ...all.map((part) =>
      typeof part === "string"
        ? `<p>${escapeHtml(part)}</p>`
        : `<p><a href="${escapeHtml(part.href)}">${escapeHtml(part.label)}</a><br><span style="font-size:12px;color:#52525b">${escapeHtml(part.href)}</span></p>`,
    ),
    `</body></html>`,
  ].join("\n");
  return { to, subject, text, html };
}

const IF_NOT_YOU = "If this wasn't you, reset your password now — and tell us by replying to this mail:";
const resetLink = () => ({ label: "Reset your password", href: appUrl("/forgot-password") });

/** The link that verifies a new account's address. */
export const verifyEmailMail = (to: string, link: string) =>
  compose(to, "Verify your email", [
    `Open this link to confirm that ${to} is yours. It works once, for 24 hours.`,
    { label: "Verify your email", href: link },
    `If you didn't create an account on ${APP_NAME}, ignore this mail: nothing happens without the link.`,
  ]);

/** To an account's owner, when someone signs up with their address (the page answers the same for both). */
export const signUpAttemptMail = (to: string) =>
  compose(to, "Someone tried to sign up with your email", [
    `Someone tried to create an account on ${APP_NAME} with ${to}, which already has one. No new account was made.`,
    { label: "Sign in", href: appUrl("/login") },
    "Forgot your password? Set a new one:",
    resetLink(),
    "If it wasn't you, you don't need to do anything.",
  ]);

/** The password-reset link. */
export const resetPasswordMail = (to: string, link: string) =>
  compose(to, "Reset your password", [
    "Someone (hopefully you) asked to reset the password of your account. Open this link to choose a new one. It works once, for 30 minutes.",
    { label: "Set a new password", href: link },
    "If you didn't ask, ignore this mail: your password stays as it is.",
  ]);

/** To the new address: the link that makes it the account's. */
export const confirmEmailChangeMail = (to: string, link: string) =>
  compose(to, "Confirm your new email", [
    `Open this link to make ${to} the email of your ${APP_NAME} account. It works once, for 24 hours.`,
    { label: "Confirm your new email", href: link },
    "If you didn't ask for this, ignore this mail: nothing changes without the link.",
  ]);

/** The link that cancels a requested email change: to the old address, with the request's notice. */
export const cancelEmailChangeMail = (to: string, link: string, newEmail: string) =>
  compose(to, "A change of your email was requested", [
    `Someone signed in to your account asked to change its email to ${newEmail}. Nothing changes unless the link sent there is opened.`,
    "If this wasn't you, cancel it now — the link works once, for 24 hours — and then reset your password:",
    { label: "Cancel this change", href: link },
    resetLink(),
  ]);

/**
 * What happened to an account, told to its owner. Later features add their kinds here (two-factor turned on or
 * off, a passkey added or removed, recovery codes regenerated): one line in the union, one entry below.
 */
export type SecurityNotice =
  | { kind: "password-changed"; passkeys: readonly string[] }
  | { kind: "email-changed"; newEmail: string }
  | { kind: "two-factor-enabled" }
  | { kind: "two-factor-disabled" }
  | { kind: "recovery-codes-regenerated" }
  | { kind: "recovery-code-used"; left: number }
  | { kind: "passkey-added"; name: string }
  | { kind: "passkey-removed"; name: string }
  | { kind: "new-sign-in"; device: string; ip: string | null; at: Date };

const codesLeft = (left: number) => `${left} recovery code${left === 1 ? "" : "s"}`;
const quoted = (names: readonly string[]) => names.map((name) => `"${name}"`).join(", ");
const passkeysLink = () => ({ label: "Review your passkeys in Settings", href: appUrl(ROUTES.settingsSecurity.path) });

/** What still signs in after the password changed: every device was signed out, but a passkey needs no password. */
function stillSignsIn(passkeys: readonly string[]): Paragraph[] {
  if (passkeys.length === 0) return ["No passkey can sign in to your account: only the new password does."];
  return [
    `${passkeys.length === 1 ? "This passkey" : "These passkeys"} can still sign in to your account without the password: ${quoted(passkeys)}. If you don't recognise one, remove it:`,
    passkeysLink(),
  ];
}

const NOTICES: {
  [K in SecurityNotice["kind"]]: (notice: Extract<SecurityNotice, { kind: K }>) => [string, ...Paragraph[]];
} = {
  "password-changed": ({ passkeys }) => [
    "Your password was changed",
    "The password of your account was just changed, and every device was signed out.",
    ...stillSignsIn(passkeys),
  ],
  "email-changed": ({ newEmail }) => [
    "Your email was changed",
    `The email of your account is now ${newEmail}. Mail about your account goes there from now on.`,
  ],
  "two-factor-enabled": () => [
    "Two-factor authentication is on",
    "Two-factor authentication was turned on for your account: signing in now takes a code from an authenticator app as well as the password. Every other device was signed out.",
  ],
  "two-factor-disabled": () => [
    "Two-factor authentication is off",
    "Two-factor authentication was turned off for your account: signing in takes only the password now.",
  ],
  "recovery-codes-regenerated": () => [
    "New recovery codes were made",
    "A new set of recovery codes was made for your account. The earlier codes no longer work.",
  ],
  "passkey-added": ({ name }) => [
    "A passkey was added",
    `A passkey named "${name}" was added to your account: it can sign in on its own, without the password.`,
  ],
  "passkey-removed": ({ name }) => [
    "A passkey was removed",
    `The passkey named "${name}" was removed from your account and can no longer sign in.`,
  ],
  "new-sign-in": ({ device, ip, at }) => [
    "New sign-in to your account",
    `Your account was just signed in to from a device it had not been signed in from before: ${device}${ip ? `, from ${formatIp(ip)}` : ""}, at ${formatDateTime(at)}. If this was you, there is nothing to do.`,
    { label: "Review your devices in Settings", href: appUrl(ROUTES.settingsDevices.path) },
  ],
  "recovery-code-used": ({ left }) => [
    "A recovery code was used",
    `A recovery code was used for your account. It will not work again; ${codesLeft(left)} left.`,
  ],
};

export function securityNoticeMail(to: string, notice: SecurityNotice): Mail {
  const [subject, ...what] = (NOTICES[notice.kind] as (notice: SecurityNotice) => [string, ...Paragraph[]])(notice);
  return compose(to, subject, [...what, IF_NOT_YOU, resetLink()]);
}
