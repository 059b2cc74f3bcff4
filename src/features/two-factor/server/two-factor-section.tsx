// The Two-factor authentication section of /settings: off, being set up (the QR code and key, drawn here on the
// server), or on (since when, and how many recovery codes are left). The forms are the client panel's.
import "server-only";

import { FormAlert } from "@/components/form-alert";
import { accountSecurity } from "@/features/reauthentication/server/account-security";
import { TwoFactorPanel, type TwoFactorView } from "@/features/two-factor/client/two-factor-panel";
import { recoveryCodeUsedMessage } from "@/features/two-factor/shared/messages";
import { formatDateTime } from "@/lib/shared/format-time";

import { QrCode } from "./qr-code";
import { twoFactorSettings, type TwoFactorSettings } from "./settings-status";

/** The key as people read it off the screen to type it: groups of four. Copied, it has no spaces. */
function SetupKey({ secret }: { secret: string }) {
  const groups = secret.match(/.{1,4}/g) ?? [];
  return (
    <dl className="space-y-1">
      <dt className="text-sm font-medium">Setup key</dt>
      <dd>
        {/* select-all: one click selects the whole key. The groups are spaced by margins, not spaces, so what is
            copied is the key itself. */}
        <code
          id="two-factor-setup-key"
          className="inline-block rounded-md border border-zinc-300 px-3 py-2 font-mono text-sm break-all select-all dark:border-zinc-700"
        >
          {groups.map((group, index) => (
            <span key={index} className="mr-2 inline-block last:mr-0">
              {group}
            </span>
          ))}
        </code>
      </dd>
    </dl>
  );
}

function SetupInstructions({ secret, uri }: { secret: string; uri: string }) {
  return (
    <div className="space-y-4">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Scan this QR code with your authenticator app, or type the setup key into it. Then enter the code the app shows
        to turn two-factor authentication on.
      </p>
      {/* White in dark mode too: a scanner needs dark modules on a light ground. */}
      <div className="inline-block rounded-md bg-white p-2">
        <QrCode text={uri} label="QR code to add this account to your authenticator app" className="size-48" />
      </div>
      <SetupKey secret={secret} />
    </div>
  );
}

function viewOf(settings: TwoFactorSettings): TwoFactorView {
  switch (settings.state) {
    case "off":
    case "enrolling":
      return { state: settings.state };
    case "on":
      return {
        state: "on",
        enabledAt: { iso: settings.enabledAt.toISOString(), text: formatDateTime(settings.enabledAt) },
        recoveryCodesLeft: settings.recoveryCodesLeft,
      };
  }
}

/**
 * `justUsedRecoveryCode`: the person just signed in with a recovery code (the sign-in sends them here), so the
 * section says how many are left.
 */
export async function TwoFactorSection({
  userId,
  email,
  justUsedRecoveryCode = false,
}: {
  userId: string;
  email: string;
  justUsedRecoveryCode?: boolean;
}) {
  const [settings, security] = await Promise.all([twoFactorSettings(userId, email), accountSecurity(userId)]);
  return (
    <section aria-labelledby="two-factor-heading" className="space-y-4">
      <h2 id="two-factor-heading" className="text-lg font-semibold">
        Two-factor authentication
      </h2>
      {justUsedRecoveryCode && settings.state === "on" && (
        <FormAlert message={recoveryCodeUsedMessage(settings.recoveryCodesLeft)} />
      )}
      <TwoFactorPanel
        view={viewOf(settings)}
        email={email}
        reauth={security.reauth}
        verified={security.emailVerified}
        setup={
          settings.state === "enrolling" ? <SetupInstructions secret={settings.secret} uri={settings.uri} /> : null
        }
      />
    </section>
  );
}
