import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type RegistrationResponseJSON,
  type WebAuthnCredential,
} from "@simplewebauthn/server";
import { isoCBOR, parseAuthenticatorData } from "@simplewebauthn/server/helpers";
import { describe, expect, it } from "vitest";

import { encodeCbor, SoftAuthenticator } from "@tests/support/soft-authenticator";

// The software authenticator against @simplewebauthn/server itself, held to what the app will require: user
// verification, this origin and RP ID. Anything it makes that the library takes, a browser could have sent; and
// each lie it can tell must be one the library refuses, or a test built on it would prove nothing.
const origin = "http://localhost:3000";
const rpID = "localhost";

const newAuthenticator = () => new SoftAuthenticator({ origin, rpId: rpID });

function registrationOptions(excludeCredentials: { id: string }[] = []) {
  return generateRegistrationOptions({
    rpName: "Test",
    rpID,
    userName: "ada@example.com",
    userID: new TextEncoder().encode("user-1"),
    excludeCredentials,
    authenticatorSelection: { residentKey: "required", userVerification: "required" },
  });
}

const verifyRegistration = (response: RegistrationResponseJSON, options: PublicKeyCredentialCreationOptionsJSON) =>
  verifyRegistrationResponse({
    response,
    expectedChallenge: options.challenge,
    expectedOrigin: origin,
    expectedRPID: rpID,
    requireUserVerification: true,
  });

const verifyAuthentication = (
  response: AuthenticationResponseJSON,
  challenge: string,
  credential: WebAuthnCredential,
) =>
  verifyAuthenticationResponse({
    response,
    expectedChallenge: challenge,
    expectedOrigin: origin,
    expectedRPID: rpID,
    credential,
    requireUserVerification: true,
  });

/** A registered authenticator, and the credential as the server would store it. */
async function registered() {
  const authenticator = newAuthenticator();
  const options = await registrationOptions();
  const { registrationInfo } = await verifyRegistration(await authenticator.register(options), options);
  if (!registrationInfo) throw new Error("registration was not verified");
  return { authenticator, credential: registrationInfo.credential, userHandle: options.user.id };
}

describe("SoftAuthenticator registration", () => {
  it("makes a credential @simplewebauthn verifies: user verified, counter 0, the id it keeps", async () => {
    const authenticator = newAuthenticator();
    const options = await registrationOptions();
    const response = await authenticator.register(options);

    const verification = await verifyRegistration(response, options);

    expect(verification.verified).toBe(true);
    const info = verification.registrationInfo!;
    expect(info).toMatchObject({
      fmt: "none",
      aaguid: "00000000-0000-0000-0000-000000000000",
      userVerified: true,
      credentialDeviceType: "singleDevice",
      credentialBackedUp: false,
      origin,
      rpID,
    });
    expect(info.credential.id).toBe(response.id);
    expect(info.credential.counter).toBe(0);
    expect(info.credential.transports).toEqual(["internal"]);
    expect(info.credential.publicKey.length).toBeGreaterThan(64);
    expect(authenticator.credentials()).toEqual([response.id]);
    const idLength = Buffer.from(response.rawId, "base64url").length;
    expect(idLength).toBeGreaterThanOrEqual(16);
    expect(idLength).toBeLessThanOrEqual(32);
  });

  it("sets BE and BS as configured, which @simplewebauthn reads as a backed-up multi-device passkey", async () => {
    const authenticator = new SoftAuthenticator({ origin, rpId: rpID, backupEligible: true, backedUp: true });
    const options = await registrationOptions();
    const { registrationInfo } = await verifyRegistration(await authenticator.register(options), options);
    expect(registrationInfo).toMatchObject({ credentialDeviceType: "multiDevice", credentialBackedUp: true });
  });

  it("is refused under requireUserVerification when the user was not verified", async () => {
    const options = await registrationOptions();
    const response = await newAuthenticator().register(options, { userVerified: false });
    await expect(verifyRegistration(response, options)).rejects.toThrow(/User verification was required/);
  });

  it.each([
    ["origin", { origin: "http://evil.example:3000" }, /origin/],
    ["challenge", { challenge: Buffer.from("another challenge").toString("base64url") }, /challenge/],
    ["type", { type: "webauthn.get" }, /type/],
  ])("is refused with a wrong %s in clientDataJSON", async (_, clientData, reason) => {
    const options = await registrationOptions();
    const response = await newAuthenticator().register(options, { clientData });
    await expect(verifyRegistration(response, options)).rejects.toThrow(reason);
  });

  it("refuses, as a real authenticator does, to register again where excludeCredentials names one it holds", async () => {
    const { authenticator, credential } = await registered();
    const options = await registrationOptions([{ id: credential.id }]);
    await expect(authenticator.register(options)).rejects.toThrow(/already registered/);
    expect(authenticator.credentials()).toEqual([credential.id]);
    // Another person's authenticator does not hold it, and registers.
    await expect(newAuthenticator().register(options)).resolves.toMatchObject({ type: "public-key" });
  });

  it("refuses options for another RP ID, or that do not accept ES256", async () => {
    const options = await registrationOptions();
    await expect(newAuthenticator().register({ ...options, rp: { ...options.rp, id: "example.com" } })).rejects.toThrow(
      /RP ID/,
    );
    await expect(
      newAuthenticator().register({ ...options, pubKeyCredParams: [{ type: "public-key", alg: -257 }] }),
    ).rejects.toThrow(/ES256/);
  });
});

