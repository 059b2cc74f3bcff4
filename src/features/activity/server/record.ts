// Recording a security event: one insert into auth_events (what Recent activity and /admin show) and one JSON
// line in the log (what a log pipeline alerts on). Called only on paths that write anyway — a sign-in, a
// password change, a sign-out — never on a plain request. The log line carries who, what, the device and the
// IP: never a password, a token, a hash or a link.
import "server-only";

import { headers } from "next/headers";

import type { AuthEventDetail, AuthEventType } from "@/config/auth-events";
import { insertAuthEvent, insertAuthEventByEmail, insertSignInEvent, type SignInHistory } from "@/db/auth-events";
import { describeError } from "@/lib/edge/describe-error";
import { clientIp } from "@/lib/server/client-ip";
import { deviceLabel } from "@/lib/server/device-label";
import { logger } from "@/lib/server/logger";
import { maskEmail } from "@/lib/server/mask-email";

/** Where a request came from, as the device list and the events record it. */
export interface RequestOrigin {
  device: string;
  ip: string | null;
}

export function requestOrigin(headers: Headers): RequestOrigin {
  return { device: deviceLabel(headers.get("user-agent")), ip: clientIp(headers) ?? null };
}

export interface EventFacts {
  /** Whose account: by id, or by the email typed at a sign-in (no row when no account has it). */
  account: { userId: string } | { email: string };
  origin: RequestOrigin;
  /** The device session the event happened in, when there is one. */
  sessionId?: string;
  /** Someone else who did it to the account (an admin). */
  actorId?: string;
  detail?: AuthEventDetail;
  now?: Date;
  /** Store it only if the account has no event of this type that recent (it is logged every time). */
  onceWithinMs?: number;
}

/**
 * Records `type` for an account. A failure to store it is logged and swallowed: the person's action has already
 * happened, and the log line below still carries the event.
 */
export async function recordAuthEvent(type: AuthEventType, facts: EventFacts): Promise<void> {
  const { account, origin, sessionId, actorId, detail, now = new Date(), onceWithinMs } = facts;
  const event = { type, sessionId, actorId, detail, device: origin.device, ip: origin.ip, createdAt: now };
  logEvent(type, facts);
  try {
    if ("userId" in account) await insertAuthEvent(account.userId, event);
    else await insertAuthEventByEmail(account.email, event, { onceWithinMs });
  } catch (error) {
    logger.error({ event: type, error: describeError(error) }, "auth event not stored");
  }
}

/**
 * Records a sign-in (as recordAuthEvent does) and answers what the account's earlier sign-ins say of it: a first
 * one, or from a device never seen before. A failure to store it is logged and answered as a known device: a
 * notice is not worth failing a sign-in for.
 */
export async function recordSignIn(
  userId: string,
  facts: Omit<EventFacts, "account" | "actorId" | "onceWithinMs">,
): Promise<SignInHistory> {
  const { origin, sessionId, detail, now = new Date() } = facts;
  logEvent("sign-in", { ...facts, account: { userId } });
  try {
    return await insertSignInEvent(userId, { sessionId, detail, device: origin.device, ip: origin.ip, createdAt: now });
  } catch (error) {
    logger.error({ event: "sign-in", error: describeError(error) }, "auth event not stored");
    return { signedInBefore: true, fromThisDeviceBefore: true };
  }
}

/** The event's JSON log line: who, what, the device and the IP — addresses masked, never a secret. */
function logEvent(type: AuthEventType, { account, origin, actorId, detail }: EventFacts): void {
  logger.info(
    {
      event: type,
      ...("userId" in account ? { userId: account.userId } : { email: maskEmail(account.email) }),
      ...(actorId ? { actorId } : {}),
      device: origin.device,
      ip: origin.ip,
      ...(detail ? { detail: loggedDetail(detail) } : {}),
    },
    "auth event",
  );
}

/** The detail as the log shows it: addresses masked, as everywhere in the logs. */
function loggedDetail(detail: AuthEventDetail): AuthEventDetail {
  return detail.previousEmail ? { ...detail, previousEmail: maskEmail(detail.previousEmail) } : detail;
}

/** Records `type` for the account `userId`, from the request being handled (a server action, a route handler). */
export async function recordRequestEvent(
  type: AuthEventType,
  userId: string,
  facts: Omit<EventFacts, "account" | "origin"> = {},
): Promise<void> {
  await recordAuthEvent(type, { ...facts, account: { userId }, origin: requestOrigin(await headers()) });
}
