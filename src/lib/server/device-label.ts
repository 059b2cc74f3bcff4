// A device as a person recognises it in a list of their sessions — "Chrome 131 on Linux" — from the User-Agent
// header, parsed once at sign-in (bowser, MIT; ua-parser-js 2.x would make the app AGPL). The header is the
// client's to write, so this is a label, never evidence: it is shown, cut to a bounded length, and trusted for
// nothing.
import "server-only";

import Bowser from "bowser";

/** The longest label kept: a hostile User-Agent cannot fill the database or the page. */
export const DEVICE_LABEL_MAX_LENGTH = 80;

export const UNKNOWN_DEVICE = "Unknown device";

const FROZEN_OS_VERSION = new Set(["macOS", "Windows"]);

export function deviceLabel(userAgent: string | null | undefined): string {
  if (!userAgent?.trim()) return UNKNOWN_DEVICE;
  const { browser, os } = Bowser.parse(userAgent.slice(0, 512));
  const major = browser.version?.split(".")[0];
  const browserName = browser.name ? [browser.name, major].filter(Boolean).join(" ") : undefined;
  // Browsers freeze the OS version in the User-Agent (every Mac says 10.15, "Catalina"; Windows 11 says 10): a
  // version there would be wrong more often than right, so those are named without one.
  const versionShown = os.name && !FROZEN_OS_VERSION.has(os.name) && os.name !== "Linux";
  const osName = os.name
    ? [os.name, versionShown ? (os.versionName ?? os.version) : undefined].filter(Boolean).join(" ")
    : undefined;
  // Not a browser (curl, a script): its product token, "curl/8.5.0", says more than nothing.
  const product = userAgent.trim().split(/\s/)[0];
  const label =
    browserName && osName ? `${browserName} on ${osName}` : (browserName ?? osName ?? product ?? UNKNOWN_DEVICE);
  return label.replace(/[\p{Cc}\p{Cf}]/gu, "").slice(0, DEVICE_LABEL_MAX_LENGTH);
}
