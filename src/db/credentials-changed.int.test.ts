// The "credentials changed" event on the real engines, through each remedy that runs it: a password reset, a
// password change, sign out of all devices (the person's, an admin's), and turning two-factor on. Before each, the
// account holds one of every kind of pending thing VOIDED_ON_CREDENTIALS_CHANGE names — made the way the app makes
// them — and after it, none. `PENDING` is typed by that list, so a new kind does not compile without a way to make
// one here.
import { count } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";

import { getDb, queryCount } from "@/db";
import { listDeviceSessions } from "@/db/device-sessions";
import { listPasskeys } from "@/db/passkeys";
import { bumpSessionVersion, changePassword, endEverySessionOf, getUserById } from "@/db/queries";
import type { User } from "@/db/schema";
import { createPendingSignIn, enableTwoFactor, getTwoFactorSecret, startTwoFactorSetup } from "@/db/two-factor";
import { CLIENT_NAVIGATION_FIELD } from "@/features/auth/shared/client-navigation";
import { deliveriesSettled } from "@/features/mail/server/deliver";
import { hashLinkToken } from "@/features/mail/server/link-token";
import { sendEmailChangeNotice, sendLink } from "@/features/mail/server/links";
import { registrationOptions } from "@/features/passkeys/server/webauthn";
import { resetPasswordAction } from "@/features/password-reset/actions";
import { IDLE } from "@/lib/shared/form";
import { actAs, actSignedOut } from "@tests/support/action-request";
import { statedFigures } from "@tests/support/docs";
import { form } from "@tests/support/form";
import { linkTo } from "@tests/support/mail-sink";
import { receivedMail } from "@tests/support/test-mailbox";
import { createPasskey, createPerson } from "@tests/support/users";

import { credentialsChanged, VOIDED_ON_CREDENTIALS_CHANGE } from "./credentials-changed";
import { resetPasswordWithLink } from "./mail-links";

vi.mock("next/headers", async (original) => ({
  ...(await original()),
  ...(await import("@tests/support/action-request")).nextHeaders,
}));

type Kind = keyof typeof VOIDED_ON_CREDENTIALS_CHANGE;

/** One of each kind, for `user`, as the app makes it. */
const PENDING: Record<Kind, (user: User) => Promise<unknown>> = {
  // A reset link, an email change's link to the new address, and the cancel link its notice carries.
  mailLinks: async (user) => {
    await sendLink(user.id, "reset-password", user.email);
    await sendLink(user.id, "change-email", `new-${user.email}`);
    await sendEmailChangeNotice(user.id, user.email, `new-${user.email}`);
  },
  twoFactorSetups: (user) => startTwoFactorSetup(user.id, "sealed", new Date()),
  pendingSignIns: (user) =>
    createPendingSignIn(
      {
        tokenHash: hashLinkToken(`${user.id}-pending`),
        userId: user.id,
        sessionVersion: user.sessionVersion,
        methods: ["pwd"],
        awaitingCode: true,
        expiresAt: new Date(Date.now() + 5 * 60_000),
      },
      new Date(),
    ),
  webauthnChallenges: (user) => registrationOptions(user),
};

async function pendingCounts(userId: string): Promise<Record<Kind, number>> {
  const db = await getDb();
  const counts = {} as Record<Kind, number>;
  for (const [kind, { table, of }] of Object.entries(VOIDED_ON_CREDENTIALS_CHANGE) as Array<
    [Kind, (typeof VOIDED_ON_CREDENTIALS_CHANGE)[Kind]]
  >) {
    const [row] = await db.select({ rows: count() }).from(table).where(of(userId));
    counts[kind] = row?.rows ?? 0;
  }
  return counts;
}

/** A person with one of everything pending, checked to be there, and two live sessions. */
async function withEverythingPending(): Promise<User> {
  const user = await createPerson("credentials-changed", { password: "correct horse battery staple" });
  await actAs(user);
  await actAs(user);
  for (const make of Object.values(PENDING)) await make(user);
  await deliveriesSettled();
  for (const [kind, rows] of Object.entries(await pendingCounts(user.id))) expect(rows, kind).toBeGreaterThan(0);
  return user;
}

const liveSessions = async (userId: string) =>
  (await listDeviceSessions(userId, new Date(0))).filter((session) => !session.revokedAt).map(({ id }) => id);

const nothingPending = Object.fromEntries(Object.keys(VOIDED_ON_CREDENTIALS_CHANGE).map((kind) => [kind, 0]));

afterEach(() => deliveriesSettled());