describe("SoftAuthenticator authentication", () => {
  it("signs an assertion @simplewebauthn verifies, the counter moved to 1, with the user handle", async () => {
    const { authenticator, credential, userHandle } = await registered();
    const options = await generateAuthenticationOptions({
      rpID,
      allowCredentials: [{ id: credential.id }],
      userVerification: "required",
    });
    const response = await authenticator.authenticate(options);

    const verification = await verifyAuthentication(response, options.challenge, credential);

    expect(verification.verified).toBe(true);
    expect(verification.authenticationInfo).toMatchObject({
      credentialID: credential.id,
      newCounter: 1,
      userVerified: true,
      origin,
      rpID,
    });
    expect(response.id).toBe(credential.id);
    expect(response.response.userHandle).toBe(userHandle);
  });

  it("is discoverable: without allowCredentials it answers with the credential it holds", async () => {
    const { authenticator, credential } = await registered();
    const options = await generateAuthenticationOptions({ rpID, userVerification: "required" });
    const response = await authenticator.authenticate(options);
    expect(response.id).toBe(credential.id);
    expect((await verifyAuthentication(response, options.challenge, credential)).verified).toBe(true);
  });

  it("picks the first allowed credential it holds, or the one it is told to", async () => {
    const { authenticator, credential } = await registered();
    const options = await registrationOptions();
    const second = await authenticator.register(options);
    const stranger = Buffer.alloc(16, 7).toString("base64url");

    const allowBoth = await generateAuthenticationOptions({
      rpID,
      allowCredentials: [{ id: stranger }, { id: second.id }, { id: credential.id }],
    });
    expect((await authenticator.authenticate(allowBoth)).id).toBe(second.id);
    expect((await authenticator.authenticate(allowBoth, { credentialId: credential.id })).id).toBe(credential.id);

    const onlyStranger = await generateAuthenticationOptions({ rpID, allowCredentials: [{ id: stranger }] });
    await expect(authenticator.authenticate(onlyStranger)).rejects.toThrow(/no credential/);
  });

  it("is refused under requireUserVerification when the user was not verified", async () => {
    const { authenticator, credential } = await registered();
    const options = await generateAuthenticationOptions({ rpID, userVerification: "required" });
    const response = await authenticator.authenticate(options, { userVerified: false });
    await expect(verifyAuthentication(response, options.challenge, credential)).rejects.toThrow(
      /User verification required/,
    );
  });

  it.each([
    ["origin", { origin: "http://evil.example:3000" }, /origin/],
    ["challenge", { challenge: Buffer.from("another challenge").toString("base64url") }, /challenge/],
    ["type", { type: "webauthn.create" }, /type/],
  ])("is refused with a wrong %s in clientDataJSON", async (_, clientData, reason) => {
    const { authenticator, credential } = await registered();
    const options = await generateAuthenticationOptions({ rpID });
    const response = await authenticator.authenticate(options, { clientData });
    await expect(verifyAuthentication(response, options.challenge, credential)).rejects.toThrow(reason);
  });

  it("is not verified with a tampered signature, or one over other data", async () => {
    const { authenticator, credential } = await registered();
    const options = await generateAuthenticationOptions({ rpID });
    const response = await authenticator.authenticate(options);

    // The last byte of s: the DER structure stays whole, so this reaches the ECDSA check itself.
    const signature = Buffer.from(response.response.signature, "base64url");
    signature[signature.length - 1]! ^= 0x01;
    const tampered = { ...response, response: { ...response.response, signature: signature.toString("base64url") } };
    expect((await verifyAuthentication(tampered, options.challenge, credential)).verified).toBe(false);

    // A right signature, from the next assertion, under this one's authenticatorData.
    const other = await authenticator.authenticate(options);
    const swapped = { ...response, response: { ...response.response, signature: other.response.signature } };
    expect((await verifyAuthentication(swapped, options.challenge, credential)).verified).toBe(false);
  });

  it("can report a counter that goes backwards (refused), or a synced passkey's constant 0 (taken)", async () => {
    const { authenticator, credential } = await registered();
    const options = await generateAuthenticationOptions({ rpID });
    const first = await verifyAuthentication(await authenticator.authenticate(options), options.challenge, credential);
    const stored = { ...credential, counter: first.authenticationInfo.newCounter };
    await expect(
      verifyAuthentication(await authenticator.authenticate(options, { counter: 0 }), options.challenge, stored),
    ).rejects.toThrow(/counter/);

    // A credential that has only ever reported 0 (counter 0 stored) is taken at 0 again and again.
    for (let i = 0; i < 2; i++) {
      const zero = await authenticator.authenticate(options, { counter: 0 });
      expect(parseAuthenticatorData(Buffer.from(zero.response.authenticatorData, "base64url")).counter).toBe(0);
      const verification = await verifyAuthentication(zero, options.challenge, credential);
      expect(verification).toMatchObject({ verified: true, authenticationInfo: { newCounter: 0 } });
    }
    // It keeps the reported counter: the next assertion counts on from there.
    const next = await authenticator.authenticate(options);
    expect(parseAuthenticatorData(Buffer.from(next.response.authenticatorData, "base64url")).counter).toBe(1);
  });

  it("forgets a credential: it is no longer listed or used", async () => {
    const { authenticator, credential } = await registered();
    expect(authenticator.forget(credential.id)).toBe(true);
    expect(authenticator.forget(credential.id)).toBe(false);
    expect(authenticator.credentials()).toEqual([]);
    const options = await generateAuthenticationOptions({ rpID });
    await expect(authenticator.authenticate(options)).rejects.toThrow(/no credential/);
  });
});

