"use client";

// What an admin can do to one account, as the row menu and the person's page both offer it: which action, its
// words, and whether it asks first. One list, so the two places cannot drift apart.
import {
  deleteUserAction,
  disableUserAction,
  enableUserAction,
  resendVerificationAction,
  signOutUserEverywhereAction,
} from "@/features/admin/actions";

/** The facts that decide which actions an account is offered. */
export interface AccountFacts {
  userId: string;
  name: string;
  email: string;
  activeSessions: number;
  verified: boolean;
  disabled: boolean;
  /** The admin's own account: never disabled or deleted from here. */
  self: boolean;
}

export interface AccountAction {
  key: string;
  label: string;
  pendingLabel: string;
  action: typeof signOutUserEverywhereAction;
  /** Asked in a dialog before it is done (with JavaScript; without, the server's own checks stand). */
  confirm?: { title: string; description: string; confirmLabel: string; destructive: boolean };
}

export interface OfferedAction extends AccountAction {
  /** Whether it applies to the account now. One that does not is not shown, but its form stays, with its answer. */
  offered: boolean;
}

/** Every action there is for `account`, in the order they are shown, each saying whether it applies now. */
export function accountActions(account: AccountFacts): OfferedAction[] {
  const { name, email, activeSessions, verified, disabled, self } = account;
  return [
    {
      key: "sign-out",
      label: "Sign out everywhere",
      pendingLabel: "Signing out…",
      action: signOutUserEverywhereAction,
      confirm: {
        title: `Sign ${name} out of every device?`,
        description: `Every session of ${name} ends at its next check: they will have to sign in again.`,
        confirmLabel: "Sign out everywhere",
        destructive: true,
      },
      // Nothing to end when no one is signed in (item 19 of issue 27).
      offered: activeSessions > 0,
    },
    {
      key: "resend",
      label: "Resend verification link",
      pendingLabel: "Sending…",
      action: resendVerificationAction,
      offered: !verified,
    },
    {
      key: "enable",
      label: "Enable account",
      pendingLabel: "Enabling…",
      action: enableUserAction,
      offered: disabled,
    },
    {
      key: "disable",
      label: "Disable account",
      pendingLabel: "Disabling…",
      action: disableUserAction,
      confirm: {
        title: `Disable ${name}'s account?`,
        description: `${name} is signed out everywhere and cannot sign in until an admin enables the account again.`,
        confirmLabel: "Disable account",
        destructive: true,
      },
      offered: !disabled && !self,
    },
    {
      key: "delete",
      label: "Delete account",
      pendingLabel: "Deleting…",
      action: deleteUserAction,
      confirm: {
        title: `Delete ${name}'s account?`,
        description: `${email}, its sessions, passkeys and events are deleted for good. This cannot be undone.`,
        confirmLabel: "Delete account",
        destructive: true,
      },
      offered: !self,
    },
  ];
}
