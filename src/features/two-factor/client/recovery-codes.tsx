"use client";

import { useState } from "react";

import { Button, buttonVariants } from "@/components/ui/button";
import { useHydrated } from "@/components/use-hydrated";
import { ROUTES } from "@/config/routes";
import { RECOVERY_CODE_LENGTH } from "@/features/two-factor/shared/codes";

const GROUP = 4;

/** "ABCD-EFGH-JKMN-PQRS": four groups, easier to copy by hand. The sign-in form reads it with or without hyphens. */
export function formatRecoveryCode(code: string): string {
  const plain = code.replace(/[\s-]/g, "");
  if (plain.length !== RECOVERY_CODE_LENGTH) return code;
  return plain.match(new RegExp(`.{${GROUP}}`, "g"))!.join("-");
}

/** The text file people keep: which account the codes are for, what they do, then one code a line. */
export function recoveryCodesFile(codes: readonly string[], email: string): string {
  return [
    `Recovery codes for ${email}`,
    "Each code signs you in once, in place of a code from your authenticator app.",
    "Keep them somewhere safe. A new set replaces these.",
    "",
    ...codes,
    "",
  ].join("\n");
}

/**
 * A new set of recovery codes, shown this once: the server keeps only their hashes. Copy (with JavaScript) and
 * Download (a file, without it too) keep them; Done loads /settings afresh, which shows two-factor as it now is.
 */
export function RecoveryCodes({ codes, email }: { codes: readonly string[]; email: string }) {
  const hydrated = useHydrated();
  const [copyStatus, setCopyStatus] = useState("");
  const shown = codes.map(formatRecoveryCode);
  const file = recoveryCodesFile(shown, email);

  async function copy() {
    setCopyStatus("");
    try {
      await navigator.clipboard.writeText(shown.join("\n"));
      setCopyStatus("Copied");
    } catch {
      // No clipboard (an insecure origin, a denied permission): the codes are on screen, and the file remains.
      setCopyStatus("Could not copy. Select the codes and copy them, or download them.");
    }
  }

  return (
    <div className="space-y-4">
      <h3 className="font-semibold">Save your recovery codes</h3>
      <p
        role="status"
        className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
      >
        These codes are shown only once. Keep them somewhere safe: if you lose your authenticator app, each one signs
        you in once.
      </p>
      <ul
        aria-label="Recovery codes"
        className="grid grid-cols-2 gap-x-6 gap-y-1 rounded-md border border-zinc-300 p-4 font-mono text-sm dark:border-zinc-700"
      >
        {shown.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <div className="flex flex-wrap items-center gap-3">
        {/* Only once hydrated: without JavaScript the button could do nothing. */}
        {hydrated && (
          <Button variant="outline" onClick={copy}>
            Copy codes
          </Button>
        )}
        {/* A data: URL on a link, not a Blob made on click: it downloads without JavaScript, needs no object URL
            to revoke, and a link's navigation is not something this app's CSP restricts. */}
        <a
          href={`data:text/plain;charset=utf-8,${encodeURIComponent(file)}`}
          download="recovery-codes.txt"
          className={buttonVariants({ variant: "outline" })}
        >
          Download codes
        </a>
        {/* A full page load, not a client navigation: this section's state must start over from the server. */}
        <a href={ROUTES.settingsSecurity.path} className={buttonVariants()}>
          Done
        </a>
      </div>
      <p aria-live="polite" className="text-sm">
        {copyStatus}
      </p>
    </div>
  );
}
