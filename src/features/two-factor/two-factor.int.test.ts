// Two-factor sign-in on the real database engine: enrolment and turning off through the actions (./action-request
// stands in for the request), and both steps of a sign-in through Credentials' `authorize` — the function every
// way in (the form, Auth.js's credentials API, a server-side signIn) ends in. Each way that must not open a
// session for an account with two-factor on is tried here. Clocks are moved (`now`), never waited for.
import { CredentialsSignin } from "@auth/core/errors";
import { eq } from "drizzle-orm";
import { generate } from "otplib";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";

import { getDb, queryCount } from "@/db";
import { listAuthEvents } from "@/db/auth-events";
import { listDeviceSessions } from "@/db/device-sessions";
import { bumpSessionVersion, getUserById } from "@/db/queries";
import { pendingSignIns, rateLimits, recoveryCodes, type User } from "@/db/schema";
import { getTwoFactorSecret } from "@/db/two-factor";
import { signInAction } from "@/features/auth/actions/sign-in";
import { authorizeCredentials } from "@/features/auth/server/authorize";
import { bcryptCompare } from "@/features/auth/server/hash-pool";
import { CLIENT_NAVIGATION_FIELD } from "@/features/auth/shared/client-navigation";
import { deliveriesSettled } from "@/features/mail/server/deliver";
import { forgotPasswordAction, resetPasswordAction } from "@/features/password-reset/actions";
import { REAUTH_MESSAGES } from "@/features/reauthentication/shared/schemas";
import { changePasswordAction } from "@/features/settings/actions";
import { WRONG_PASSWORD } from "@/features/settings/server/confirm-password";
import { clientKey } from "@/lib/server/client-ip";
import { env } from "@/lib/server/env";
import { IDLE } from "@/lib/shared/form";
import { actAs, actSignedOut, refreshedSession, request } from "@tests/support/action-request";
import { form } from "@tests/support/form";
import { linkTo } from "@tests/support/mail-sink";
import { receivedMail } from "@tests/support/test-mailbox";
import { createPerson } from "@tests/support/users";

import {
  disableTwoFactorAction,
  enableTwoFactorAction,
  regenerateRecoveryCodesAction,
  startTwoFactorAction,
  verifyRecoveryCodeAction,
  verifyTotpAction,
} from "./actions";
import { PENDING_SIGN_IN_SECONDS, tokenHash, TWO_FACTOR_ATTEMPTS, type CookieWriter } from "./server/pending-sign-in";
import { openTotpSecret } from "./server/second-factor";
import { twoFactorSettings } from "./server/settings-status";
import { TOTP_PERIOD_SECONDS } from "./server/totp";
import { RECOVERY_CODE_COUNT } from "./shared/codes";
import {
  NOT_ON,
  RECOVERY_CODE_SIGN_IN,
  SETUP_GONE,
  SIGN_IN_ENDED,
  WRONG_CODE,
  wrongCodeTriesLeft,
} from "./shared/messages";

vi.mock("next/headers", async (original) => ({
  ...(await original()),
  ...(await import("@tests/support/action-request")).nextHeaders,
}));
// There is no Next.js cache outside a server; what the actions ask of it is that the settings page is re-rendered.
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const PASSWORD = "correct horse battery staple";
const NEW_PASSWORD = "a brand new and long passphrase";
const STEP_MS = TOTP_PERIOD_SECONDS * 1000;
const MINUTE = 60_000;

async function queriesDuring<T>(action: () => Promise<T>): Promise<[T, number]> {
  await getDb();
  const before = queryCount();
  const result = await action();
  return [result, queryCount() - before];
}

/** A fresh IPv6 /64 (2001:db8::/32 is the documentation range), so no test shares a throttle counter. */
const uniqueIp = () =>
  `2001:db8:${Math.floor(Math.random() * 0xffff).toString(16)}:${Math.floor(Math.random() * 0xffff).toString(16)}::1`;

const person = (password = PASSWORD): Promise<User> => createPerson("two-factor", { password });

/** The code the person's authenticator app shows at `at`. */
const codeAt = (secret: string, at: Date) => generate({ secret, epoch: Math.floor(at.getTime() / 1000) });

interface Enrolled {
  user: User;
  secret: string;
  recoveryCodes: readonly string[];
  /** A moment whose TOTP step is later than every step used so far: each sign-in takes the next one (see tick). */
  clock: { now: Date };
}

/** Moves the clock to the next TOTP step: a code works once, so each successful sign-in needs a fresh one. */
function tick(enrolled: Enrolled, steps = 1): Date {
  enrolled.clock.now = new Date(enrolled.clock.now.getTime() + steps * STEP_MS);
  return enrolled.clock.now;
}

/** A setup started through the settings action, as the person would: its secret, as the page shows it. */
async function startSetup(me: User): Promise<string> {
  expect(await startTwoFactorAction(IDLE, form({}))).toMatchObject({ status: "success" });
  const settings = await twoFactorSettings(me.id, me.email);
  if (settings.state !== "enrolling") throw new Error(`expected enrolling, got ${settings.state}`);
  return settings.secret;
}

/** Two-factor turned on through the settings actions, as the person would: scan, one code and the password. */
async function enrol(user?: User): Promise<Enrolled> {
  const me = user ?? (await person());
  await actAs(me);
  const secret = await startSetup(me);
  const enabled = await enableTwoFactorAction(
    IDLE,
    form({ code: await codeAt(secret, new Date()), currentPassword: PASSWORD }),
  );
  expect(enabled).toMatchObject({ status: "success" });
  // Sign-ins start two steps after the one that confirmed it, clear of it and of ±1 drift.
  return {
    user: me,
    secret,
    recoveryCodes: enabled.revealed ?? [],
    clock: { now: new Date(Date.now() + 2 * STEP_MS) },
  };
}

