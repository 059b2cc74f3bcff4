// Sign-up and email verification, end to end through the actions, the database and a real SMTP server on
// loopback (tests/support/mail-setup.ts): what a person sees, what the database keeps, what arrives by mail.
import { createHash, randomInt } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";

import { getDb } from "@/db";
import { startDeviceSession } from "@/db/device-sessions";
import { createUser, getUserByEmail } from "@/db/queries";
import { pendingRegistrations } from "@/db/schema";
import { registerAction } from "@/features/auth/actions/sign-up";
import { authorizeCredentials } from "@/features/auth/server/authorize";
import { hashPassword } from "@/features/auth/server/password-hash";
import { revalidateToken } from "@/features/auth/server/revalidate";
import { deliveriesSettled } from "@/features/mail/server/deliver";
import { sendLink } from "@/features/mail/server/links";
import { INVALID_LINK } from "@/features/mail/shared/link-token";
import { IDLE } from "@/lib/shared/form";
import { form } from "@tests/support/form";
import { linkTo, type ReceivedMail } from "@tests/support/mail-sink";
import { receivedMail, receivedMails, testMailSink } from "@tests/support/test-mailbox";
import { createPerson, uniqueEmail } from "@tests/support/users";

import { openEmailLinkAction, resendVerificationAction } from "./actions";
import { NEW_LINK_SENT } from "./shared/schemas";

const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/headers")>()),
  headers: async () => request.headers,
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false, set: () => {}, delete: () => {} }),
}));

const PASSWORD = "correct horse battery staple";
/** Each test from an address of its own, so the per-IP mail limit of one test never reaches the next. */
const fromNewAddress = () => {
  request.headers = new Headers({
    "x-forwarded-for": `198.51.100.${randomInt(1, 255)}, 2001:db8:${randomInt(0xffff).toString(16)}::1`,
  });
};

const signUp = (name: string, email: string, password = PASSWORD) =>
  registerAction(IDLE, form({ name, email, password }));
const open = (token: string) => openEmailLinkAction(IDLE, form({ token }));
const tokenOf = (mail: ReceivedMail) => new URL(linkTo(mail, "/verify-email")).searchParams.get("token")!;

async function pendingRegistrationOf(email: string) {
  const db = await getDb();
  const [row] = await db.select().from(pendingRegistrations).where(eq(pendingRegistrations.email, email));
  return row;
}

async function verificationMailTo(email: string): Promise<ReceivedMail> {
  await deliveriesSettled();
  return receivedMail({ to: email, subject: "Verify your email" });
}

afterEach(() => {
  vi.useRealTimers();
  testMailSink().behaviour = "accept";
});

