// The second step of a sign-in, inside Credentials' `authorize`: the code (or recovery code) the browser sends,
// checked against the pending sign-in its cookie names. This is the only way an account with two-factor on gets
// a session — the password alone makes a pending sign-in, never a session — so the form, Auth.js's credentials
// endpoint and any future caller of signIn() all pass here.
//
// Each attempt is charged before its code is checked, twice: to the pending sign-in (TWO_FACTOR_ATTEMPTS, then it
// ends) and to the account's sign-in throttle (src/features/auth/server/throttle.ts), as a password guess is.
import "server-only";

import { z } from "zod";

import { PASSWORD_AND_CODE, type AuthMethod } from "@/config/auth-methods";
import type { User } from "@/db/schema";
import { chargePendingSignIn, endPendingSignIn, finishPendingSignIn, finishPendingSignInWith } from "@/db/two-factor";
import { recordAuthEvent, requestOrigin } from "@/features/activity/server/record";
import { guardedPasswordCheck } from "@/features/auth/server/check-password";
import { BusySignin, SignInEnded, ThrottledSignin, WrongCode } from "@/features/auth/server/sign-in-errors";
import { afterResponse } from "@/features/mail/server/deliver";
import { sendSecurityNotice } from "@/features/mail/server/links";
import { recoveryCodeSchema, totpCodeSchema } from "@/features/two-factor/shared/codes";
import { clientKey } from "@/lib/server/client-ip";

import {
  clearPendingCookie,
  pendingTokenOf,
  tokenHash,
  TWO_FACTOR_ATTEMPTS,
  type CookieWriter,
} from "./pending-sign-in";
import { matchSecondFactor, spendMatch, type SecondFactor } from "./second-factor";

const HANDOVER_TOKEN = /^[A-Za-z0-9_-]{43}$/; // 32 bytes, base64url

const secondStepSchema = z.union([
  z.object({ code: totpCodeSchema }).transform(({ code }) => ({ kind: "totp" as const, code })),
  z.object({ recoveryCode: recoveryCodeSchema }).transform(({ recoveryCode }) => ({
    kind: "recovery" as const,
    code: recoveryCode,
  })),
  z.object({ handover: z.string().regex(HANDOVER_TOKEN) }).transform(({ handover }) => ({
    kind: "handover" as const,
    token: handover,
  })),
]);

const SECOND_STEP_FIELDS = ["code", "recoveryCode", "handover"];

/** Whether these credentials are a second step (a code, a recovery code, a handover) rather than a password. */
export const isSecondStep = (credentials: unknown): boolean =>
  typeof credentials === "object" &&
  credentials !== null &&
  SECOND_STEP_FIELDS.some((field) => (credentials as Record<string, unknown>)[field] !== undefined);

export interface SecondStepContext {
  headers: Headers;
  cookies: CookieWriter;
  now: Date;
}

export interface FinishedSignIn {
  user: User;
  methods: AuthMethod[];
}

/**
 * Finishes the pending sign-in the request names, or throws: SignInEnded (nothing to finish: sign in again),
 * WrongCode, ThrottledSignin, BusySignin.
 */
export async function finishSecondStep(credentials: unknown, context: SecondStepContext): Promise<FinishedSignIn> {
  const parsed = secondStepSchema.safeParse(credentials);
  if (!parsed.success) throw new WrongCode(); // malformed: no attempt charged, and nothing finished
  const step = parsed.data;
  if (step.kind === "handover") return finishHandover(step.token, context.now);
  return finishWithCode(step, context);
}

/** A server-made re-sign-in (see startHandover): its token came from this server, within the last minute. */
async function finishHandover(token: string, now: Date): Promise<FinishedSignIn> {
  const hash = tokenHash(token);
  const pending = await chargePendingSignIn({ tokenHash: hash, awaitingCode: false }, 1, now);
  if (!pending || !(await finishPendingSignIn(hash))) throw new SignInEnded();
  return { user: pending.user, methods: pending.methods };
}

async function finishWithCode(factor: SecondFactor, { headers, cookies, now }: SecondStepContext) {
  const token = pendingTokenOf(headers);
  if (!token) throw new SignInEnded();
  const hash = tokenHash(token);
  const pending = await chargePendingSignIn({ tokenHash: hash, awaitingCode: true }, TWO_FACTOR_ATTEMPTS, now);
  if (!pending) {
    await clearPendingCookie({ headers, cookies });
    throw new SignInEnded();
  }
  const { user } = pending;
  const origin = requestOrigin(headers);
  const outcome = await guardedPasswordCheck({ email: user.email, ip: clientKey(headers) }, "anonymous", () =>
    matchSecondFactor(user.id, factor, { now, lane: "anonymous" }),
  );
  if (outcome.kind === "busy") throw new BusySignin();
  if (outcome.kind === "throttled") {
    await recordAuthEvent("sign-in-throttled", { account: { userId: user.id }, origin, onceWithinMs: 60_000 });
    throw new ThrottledSignin();
  }
  const match = outcome.result;
  // The pending sign-in is finished (deleted) and the code spent in one transaction: of two requests racing on one
  // pending sign-in, the loser spends nothing — a recovery code is never used up for a sign-in that did not happen.
  const finish = match
    ? await finishPendingSignInWith(hash, async (tx) => {
        const spent = await spendMatch(user.id, match, now, tx);
        return spent.valid ? spent : null;
      })
    : ({ finished: false, reason: "code-used" } as const);
  if (!finish.finished && finish.reason === "ended") throw new SignInEnded();
  if (!finish.finished) {
    await recordAuthEvent("two-factor-failed", { account: { userId: user.id }, origin, now });
    const triesLeft = TWO_FACTOR_ATTEMPTS - (pending.failedAttempts + 1);
    if (triesLeft > 0) throw new WrongCode(triesLeft);
    await endPendingSignIn(hash);
    await clearPendingCookie({ headers, cookies });
    throw new SignInEnded();
  }
  await clearPendingCookie({ headers, cookies });
  const check = finish.spent;
  if (check.kind === "recovery") {
    const left = check.recoveryCodesLeft;
    await recordAuthEvent("recovery-code-used", {
      account: { userId: user.id },
      origin,
      now,
      detail: { recoveryCodesLeft: left },
    });
    afterResponse("recovery-code-used notice", () =>
      sendSecurityNotice(user.email, { kind: "recovery-code-used", left }),
    );
  }
  return { user, methods: [...PASSWORD_AND_CODE] };
}
