// Two-factor sign-in's cost, inside this process against the app's own modules and a real database: the
// password step for an account with two-factor on (it makes a pending sign-in instead of a session), the code
// step, and the recovery-code step at its worst (the last unused code: a bcrypt compare against each unused one).
// Run after in-process.ts's configure(): the modules read the environment once.
import { randomUUID } from "node:crypto";
import { generate } from "otplib";

import { settings } from "../lib/settings";
import { figure, timed, type Figure } from "../lib/stats";

/** A Next cookie store's stand-in: the pending sign-in's cookie, kept for the next step's request. */
function cookieJar() {
  const cookies = new Map<string, string>();
  return {
    writer: { set: (name: string, value: string) => void cookies.set(name, value) },
    header: () => [...cookies].map(([name, value]) => `${name}=${value}`).join("; "),
  };
}

export async function twoFactorCost(): Promise<Figure[]> {
  const { createUser } = await import("@/db/queries");
  const { enableTwoFactor, startTwoFactorSetup } = await import("@/db/two-factor");
  const { authorizeCredentials } = await import("@/features/auth/server/authorize");
  const { hashPassword, BCRYPT_COST } = await import("@/features/auth/server/password-hash");
  const { newRecoveryCodeSet } = await import("@/features/two-factor/server/recovery-codes");
  const { sealTotpSecret } = await import("@/features/two-factor/server/second-factor");
  const { newTotpSecret } = await import("@/features/two-factor/server/totp");

  const password = "correct horse battery staple";
  const user = await createUser({
    email: `bench-2fa-${randomUUID().slice(0, 8)}@example.com`,
    name: "Bench 2FA",
    passwordHash: await hashPassword(password),
    emailVerifiedAt: new Date(),
  });
  if (!user) throw new Error("the benchmark could not create its account");
  const secret = newTotpSecret();
  const sealedSecret = await sealTotpSecret(secret);
  await startTwoFactorSetup(user.id, sealedSecret, new Date());
  // Enabled at step 0, so every later code (one step apart, see below) is new.
  let { codes, hashes } = await newRecoveryCodeSet();
  await enableTwoFactor(user.id, { sealedSecret, step: 0, codeHashes: hashes }, new Date());

  const headers = { "x-forwarded-for": "203.0.113.9" };
  const passwordStep = async (jar: ReturnType<typeof cookieJar>, now: Date) => {
    const request = new Request("http://localhost/api/auth/callback/credentials", { headers });
    await authorizeCredentials({ email: user.email, password }, request, jar.writer, now).then(
      () => {
        throw new Error("the password alone signed in");
      },
      (error: { code?: string }) => {
        if (error.code !== "two-factor") throw error;
      },
    );
  };
  const secondStep = async (jar: ReturnType<typeof cookieJar>, credentials: Record<string, string>, now: Date) => {
    const request = new Request("http://localhost/login/two-factor", { headers: { ...headers, cookie: jar.header() } });
    if (!(await authorizeCredentials(credentials, request, jar.writer, now))) throw new Error("the code was refused");
  };

  const passwordTimes: number[] = [];
  const codeTimes: number[] = [];
  const recoveryTimes: number[] = [];
  // Each round's code is one 30-s step later than the last (a code works once), on a moved clock, not a waited one.
  let step = Math.floor(Date.now() / 30_000);
  for (let round = 0; round < settings.signInRounds; round += 1) {
    const jar = cookieJar();
    step += 1;
    const now = new Date(step * 30_000);
    passwordTimes.push(await timed(() => passwordStep(jar, now)));
    const code = await generate({ secret, epoch: step * 30 });
    codeTimes.push(await timed(() => secondStep(jar, { code }, now)));

    if (round % 10 === 0 && round > 0) {
      ({ codes, hashes } = await newRecoveryCodeSet()); // a fresh set every 10 rounds
      const { replaceRecoveryCodes } = await import("@/db/two-factor");
      await replaceRecoveryCodes(user.id, hashes);
    }
    const recoveryJar = cookieJar();
    await passwordStep(recoveryJar, now);
    // The last code of the set not used yet: compared after every other unused one (the worst case).
    const recoveryCode = codes[codes.length - 1 - (round % 10)]!;
    recoveryTimes.push(await timed(() => secondStep(recoveryJar, { recoveryCode }, now)));
  }
  // A passkey instead: no bcrypt at all — options (a challenge stored), then a signature checked.
  const { SoftAuthenticator } = await import("../../tests/support/soft-authenticator");
  const { authenticationOptions, registerPasskey, registrationOptions, relyingParty } =
    await import("@/features/passkeys/server/webauthn");
  const { authorizePasskey } = await import("@/features/passkeys/server/authorize-passkey");
  const device = new SoftAuthenticator(relyingParty());
  await registerPasskey(user, await device.register(await registrationOptions(user)), "Bench");
  const passkeyTimes: number[] = [];
  for (let round = 0; round < settings.signInRounds; round += 1) {
    const request = new Request("http://localhost/login", { headers });
    passkeyTimes.push(
      await timed(async () => {
        const response = await device.authenticate(await authenticationOptions());
        if (!(await authorizePasskey({ response: JSON.stringify(response) }, request)))
          throw new Error("the passkey was refused");
      }),
    );
  }

  const note = `bcrypt cost ${BCRYPT_COST} (recovery codes: ${Math.min(BCRYPT_COST, 10)}), ${settings.signInRounds} rounds, in one process`;
  return [
    figure("password step, two-factor on (pending sign-in, no session)", "ms", passwordTimes, undefined, note),
    figure("code step (authenticator code → session)", "ms", codeTimes),
    figure("recovery-code step, worst case (compared with every unused code)", "ms", recoveryTimes),
    figure("passkey sign-in (options, the authenticator's signature, authorize)", "ms", passkeyTimes),
  ];
}