describe(`sign-up and email verification on ${process.env.TEST_DB_ENGINE}`, () => {
  beforeAll(async () => {
    await getDb();
  });

  it("answers a new address and a taken one alike, and tells each by mail only", async () => {
    fromNewAddress();
    const fresh = uniqueEmail("fresh");
    const taken = uniqueEmail("taken");
    await createUser({ email: taken, name: "Owner", passwordHash: await hashPassword(PASSWORD) });
    const ownerBefore = await getUserByEmail(taken);

    const forFresh = await signUp("Ada", fresh);
    const forTaken = await signUp("Mallory", taken, "another password entirely 42");
    const answer = (email: string) => ({
      status: "success",
      message: `Check your inbox: we sent a link to ${email}.`,
      values: { email },
    });
    expect(forFresh).toEqual(answer(fresh));
    expect(forTaken).toEqual(answer(taken));

    await deliveriesSettled();
    const verification = await receivedMail({ to: fresh, subject: "Verify your email" });
    expect(verification.text).toContain("24 hours");
    expect(verification.html).toContain("/verify-email?token=");
    expect(verification.from).toContain("no-reply@app.test");
    const note = await receivedMail({ to: taken, subject: "Someone tried to sign up with your email" });
    expect(note.links.map((link) => new URL(link).pathname)).toEqual(["/login", "/forgot-password"]);
    expect(receivedMails({ to: taken, subject: "Verify your email" })).toEqual([]);
    // The owner's account is as it was: same password, same name, still one account.
    expect(await getUserByEmail(taken)).toEqual(ownerBefore);
    // The new address has no account yet: only a sign-up waiting for its link.
    expect(await getUserByEmail(fresh)).toBeUndefined();
    expect(await pendingRegistrationOf(fresh)).toMatchObject({ name: "Ada" });
    expect(await pendingRegistrationOf(taken)).toBeUndefined();
  });

  it("keeps only the token's SHA-256: the database holds nothing that opens the link", async () => {
    fromNewAddress();
    const email = uniqueEmail();
    await signUp("Ada", email);
    const token = tokenOf(await verificationMailTo(email));
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 bits
    const rows = await (await getDb()).select().from(pendingRegistrations).where(eq(pendingRegistrations.email, email));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).toBe(createHash("sha256").update(token).digest("base64url"));
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows[0]!.passwordHash).toMatch(/^\$2[aby]\$10\$/); // the password as sign-up hashed it, never in clear
    expect(JSON.stringify(rows)).not.toContain(PASSWORD);
  });

  it("verifies with the link once; a second use is an invalid link", async () => {
    fromNewAddress();
    const email = uniqueEmail();
    await signUp("Ada", email);
    const token = tokenOf(await verificationMailTo(email));
    expect(await open(token)).toMatchObject({ status: "success", message: "Email verified." });
    expect(await getUserByEmail(email)).toMatchObject({ name: "Ada", emailVerifiedAt: expect.any(Date) });
    expect(await pendingRegistrationOf(email)).toBeUndefined();
    expect(await open(token)).toMatchObject({ status: "error", formError: INVALID_LINK });
  });

  it("lets exactly one of two simultaneous uses of a link through", async () => {
    fromNewAddress();
    const email = uniqueEmail();
    await signUp("Ada", email);
    const token = tokenOf(await verificationMailTo(email));
    const outcomes = await Promise.all([open(token), open(token), open(token)]);
    expect(outcomes.filter((state) => state.status === "success")).toHaveLength(1);
    expect(outcomes.filter((state) => state.formError === INVALID_LINK)).toHaveLength(2);
  });

  it("refuses a link after 24 hours (the clock moved, not slept through)", async () => {
    fromNewAddress();
    const email = uniqueEmail();
    await signUp("Ada", email);
    const token = tokenOf(await verificationMailTo(email));
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 24 * 60 * 60 * 1000 + 1_000);
    expect(await open(token)).toMatchObject({ status: "error", formError: INVALID_LINK });
    vi.useRealTimers();
    expect(await getUserByEmail(email)).toBeUndefined();
    // Still usable a moment before: the refusal was the clock's, not a spent link's.
    expect(await open(token)).toMatchObject({ status: "success" });
  });

  it("refuses a tampered token, a malformed one, and one meant for another page", async () => {
    fromNewAddress();
    const email = uniqueEmail();
    await signUp("Ada", email);
    const token = tokenOf(await verificationMailTo(email));
    const flipped = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
    expect(await open(flipped)).toMatchObject({ status: "error", formError: INVALID_LINK });
    expect(await open("not-a-token")).toMatchObject({ status: "error", fieldErrors: { token: INVALID_LINK } });

    // A live reset link (another account's) opens nothing on this page.
    const other = await createPerson("verification-page");
    await sendLink(other.id, "reset-password", other.email);
    const reset = await receivedMail({ to: other.email, subject: "Reset your password" });
    const resetToken = new URL(linkTo(reset, "/reset-password")).searchParams.get("token")!;
    expect(await open(resetToken)).toMatchObject({ status: "error", formError: INVALID_LINK });
    expect(await getUserByEmail(email)).toBeUndefined();
    expect(await open(token)).toMatchObject({ status: "success" }); // the right link still works
  });

  it("voids the older link when a new one is sent", async () => {
    fromNewAddress();
    const email = uniqueEmail();
    await signUp("Ada", email);
    const first = tokenOf(await verificationMailTo(email));
    expect(await resendVerificationAction(IDLE, form({ email }))).toMatchObject({ message: NEW_LINK_SENT });
    await deliveriesSettled();
    const mails = receivedMails({ to: email, subject: "Verify your email" });
    expect(mails).toHaveLength(2);
    const second = tokenOf(mails[1]!);
    expect(await open(first)).toMatchObject({ formError: INVALID_LINK });
    expect(await open(second)).toMatchObject({ status: "success" });
  });

  it("answers 'send a new link' the same for an unknown, a verified and a waiting address; mails only the waiting ones", async () => {
    fromNewAddress();
    const signedUp = uniqueEmail("signed-up");
    const older = uniqueEmail("older-account");
    const verified = uniqueEmail("verified");
    const unknown = uniqueEmail("unknown");
    await signUp("Ada", signedUp);
    await verificationMailTo(signedUp);
    await createUser({ email: older, name: "W", passwordHash: "x" }); // from before verification was required
    await createUser({ email: verified, name: "V", passwordHash: "x", emailVerifiedAt: new Date() });
    for (const email of [signedUp, older, verified, unknown]) {
      expect(await resendVerificationAction(IDLE, form({ email }))).toEqual({
        status: "success",
        message: NEW_LINK_SENT,
        values: { email },
      });
    }
    await deliveriesSettled();
    expect(receivedMails({ to: signedUp, subject: "Verify your email" })).toHaveLength(2);
    expect(receivedMails({ to: older })).toHaveLength(1);
    expect(receivedMails({ to: verified })).toEqual([]);
    expect(receivedMails({ to: unknown })).toEqual([]);
  });

  it("makes no account before the link is opened: signing in with the sign-up's password answers as a wrong one does", async () => {
    fromNewAddress();
    const email = uniqueEmail();
    await signUp("Ada", email);
    const link = tokenOf(await verificationMailTo(email));
    // The very password chosen at sign-up: refused exactly like a wrong one (null: "Invalid email or password"),
    // so a stranger who signs up with an address and then signs in learns nothing of whether it was free.
    expect(await authorizeCredentials({ email, password: PASSWORD })).toBeNull();
    expect(await authorizeCredentials({ email, password: "a wrong password, long enough" })).toBeNull();
    await deliveriesSettled();
    expect(receivedMails({ to: email, subject: "Verify your email" })).toHaveLength(1); // and sends nothing
    expect(await open(link)).toMatchObject({ status: "success" });
    expect(await authorizeCredentials({ email, password: PASSWORD })).toMatchObject({ email, verifiedEmail: true });
  });

  it("lets nobody squat an address: a later sign-up replaces the waiting one, and only its link makes the account", async () => {
    fromNewAddress();
    const email = uniqueEmail("squatted");
    await signUp("Mallory", email, "the squatter's own password 1");
    const squatters = tokenOf(await verificationMailTo(email));
    const since = Date.now();
    await signUp("Ada", email);
    await deliveriesSettled();
    const owners = tokenOf(await receivedMail({ to: email, subject: "Verify your email", since }));
    expect(await open(squatters)).toMatchObject({ status: "error", formError: INVALID_LINK });
    expect(await open(owners)).toMatchObject({ status: "success" });
    expect(await getUserByEmail(email)).toMatchObject({ name: "Ada" });
    expect(await authorizeCredentials({ email, password: "the squatter's own password 1" })).toBeNull();
  });

  it("a sign-up waits 24 hours, then is gone: its link makes nothing, and no new link is sent for it", async () => {
    fromNewAddress();
    const email = uniqueEmail("expired");
    await signUp("Ada", email);
    const token = tokenOf(await verificationMailTo(email));
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 24 * 60 * 60 * 1000 + 1_000);
    expect(await open(token)).toMatchObject({ status: "error", formError: INVALID_LINK });
    expect(await resendVerificationAction(IDLE, form({ email }))).toMatchObject({ message: NEW_LINK_SENT });
    await deliveriesSettled();
    expect(receivedMails({ to: email, subject: "Verify your email" })).toHaveLength(1);
    expect(await getUserByEmail(email)).toBeUndefined();
  });

  it("a link whose address got an account meanwhile (another way) makes none", async () => {
    fromNewAddress();
    const email = uniqueEmail("taken-meanwhile");
    await signUp("Ada", email);
    const token = tokenOf(await verificationMailTo(email));
    const other = await createUser({ email, name: "First", passwordHash: "x", emailVerifiedAt: new Date() });
    expect(await open(token)).toMatchObject({ status: "error", formError: INVALID_LINK });
    expect(await getUserByEmail(email)).toEqual(other);
  });

  it("an older unverified account answers as a wrong password does, and whoever has its password gets a fresh link", async () => {
    fromNewAddress();
    const email = uniqueEmail("older");
    await createUser({ email, name: "Ada", passwordHash: await hashPassword(PASSWORD) });
    expect(await authorizeCredentials({ email, password: PASSWORD })).toBeNull();
    const link = tokenOf(await verificationMailTo(email));
    // A wrong password learns nothing and sends nothing.
    expect(await authorizeCredentials({ email, password: "a wrong password, long enough" })).toBeNull();
    await deliveriesSettled();
    expect(receivedMails({ to: email, subject: "Verify your email" })).toHaveLength(1);
    expect(await open(link)).toMatchObject({ status: "success" });
    expect(await authorizeCredentials({ email, password: PASSWORD })).toMatchObject({ email, verifiedEmail: true });
  });

  it("shows the verification in an older session at its next check", async () => {
    fromNewAddress();
    const email = uniqueEmail();
    const user = (await createUser({ email, name: "Ada", passwordHash: "x" }))!;
    const sid = await startDeviceSession({ userId: user.id, device: "Vitest", ip: null }, new Date(), new Date(0));
    const token = {
      sub: user.id,
      sid,
      email,
      role: "user" as const,
      sessionVersion: 1,
      verifiedEmail: false,
      checkedAt: 0,
    };
    expect(await revalidateToken(token)).toMatchObject({ verifiedEmail: false });
    await sendLink(user.id, "verify-email", email);
    await open(tokenOf(await receivedMail({ to: email, subject: "Verify your email" })));
    expect(await revalidateToken(token)).toMatchObject({ verifiedEmail: true, email });
  });

  it("answers at once when the SMTP server refuses, tries three times, and logs no link", async () => {
    fromNewAddress();
    const sink = testMailSink();
    sink.behaviour = "refuse";
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const warnings = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const email = uniqueEmail();
      const attemptsBefore = sink.attempts;
      expect(await signUp("Ada", email)).toMatchObject({ status: "success" });
      // Answered before the retries (the first waits 1 s): the refusal could not have changed the answer.
      expect(sink.attempts - attemptsBefore).toBeLessThanOrEqual(1);
      await deliveriesSettled();
      expect(sink.attempts - attemptsBefore).toBe(3);
      const logged = [...errors.mock.calls, ...warnings.mock.calls].flat().join("\n");
      expect(logged).toContain("not sent after 3 attempts");
      expect(logged).not.toMatch(/token=|verify-email\?/);
      expect(logged).not.toContain(email); // masked
    } finally {
      errors.mockRestore();
      warnings.mockRestore();
    }
  }, 30_000);

  it("answers at once when the SMTP server takes the message and never replies", async () => {
    fromNewAddress();
    testMailSink().behaviour = "hang";
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const warnings = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const email = uniqueEmail();
      expect(await signUp("Ada", email)).toEqual({
        status: "success",
        message: `Check your inbox: we sent a link to ${email}.`,
        values: { email },
      });
      // The answer came while the delivery is still waiting on the silent server.
      const settled = await Promise.race([
        deliveriesSettled().then(() => "settled"),
        new Promise((resolve) => setTimeout(() => resolve("still sending"), 500)),
      ]);
      expect(settled).toBe("still sending");
    } finally {
      // The delivery is still waiting on the silent server; it gives up on its own (socket timeout), logged.
      testMailSink().behaviour = "accept";
      errors.mockRestore();
      warnings.mockRestore();
    }
  });
});
