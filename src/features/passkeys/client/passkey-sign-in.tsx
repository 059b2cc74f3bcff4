"use client";

import {
  browserSupportsWebAuthn,
  browserSupportsWebAuthnAutofill,
  startAuthentication,
  WebAuthnAbortService,
} from "@simplewebauthn/browser";
import { useCallback, useEffect, useRef, useState } from "react";

import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/use-hydrated";
import { passkeySignInOptionsAction, signInWithPasskeyAction } from "@/features/passkeys/actions";
import { PASSKEY_MESSAGES } from "@/features/passkeys/shared/schemas";

import { ceremonyError } from "./ceremony";

type Answer = { error: string } | { redirectTo: string } | null;

/** One passkey sign-in, from the options to where the browser goes next. A null answer: aborted, say nothing. */
async function signInOnce(callbackUrl: string, autofill: boolean, wanted = () => true): Promise<Answer> {
  const options = await passkeySignInOptionsAction();
  // Starting a ceremony cancels the one under way: an autofill request that the button (or leaving the page)
  // overtook while its options were on their way must not start and cancel the button's.
  if (!wanted()) return null;
  if (!options.ok) return autofill ? null : { error: options.error };
  let response;
  try {
    response = await startAuthentication({ optionsJSON: options.options, useBrowserAutofill: autofill });
  } catch (error) {
    // The autofill request is an offer made in the background: when it fails (aborted, or a browser that will not
    // take it — an IP address as the relying party, say) nobody asked for anything, so nothing is said. What the
    // server says of a passkey someone picked from the list is shown, below.
    if (autofill) return null;
    const message = ceremonyError(error, PASSKEY_MESSAGES.refused, PASSKEY_MESSAGES.noneUsed);
    return message ? { error: message } : null;
  }
  const signedIn = await signInWithPasskeyAction(JSON.stringify(response), callbackUrl);
  if (!signedIn.ok) return { error: signedIn.error };
  return signedIn.redirectTo ? { redirectTo: signedIn.redirectTo } : { error: PASSKEY_MESSAGES.refused };
}

/**
 * Passkey sign-in on /login, both ways in: the email field's autofill (conditional UI, waiting from the moment the
 * page runs, on browsers that offer it) and the button. Either ends in a full page load where the sign-in goes, as
 * the password form's does, so the layout renders with the new session. The button cancels the waiting autofill
 * request (one ceremony at a time), as leaving the page does; that abort is no error to show.
 */
export function usePasskeySignIn(callbackUrl: string): {
  error: string | undefined;
  pending: boolean;
  signIn: () => void;
  clearError: () => void;
} {
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  // Bumped when the button's sign-in ends here (cancelled, refused): the autofill request it cancelled starts again.
  const [autofillRound, setAutofillRound] = useState(0);
  const mounted = useRef(true);
  const buttonPresses = useRef(0);

  const finish = useCallback((answer: Answer) => {
    if (!mounted.current || !answer) return;
    if ("redirectTo" in answer) window.location.assign(answer.redirectTo);
    else setError(answer.error);
  }, []);

  useEffect(() => {
    mounted.current = true;
    let cancelled = false;
    const round = buttonPresses.current;
    const wanted = () => !cancelled && buttonPresses.current === round;
    browserSupportsWebAuthnAutofill()
      .then((supported) => (supported && wanted() ? signInOnce(callbackUrl, true, wanted) : null))
      .then(finish, () => finish({ error: PASSKEY_MESSAGES.refused }));
    return () => {
      cancelled = true;
      mounted.current = false;
      WebAuthnAbortService.cancelCeremony();
    };
  }, [callbackUrl, finish, autofillRound]);

  const signIn = useCallback(() => {
    setError(undefined);
    if (!browserSupportsWebAuthn()) return setError(PASSKEY_MESSAGES.unsupported);
    setPending(true);
    buttonPresses.current += 1;
    // startAuthentication cancels the autofill request itself when it starts; cancelling now also stops it from
    // answering while the options are on their way.
    WebAuthnAbortService.cancelCeremony();
    signInOnce(callbackUrl, false)
      .catch((): Answer => ({ error: PASSKEY_MESSAGES.refused }))
      .then((answer) => {
        finish(answer);
        // Stays pending while the browser leaves for the next page.
        if (answer && "redirectTo" in answer) return;
        setPending(false);
        setAutofillRound((round) => round + 1);
      });
  }, [callbackUrl, finish]);

  return { error, pending, signIn, clearError: () => setError(undefined) };
}

/** The button: rendered only once React runs, since it does nothing without JavaScript. */
export function PasskeySignInButton({ pending, onClick }: { pending: boolean; onClick: () => void }) {
  if (!useHydrated()) return null;
  return (
    <Button variant="outline" className="w-full" disabled={pending} aria-disabled={pending} onClick={onClick}>
      {pending ? "Signing in with a passkey…" : "Sign in with a passkey"}
    </Button>
  );
}
