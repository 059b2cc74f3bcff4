// A platform passkey authenticator in software, for Node-side tests of the WebAuthn ceremonies: it answers
// @simplewebauthn/server's options with the JSON a browser's navigator.credentials.create() / .get() would send
// (what @simplewebauthn/browser posts), so a test can drive registration and sign-in without a browser. ES256
// (P-256) keys from node:crypto, "none" attestation, and a CBOR encoder of just what that needs. No vitest here.
//
// It can also lie on purpose, to prove the server refuses: no user verification, a wrong origin, type or
// challenge in clientDataJSON, a counter that goes backwards. A signature it makes is always right; to test a bad
// one, change the response it returns.
import { createHash, generateKeyPairSync, randomBytes, randomInt, sign, type KeyObject } from "node:crypto";
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from "@simplewebauthn/server";

/** COSE algorithm -7: ECDSA on P-256 with SHA-256, the one algorithm this authenticator has. */
const ES256 = -7;

// authenticatorData flags (WebAuthn §6.1).
const UP = 0x01; // user present
const UV = 0x04; // user verified
const BE = 0x08; // backup eligible
const BS = 0x10; // backed up
const AT = 0x40; // attested credential data follows

export interface ClientDataOverrides {
  type?: string;
  origin?: string;
  challenge?: string;
}

export interface SoftAuthenticatorOptions {
  /** The page's origin, as clientDataJSON states it: "http://localhost:3000". */
  origin: string;
  /** The RP ID the credentials are scoped to ("localhost"); options naming another RP ID are refused. */
  rpId: string;
  /** The AAGUID in attested credential data: 16 bytes, zeros by default (as most passkey providers send). */
  aaguid?: Uint8Array;
  /** BE for new credentials: may be synced to other devices (a passkey provider). Default false. */
  backupEligible?: boolean;
  /** BS for new credentials: is backed up now. Default false; true without backupEligible is invalid on purpose. */
  backedUp?: boolean;
}

export interface RegisterOptions {
  /** UV flag; false makes a credential with user presence only. Default true. */
  userVerified?: boolean;
  /** Changes to clientDataJSON, to test that the server checks them. */
  clientData?: ClientDataOverrides;
  /** The signature counter the new credential starts at. Default 0. */
  counter?: number;
  backupEligible?: boolean;
  backedUp?: boolean;
}

export interface AuthenticateOptions {
  /**
   * The credential to sign with. Given explicitly it is used even if the options' allowCredentials leave it out,
   * as a hostile client could; otherwise the first allowed credential held here, else (a discoverable sign-in,
   * no allowCredentials) the first one held.
   */
  credentialId?: string;
  /** UV flag. Default true. */
  userVerified?: boolean;
  /**
   * The counter to report, and keep, instead of the last one + 1: lower to test a counter going backwards (a
   * cloned key), 0 for a synced passkey that never counts.
   */
  counter?: number;
  /** Changes to clientDataJSON, to test that the server checks them. */
  clientData?: ClientDataOverrides;
}

interface StoredCredential {
  id: Buffer;
  privateKey: KeyObject;
  /** base64url, as options.user.id gave it. */
  userHandle: string;
  counter: number;
  backupEligible: boolean;
  backedUp: boolean;
}

export class SoftAuthenticator {
  readonly origin: string;
  readonly rpId: string;
  private readonly aaguid: Buffer;
  private readonly backupEligible: boolean;
  private readonly backedUp: boolean;
  /** By base64url id, in the order they were made. */
  private readonly held = new Map<string, StoredCredential>();

  constructor({ origin, rpId, aaguid, backupEligible = false, backedUp = false }: SoftAuthenticatorOptions) {
    if (aaguid !== undefined && aaguid.length !== 16) throw new Error("an AAGUID is 16 bytes");
    this.origin = origin;
    this.rpId = rpId;
    this.aaguid = aaguid === undefined ? Buffer.alloc(16) : Buffer.from(aaguid);
    this.backupEligible = backupEligible;
    this.backedUp = backedUp;
  }