/** A browser: its address, and the cookies authorize wrote to it (the pending sign-in's). */
class Browser {
  readonly ip = uniqueIp();
  readonly cookies = new Map<string, string>();
  readonly written: Array<{ name: string; value: string; options: Parameters<CookieWriter["set"]>[2] }> = [];
  readonly writer: CookieWriter = {
    set: (name, value, options) => {
      this.written.push({ name, value, options });
      if (options.maxAge > 0) this.cookies.set(name, value);
      else this.cookies.delete(name);
    },
  };
  /** The next request, as `npm start` hands it on (server.mjs appends the socket's address last). */
  request(): Request {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    return new Request("http://app.test/api/auth/callback/credentials", {
      method: "POST",
      headers: { "x-forwarded-for": `198.51.100.66, ${this.ip}`, ...(cookie ? { cookie } : {}) },
    });
  }
  /** The pending sign-in token this browser holds. */
  get pendingToken(): string | undefined {
    return [...this.cookies.values()][0];
  }
}

type Outcome = { id: string; sessionId: string; methods: string[] } | "refused" | string;

/** What an authorize call came to: the user it signs in, "refused" (null), or the refusal's code. */
async function attempt(credentials: Record<string, string>, browser: Browser, now: Date): Promise<Outcome> {
  try {
    const user = await authorizeCredentials(credentials, browser.request(), browser.writer, now);
    return user ? { id: user.id!, sessionId: user.sessionId!, methods: user.methods! } : "refused";
  } catch (error) {
    if (error instanceof CredentialsSignin) return error.code;
    throw error;
  }
}

/** Step 1: the password, in a (new) browser. */
async function password(enrolled: Enrolled, browser = new Browser(), secret = PASSWORD): Promise<Browser> {
  expect(await attempt({ email: enrolled.user.email, password: secret }, browser, enrolled.clock.now)).toBe(
    "two-factor",
  );
  return browser;
}

/** Step 2 with the app's code at the clock's time. */
const code = async (enrolled: Enrolled, browser: Browser, now = enrolled.clock.now) =>
  attempt({ code: await codeAt(enrolled.secret, now) }, browser, now);

/** The account's live (not revoked) device sessions. */
async function sessionCount(userId: string): Promise<number> {
  return (await listDeviceSessions(userId, new Date(0))).length;
}

async function pendingRows(userId: string) {
  const db = await getDb();
  return db.select().from(pendingSignIns).where(eq(pendingSignIns.userId, userId));
}

/**
 * The newest recovery-code-used event. It and its sign-in's event carry the same moment, so they are told apart
 * by type, not by order.
 */
async function lastRecoveryCodeUse(userId: string) {
  return (await listAuthEvents(userId, 10)).find(({ type }) => type === "recovery-code-used");
}

const signedIn = (user: User) => ({ id: user.id, sessionId: expect.any(String), methods: ["pwd", "otp"] });

