// Changing the email from /settings, through the real actions, the real database and a real SMTP server on
// loopback: the link goes to the new address, the old one is told, and nothing changes until the link is opened.
import { randomInt } from "node:crypto";
import type { JWT } from "next-auth/jwt";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";

import { getDb } from "@/db";
import { startDeviceSession } from "@/db/device-sessions";
import { findUsableMailLink, usableLinkCount } from "@/db/mail-links";
import { createUser, getUserById } from "@/db/queries";
import { authorizeCredentials } from "@/features/auth/server/authorize";
import { hashPassword } from "@/features/auth/server/password-hash";
import { revalidateToken } from "@/features/auth/server/revalidate";
import { cancelEmailChangeAction, openEmailLinkAction } from "@/features/email-verification/actions";
import { deliveriesSettled } from "@/features/mail/server/deliver";
import { hashLinkToken } from "@/features/mail/server/link-token";
import { INVALID_LINK } from "@/features/mail/shared/link-token";
import { REAUTH_MESSAGES } from "@/features/reauthentication/shared/schemas";
import { IDLE } from "@/lib/shared/form";
import { actAs, actSignedOut, refreshedSession, request } from "@tests/support/action-request";
import { form } from "@tests/support/form";
import { linkTo } from "@tests/support/mail-sink";
import { receivedMail, receivedMails } from "@tests/support/test-mailbox";
import { uniqueEmail } from "@tests/support/users";

import { changeEmailAction } from "./actions";
import { emailChangeRequested } from "./shared/schemas";

vi.mock("next/headers", async (original) => ({
  ...(await original()),
  ...(await import("@tests/support/action-request")).nextHeaders,
}));

const PASSWORD = "correct horse battery staple 42";
const DAY_MS = 24 * 60 * 60 * 1000;

let passwordHash: string;

/** A verified account with PASSWORD, signed in: the next action runs with its session, from an address of its own. */
async function signedIn() {
  const me = await createUser({
    email: uniqueEmail("old"),
    name: "Ada Lovelace",
    passwordHash,
    emailVerifiedAt: new Date(),
  });
  if (!me) throw new Error("could not create a test person");
  await actAs(me);
  // One client address per test, so the throttles' per-IP counters of other tests (and files) never meet.
  request.headers.set("x-forwarded-for", `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`);
  return me;
}

const requestChange = (newEmail: string, currentPassword = PASSWORD) =>
  changeEmailAction(IDLE, form({ newEmail, currentPassword }));

const openLink = (token: string) => openEmailLinkAction(IDLE, form({ token }));
const cancelLink = (token: string) => cancelEmailChangeAction(IDLE, form({ token }));

/** A change asked for by a signed-in person: the link mailed to the new address, and the cancel link to the old. */
async function changeAskedWithCancelLink(label: string) {
  const me = await signedIn();
  const newEmail = uniqueEmail(label);
  const since = Date.now();
  await requestChange(newEmail);
  await deliveriesSettled();
  const token = await mailedToken(newEmail, since);
  const notice = await receivedMail({ to: me.email, subject: "A change of your email was requested", since });
  const cancel = new URL(linkTo(notice, "/cancel-email-change")).searchParams.get("token")!;
  return { me, newEmail, token, cancel, notice };
}

/** The token of the newest confirmation link mailed to `to` since `since`. */
async function mailedToken(to: string, since: number): Promise<string> {
  const mail = await receivedMail({ to, subject: "Confirm your new email", since });
  const token = new URL(linkTo(mail, "/verify-email")).searchParams.get("token");
  if (!token) throw new Error("the confirmation link carries no token");
  return token;
}

/** Asks for a change to `newEmail` as the signed-in person and returns the token mailed there. */
async function requestedToken(newEmail: string): Promise<string> {
  const since = Date.now();
  expect((await requestChange(newEmail)).status).toBe("success");
  await deliveriesSettled();
  return mailedToken(newEmail, since);
}

