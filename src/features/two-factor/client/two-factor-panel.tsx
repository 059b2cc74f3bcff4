"use client";

import { TriangleAlert } from "lucide-react";
import { useActionState, useState, type ReactNode } from "react";

import { FormAlert } from "@/components/form-alert";
import { FormField } from "@/components/form-field";
import { LocalTime } from "@/components/local-time";
import { SubmitButton } from "@/components/submit-button";
import { Button } from "@/components/ui/button";
import { ConfirmSubmitButton } from "@/components/ui/confirm-dialog";
import { useFullPageRedirect } from "@/features/auth/client/full-page-redirect";
import { ReauthFields } from "@/features/reauthentication/client/reauth-fields";
import { REAUTH_MESSAGES, type ReauthField, type ReauthRequirements } from "@/features/reauthentication/shared/schemas";
import {
  cancelTwoFactorSetupAction,
  disableTwoFactorAction,
  enableTwoFactorAction,
  regenerateRecoveryCodesAction,
  startTwoFactorAction,
} from "@/features/two-factor/actions";
import { TOTP_CODE_LENGTH } from "@/features/two-factor/shared/codes";
import { IDLE, type FormState } from "@/lib/shared/form";

import { RecoveryCodes } from "./recovery-codes";

/** Few enough recovery codes left that the section says to make a new set. */
const FEW_RECOVERY_CODES = 3;

/** What the section shows, as the server read it (the setup's secret stays in the server-rendered `setup`). */
export type TwoFactorView =
  | { state: "off" }
  | { state: "enrolling" }
  | { state: "on"; enabledAt: { iso: string; text: string }; recoveryCodesLeft: number };

const MUTED = "text-sm text-zinc-600 dark:text-zinc-400";

/**
 * The Two-factor section's forms. Every action's state lives here, above the three views, so an answer outlives
 * the view it came from: turning it on (or a new set of codes) answers with recovery codes to show once, and the
 * section must keep them on screen whatever the server now says, with JavaScript (the page may be refreshed under
 * it) and without (the answer is rendered into the next page load, as this component at this same place).
 */
export function TwoFactorPanel({
  view,
  email,
  setup,
  reauth,
  verified,
}: {
  view: TwoFactorView;
  email: string;
  setup?: ReactNode;
  reauth: ReauthRequirements;
  verified: boolean;
}) {
  const start = useActionState(startTwoFactorAction, IDLE);
  const enable = useActionState(enableTwoFactorAction, IDLE);
  const cancel = useActionState(cancelTwoFactorSetupAction, IDLE);
  const regenerate = useActionState(regenerateRecoveryCodesAction, IDLE);
  const disable = useActionState(disableTwoFactorAction, IDLE);
  const states = {
    start: start[0],
    enable: enable[0],
    cancel: cancel[0],
    regenerate: regenerate[0],
    disable: disable[0],
  };
  const last = useLastAnswered(states);
  // A session that ended answers with its own redirect, whichever form was sent.
  useFullPageRedirect(last ? states[last].redirectTo : undefined);

  const revealed = states.enable.revealed ?? states.regenerate.revealed;
  // The success of the form that answered last ("Two-factor authentication is off."), above whatever view follows.
  const message = last && states[last].status === "success" ? states[last].message : undefined;

  return (
    <div className="space-y-6">
      <FormAlert message={message} />
      {revealed ? (
        <RecoveryCodes codes={revealed} email={email} />
      ) : view.state === "off" ? (
        <StartForm state={start} verified={verified} />
      ) : view.state === "enrolling" ? (
        <>
          {setup}
          <CancelSetupForm state={cancel} />
          <EnableForm state={enable} reauth={reauth} cancelPending={cancel[2]} />
        </>
      ) : (
        <>
          <OnSummary enabledAt={view.enabledAt} recoveryCodesLeft={view.recoveryCodesLeft} />
          <RegenerateForm state={regenerate} reauth={reauth} />
          <DisableForm state={disable} reauth={reauth} />
        </>
      )}
    </div>
  );
}

type Bound<Field extends string> = [FormState<Field>, (formData: FormData) => void, boolean];

/**
 * Which of `states` answered last. Each answer is a new object, so the one that differs from the previous render
 * is the newest (the "adjust state while rendering" pattern: no effect, no extra paint). Without JavaScript only one
 * form was sent, so the first that is not idle.
 */
function useLastAnswered<Key extends string>(states: Record<Key, FormState>): Key | null {
  const keys = Object.keys(states) as Key[];
  const [seen, setSeen] = useState(() => ({
    states,
    last: keys.find((key) => states[key].status !== "idle") ?? null,
  }));
  const changed = keys.find((key) => states[key] !== seen.states[key]);
  if (changed === undefined) return seen.last;
  setSeen({ states, last: changed });
  return changed;
}

