// Sending without making anyone wait. A form answers at once; the mail goes after the response (Next's `after`,
// which also keeps a serverless function alive until it is done), with a few retries. So a slow or failing SMTP
// server never changes an answer — and neither does the work of finding out whether an account exists, which is
// what keeps an address from being detectable by timing. Failures are logged without the message: a reset link
// in a log is a reset link for whoever reads the log.
import "server-only";

import { after } from "next/server";

import { describeError } from "@/lib/edge/describe-error";
import { maskEmail } from "@/lib/server/mask-email";

import type { Mail } from "./messages";
import { transmit } from "./transport";

/** Waits between attempts: three tries in all. */
const RETRY_DELAYS_MS = [1_000, 4_000];
/**
 * How long one attempt may take, whatever the SMTP server does. nodemailer's own time-outs cover connecting,
 * the greeting and a silent socket, but not a server that takes the message and never confirms it (seen in the
 * tests: still waiting after a minute). Past this, the attempt counts as failed.
 */
const ATTEMPT_DEADLINE_MS = 30_000;

function withinDeadline(sending: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${ATTEMPT_DEADLINE_MS / 1000} s`)),
      ATTEMPT_DEADLINE_MS,
    );
    timer.unref();
  });
  return Promise.race([sending, deadline]).finally(() => clearTimeout(timer));
}

// Work scheduled after responses and not finished yet: tests (and a graceful shutdown) can wait for it.
const pending = new Set<Promise<void>>();

/**
 * Runs `work` once the response has been sent (when there is no request — a script, a test — at once, in the
 * background). What it throws is logged under `label`, never shown to anyone.
 */
export function afterResponse(label: string, work: () => Promise<void>): void {
  const run = async () => {
    try {
      await work();
    } catch (error) {
      console.error(`[mail] ${label} failed: ${describeError(error)}`);
    }
  };
  const started = new Promise<void>((resolve) => {
    const task = () => run().finally(resolve);
    try {
      after(task);
    } catch {
      void task(); // outside a request: nothing to wait for
    }
  });
  pending.add(started);
  void started.finally(() => pending.delete(started));
}

/** Resolves when everything scheduled with afterResponse so far has finished. */
export async function deliveriesSettled(): Promise<void> {
  while (pending.size > 0) await Promise.all([...pending]);
}

/**
 * Sends `mail`, retrying a failure twice (at most about 95 s in all); throws, without the message's content,
 * when every attempt failed.
 */
export async function deliver(mail: Mail): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      await withinDeadline(transmit(mail));
      return;
    } catch (error) {
      const delay = RETRY_DELAYS_MS[attempt];
      if (delay === undefined) {
        throw new Error(`"${mail.subject}" to ${maskEmail(mail.to)} not sent after ${attempt + 1} attempts`, {
          cause: error,
        });
      }
      console.warn(
        `[mail] "${mail.subject}" to ${maskEmail(mail.to)}: attempt ${attempt + 1} failed (${describeError(error)})`,
      );
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
