// Passkeys against a real database, with a software authenticator (tests/support/soft-authenticator.ts) that signs
// what a platform authenticator would: the ceremonies' challenges (single use, their own ceremony only, five
// minutes), the signature counter, user verification, and the passkey's own Credentials provider.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";

import { getDb } from "@/db";
import { listAuthEvents } from "@/db/auth-events";
import { listDeviceSessions } from "@/db/device-sessions";
import { listPasskeys, removePasskey, renamePasskey } from "@/db/passkeys";
import { getUserById } from "@/db/queries";
import { passkeys, users, webauthnChallenges } from "@/db/schema";
import { enableTwoFactor, startTwoFactorSetup } from "@/db/two-factor";
import { UnknownPasskey } from "@/features/auth/server/sign-in-errors";
import { REAUTH_MESSAGES } from "@/features/reauthentication/shared/schemas";
import { WRONG_PASSWORD } from "@/features/settings/server/confirm-password";
import { actAs } from "@tests/support/action-request";
import { form } from "@tests/support/form";
import { SoftAuthenticator } from "@tests/support/soft-authenticator";
import { createPerson } from "@tests/support/users";

import { passkeyRegistrationOptionsAction } from "./actions";
import { authorizePasskey } from "./server/authorize-passkey";
import {
  authenticateWithPasskey,
  authenticationOptions,
  CHALLENGE_SECONDS,
  reauthenticationOptions,
  registerPasskey,
  registrationOptions,
  relyingParty,
} from "./server/webauthn";