describe(`the credentials-changed event on ${process.env.TEST_DB_ENGINE}`, () => {
  beforeAll(async () => {
    await getDb();
  });

  it.each([
    ["a password change", (user: User) => changePassword(user.id, user.sessionVersion, "a new hash")],
    ["sign out of all devices", (user: User) => bumpSessionVersion(user.id, user.sessionVersion)],
    ["an admin's sign out everywhere", (user: User) => endEverySessionOf(user.id)],
  ] as const)("%s voids everything pending and ends every session", async (_label, remedy) => {
    const user = await withEverythingPending();
    await remedy(user);
    expect(await pendingCounts(user.id)).toEqual(nothingPending);
    expect(await liveSessions(user.id)).toEqual([]);
    expect((await getUserById(user.id))?.sessionVersion).toBe(user.sessionVersion + 1);
  });

  it("a password reset voids everything pending (the other links too) and ends every session", async () => {
    const user = await withEverythingPending();
    const since = Date.now();
    await sendLink(user.id, "reset-password", user.email);
    const mail = await receivedMail({ to: user.email, subject: "Reset your password", since });
    const token = new URL(linkTo(mail, "/reset-password")).searchParams.get("token")!;
    actSignedOut();
    const newPassword = "a brand new and long passphrase";
    const fields = { token, newPassword, confirmNewPassword: newPassword, [CLIENT_NAVIGATION_FIELD]: "client" };
    expect(await resetPasswordAction(IDLE, form(fields))).toMatchObject({ status: "success" });
    expect(await pendingCounts(user.id)).toEqual(nothingPending);
    expect(await liveSessions(user.id)).toEqual([]);
  });

  it("turning two-factor on voids everything pending and ends every session but the one that did it", async () => {
    const user = await withEverythingPending();
    const here = await actAs(user);
    await startTwoFactorSetup(user.id, "sealed", new Date()); // the setup being confirmed
    await enableTwoFactor(
      user.id,
      { sealedSecret: "sealed", step: 1, codeHashes: ["hash"], keepSession: here },
      new Date(),
    );
    expect(await pendingCounts(user.id)).toEqual(nothingPending);
    expect(await liveSessions(user.id)).toEqual([here]);
    expect((await getUserById(user.id))?.sessionVersion).toBe(user.sessionVersion); // this session goes on
  });

  it("is the statements docs/security.md states: the session version (or, keeping a session, a read of it), the revocation, a delete per voided kind", async () => {
    const db = await getDb();
    const statements = 2 + Object.keys(VOIDED_ON_CREDENTIALS_CHANGE).length;
    for (const sessions of ["all", { keep: "this-session" }] as const) {
      const user = await createPerson("credentials-changed");
      const before = queryCount();
      await credentialsChanged(db, user.id, new Date(), sessions);
      expect(queryCount() - before).toBe(statements);
    }
    // The docs hold the only copy of the figure; this is where it comes from.
    const stated = statedFigures(/WebAuthn challenges\. (\d+) statements/);
    expect(stated, "docs/security.md states the event's statements").toHaveLength(1);
    for (const figure of stated)
      expect(figure.value, `${figure.file}:${figure.line}: write ${statements}`).toBe(statements);
  });

  it("a reset that first proves the address removes what was set up before it; a verified account's are kept", async () => {
    const setUp = async (user: User) => {
      await createPasskey(user.id, "A stranger's");
      await startTwoFactorSetup(user.id, "sealed", new Date());
      await enableTwoFactor(user.id, { sealedSecret: "sealed", step: 1, codeHashes: ["hash"] }, new Date());
    };
    const resetNow = async (user: User) => {
      const since = Date.now();
      await sendLink(user.id, "reset-password", user.email);
      const mail = await receivedMail({ to: user.email, subject: "Reset your password", since });
      const token = new URL(linkTo(mail, "/reset-password")).searchParams.get("token")!;
      return resetPasswordWithLink(hashLinkToken(token), "a new hash", new Date());
    };

    // Signed up with someone else's address (EMAIL_VERIFICATION=optional), a passkey and two-factor added.
    const squatted = await createPerson("first-proof", { emailVerifiedAt: null });
    await setUp(squatted);
    expect(await resetNow(squatted)).toMatchObject({ firstProof: true });
    expect(await listPasskeys(squatted.id)).toEqual([]);
    expect(await getTwoFactorSecret(squatted.id)).toBeUndefined();
    expect((await getUserById(squatted.id))?.emailVerifiedAt).toBeInstanceOf(Date);

    const owners = await createPerson("first-proof");
    await setUp(owners);
    expect(await resetNow(owners)).toMatchObject({ firstProof: false });
    expect(await listPasskeys(owners.id)).toHaveLength(1);
    expect((await getTwoFactorSecret(owners.id))?.enabledAt).toBeInstanceOf(Date);
  });
});