describe(`changing the email on ${process.env.TEST_DB_ENGINE}`, () => {
  beforeAll(async () => {
    await getDb(); // opening (and migrating) the database is the hook's time, not the first test's
    passwordHash = await hashPassword(PASSWORD);
  });

  afterEach(async () => {
    vi.useRealTimers();
    await deliveriesSettled(); // no mail still in flight when the file's SMTP server closes
  });

  it("refuses a wrong current password with a field error, keeps the new email typed, and sends no mail", async () => {
    const me = await signedIn();
    const newEmail = uniqueEmail("new");
    const since = Date.now();
    const state = await requestChange(newEmail, "not my password at all, sorry");
    expect(state).toEqual({
      status: "error",
      fieldErrors: { currentPassword: "That is not your current password." },
      values: { newEmail },
    });
    await deliveriesSettled();
    expect(receivedMails({ to: newEmail, since })).toEqual([]);
    expect(receivedMails({ to: me.email, since })).toEqual([]);
    expect(await usableLinkCount(me.id, "change-email", new Date())).toBe(0);
  });

  it("refuses the address the account already has with a field error, before any password check", async () => {
    const me = await signedIn();
    const state = await requestChange(` ${me.email.toUpperCase()} `, "not even checked, long enough");
    expect(state.status).toBe("error");
    expect(state.fieldErrors).toEqual({ newEmail: "That is already your email." });
  });

  it("mails the link to the new address and a notice to the old; the email changes only when the link is opened", async () => {
    const me = await signedIn();
    const newEmail = uniqueEmail("new");
    const since = Date.now();
    const state = await requestChange(newEmail.toUpperCase());
    expect(state).toEqual({
      status: "success",
      message: `Check your inbox: we sent a link to ${newEmail}. Your email changes when you open it.`,
      values: { newEmail: newEmail.toUpperCase() },
    });
    await deliveriesSettled();

    const token = await mailedToken(newEmail, since);
    const notice = await receivedMail({ to: me.email, subject: "A change of your email was requested", since });
    expect(notice.text).toContain(newEmail);
    expect(notice.text).not.toContain(token); // the old address never gets the link
    expect(receivedMails({ to: me.email, subject: "Confirm your new email", since })).toEqual([]);

    // Asked for, not done: the account keeps its address, and the old one still signs in.
    expect((await getUserById(me.id))?.email).toBe(me.email);
    expect(await authorizeCredentials({ email: me.email, password: PASSWORD })).toMatchObject({ id: me.id });

    // Opened in the browser that is signed in as this person: the address moves, and this session's cookie at once.
    await actAs(me);
    expect(await openLink(token)).toMatchObject({
      status: "success",
      message: `Email verified. Your account's email is now ${newEmail}.`,
    });
    const after = await getUserById(me.id);
    expect(after).toMatchObject({ email: newEmail, sessionVersion: me.sessionVersion });
    expect(after?.emailVerifiedAt).toBeInstanceOf(Date);
    expect(await refreshedSession()).toMatchObject({ sub: me.id, email: newEmail });

    await deliveriesSettled();
    const changed = await receivedMail({ to: me.email, subject: "Your email was changed", since });
    expect(changed.text).toContain(newEmail);

    // Sign-in works with the new address and no longer with the old one.
    expect(await authorizeCredentials({ email: newEmail, password: PASSWORD })).toMatchObject({
      id: me.id,
      email: newEmail,
    });
    expect(await authorizeCredentials({ email: me.email, password: PASSWORD })).toBeNull();
  });

  it("the notice to the old address carries a link that cancels the change: the new address's link stops working", async () => {
    const { me, token, cancel, notice } = await changeAskedWithCancelLink("intruder");
    expect(notice.text).toContain("Cancel this change");

    // Opened with no session at all: the owner may well be locked out.
    actSignedOut();
    expect(await cancelLink(cancel)).toMatchObject({
      status: "success",
      message: expect.stringContaining(`your account's email stays ${me.email}`),
    });
    expect(await openLink(token)).toMatchObject({ status: "error", formError: INVALID_LINK });
    expect((await getUserById(me.id))?.email).toBe(me.email);
    expect(await cancelLink(cancel)).toMatchObject({ status: "error", formError: INVALID_LINK }); // once
  });

  it("a cancel link does nothing once the change was made, nor on another page", async () => {
    const { me, newEmail, token, cancel } = await changeAskedWithCancelLink("new");
    expect(await openLink(cancel)).toMatchObject({ status: "error", formError: INVALID_LINK }); // not a change link
    expect(await openLink(token)).toMatchObject({ status: "success" });
    expect(await cancelLink(cancel)).toMatchObject({ status: "error", formError: INVALID_LINK });
    expect((await getUserById(me.id))?.email).toBe(newEmail);
  });

  it("an address not proven cannot be moved, even with the password", async () => {
    const me = await createUser({ email: uniqueEmail("unproven"), name: "Ada", passwordHash });
    await actAs(me!);
    expect(await requestChange(uniqueEmail("new"))).toMatchObject({
      status: "error",
      formError: REAUTH_MESSAGES.verifyFirst,
    });
  });

  it("answers the same when the new address belongs to another account, mails it nothing, and tells the old address", async () => {
    const other = await createUser({ email: uniqueEmail("taken"), name: "Someone Else", passwordHash: "x" });
    const me = await signedIn();
    const free = uniqueEmail("free");
    const since = Date.now();

    const taken = await requestChange(other!.email);
    const forFree = await requestChange(free);
    expect(taken).toEqual({
      ...forFree,
      message: emailChangeRequested(other!.email),
      values: { newEmail: other!.email },
    });
    expect(taken.status).toBe("success");
    await deliveriesSettled();

    expect(receivedMails({ to: other!.email, since })).toEqual([]);
    const notices = receivedMails({ to: me.email, subject: "A change of your email was requested", since });
    expect(notices.map((mail) => mail.text.includes(other!.email))).toEqual([true, false]);
    expect(await getUserById(me.id)).toMatchObject({ email: me.email });
    expect(await getUserById(other!.id)).toMatchObject({ email: other!.email });
  });

  it("refuses a link whose address another account took meanwhile, and changes nothing", async () => {
    const me = await signedIn();
    const newEmail = uniqueEmail("new");
    const token = await requestedToken(newEmail);
    const since = Date.now();
    const other = await createUser({ email: newEmail, name: "Quicker", passwordHash: "x" });

    actSignedOut();
    expect(await openLink(token)).toMatchObject({ status: "error", formError: INVALID_LINK });
    expect(await getUserById(me.id)).toMatchObject({ email: me.email });
    expect(await getUserById(other!.id)).toMatchObject({ email: newEmail });
    await deliveriesSettled();
    expect(receivedMails({ to: me.email, subject: "Your email was changed", since })).toEqual([]);
  });

  it("uses a link once", async () => {
    const me = await signedIn();
    const newEmail = uniqueEmail("new");
    const token = await requestedToken(newEmail);
    actSignedOut();
    expect((await openLink(token)).status).toBe("success");
    expect(await openLink(token)).toMatchObject({ status: "error", formError: INVALID_LINK });
    expect(await getUserById(me.id)).toMatchObject({ email: newEmail });
  });

  it("lets a link expire after 24 hours", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const sentAt = new Date("2030-01-01T12:00:00Z");
    vi.setSystemTime(sentAt);
    const me = await signedIn();
    const token = await requestedToken(uniqueEmail("new"));
    const hash = hashLinkToken(token);

    expect(await findUsableMailLink(hash, "change-email", new Date(sentAt.getTime() + DAY_MS - 1_000))).toBeDefined();
    expect(await findUsableMailLink(hash, "change-email", new Date(sentAt.getTime() + DAY_MS))).toBeUndefined();

    vi.setSystemTime(sentAt.getTime() + DAY_MS + 1_000);
    actSignedOut();
    expect(await openLink(token)).toMatchObject({ status: "error", formError: INVALID_LINK });
    expect(await getUserById(me.id)).toMatchObject({ email: me.email });
  });

  it("voids the older link when a newer change is asked for", async () => {
    const me = await signedIn();
    const first = uniqueEmail("first");
    const second = uniqueEmail("second");
    const older = await requestedToken(first);
    const newer = await requestedToken(second);
    expect(await usableLinkCount(me.id, "change-email", new Date())).toBe(1);

    actSignedOut();
    expect(await openLink(older)).toMatchObject({ status: "error", formError: INVALID_LINK });
    expect((await openLink(newer)).status).toBe("success");
    expect(await getUserById(me.id)).toMatchObject({ email: second });
  });

  it("voids the older link also when the newer request names a taken address (no oracle in the older link)", async () => {
    const other = await createUser({ email: uniqueEmail("taken"), name: "Someone Else", passwordHash: "x" });
    const me = await signedIn();
    const older = await requestedToken(uniqueEmail("first"));
    expect((await requestChange(other!.email)).status).toBe("success");
    await deliveriesSettled();
    expect(await usableLinkCount(me.id, "change-email", new Date())).toBe(0);

    actSignedOut();
    expect(await openLink(older)).toMatchObject({ status: "error", formError: INVALID_LINK });
    expect(await getUserById(me.id)).toMatchObject({ email: me.email });
  });

  it("does not accept a change link on the reset flow", async () => {
    await signedIn();
    const token = await requestedToken(uniqueEmail("new"));
    const hash = hashLinkToken(token);
    expect(await findUsableMailLink(hash, "reset-password", new Date())).toBeUndefined();
    expect(await findUsableMailLink(hash, "verify-email", new Date())).toBeUndefined();
    expect(await findUsableMailLink(hash, "change-email", new Date())).toBeDefined();
  });

  it("throttles requests for one new address: the sixth within the hour gets the throttle message", async () => {
    const me = await signedIn();
    const newEmail = uniqueEmail("new");
    for (let i = 0; i < 5; i += 1) expect((await requestChange(newEmail)).status).toBe("success");
    const state = await requestChange(newEmail);
    expect(state.status).toBe("error");
    expect(state.formError).toMatch(/^Too many attempts\. Try again in \d+ minutes?\.$/);
    await deliveriesSettled();
    expect(await getUserById(me.id)).toMatchObject({ email: me.email });
  });

  it("lets another session's token pick up the new email at its next check", async () => {
    const me = await signedIn();
    const otherDevice = await startDeviceSession(
      { userId: me.id, device: "Vitest", ip: null },
      new Date(),
      new Date(0),
    );
    const newEmail = uniqueEmail("new");
    const token = await requestedToken(newEmail);
    actSignedOut();
    expect((await openLink(token)).status).toBe("success");

    const old: JWT = {
      sub: me.id,
      name: me.name,
      email: me.email,
      picture: null,
      role: "user",
      sessionVersion: me.sessionVersion,
      sid: otherDevice,
      checkedAt: 0,
    };
    expect(await revalidateToken(old)).toMatchObject({ sub: me.id, email: newEmail, verifiedEmail: true });
  });
});