vi.mock("next/headers", async (original) => ({
  ...(await original()),
  ...(await import("@tests/support/action-request")).nextHeaders,
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const PASSWORD = "correct horse battery staple";

const person = () => createPerson("passkey", { password: PASSWORD });

const authenticator = (options: { backupEligible?: boolean } = {}) =>
  new SoftAuthenticator({ ...relyingParty(), ...options });

/** A person with one passkey on `device`. */
async function withPasskey(device = authenticator(), now = new Date()) {
  const user = await person();
  const options = await registrationOptions(user, now);
  const outcome = await registerPasskey(user, await device.register(options), "Laptop", now);
  if (!outcome.added) throw new Error("the passkey was not added");
  return { user, device, passkeyId: outcome.id };
}

const signInRequest = () =>
  new Request("http://localhost:3000/login", { headers: { "x-forwarded-for": "198.51.100.20" } });

describe(`passkeys on ${process.env.TEST_DB_ENGINE}`, () => {
  beforeAll(async () => {
    await getDb();
  });

  it("registers with user verification and a resident key required, the relying party from AUTH_URL, and stores what a sign-in needs", async () => {
    const user = await person();
    const options = await registrationOptions(user);
    expect(options.rp.id).toBe("localhost");
    expect(options.authenticatorSelection).toMatchObject({ residentKey: "required", userVerification: "required" });
    const device = authenticator({ backupEligible: true });
    const outcome = await registerPasskey(user, await device.register(options), "Phone");
    expect(outcome).toEqual({ added: true, id: device.credentials()[0] });
    const [stored] = await listPasskeys(user.id);
    expect(stored).toMatchObject({
      id: device.credentials()[0],
      userId: user.id,
      counter: 0,
      transports: ["internal"],
      deviceType: "multiDevice",
      name: "Phone",
      aaguid: "00000000-0000-0000-0000-000000000000",
      lastUsedAt: null,
    });
    // The challenge was spent by the registration.
    const db = await getDb();
    expect(
      await db.select().from(webauthnChallenges).where(eq(webauthnChallenges.challenge, options.challenge)),
    ).toEqual([]);
    // A second registration excludes the first: the same authenticator refuses, as a browser's would.
    const again = await registrationOptions(user);
    expect(again.excludeCredentials?.map(({ id }) => id)).toEqual(device.credentials());
    await expect(device.register(again)).rejects.toThrow();
  });

  it("refuses a registration without user verification, from another origin, or answering another person's challenge", async () => {
    const user = await person();
    const other = await person();
    const device = authenticator();
    const unverified = await registerPasskey(
      user,
      await device.register(await registrationOptions(user), { userVerified: false }),
      "x",
    );
    const elsewhere = await registerPasskey(
      user,
      await device.register(await registrationOptions(user), { clientData: { origin: "https://evil.example" } }),
      "x",
    );
    const othersChallenge = await registerPasskey(user, await device.register(await registrationOptions(other)), "x");
    expect([unverified, elsewhere, othersChallenge]).toEqual([{ added: false }, { added: false }, { added: false }]);
    expect(await listPasskeys(user.id)).toEqual([]);
  });

  it("signs in with a passkey alone: the same session as any other, made by a hardware key that counts as both factors", async () => {
    const { user, device, passkeyId } = await withPasskey();
    const response = await device.authenticate(await authenticationOptions());
    const signedIn = await authorizePasskey({ response: JSON.stringify(response) }, signInRequest());
    expect(signedIn).toMatchObject({ id: user.id, email: user.email, methods: ["hwk", "mfa"] });
    expect(signedIn?.sessionId).toMatch(/^[\w-]{16}$/);
    expect((await listDeviceSessions(user.id, new Date(0))).map(({ id }) => id)).toEqual([signedIn?.sessionId]);
    const [event] = await listAuthEvents(user.id, 1);
    expect(event).toMatchObject({ type: "sign-in", detail: { methods: ["hwk", "mfa"] } });
    const [stored] = await listPasskeys(user.id);
    expect(stored).toMatchObject({ id: passkeyId, counter: 1 });
    expect(stored?.lastUsedAt).toBeInstanceOf(Date);
  });

  it("a synced passkey signs in as swk, and satisfies two-factor on its own", async () => {
    const { user, device } = await withPasskey(authenticator({ backupEligible: true }));
    await startTwoFactorSetup(user.id, "sealed", new Date());
    await enableTwoFactor(user.id, { sealedSecret: "sealed", step: 1, codeHashes: ["not-a-real-hash"] }, new Date());
    const response = await device.authenticate(await authenticationOptions());
    const signedIn = await authorizePasskey({ response: JSON.stringify(response) }, signInRequest());
    expect(signedIn).toMatchObject({ id: user.id, methods: ["swk", "mfa"] });
  });

  it("spends a challenge once: the same signed response twice signs in once", async () => {
    const { device } = await withPasskey();
    const response = await device.authenticate(await authenticationOptions());
    expect((await authenticateWithPasskey(response)).user).not.toBeNull();
    expect(await authenticateWithPasskey(response)).toEqual({ user: null, reason: "refused" });
  });

  it("refuses a challenge after its five minutes (the clock moved, not waited)", async () => {
    const { device } = await withPasskey();
    const issued = new Date();
    const response = await device.authenticate(await authenticationOptions(issued));
    const late = new Date(issued.getTime() + CHALLENGE_SECONDS * 1000);
    expect(await authenticateWithPasskey(response, late)).toEqual({ user: null, reason: "refused" });
    // Just inside the window works (a fresh challenge: the late attempt spent the first).
    const inTime = await device.authenticate(await authenticationOptions(issued));
    expect((await authenticateWithPasskey(inTime, new Date(late.getTime() - 1000))).user).not.toBeNull();
  });

  it("refuses a challenge made for the other ceremony, either way", async () => {
    const { user, device } = await withPasskey();
    const registration = await registrationOptions(user);
    const signedRegistrationChallenge = await device.authenticate(await authenticationOptions(), {
      clientData: { challenge: registration.challenge },
    });
    expect(await authenticateWithPasskey(signedRegistrationChallenge)).toEqual({ user: null, reason: "refused" });

    const login = await authenticationOptions();
    const other = authenticator();
    const registeredWithLoginChallenge = await other.register({
      ...(await registrationOptions(user)),
      challenge: login.challenge,
    });
    expect(await registerPasskey(user, registeredWithLoginChallenge, "x")).toEqual({ added: false });
  });

  it("refuses a counter that goes backwards (a cloned authenticator); a synced passkey's 0 after 0 is taken", async () => {
    const { device } = await withPasskey();
    expect(
      (await authenticateWithPasskey(await device.authenticate(await authenticationOptions(), { counter: 5 }))).user,
    ).not.toBeNull();
    expect(
      await authenticateWithPasskey(await device.authenticate(await authenticationOptions(), { counter: 3 })),
    ).toEqual({
      user: null,
      reason: "refused",
    });
    expect(
      await authenticateWithPasskey(await device.authenticate(await authenticationOptions(), { counter: 5 })),
    ).toEqual({
      user: null,
      reason: "refused",
    });

    const synced = await withPasskey(authenticator({ backupEligible: true }));
    for (let round = 0; round < 2; round += 1) {
      const zero = await synced.device.authenticate(await authenticationOptions(), { counter: 0 });
      expect((await authenticateWithPasskey(zero)).user?.id).toBe(synced.user.id);
    }
  });

  it("refuses a sign-in without user verification, from another origin, or with a tampered signature", async () => {
    const { device } = await withPasskey();
    const unverified = await device.authenticate(await authenticationOptions(), { userVerified: false });
    const elsewhere = await device.authenticate(await authenticationOptions(), {
      clientData: { origin: "https://evil.example" },
    });
    const tampered = await device.authenticate(await authenticationOptions());
    const signature = Buffer.from(tampered.response.signature, "base64url");
    signature[signature.length - 1] = (signature[signature.length - 1]! + 1) % 256;
    tampered.response.signature = signature.toString("base64url");
    for (const response of [unverified, elsewhere, tampered])
      expect(await authenticateWithPasskey(response)).toEqual({ user: null, reason: "refused" });
  });

  it("a removed passkey cannot sign in: the provider says so in its own words, and nothing is opened", async () => {
    const { user, device, passkeyId } = await withPasskey();
    expect(await removePasskey(user.id, passkeyId)).toBe(true);
    const response = await device.authenticate(await authenticationOptions(), { credentialId: passkeyId });
    await expect(authorizePasskey({ response: JSON.stringify(response) }, signInRequest())).rejects.toBeInstanceOf(
      UnknownPasskey,
    );
    expect(await listDeviceSessions(user.id, new Date(0))).toEqual([]);
  });

  it("refuses malformed credentials without touching anything", async () => {
    for (const credentials of [
      {},
      { response: "not json" },
      { response: "{}" },
      { response: "x".repeat(20_000) },
      null,
    ])
      expect(await authorizePasskey(credentials, signInRequest())).toBeNull();
  });

  it("renames and removes only the person's own passkeys, and never the last way in", async () => {
    const { user, passkeyId } = await withPasskey();
    const stranger = await person();
    expect(await renamePasskey(stranger.id, passkeyId, "Mine now")).toBe(false);
    expect(await removePasskey(stranger.id, passkeyId)).toBe(false);
    expect(await renamePasskey(user.id, passkeyId, "Work laptop")).toBe(true);
    expect((await listPasskeys(user.id))[0]?.name).toBe("Work laptop");
    // An account without a password keeps its last passkey.
    const db = await getDb();
    await db.update(users).set({ passwordHash: "" }).where(eq(users.id, user.id));
    expect(await removePasskey(user.id, passkeyId)).toBe(false);
    expect(await listPasskeys(user.id)).toHaveLength(1);
    await db.update(users).set({ passwordHash: "x" }).where(eq(users.id, user.id));
    expect(await removePasskey(user.id, passkeyId)).toBe(true);
    expect(await db.select().from(passkeys).where(eq(passkeys.userId, user.id))).toEqual([]);
  });

  it("adding one takes the re-authentication however fresh the session: the password, and a code when two-factor is on", async () => {
    const user = await person();
    await actAs(user); // signed in this very second: it used to be let through without the password
    expect(await passkeyRegistrationOptionsAction(form({}))).toEqual({
      ok: false,
      fieldErrors: { currentPassword: REAUTH_MESSAGES.needPassword },
    });
    expect(await passkeyRegistrationOptionsAction(form({ currentPassword: "not my password at all" }))).toEqual({
      ok: false,
      fieldErrors: { currentPassword: WRONG_PASSWORD },
    });
    expect(await passkeyRegistrationOptionsAction(form({ currentPassword: PASSWORD }))).toMatchObject({ ok: true });

    // Two-factor on: the password alone no longer does.
    await startTwoFactorSetup(user.id, "sealed", new Date());
    await enableTwoFactor(user.id, { sealedSecret: "sealed", step: 1, codeHashes: ["not-a-real-hash"] }, new Date());
    await actAs((await getUserById(user.id))!); // turning it on ended every session: a new one
    expect(await passkeyRegistrationOptionsAction(form({ currentPassword: PASSWORD }))).toEqual({
      ok: false,
      fieldErrors: { reauthCode: REAUTH_MESSAGES.needCode },
    });
  });

  it("an address not proven cannot add a passkey, even with the password", async () => {
    const user = await createPerson("passkey", { password: PASSWORD, emailVerifiedAt: null });
    await actAs(user);
    expect(await passkeyRegistrationOptionsAction(form({ currentPassword: PASSWORD }))).toEqual({
      ok: false,
      error: REAUTH_MESSAGES.verifyFirst,
    });
  });

  it("an account without a password proves itself with one of its own passkeys, once per challenge", async () => {
    const { user, device } = await withPasskey();
    const db = await getDb();
    await db.update(users).set({ passwordHash: "" }).where(eq(users.id, user.id));
    const noPassword = { ...user, passwordHash: "" };
    await actAs(noPassword);
    expect(await passkeyRegistrationOptionsAction(form({ currentPassword: PASSWORD }))).toEqual({
      ok: false,
      fieldErrors: { passkeyAssertion: REAUTH_MESSAGES.needPasskey },
    });
    const assertion = JSON.stringify(await device.authenticate(await reauthenticationOptions(user)));
    expect(await passkeyRegistrationOptionsAction(form({ passkeyAssertion: assertion }))).toMatchObject({ ok: true });
    // The same assertion again: its challenge was spent.
    const refused = { ok: false, fieldErrors: { passkeyAssertion: REAUTH_MESSAGES.passkeyRefused } };
    expect(await passkeyRegistrationOptionsAction(form({ passkeyAssertion: assertion }))).toEqual(refused);
    // A sign-in's challenge (anyone's) is not a re-authentication's.
    const signInAssertion = JSON.stringify(await device.authenticate(await authenticationOptions()));
    expect(await passkeyRegistrationOptionsAction(form({ passkeyAssertion: signInAssertion }))).toEqual(refused);
    // Someone else's passkey, answering this person's challenge, proves nothing.
    const stranger = await withPasskey();
    const strangers = JSON.stringify(
      await stranger.device.authenticate({ ...(await reauthenticationOptions(user)), allowCredentials: [] }),
    );
    expect(await passkeyRegistrationOptionsAction(form({ passkeyAssertion: strangers }))).toEqual(refused);
  });
});