function StartForm({ state: [state, formAction], verified }: { state: Bound<never>; verified: boolean }) {
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <p className={MUTED}>
        Sign in with your password and a {TOTP_CODE_LENGTH}-digit code from an authenticator app on your phone (such as
        1Password, Google Authenticator or Aegis), so your password alone is not enough.
      </p>
      <FormAlert error={state.formError} />
      {verified ? (
        <SubmitButton label="Set up two-factor" pendingLabel="Setting up…" />
      ) : (
        <p className="text-sm">{REAUTH_MESSAGES.verifyFirst}</p>
      )}
    </form>
  );
}

function EnableForm({
  state: [state, formAction],
  reauth,
  cancelPending,
}: {
  state: Bound<"code" | ReauthField>;
  reauth: ReauthRequirements;
  cancelPending: boolean;
}) {
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormAlert error={state.formError} />
      <FormField
        id="two-factor-enable-code"
        name="code"
        label="Authentication code"
        hint={`The ${TOTP_CODE_LENGTH}-digit code the app shows for this account.`}
        autoComplete="one-time-code"
        inputMode="numeric"
        autoCapitalize="off"
        spellCheck={false}
        required
        error={state.fieldErrors?.code}
      />
      <ReauthFields idPrefix="two-factor-enable" requirements={reauth} errors={state.fieldErrors} />
      <div className="flex flex-wrap gap-3">
        <SubmitButton label="Turn on" pendingLabel="Turning on…" />
        {/* Beside Turn on, but it sends the cancel form (the `form` attribute; without JavaScript too). */}
        <Button type="submit" form={CANCEL_SETUP_FORM} variant="outline" disabled={cancelPending}>
          {cancelPending ? "Cancelling…" : "Cancel setup"}
        </Button>
      </div>
    </form>
  );
}

/** The id that lets the Cancel setup button sit in the enable form's row and still send this form. */
const CANCEL_SETUP_FORM = "two-factor-cancel-setup";

function CancelSetupForm({ state: [state, formAction] }: { state: Bound<never> }) {
  return (
    <form id={CANCEL_SETUP_FORM} action={formAction}>
      <FormAlert error={state.formError} />
    </form>
  );
}

function OnSummary({
  enabledAt,
  recoveryCodesLeft,
}: {
  enabledAt: { iso: string; text: string };
  recoveryCodesLeft: number;
}) {
  const codesLeft = `${recoveryCodesLeft} recovery ${recoveryCodesLeft === 1 ? "code" : "codes"} left`;
  return (
    <div className="space-y-2">
      <p>
        Two-factor authentication is on. It was turned on <LocalTime {...enabledAt} />.
      </p>
      {recoveryCodesLeft > FEW_RECOVERY_CODES ? (
        <p className={MUTED}>{codesLeft}.</p>
      ) : (
        <p className="flex gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
          <TriangleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
          <span>{codesLeft}. Make a new set below before you run out, or a lost phone could lock you out.</span>
        </p>
      )}
    </div>
  );
}

function RegenerateForm({
  state: [state, formAction],
  reauth,
}: {
  state: Bound<ReauthField>;
  reauth: ReauthRequirements;
}) {
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <h3 className="font-semibold">Recovery codes</h3>
      <p className={MUTED}>
        Each recovery code signs you in once if you cannot use your authenticator app. A new set replaces the old one.
      </p>
      <FormAlert error={state.formError} />
      <ReauthFields idPrefix="two-factor-regenerate" requirements={reauth} errors={state.fieldErrors} />
      <ConfirmSubmitButton
        label="Regenerate recovery codes"
        variant="outline" // it replaces the codes, with a confirmation; nothing is lost or turned off
        pendingLabel="Regenerating…"
        title="Regenerate recovery codes?"
        description="Your current recovery codes will stop working at once. Save the new ones when they appear."
      />
    </form>
  );
}

function DisableForm({
  state: [state, formAction],
  reauth,
}: {
  state: Bound<ReauthField>;
  reauth: ReauthRequirements;
}) {
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <h3 className="font-semibold">Turn off two-factor</h3>
      <p className={MUTED}>
        Signing in will ask for your password only. Lost your phone? Use one of your recovery codes as the code.
      </p>
      <FormAlert error={state.formError} />
      <ReauthFields idPrefix="two-factor-disable" requirements={reauth} errors={state.fieldErrors} />
      <ConfirmSubmitButton
        label="Turn off two-factor"
        pendingLabel="Turning off…"
        title="Turn off two-factor authentication?"
        description="Signing in will ask for your password only, and your recovery codes will stop working."
      />
    </form>
  );
}
