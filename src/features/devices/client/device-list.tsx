"use client";

import { useActionState } from "react";

import { FormAlert } from "@/components/form-alert";
import { LocalTime, type ShownTime } from "@/components/local-time";
import { SubmitButton } from "@/components/submit-button";
import { Badge } from "@/components/ui/badge";
import { ConfirmSubmitButton } from "@/components/ui/confirm-dialog";
import { ClientNavigationField, useFullPageRedirect } from "@/features/auth/client/full-page-redirect";
import { SignOutButton } from "@/features/auth/client/sign-out-button";
import { revokeDeviceAction, signOutOtherDevicesAction } from "@/features/devices/actions";
import { IDLE } from "@/lib/shared/form";

/** One live device session, as the server renders it for the list. */
export interface DeviceRow {
  id: string;
  device: string;
  ip: string | null;
  signedIn: ShownTime;
  lastActive: ShownTime;
  /** This browser's own session. */
  current: boolean;
  /** What its Sign out button is called for a screen reader: which device, since every button reads "Sign out". */
  signOutName: string;
}

/**
 * The person's devices, each with a Sign out button. The other devices' forms share one action state, so the
 * answer ("Signed out Firefox 140 on Windows.") stays above the list when the row it was about has gone. This
 * browser's row signs out as the navbar does.
 */
export function DeviceList({ devices }: { devices: DeviceRow[] }) {
  const [state, formAction] = useActionState(revokeDeviceAction, IDLE);
  useFullPageRedirect(state.redirectTo);
  return (
    <div className="space-y-3">
      <FormAlert error={state.formError ?? state.fieldErrors?.sessionId} message={state.message} />
      <ul aria-label="Signed-in devices" className="divide-y divide-zinc-200 dark:divide-zinc-800">
        {devices.map((row) => (
          <li key={row.id} className="flex flex-wrap items-start justify-between gap-3 py-3">
            <div className="space-y-1">
              <p className="font-medium">
                {row.device}
                {row.current && <Badge>This device</Badge>}
              </p>
              <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-sm text-zinc-600 dark:text-zinc-400">
                <dt>Signed in</dt>
                <dd>
                  <LocalTime {...row.signedIn} />
                </dd>
                <dt>Last active</dt>
                <dd>
                  <time dateTime={row.lastActive.iso}>{row.lastActive.text}</time>
                </dd>
                {row.ip && (
                  <>
                    <dt>IP address</dt>
                    <dd>{row.ip}</dd>
                  </>
                )}
              </dl>
            </div>
            {row.current ? (
              <SignOutButton variant="outline" accessibleName={row.signOutName} />
            ) : (
              <form action={formAction}>
                <input type="hidden" name="sessionId" value={row.id} />
                <ClientNavigationField />
                <SubmitButton
                  size="sm"
                  variant="outline"
                  label="Sign out"
                  pendingLabel="Signing out…"
                  aria-label={row.signOutName}
                />
              </form>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * Ends every other session of the account; this browser stays signed in. Offered only when there is another
 * (`others`); the form itself stays, so its answer ("Signed out 2 other devices.") outlives the rows it removed.
 */
export function SignOutOtherDevicesForm({ others }: { others: number }) {
  const [state, formAction] = useActionState(signOutOtherDevicesAction, IDLE);
  return (
    <form action={formAction} className="space-y-3">
      <h3 className="font-semibold">Sign out of all other devices</h3>
      <FormAlert error={state.formError} message={state.message} />
      {others > 0 ? (
        <>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Ends every session of your account except this one.
          </p>
          <ConfirmSubmitButton
            label="Sign out of all other devices"
            pendingLabel="Signing out other devices…"
            title="Sign out of all other devices?"
            description="Every other browser signed in to your account will be signed out. This one stays signed in."
          />
        </>
      ) : (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">No other device is signed in to your account.</p>
      )}
    </form>
  );
}