  /** navigator.credentials.create(): a new ES256 credential for options.user, attestation "none". */
  async register(
    options: PublicKeyCredentialCreationOptionsJSON,
    opts: RegisterOptions = {},
  ): Promise<RegistrationResponseJSON> {
    this.checkRpId(options.rp.id);
    if (!options.pubKeyCredParams.some((param) => param.type === "public-key" && param.alg === ES256)) {
      throw new DOMException("the options do not accept ES256, the only algorithm here", "NotSupportedError");
    }
    for (const excluded of options.excludeCredentials ?? []) {
      if (this.held.has(excluded.id)) {
        throw new DOMException(`credential ${excluded.id} is already registered here`, "InvalidStateError");
      }
    }

    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const id = randomBytes(randomInt(16, 33));
    const credential: StoredCredential = {
      id,
      privateKey,
      userHandle: options.user.id,
      counter: opts.counter ?? 0,
      backupEligible: opts.backupEligible ?? this.backupEligible,
      backedUp: opts.backedUp ?? this.backedUp,
    };
    const jwk = publicKey.export({ format: "jwk" });
    if (jwk.x === undefined || jwk.y === undefined) throw new Error("node:crypto exported an EC key without x, y");
    const coseKey = encodeCbor(
      new Map<number, CborValue>([
        [1, 2], // kty: EC2
        [3, ES256], // alg
        [-1, 1], // crv: P-256
        [-2, Buffer.from(jwk.x, "base64url")],
        [-3, Buffer.from(jwk.y, "base64url")],
      ]),
    );
    const credentialIdLength = Buffer.alloc(2);
    credentialIdLength.writeUInt16BE(id.length);
    const authenticatorData = Buffer.concat([
      this.authenticatorDataHead(credential, opts.userVerified !== false, AT),
      this.aaguid,
      credentialIdLength,
      id,
      coseKey,
    ]);
    const attestationObject = encodeCbor(
      new Map<string, CborValue>([
        ["fmt", "none"],
        ["attStmt", new Map()],
        ["authData", authenticatorData],
      ]),
    );
    const clientDataJSON = this.clientDataJSON("webauthn.create", options.challenge, opts.clientData);

    this.held.set(base64url(id), credential);
    return {
      id: base64url(id),
      rawId: base64url(id),
      type: "public-key",
      response: {
        clientDataJSON: base64url(clientDataJSON),
        attestationObject: base64url(attestationObject),
        authenticatorData: base64url(authenticatorData),
        transports: ["internal"],
        publicKeyAlgorithm: ES256,
        publicKey: base64url(publicKey.export({ format: "der", type: "spki" })),
      },
      clientExtensionResults: {},
      authenticatorAttachment: "platform",
    };
  }

  /** navigator.credentials.get(): an assertion by one credential held here, its counter moved on. */
  async authenticate(
    options: PublicKeyCredentialRequestOptionsJSON,
    opts: AuthenticateOptions = {},
  ): Promise<AuthenticationResponseJSON> {
    this.checkRpId(options.rpId);
    const credential = this.pick(options, opts.credentialId);
    credential.counter = opts.counter ?? credential.counter + 1;

    const authenticatorData = this.authenticatorDataHead(credential, opts.userVerified !== false, 0);
    const clientDataJSON = this.clientDataJSON("webauthn.get", options.challenge, opts.clientData);
    const clientDataHash = createHash("sha256").update(clientDataJSON).digest();
    // node:crypto signs ECDSA in DER (dsaEncoding "der"), as WebAuthn wants it for ES256.
    const signature = sign("sha256", Buffer.concat([authenticatorData, clientDataHash]), credential.privateKey);

    const id = base64url(credential.id);
    return {
      id,
      rawId: id,
      type: "public-key",
      response: {
        clientDataJSON: base64url(clientDataJSON),
        authenticatorData: base64url(authenticatorData),
        signature: base64url(signature),
        userHandle: credential.userHandle,
      },
      clientExtensionResults: {},
      authenticatorAttachment: "platform",
    };
  }

  /** Deletes a credential, as a person removing a passkey from their device; false if it was not held. */
  forget(credentialId: string): boolean {
    return this.held.delete(credentialId);
  }

