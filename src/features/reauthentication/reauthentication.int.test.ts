// The one re-authentication step, against the real engines: every sensitive action, sent with a session cookie
// alone — signed in this very second — changes nothing; with two-factor on, the password alone does not do either;
// and the codes typed here are throttled like a sign-in's, a right password wiping none of their failures.
import { generate } from "otplib";
import { beforeAll, describe, expect, it, vi } from "vitest";

import { getDb } from "@/db";
import { usableLinkCount } from "@/db/mail-links";
import { getUserById } from "@/db/queries";
import type { User } from "@/db/schema";
import { getTwoFactorSecret } from "@/db/two-factor";
import { verifyPassword } from "@/features/auth/server/password-hash";
import { deliveriesSettled } from "@/features/mail/server/deliver";
import { changeEmailAction, changePasswordAction, deleteAccountAction } from "@/features/settings/actions";
import {
  disableTwoFactorAction,
  enableTwoFactorAction,
  regenerateRecoveryCodesAction,
  startTwoFactorAction,
} from "@/features/two-factor/actions";
import { twoFactorSettings } from "@/features/two-factor/server/settings-status";
import { WRONG_CODE } from "@/features/two-factor/shared/messages";
import { env } from "@/lib/server/env";
import { IDLE, type FormState } from "@/lib/shared/form";
import { actAs, request } from "@tests/support/action-request";
import { form } from "@tests/support/form";
import { createPerson, uniqueEmail } from "@tests/support/users";

import { REAUTH_MESSAGES } from "./shared/schemas";

vi.mock("next/headers", async (original) => ({
  ...(await original()),
  ...(await import("@tests/support/action-request")).nextHeaders,
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const PASSWORD = "correct horse battery staple";
const NEW_PASSWORD = "a brand new and long passphrase";
const STEP_MS = 30_000;

/** Signed in a moment ago, from an address of its own (so no test shares a throttle counter). */
async function signedInNow(user: User): Promise<void> {
  await actAs(user);
  request.headers.set("x-forwarded-for", `10.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}.7`);
}

/** A person with two-factor on (through the actions) and the secret their app holds. */
async function withTwoFactor(): Promise<{ user: User; secret: string }> {
  const me = await createPerson("reauth", { password: PASSWORD });
  await signedInNow(me);
  await startTwoFactorAction(IDLE, form({}));
  const settings = await twoFactorSettings(me.id, me.email);
  if (settings.state !== "enrolling") throw new Error("no setup");
  const code = await generate({ secret: settings.secret, epoch: Math.floor(Date.now() / 1000) });
  expect(await enableTwoFactorAction(IDLE, form({ code, currentPassword: PASSWORD }))).toMatchObject({
    status: "success",
  });
  return { user: (await getUserById(me.id))!, secret: settings.secret };
}

/** The next code of the app (the current step was used to turn it on; one step of drift is allowed). */
const nextCode = (secret: string) => generate({ secret, epoch: Math.floor((Date.now() + STEP_MS) / 1000) });

interface SensitiveChange {
  send: (fields: Record<string, string>) => Promise<FormState>;
  /** Its own fields, right ones. */
  fields: (user: User) => Record<string, string>;
  /** Throws when the change happened. */
  unchanged: (user: User) => Promise<void>;
}

const passwordUnchanged = async (user: User) =>
  expect(await verifyPassword(PASSWORD, (await getUserById(user.id))!.passwordHash)).toBe(true);

const CHANGES: Record<string, SensitiveChange> = {
  "change the password": {
    send: (fields) => changePasswordAction(IDLE, form(fields)),
    fields: () => ({ newPassword: NEW_PASSWORD }),
    unchanged: passwordUnchanged,
  },
  "change the email": {
    send: (fields) => changeEmailAction(IDLE, form(fields)),
    fields: () => ({ newEmail: uniqueEmail("intruder") }),
    unchanged: async (user) => {
      await deliveriesSettled();
      expect(await usableLinkCount(user.id, "change-email", new Date())).toBe(0);
    },
  },
  "delete the account": {
    send: (fields) => deleteAccountAction(IDLE, form(fields)),
    fields: () => ({}),
    unchanged: async (user) => expect(await getUserById(user.id)).toBeDefined(),
  },
};

const TWO_FACTOR_CHANGES: Record<string, SensitiveChange> = {
  ...CHANGES,
  "regenerate the recovery codes": {
    send: (fields) => regenerateRecoveryCodesAction(IDLE, form(fields)),
    fields: () => ({}),
    unchanged: async () => {},
  },
  "turn two-factor off": {
    send: (fields) => disableTwoFactorAction(IDLE, form(fields)),
    fields: () => ({}),
    unchanged: async (user) => expect((await getTwoFactorSecret(user.id))?.enabledAt).toBeInstanceOf(Date),
  },
};

describe(`the re-authentication step on ${process.env.TEST_DB_ENGINE}`, () => {
  beforeAll(async () => {
    await getDb();
  });

  it.each(Object.entries(CHANGES))(
    "%s: a session cookie alone, however fresh, changes nothing",
    async (_name, change) => {
      const user = await createPerson("reauth", { password: PASSWORD });
      await signedInNow(user);
      const answer = await change.send(change.fields(user));
      expect(answer).toMatchObject({
        status: "error",
        fieldErrors: { currentPassword: REAUTH_MESSAGES.needPassword },
      });
      await change.unchanged(user);
    },
  );

  it.each(Object.entries(TWO_FACTOR_CHANGES))(
    "%s, with two-factor on: the password alone changes nothing either",
    async (_name, change) => {
      const { user } = await withTwoFactor();
      await signedInNow(user);
      expect(await change.send({ ...change.fields(user), currentPassword: PASSWORD })).toMatchObject({
        status: "error",
        fieldErrors: { reauthCode: REAUTH_MESSAGES.needCode },
      });
      await change.unchanged(user);
    },
  );

  it("with two-factor on, the password and a right code pass, and the code works once", async () => {
    const { user, secret } = await withTwoFactor();
    await signedInNow(user);
    const code = await nextCode(secret);
    const proof = { currentPassword: PASSWORD, reauthCode: code };
    expect(await regenerateRecoveryCodesAction(IDLE, form(proof))).toMatchObject({ status: "success" });
    expect(await regenerateRecoveryCodesAction(IDLE, form(proof))).toMatchObject({
      status: "error",
      fieldErrors: { reauthCode: WRONG_CODE },
    });
  });

  it("a right password does not wipe the wrong codes typed with it: the account's throttle stops the guessing", async () => {
    const { user, secret } = await withTwoFactor();
    await signedInNow(user);
    const right = await nextCode(secret);
    const wrong = right === "000000" ? "000001" : "000000";
    for (let attempt = 0; attempt < env.SIGNIN_FAILURES_PER_EMAIL_AND_IP; attempt++) {
      expect(await disableTwoFactorAction(IDLE, form({ currentPassword: PASSWORD, reauthCode: wrong }))).toMatchObject({
        fieldErrors: { reauthCode: WRONG_CODE },
      });
    }
    // Even the right code, now: every attempt is charged before it is checked.
    const refused = await disableTwoFactorAction(IDLE, form({ currentPassword: PASSWORD, reauthCode: right }));
    expect(refused.status).toBe("error");
    expect(refused.fieldErrors?.currentPassword ?? refused.formError).toMatch(/^Too many attempts/);
    expect((await getTwoFactorSecret(user.id))?.enabledAt).toBeInstanceOf(Date);
  });
});