describe("encodeCbor", () => {
  it("writes what @simplewebauthn's CBOR decoder reads back, in the shortest form", () => {
    const value = new Map<number | string, Parameters<typeof encodeCbor>[0]>([
      [1, 2],
      [-1, -24],
      [-2, -25],
      [-3, -300],
      ["text", "héllo"],
      ["bytes", new Uint8Array([0, 255])],
      ["list", [0, 23, 24, 255, 256, 65535, 65536, 2 ** 32 - 1, 2 ** 32]],
      ["empty", new Map()],
    ]);
    // Copied into a plain ArrayBuffer: @simplewebauthn's types take Uint8Array<ArrayBuffer>, not a Buffer.
    const decode = (bytes: Buffer) => isoCBOR.decodeFirst<Parameters<typeof isoCBOR.encode>[0]>(new Uint8Array(bytes));
    expect(decode(encodeCbor(value))).toEqual(value);
    // Byte for byte what @simplewebauthn writes when it re-encodes a COSE key: ASCII text only, because its
    // encoder (@levischuck/tiny-cbor 0.2) writes a text string's length in UTF-16 units, not UTF-8 bytes.
    value.delete("text");
    const ascii = encodeCbor(value);
    expect(Buffer.from(isoCBOR.encode(decode(ascii))).equals(ascii)).toBe(true);
    expect(encodeCbor("héllo").toString("hex")).toBe("6668c3a96c6c6f");
    expect(encodeCbor(-1).toString("hex")).toBe("20");
    expect(encodeCbor(24).toString("hex")).toBe("1818");
    expect(encodeCbor(-7).toString("hex")).toBe("26");
  });
});
