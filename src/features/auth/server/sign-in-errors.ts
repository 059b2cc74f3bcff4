// The ways a sign-in is refused that the form words differently from "Invalid email or password". Auth.js
// passes each `code` through to the action (and to /login?code=… for its API); the person's own mistakes all
// stay one generic CredentialsSignin.
import "server-only";

import { CredentialsSignin } from "@auth/core/errors"; // what next-auth re-exports, without its Next-only imports

import { SECOND_FACTOR_REQUIRED } from "@/features/auth/shared/messages";

export class ThrottledSignin extends CredentialsSignin {
  override code = "throttled";
}

export class BusySignin extends CredentialsSignin {
  override code = "busy";
}

/** The password was right and two-factor is on: a pending sign-in waits for its code (no session yet). */
export class SecondFactorRequired extends CredentialsSignin {
  override code = SECOND_FACTOR_REQUIRED;
}

/** The code (or recovery code) was wrong; the pending sign-in allows another try. */
export class WrongCode extends CredentialsSignin {
  override code = "wrong-code";
  /** How many more codes the pending sign-in takes; unset when none was charged (a malformed code). */
  readonly triesLeft: number | undefined;
  constructor(triesLeft?: number) {
    super();
    this.triesLeft = triesLeft;
  }
}

/** There is no pending sign-in to finish: none, expired, finished already, or out of attempts. Sign in again. */
export class SignInEnded extends CredentialsSignin {
  override code = "sign-in-ended";
}

/** A passkey this site does not know (removed, or never registered here). */
export class UnknownPasskey extends CredentialsSignin {
  override code = "unknown-passkey";
}