  /** The base64url ids of the credentials held, oldest first. */
  credentials(): string[] {
    return [...this.held.keys()];
  }

  private pick(options: PublicKeyCredentialRequestOptionsJSON, credentialId: string | undefined): StoredCredential {
    if (credentialId !== undefined) {
      const credential = this.held.get(credentialId);
      if (credential === undefined) throw new DOMException(`no credential ${credentialId} here`, "NotAllowedError");
      return credential;
    }
    const allowed = options.allowCredentials ?? [];
    const credential =
      allowed.length > 0
        ? allowed.map(({ id }) => this.held.get(id)).find((held) => held !== undefined)
        : this.held.values().next().value;
    if (credential === undefined) {
      throw new DOMException("no credential here that the options allow", "NotAllowedError");
    }
    return credential;
  }

  private checkRpId(requested: string | undefined): void {
    if (requested !== undefined && requested !== this.rpId) {
      throw new DOMException(
        `the options name RP ID "${requested}", this authenticator is for "${this.rpId}"`,
        "SecurityError",
      );
    }
  }

  /** rpIdHash, flags and signCount: all of an assertion's authenticatorData, the start of a registration's. */
  private authenticatorDataHead(credential: StoredCredential, userVerified: boolean, extraFlags: number): Buffer {
    const flags =
      UP | (userVerified ? UV : 0) | (credential.backupEligible ? BE : 0) | (credential.backedUp ? BS : 0) | extraFlags;
    const head = Buffer.alloc(37);
    createHash("sha256").update(this.rpId).digest().copy(head, 0);
    head.writeUInt8(flags, 32);
    head.writeUInt32BE(credential.counter, 33);
    return head;
  }

  private clientDataJSON(type: string, challenge: string, overrides: ClientDataOverrides = {}): Buffer {
    const clientData = { type, challenge, origin: this.origin, crossOrigin: false, ...overrides };
    return Buffer.from(JSON.stringify(clientData), "utf8");
  }
}

function base64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("base64url");
}

// --- CBOR (RFC 8949), encoding only, and only what an attestation object needs. Every length and integer takes
// its shortest form, as CTAP2's canonical encoding requires; @simplewebauthn re-encodes the COSE key it decodes
// and steps through authenticatorData by that length, so any other form would leave it misaligned.

export type CborValue = number | string | Uint8Array | CborValue[] | Map<number | string, CborValue>;

function cborHead(major: number, argument: number): Buffer {
  if (!Number.isSafeInteger(argument) || argument < 0) throw new Error(`CBOR: ${argument} is not encodable here`);
  if (argument < 24) return Buffer.from([(major << 5) | argument]);
  if (argument <= 0xff) return Buffer.from([(major << 5) | 24, argument]);
  if (argument <= 0xffff) {
    const head = Buffer.from([(major << 5) | 25, 0, 0]);
    head.writeUInt16BE(argument, 1);
    return head;
  }
  if (argument <= 0xffffffff) {
    const head = Buffer.from([(major << 5) | 26, 0, 0, 0, 0]);
    head.writeUInt32BE(argument, 1);
    return head;
  }
  const head = Buffer.alloc(9);
  head.writeUInt8((major << 5) | 27, 0);
  head.writeBigUInt64BE(BigInt(argument), 1);
  return head;
}

export function encodeCbor(value: CborValue): Buffer {
  if (typeof value === "number") {
    if (!Number.isInteger(value)) throw new Error(`CBOR: only integers here, not ${value}`);
    return value >= 0 ? cborHead(0, value) : cborHead(1, -1 - value);
  }
  if (typeof value === "string") {
    const utf8 = Buffer.from(value, "utf8");
    return Buffer.concat([cborHead(3, utf8.length), utf8]);
  }
  if (value instanceof Uint8Array) return Buffer.concat([cborHead(2, value.length), value]);
  if (Array.isArray(value)) return Buffer.concat([cborHead(4, value.length), ...value.map(encodeCbor)]);
  const entries = [...value].flatMap(([key, item]) => [encodeCbor(key), encodeCbor(item)]);
  return Buffer.concat([cborHead(5, value.size), ...entries]);
}