describe(`two-factor sign-in on ${process.env.TEST_DB_ENGINE}`, () => {
  beforeAll(async () => {
    await getDb(); // opening (and migrating) the database is the hook's time, not the first test's
  });
  afterEach(async () => {
    vi.useRealTimers();
    await deliveriesSettled();
  });

  describe("turning it on", () => {
    it("starts without a password (nothing is on yet), but only for a verified address", async () => {
      const unverified = await createPerson("two-factor", { password: PASSWORD, emailVerifiedAt: null });
      await actAs(unverified);
      expect(await startTwoFactorAction(IDLE, form({}))).toMatchObject({
        status: "error",
        formError: REAUTH_MESSAGES.verifyFirst,
      });
      expect(await getTwoFactorSecret(unverified.id)).toBeUndefined();
    });

    it("stores a 160-bit secret sealed (never the base32), and waits for a code", async () => {
      const me = await person();
      await actAs(me);
      const secret = await startSetup(me);
      expect(secret).toMatch(/^[A-Z2-7]{32}$/); // 32 base32 characters: 160 bits
      expect(Buffer.from(secret, "ascii").length * 5).toBe(160);
      const settings = await twoFactorSettings(me.id, me.email);
      expect(settings.state === "enrolling" && new URL(settings.uri).searchParams.get("secret")).toBe(secret);

      const row = await getTwoFactorSecret(me.id);
      expect(row).toMatchObject({ enabledAt: null, lastUsedStep: null, failedAttempts: 0 });
      expect(row!.sealedSecret).not.toContain(secret);
      expect(row!.sealedSecret.toUpperCase()).not.toContain(secret);
      expect(await openTotpSecret(row!.sealedSecret)).toBe(secret);
      // Not on yet: the password alone still signs in.
      expect(await attempt({ email: me.email, password: PASSWORD }, new Browser(), new Date())).toMatchObject({
        id: me.id,
        methods: ["pwd"],
      });
    });

    it("the right code turns nothing on without the password: a stolen cookie cannot finish a setup", async () => {
      const me = await person();
      await actAs(me);
      const secret = await startSetup(me);
      const right = await codeAt(secret, new Date());
      expect(await enableTwoFactorAction(IDLE, form({ code: right }))).toMatchObject({
        status: "error",
        fieldErrors: { currentPassword: REAUTH_MESSAGES.needPassword },
      });
      const wrongPassword = await enableTwoFactorAction(
        IDLE,
        form({ code: right, currentPassword: "not the password at all" }),
      );
      expect(wrongPassword).toMatchObject({ status: "error", fieldErrors: { currentPassword: WRONG_PASSWORD } });
      expect(wrongPassword.values).toEqual({}); // neither the password nor the code is echoed
      expect((await getTwoFactorSecret(me.id))?.enabledAt).toBeNull();
    });

    it("refuses a wrong code; a right one turns it on, reveals 10 recovery codes stored only as bcrypt hashes, records it and mails a notice", async () => {
      const me = await person();
      await actAs(me);
      const secret = await startSetup(me);
      const now = new Date();
      const right = await codeAt(secret, now);
      const wrong = right === "000000" ? "000001" : "000000";

      const refused = await enableTwoFactorAction(IDLE, form({ code: wrong, currentPassword: PASSWORD }));
      expect(refused).toMatchObject({ status: "error", fieldErrors: { code: WRONG_CODE } });
      expect(refused.revealed).toBeUndefined();
      expect((await getTwoFactorSecret(me.id))?.enabledAt).toBeNull();

      const since = Date.now();
      const enabled = await enableTwoFactorAction(IDLE, form({ code: right, currentPassword: PASSWORD }));
      expect(enabled).toMatchObject({ status: "success" });
      expect(enabled.revealed).toHaveLength(RECOVERY_CODE_COUNT);
      expect(new Set(enabled.revealed).size).toBe(RECOVERY_CODE_COUNT);
      for (const shown of enabled.revealed!)
        expect(shown).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);

      const row = await getTwoFactorSecret(me.id);
      expect(row?.enabledAt).toBeInstanceOf(Date);
      expect(row?.lastUsedStep).toBe(Math.floor(now.getTime() / STEP_MS)); // the confirming code cannot sign in
      const db = await getDb();
      const stored = await db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, me.id));
      expect(stored).toHaveLength(RECOVERY_CODE_COUNT);
      const everything = JSON.stringify(stored);
      for (const shown of enabled.revealed!) {
        expect(everything).not.toContain(shown);
        expect(everything).not.toContain(shown.replace(/-/g, ""));
      }
      for (const { codeHash, usedAt } of stored) {
        expect(codeHash).toMatch(/^\$2[aby]\$10\$.{53}$/);
        expect(usedAt).toBeNull();
      }
      // A shown code is the hash of exactly one stored row (two checked, one compare at a time: bcrypt at cost 10
      // is slow on purpose, and a burst would fill the hashing pool's queue on a small machine).
      for (const shown of enabled.revealed!.slice(0, 2)) {
        let matches = 0;
        for (const { codeHash } of stored) if (await bcryptCompare(shown, codeHash, "signed-in")) matches += 1;
        expect(matches).toBe(1);
      }
      expect(await twoFactorSettings(me.id, me.email)).toMatchObject({ state: "on", recoveryCodesLeft: 10 });
      expect((await listAuthEvents(me.id, 1))[0]).toMatchObject({ type: "two-factor-enabled" });

      await deliveriesSettled();
      const notice = await receivedMail({ to: me.email, subject: "Two-factor authentication is on", since });
      expect(notice.text).toContain("signing in now takes a code from an authenticator app");

      // The same code again: on already, nothing replaced (and no password checked to say so).
      const again = await enableTwoFactorAction(IDLE, form({ code: right }));
      expect(again).toMatchObject({ status: "error", formError: "Two-factor authentication is already on." });
    });

    it("ends every other session and keeps this one: a session made with the password alone does not outlive it", async () => {
      const me = await person();
      const elsewhere = await actAs(me); // another browser, signed in with the password
      const here = await actAs(me);
      const secret = await startSetup(me);
      await enableTwoFactorAction(IDLE, form({ code: await codeAt(secret, new Date()), currentPassword: PASSWORD }));
      const live = (await listDeviceSessions(me.id, new Date(0))).filter((session) => !session.revokedAt);
      expect(live.map((session) => session.id)).toEqual([here]);
      expect(live.map((session) => session.id)).not.toContain(elsewhere);
      // This session's version did not move: it goes on without signing in again.
      expect((await getUserById(me.id))?.sessionVersion).toBe(me.sessionVersion);
    });

    it("a setup lasts 15 minutes: after that the right code and password turn nothing on (the clock moved)", async () => {
      const me = await person();
      await actAs(me);
      const secret = await startSetup(me);
      vi.useFakeTimers({ toFake: ["Date"] });
      vi.setSystemTime(Date.now() + 15 * MINUTE + 1_000);
      await actAs(me); // a token checked just now, at the moved clock
      const late = await enableTwoFactorAction(
        IDLE,
        form({ code: await codeAt(secret, new Date()), currentPassword: PASSWORD }),
      );
      expect(late).toMatchObject({ status: "error", formError: SETUP_GONE });
      expect((await getTwoFactorSecret(me.id))?.enabledAt).toBeNull();
      expect(await twoFactorSettings(me.id, me.email)).toEqual({ state: "off" });
    });

    it("5 wrong codes end a setup (each charged before it is checked): a right code after them turns nothing on", async () => {
      const me = await person();
      await actAs(me);
      const secret = await startSetup(me);
      const right = await codeAt(secret, new Date());
      const wrong = right === "000000" ? "000001" : "000000";
      // Five at once: each is charged to the setup before its code is checked, so a burst cannot pass the limit.
      const answers = await Promise.all(
        Array.from({ length: TWO_FACTOR_ATTEMPTS + 2 }, () =>
          enableTwoFactorAction(IDLE, form({ code: wrong, currentPassword: PASSWORD })),
        ),
      );
      const wrongCode = answers.filter((answer) => answer.fieldErrors?.code === WRONG_CODE);
      expect(wrongCode.length).toBeLessThanOrEqual(TWO_FACTOR_ATTEMPTS);
      expect((await getTwoFactorSecret(me.id))?.failedAttempts).toBe(TWO_FACTOR_ATTEMPTS);
      expect(await enableTwoFactorAction(IDLE, form({ code: right, currentPassword: PASSWORD }))).toMatchObject({
        status: "error",
        formError: SETUP_GONE,
      });
      expect((await getTwoFactorSecret(me.id))?.enabledAt).toBeNull();
    });
  });

  describe("signing in", () => {
    it("a right password opens no session: it starts a pending sign-in and sets its cookie (httpOnly, /, 5 minutes)", async () => {
      const enrolled = await enrol();
      const { user } = enrolled;
      const sessionsBefore = await sessionCount(user.id);
      const browser = await password(enrolled);
      expect(await sessionCount(user.id)).toBe(sessionsBefore);
      expect(browser.written).toEqual([
        {
          name: expect.stringMatching(/pending-sign-in$/),
          value: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
          options: expect.objectContaining({ httpOnly: true, path: "/", maxAge: PENDING_SIGN_IN_SECONDS }),
        },
      ]);
      expect(PENDING_SIGN_IN_SECONDS).toBeLessThanOrEqual(5 * 60);
      // The database keeps only the token's hash.
      const [row] = await pendingRows(user.id);
      expect(row).toMatchObject({
        tokenHash: tokenHash(browser.pendingToken!),
        methods: ["pwd"],
        awaitingCode: true,
        failedAttempts: 0,
        sessionVersion: user.sessionVersion,
      });
      expect(JSON.stringify(row)).not.toContain(browser.pendingToken);
      expect(row!.expiresAt.getTime() - enrolled.clock.now.getTime()).toBe(PENDING_SIGN_IN_SECONDS * 1000);
    });

    // The second step, counted: finding and charging the pending sign-in (1, joined with the person); the
    // throttle's counters read (3) and charged (3); the secret read (1); the charges settled on success (3); the
    // pending sign-in deleted and the code's step recorded, in one transaction (2 — and its BEGIN and COMMIT, which
    // the Neon driver sends as statements of their own on PostgreSQL); the device session's sweep and insert (2),
    // the sign-in event (1) and the sweep of expired events (1).
    it("then the app's code, with the cookie, signs in with methods pwd+otp, opens one device session, and ends the pending sign-in", async () => {
      const enrolled = await enrol();
      const { user } = enrolled;
      const browser = await password(enrolled);
      const sessionsBefore = await sessionCount(user.id);
      const [outcome, queries] = await queriesDuring(() => code(enrolled, browser));
      expect(outcome).toEqual(signedIn(user));
      expect(queries).toBe(process.env.TEST_DB_ENGINE === "postgres" ? 19 : 17);
      expect(await sessionCount(user.id)).toBe(sessionsBefore + 1);
      const sessions = await listDeviceSessions(user.id, new Date(0));
      expect(sessions.map((session) => session.id)).toContain((outcome as { sessionId: string }).sessionId);
      expect(await pendingRows(user.id)).toEqual([]);
      expect(browser.cookies.size).toBe(0); // the cookie was cleared
      expect(browser.written.at(-1)?.options.maxAge).toBe(0);
      expect((await listAuthEvents(user.id, 1))[0]).toMatchObject({
        type: "sign-in",
        sessionId: (outcome as { sessionId: string }).sessionId,
      });
    });

    it("with the full Auth.js user: no secrets in what the token is made from", async () => {
      const enrolled = await enrol();
      const browser = await password(enrolled);
      const user = await authorizeCredentials(
        { code: await codeAt(enrolled.secret, enrolled.clock.now) },
        browser.request(),
        browser.writer,
        enrolled.clock.now,
      );
      expect(user).toEqual({
        sessionId: expect.stringMatching(/^[\w-]{16}$/),
        id: enrolled.user.id,
        name: "Ada Lovelace",
        email: enrolled.user.email,
        image: null,
        role: "user",
        sessionVersion: enrolled.user.sessionVersion,
        verifiedEmail: true,
        methods: ["pwd", "otp"],
      });
      expect(JSON.stringify(user)).not.toMatch(/\$2|sealed|secret/i);
    });
  });

  describe("through the forms (signIn, as the pages post them)", () => {
    /** The cookies the action set, sent back with the next request, as the browser would. */
    const carryCookies = () => {
      const cookie = request.cookies
        .getAll()
        .filter(({ value }) => value !== "")
        .map(({ name, value }) => `${name}=${value}`)
        .join("; ");
      request.headers.set("cookie", cookie);
    };

    it("the sign-in form goes on to /login/two-factor with no session; the code form finishes with pwd+otp in the token", async () => {
      const enrolled = await enrol();
      vi.useFakeTimers({ toFake: ["Date"] });
      vi.setSystemTime(enrolled.clock.now); // past the step that turned it on
      actSignedOut();
      request.headers.set("x-forwarded-for", uniqueIp());
      const sessionsBefore = await sessionCount(enrolled.user.id);
      const first = await signInAction(
        IDLE,
        form({ email: enrolled.user.email, password: PASSWORD, [CLIENT_NAVIGATION_FIELD]: "client" }),
      );
      expect(first).toEqual({ status: "success", redirectTo: "/login/two-factor" });
      expect(await refreshedSession()).toBeNull(); // no session cookie
      expect(request.cookies.get("pending-sign-in")?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(await sessionCount(enrolled.user.id)).toBe(sessionsBefore);

      carryCookies();
      const right = await codeAt(enrolled.secret, enrolled.clock.now);
      const wrong = right === "000000" ? "000001" : "000000";
      const verify = (code: string) =>
        verifyTotpAction(IDLE, form({ code, callbackUrl: "/profile", [CLIENT_NAVIGATION_FIELD]: "client" }));
      // Each wrong code says how many the pending sign-in still takes (it ends after TWO_FACTOR_ATTEMPTS).
      expect(await verify(wrong)).toEqual({
        status: "error",
        fieldErrors: { code: `That code is not right. Check it and try again: ${TWO_FACTOR_ATTEMPTS - 1} tries left.` },
        values: {},
      });
      for (let left = TWO_FACTOR_ATTEMPTS - 2; left >= 1; left -= 1)
        expect(await verify(wrong)).toMatchObject({ fieldErrors: { code: wrongCodeTriesLeft(left) } });
      expect(wrongCodeTriesLeft(1)).toBe("That code is not right. Check it and try again: 1 try left.");
      expect(await refreshedSession()).toBeNull();
      expect(await verify(right)).toMatchObject({ status: "success", redirectTo: "/profile" });
      const token = await refreshedSession();
      expect(token).toMatchObject({ sub: enrolled.user.id, amr: ["pwd", "otp"] });
      expect(request.cookies.get("pending-sign-in")?.value).toBe(""); // cleared
      expect(await sessionCount(enrolled.user.id)).toBe(sessionsBefore + 1);

      // The same form again, with the finished sign-in's cookie: ended.
      expect(await verify(await codeAt(enrolled.secret, tick(enrolled)))).toMatchObject({
        status: "error",
        formError: SIGN_IN_ENDED,
      });
    });

    it("a sign-in with a recovery code records one Signed in event (and one Recovery code used), and opens one session", async () => {
      const enrolled = await enrol();
      vi.useFakeTimers({ toFake: ["Date"] });
      vi.setSystemTime(enrolled.clock.now);
      actSignedOut();
      request.headers.set("x-forwarded-for", uniqueIp());
      const sessionsBefore = await sessionCount(enrolled.user.id);
      const eventsBefore = await listAuthEvents(enrolled.user.id, 50);
      expect(
        await signInAction(
          IDLE,
          form({ email: enrolled.user.email, password: PASSWORD, [CLIENT_NAVIGATION_FIELD]: "client" }),
        ),
      ).toEqual({ status: "success", redirectTo: "/login/two-factor" });
      carryCookies();
      const answer = await verifyRecoveryCodeAction(
        IDLE,
        form({ recoveryCode: enrolled.recoveryCodes[0]!, [CLIENT_NAVIGATION_FIELD]: "client" }),
      );
      expect(answer).toMatchObject({ status: "success", redirectTo: `/settings/security?${RECOVERY_CODE_SIGN_IN}` });
      const events = await listAuthEvents(enrolled.user.id, 50); // newest first
      const added = events.slice(0, events.length - eventsBefore.length).map(({ type }) => type);
      expect(added.sort()).toEqual(["recovery-code-used", "sign-in"]);
      expect(await sessionCount(enrolled.user.id)).toBe(sessionsBefore + 1);
    });
  });

  describe("every way in without the second factor is refused", () => {
    it("the password alone, however often and from however many browsers, opens no session", async () => {
      const enrolled = await enrol();
      const sessionsBefore = await sessionCount(enrolled.user.id);
      for (let i = 0; i < 3; i += 1) await password(enrolled);
      // Without a cookie store (a caller that cannot carry the pending sign-in), it is an error, not a session.
      await expect(
        authorizeCredentials({ email: enrolled.user.email, password: PASSWORD }, new Browser().request()),
      ).rejects.toThrow(/no cookie store/);
      expect(await sessionCount(enrolled.user.id)).toBe(sessionsBefore);
    });

    it("a code without a pending sign-in's cookie (no cookie at all, or another name) ends nothing and opens nothing", async () => {
      const enrolled = await enrol();
      const browser = await password(enrolled);
      const sessionsBefore = await sessionCount(enrolled.user.id);
      expect(await code(enrolled, new Browser())).toBe("sign-in-ended");
      const renamed = new Browser();
      renamed.cookies.set("pending", browser.pendingToken!);
      expect(await code(enrolled, renamed)).toBe("sign-in-ended");
      expect(await sessionCount(enrolled.user.id)).toBe(sessionsBefore);
      // The real one was not charged by either and still finishes.
      expect((await pendingRows(enrolled.user.id))[0]?.failedAttempts).toBe(0);
      expect(await code(enrolled, browser)).toEqual(signedIn(enrolled.user));
    });

    it("a garbage cookie is refused, and cleared", async () => {
      const enrolled = await enrol();
      const browser = await password(enrolled);
      const sessionsBefore = await sessionCount(enrolled.user.id);
      const name = [...browser.cookies.keys()][0]!;
      for (const garbage of ["garbage", "A".repeat(43), "'; drop table pending_sign_ins; --", "x".repeat(5_000)]) {
        const forged = new Browser();
        forged.cookies.set(name, garbage);
        expect(await code(enrolled, forged)).toBe("sign-in-ended");
        expect(forged.cookies.size).toBe(0);
      }
      expect(await sessionCount(enrolled.user.id)).toBe(sessionsBefore);
      expect(await code(enrolled, browser)).toEqual(signedIn(enrolled.user)); // the real one is untouched
    });

    it("a replayed pending cookie, after it finished, is refused even with a new valid code", async () => {
      const enrolled = await enrol();
      const browser = await password(enrolled);
      const copy = new Browser();
      for (const [name, value] of browser.cookies) copy.cookies.set(name, value); // taken before it finished
      expect(await code(enrolled, browser)).toEqual(signedIn(enrolled.user));
      const sessionsAfter = await sessionCount(enrolled.user.id);
      tick(enrolled); // a new code, valid in itself
      expect(await code(enrolled, copy)).toBe("sign-in-ended");
      expect(await attempt({ recoveryCode: enrolled.recoveryCodes[0]! }, copy, enrolled.clock.now)).toBe(
        "sign-in-ended",
      );
      expect(await sessionCount(enrolled.user.id)).toBe(sessionsAfter);
    });

    it("another account's pending sign-in: A's cookie with B's valid code is refused, and B gets no session", async () => {
      const a = await enrol();
      const b = await enrol();
      const aBrowser = await password(a);
      const sessionsOfA = await sessionCount(a.user.id);
      const sessionsOfB = await sessionCount(b.user.id);
      b.clock.now = a.clock.now;
      expect(await code(b, aBrowser)).toBe("wrong-code"); // checked against A's secret: a wrong code for A
      expect(await sessionCount(a.user.id)).toBe(sessionsOfA);
      expect(await sessionCount(b.user.id)).toBe(sessionsOfB);
      // B's recovery code neither.
      expect(await attempt({ recoveryCode: b.recoveryCodes[0]! }, aBrowser, a.clock.now)).toBe("wrong-code");
      expect(await twoFactorSettings(b.user.id, b.user.email)).toMatchObject({ recoveryCodesLeft: 10 });
      // And B's own pending sign-in is not finished by A's code either.
      const bBrowser = await password(b);
      expect(await code(a, bBrowser)).toBe("wrong-code");
      expect(await sessionCount(b.user.id)).toBe(sessionsOfB);
    });

    it("a pending sign-in's token posted as a handover is refused: handovers finish only rows the server made", async () => {
      const enrolled = await enrol();
      const browser = await password(enrolled);
      const sessionsBefore = await sessionCount(enrolled.user.id);
      expect(await attempt({ handover: browser.pendingToken! }, new Browser(), enrolled.clock.now)).toBe(
        "sign-in-ended",
      );
      expect(await attempt({ handover: browser.pendingToken! }, browser, enrolled.clock.now)).toBe("sign-in-ended");
      expect(await sessionCount(enrolled.user.id)).toBe(sessionsBefore);
      // Neither charged nor finished it: the right code still does.
      expect((await pendingRows(enrolled.user.id))[0]).toMatchObject({ failedAttempts: 0 });
      expect(await code(enrolled, browser)).toEqual(signedIn(enrolled.user));
    });

    it(`expires: a code within ${PENDING_SIGN_IN_SECONDS / 60} minutes finishes it, at ${PENDING_SIGN_IN_SECONDS / 60} minutes it is refused (the clock moved)`, async () => {
      const enrolled = await enrol();
      const start = enrolled.clock.now;
      const early = await password(enrolled);
      expect(await code(enrolled, early, new Date(start.getTime() + PENDING_SIGN_IN_SECONDS * 1000 - 1_000))).toEqual(
        signedIn(enrolled.user),
      );
      tick(enrolled, 20); // past the step used above
      const late = await password(enrolled);
      const sessionsBefore = await sessionCount(enrolled.user.id);
      const expiry = new Date(enrolled.clock.now.getTime() + PENDING_SIGN_IN_SECONDS * 1000);
      expect(await code(enrolled, late, expiry)).toBe("sign-in-ended");
      expect(late.cookies.size).toBe(0);
      expect(await code(enrolled, late, new Date(expiry.getTime() + 2 * MINUTE))).toBe("sign-in-ended");
      expect(await sessionCount(enrolled.user.id)).toBe(sessionsBefore);
    });

    it("dies with the account's session version: signed out everywhere between the two steps", async () => {
      const enrolled = await enrol();
      const browser = await password(enrolled);
      const current = await getUserById(enrolled.user.id);
      expect(await bumpSessionVersion(enrolled.user.id, current!.sessionVersion)).toBe(true);
      const sessionsBefore = await sessionCount(enrolled.user.id);
      expect(await code(enrolled, browser)).toBe("sign-in-ended");
      expect(await sessionCount(enrolled.user.id)).toBe(sessionsBefore);
    });
  });

  describe("throttling", () => {
    it(`${TWO_FACTOR_ATTEMPTS} wrong codes end the pending sign-in: the last one says so, and a right code afterwards is refused`, async () => {
      const enrolled = await enrol();
      const browser = await password(enrolled);
      const right = await codeAt(enrolled.secret, enrolled.clock.now);
      const wrong = right === "000000" ? "000001" : "000000";
      for (let i = 1; i < TWO_FACTOR_ATTEMPTS; i += 1)
        expect(await attempt({ code: wrong }, browser, enrolled.clock.now), `wrong code ${i}`).toBe("wrong-code");
      expect(await attempt({ code: wrong }, browser, enrolled.clock.now)).toBe("sign-in-ended");
      expect(await pendingRows(enrolled.user.id)).toEqual([]);
      expect(browser.cookies.size).toBe(0);
      // Even a right code, with the cookie as it was, is refused now.
      const replay = new Browser();
      replay.cookies.set(browser.written[0]!.name, browser.written[0]!.value);
      expect(await attempt({ code: right }, replay, enrolled.clock.now)).toBe("sign-in-ended");
      const events = await listAuthEvents(enrolled.user.id, TWO_FACTOR_ATTEMPTS);
      expect(events.map(({ type }) => type)).toEqual(Array(TWO_FACTOR_ATTEMPTS).fill("two-factor-failed"));
      // The right code was not spent on the ended sign-in: a new sign-in takes it.
      const again = await password(enrolled);
      expect(await attempt({ code: right }, again, enrolled.clock.now)).toEqual(signedIn(enrolled.user));
    });

    it("wrong codes count toward the account's sign-in throttle, as wrong passwords do", async () => {
      const enrolled = await enrol();
      const { email } = enrolled.user;
      const browser = await password(enrolled);
      const right = await codeAt(enrolled.secret, enrolled.clock.now);
      const wrong = right === "000000" ? "000001" : "000000";
      for (let i = 0; i < 3; i += 1) await attempt({ code: wrong }, browser, enrolled.clock.now);
      const db = await getDb();
      const points = async (key: string) =>
        (await db.select({ points: rateLimits.points }).from(rateLimits).where(eq(rateLimits.key, key)))[0]?.points;
      const ip = clientKey(browser.request().headers);
      expect(await points(`signin:account:${email}`)).toBe(3);
      expect(await points(`signin:email-ip:${email} ${ip}`)).toBe(3);
      // A right code clears the consecutive counters, as a right password does.
      expect(await attempt({ code: right }, browser, enrolled.clock.now)).toEqual(signedIn(enrolled.user));
      expect(await points(`signin:account:${email}`)).toBeUndefined();
      expect(await points(`signin:email-ip:${email} ${ip}`)).toBeUndefined();
    });

    it(`wrong codes across pending sign-ins add up: a right password does not wipe them, and at ${env.SIGNIN_FAILURES_PER_EMAIL_AND_IP} even the right code is throttled`, async () => {
      const enrolled = await enrol();
      const browser = new Browser();
      const right = await codeAt(enrolled.secret, enrolled.clock.now);
      const wrong = right === "000000" ? "000001" : "000000";
      let failures = 0;
      while (failures < env.SIGNIN_FAILURES_PER_EMAIL_AND_IP) {
        await password(enrolled, browser);
        for (let i = 0; i < TWO_FACTOR_ATTEMPTS && failures < env.SIGNIN_FAILURES_PER_EMAIL_AND_IP; i += 1) {
          expect(await attempt({ code: wrong }, browser, enrolled.clock.now)).toMatch(/^(wrong-code|sign-in-ended)$/);
          failures += 1;
        }
      }
      // From this address the account is throttled now: the password and the code alike.
      expect(await attempt({ email: enrolled.user.email, password: PASSWORD }, browser, enrolled.clock.now)).toBe(
        "throttled",
      );
      // The owner, from their own address, is not locked out.
      const owner = await password(enrolled);
      expect(await attempt({ code: right }, owner, enrolled.clock.now)).toEqual(signedIn(enrolled.user));
    });
  });

  describe("a code works once", () => {
    it("the same code is refused for a second pending sign-in", async () => {
      const enrolled = await enrol();
      const first = await password(enrolled);
      const second = await password(enrolled);
      const same = await codeAt(enrolled.secret, enrolled.clock.now);
      expect(await attempt({ code: same }, first, enrolled.clock.now)).toEqual(signedIn(enrolled.user));
      expect(await attempt({ code: same }, second, enrolled.clock.now)).toBe("wrong-code");
      // Nor later, while it is still within the drift window.
      expect(await attempt({ code: same }, second, tick(enrolled))).toBe("wrong-code");
      // The next step's code is fine.
      expect(await code(enrolled, second)).toEqual(signedIn(enrolled.user));
    });

    it("one step of clock drift either way is accepted, two are refused", async () => {
      const enrolled = await enrol();
      tick(enrolled, 10);
      for (const steps of [-1, 1]) {
        const at = tick(enrolled, 5);
        const browser = await password(enrolled);
        const sent = await codeAt(enrolled.secret, new Date(at.getTime() + steps * STEP_MS));
        expect(await attempt({ code: sent }, browser, at), `${steps} step`).toEqual(signedIn(enrolled.user));
      }
      for (const steps of [-2, 2]) {
        const at = tick(enrolled, 5);
        const browser = await password(enrolled);
        const sent = await codeAt(enrolled.secret, new Date(at.getTime() + steps * STEP_MS));
        expect(await attempt({ code: sent }, browser, at), `${steps} steps`).toBe("wrong-code");
      }
    });
  });

  describe("recovery codes", () => {
    it("sign in once each, in any case, with or without hyphens, and say how many are left", async () => {
      const enrolled = await enrol();
      const [first, second, third] = enrolled.recoveryCodes as [string, string, string];
      const browser = await password(enrolled);
      const since = Date.now();
      expect(await attempt({ recoveryCode: first.toLowerCase() }, browser, enrolled.clock.now)).toEqual(
        signedIn(enrolled.user),
      );
      expect(await lastRecoveryCodeUse(enrolled.user.id)).toMatchObject({ detail: { recoveryCodesLeft: 9 } });
      await deliveriesSettled();
      const notice = await receivedMail({ to: enrolled.user.email, subject: "A recovery code was used", since });
      expect(notice.text).toContain("9 recovery codes left");
      expect(await twoFactorSettings(enrolled.user.id, enrolled.user.email)).toMatchObject({ recoveryCodesLeft: 9 });

      // The same code again, however typed: refused.
      const again = await password(enrolled);
      expect(await attempt({ recoveryCode: first }, again, enrolled.clock.now)).toBe("wrong-code");
      expect(await attempt({ recoveryCode: first.replace(/-/g, "") }, again, enrolled.clock.now)).toBe("wrong-code");
      // Others, without hyphens or with spaces: fine.
      expect(await attempt({ recoveryCode: second.replace(/-/g, "") }, again, tick(enrolled))).toEqual(
        signedIn(enrolled.user),
      );
      tick(enrolled); // each use's event a moment after the last, so "newest" is well defined
      const spaced = await password(enrolled);
      expect(
        await attempt({ recoveryCode: third.replace(/-/g, " ").toLowerCase() }, spaced, enrolled.clock.now),
      ).toEqual(signedIn(enrolled.user));
      expect(await lastRecoveryCodeUse(enrolled.user.id)).toMatchObject({ detail: { recoveryCodesLeft: 7 } });
    });

    it("a code and a recovery code racing on one pending sign-in: one signs in, and a recovery code is spent only by the one that does", async () => {
      const enrolled = await enrol();
      const browser = await password(enrolled);
      const now = tick(enrolled);
      const [byCode, byRecoveryCode] = await Promise.all([
        code(enrolled, browser, now),
        attempt({ recoveryCode: enrolled.recoveryCodes[0]! }, browser, now),
      ]);
      const winners = [byCode, byRecoveryCode].filter((outcome) => typeof outcome === "object");
      expect(winners).toEqual([signedIn(enrolled.user)]);
      const recoveryCodeWon = typeof byRecoveryCode === "object";
      expect([byCode, byRecoveryCode]).toContain("sign-in-ended");
      const db = await getDb();
      const unused = (await db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, enrolled.user.id))).filter(
        (row) => row.usedAt === null,
      );
      // Before, the recovery code was spent by its check and the sign-in then lost the race: used, for nothing.
      expect(unused).toHaveLength(recoveryCodeWon ? RECOVERY_CODE_COUNT - 1 : RECOVERY_CODE_COUNT);
      expect((await lastRecoveryCodeUse(enrolled.user.id)) !== undefined).toBe(recoveryCodeWon);
    });

    it("regenerating voids the old set: a code of the old set is refused, one of the new set works", async () => {
      const enrolled = await enrol();
      await actAs(enrolled.user);
      // The password alone is not enough: two-factor is on, so the re-authentication asks for a code too.
      expect(await regenerateRecoveryCodesAction(IDLE, form({ currentPassword: PASSWORD }))).toMatchObject({
        status: "error",
        fieldErrors: { reauthCode: REAUTH_MESSAGES.needCode },
      });
      const code = await codeAt(enrolled.secret, new Date(Date.now() + STEP_MS));
      const wrongPassword = await regenerateRecoveryCodesAction(
        IDLE,
        form({ currentPassword: "not it, not at all", reauthCode: code }),
      );
      expect(wrongPassword).toMatchObject({ status: "error", fieldErrors: { currentPassword: WRONG_PASSWORD } });
      const regenerated = await regenerateRecoveryCodesAction(
        IDLE,
        form({ currentPassword: PASSWORD, reauthCode: code }),
      );
      expect(regenerated).toMatchObject({ status: "success" });
      expect(regenerated.revealed).toHaveLength(RECOVERY_CODE_COUNT);
      expect(regenerated.revealed).not.toContain(enrolled.recoveryCodes[0]);
      expect((await listAuthEvents(enrolled.user.id, 1))[0]).toMatchObject({ type: "recovery-codes-regenerated" });

      const browser = await password(enrolled);
      expect(await attempt({ recoveryCode: enrolled.recoveryCodes[0]! }, browser, enrolled.clock.now)).toBe(
        "wrong-code",
      );
      expect(await attempt({ recoveryCode: regenerated.revealed![0]! }, browser, enrolled.clock.now)).toEqual(
        signedIn(enrolled.user),
      );
    });
  });

  describe("turning it off", () => {
    it("refuses a wrong code (and a wrong password); with the password and the app's code it is off, and the password alone signs in", async () => {
      const enrolled = await enrol();
      await actAs(enrolled.user);
      const right = await codeAt(enrolled.secret, new Date(Date.now() + STEP_MS));
      const wrong = right === "000000" ? "000001" : "000000";
      expect(await disableTwoFactorAction(IDLE, form({ currentPassword: PASSWORD, reauthCode: wrong }))).toMatchObject({
        status: "error",
        fieldErrors: { reauthCode: WRONG_CODE },
      });
      expect(
        await disableTwoFactorAction(IDLE, form({ currentPassword: "not it, not at all", reauthCode: right })),
      ).toMatchObject({ status: "error", fieldErrors: { currentPassword: WRONG_PASSWORD } });
      expect((await getTwoFactorSecret(enrolled.user.id))?.enabledAt).toBeInstanceOf(Date);

      // The app's code for the next step (the current one was used to turn it on): one step of drift is allowed.
      const since = Date.now();
      const state = await disableTwoFactorAction(IDLE, form({ currentPassword: PASSWORD, reauthCode: right }));
      expect(state).toMatchObject({ status: "success", message: "Two-factor authentication is off." });
      expect(state.values).toEqual({}); // neither the password nor the code echoed
      expect(await getTwoFactorSecret(enrolled.user.id)).toBeUndefined();
      const db = await getDb();
      expect(await db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, enrolled.user.id))).toEqual([]);
      expect((await listAuthEvents(enrolled.user.id, 1))[0]).toMatchObject({ type: "two-factor-disabled" });
      await deliveriesSettled();
      await receivedMail({ to: enrolled.user.email, subject: "Two-factor authentication is off", since });

      expect(
        await attempt({ email: enrolled.user.email, password: PASSWORD }, new Browser(), new Date()),
      ).toMatchObject({ id: enrolled.user.id, methods: ["pwd"] });
      // And again off: nothing to turn off.
      await actAs(enrolled.user);
      expect(await disableTwoFactorAction(IDLE, form({ currentPassword: PASSWORD, reauthCode: right }))).toMatchObject({
        status: "error",
        formError: NOT_ON,
      });
    });

    it("takes a recovery code instead of the app's (a lost phone must not lock it on)", async () => {
      const enrolled = await enrol();
      await actAs(enrolled.user);
      const state = await disableTwoFactorAction(
        IDLE,
        form({ currentPassword: PASSWORD, reauthCode: enrolled.recoveryCodes[4]!.toLowerCase() }),
      );
      expect(state).toMatchObject({ status: "success" });
      expect(await twoFactorSettings(enrolled.user.id, enrolled.user.email)).toEqual({ state: "off" });
      expect(
        await attempt({ email: enrolled.user.email, password: PASSWORD }, new Browser(), new Date()),
      ).toMatchObject({ id: enrolled.user.id, methods: ["pwd"] });
    });
  });

  describe("password changes", () => {
    it("a password reset does not turn two-factor off, and ends a pending sign-in made before it", async () => {
      const enrolled = await enrol();
      const pending = await password(enrolled);

      const since = Date.now();
      actSignedOut();
      request.headers.set("x-forwarded-for", `10.${Math.floor(Math.random() * 256)}.0.1`);
      expect(await forgotPasswordAction(IDLE, form({ email: enrolled.user.email }))).toMatchObject({
        status: "success",
      });
      await deliveriesSettled();
      const mail = await receivedMail({ to: enrolled.user.email, subject: "Reset your password", since });
      const token = new URL(linkTo(mail, "/reset-password")).searchParams.get("token")!;
      const reset = await resetPasswordAction(
        IDLE,
        form({
          token,
          newPassword: NEW_PASSWORD,
          confirmNewPassword: NEW_PASSWORD,
          [CLIENT_NAVIGATION_FIELD]: "client",
        }),
      );
      expect(reset).toMatchObject({ status: "success", redirectTo: "/login?reset=done" });

      expect(await twoFactorSettings(enrolled.user.id, enrolled.user.email)).toMatchObject({
        state: "on",
        recoveryCodesLeft: 10,
      });
      // The pending sign-in from before the reset is dead; the new password still needs the code.
      expect(await code(enrolled, pending)).toBe("sign-in-ended");
      tick(enrolled);
      const browser = await password(enrolled, new Browser(), NEW_PASSWORD);
      expect(await code(enrolled, browser)).toEqual(signedIn(enrolled.user));
    });

    it("a password change by a two-factor user signs this browser back in, without a code, with the session's methods", async () => {
      const enrolled = await enrol();
      await actAs(enrolled.user, { amr: ["pwd", "otp"] });
      const sessionsBefore = (await listDeviceSessions(enrolled.user.id, new Date(0))).map((session) => session.id);
      expect(sessionsBefore.length).toBeGreaterThan(0);
      await expect(
        changePasswordAction(
          IDLE,
          form({
            currentPassword: PASSWORD,
            reauthCode: await codeAt(enrolled.secret, new Date(Date.now() + STEP_MS)),
            newPassword: NEW_PASSWORD,
          }),
        ),
      ).rejects.toMatchObject({ digest: expect.stringContaining("/settings/account?password=changed") });

      // signIn received the server-made handover, which authorize finished: a new session, no row left behind.
      const token = await refreshedSession();
      const changed = await getUserById(enrolled.user.id);
      expect(token).toMatchObject({
        sub: enrolled.user.id,
        sessionVersion: changed!.sessionVersion,
        amr: ["pwd", "otp"],
      });
      expect(changed!.sessionVersion).toBe(enrolled.user.sessionVersion + 1);
      const live = (await listDeviceSessions(enrolled.user.id, new Date(0))).filter((session) => !session.revokedAt);
      // Every earlier session ended with the password change; the one left is new, made by the handover.
      expect(live.map((session) => session.id)).toEqual([token!.sid]);
      expect(sessionsBefore).not.toContain(token!.sid);
      expect(await pendingRows(enrolled.user.id)).toEqual([]);
      // Two-factor is still on: the new password alone makes a pending sign-in, not a session.
      await password(enrolled, new Browser(), NEW_PASSWORD);
    });
  });
});
