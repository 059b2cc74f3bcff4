// The signing keys of access tokens, as one instance of the app sees them: the rows of `signing_keys` (read again
// once a minute, so a warm JWKS or mint reads nothing), the schedule's verdict on them (./key-schedule.ts), and
// the signer's private key, unsealed once.
//
// Private halves are sealed by the secret box (src/lib/server/secret-box.ts) under a key derived from AUTH_SECRET's
// *list*: the first secret seals, every one opens. Rotating AUTH_SECRET ("new,old") keeps every key usable;
// `npm run keys:rotate` seals them again under the new secret, so the old one can then leave the list. Better
// Auth's JWT plugin seals under the one app secret, so rotating it breaks every key.
import "server-only";

import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from "jose";

import type { PublicSigningJwk, SigningKey } from "@/db/schema";
import {
  deleteSigningKeys,
  insertSigningKey,
  listSigningKeys,
  resealSigningKey,
  revokeSigningKey,
} from "@/db/signing-keys";
import { logger } from "@/lib/server/logger";
import { open, seal, sealedUnderFirst } from "@/lib/server/secret-box";

import { dueKey, KEY_SCHEDULE, nextGeneration, publishedAt, signerAt } from "./key-schedule";

/** The secret box's purpose for these keys: a key of their own, derived from AUTH_SECRET. */
const SEALING_PURPOSE = "access-token-signing-key";
export const SIGNING_ALGORITHM = "ES256";

/** A key as /.well-known/jwks.json publishes it. */
export type PublishedJwk = PublicSigningJwk & { kid: string; alg: typeof SIGNING_ALGORITHM; use: "sig" };

export interface Signer {
  kid: string;
  privateKey: CryptoKey;
}

class SigningKeyUnavailable extends Error {
  constructor() {
    super("no signing key can be opened with AUTH_SECRET's list");
    this.name = "SigningKeyUnavailable";
  }
}

export interface KeyringOptions {
  /** AUTH_SECRET's list: the first seals, every one opens. */
  secrets: readonly string[];
  /** How long a token lasts: a retired key is published until its last one has expired. */
  tokenTtlSeconds: number;
}

interface Snapshot {
  keys: SigningKey[];
  readAt: number;
}

export class Keyring {
  private snapshot?: Snapshot;
  /** The read under way, which requests that find the copy too old share. */
  private reading?: Promise<Snapshot>;
  /** Private keys opened so far, by the sealed text (a reseal or a new secret list opens again). */
  private readonly opened = new Map<string, Promise<CryptoKey | null>>();

  constructor(private readonly options: KeyringOptions) {}

  /**
   * The rows: this instance's copy while it is younger than the cache, else one read shared by every request
   * that asks meanwhile. `fresh` reads again regardless (after a write); so does a clock moved backwards (tests).
   */
  async keys(now: Date, { fresh = false } = {}): Promise<SigningKey[]> {
    const age = this.snapshot ? now.getTime() - this.snapshot.readAt : -1;
    if (this.snapshot && !fresh && age >= 0 && age < KEY_SCHEDULE.instanceCacheSeconds * 1000) {
      return this.snapshot.keys;
    }
    if (!fresh && this.reading) return (await this.reading).keys;
    const reading = listSigningKeys().then((keys) => ({ keys, readAt: now.getTime() }));
    this.reading = reading;
    try {
      this.snapshot = await reading;
      return this.snapshot.keys;
    } finally {
      if (this.reading === reading) this.reading = undefined;
    }
  }

  /** The public keys to publish at `now`: every one that signs, will sign, or signed a token still valid. */
  async published(now: Date): Promise<PublishedJwk[]> {
    const keys = await this.keys(now);
    return publishedAt(keys, now, this.options.tokenTtlSeconds).map(({ kid, publicJwk }) => ({
      ...publicJwk,
      kid,
      alg: SIGNING_ALGORITHM,
      use: "sig",
    }));
  }

  /**
   * The key that signs at `now`, opened. Adds the key the schedule asks for first: the very first one (it signs
   * at once), or the next one when the signer is due to be replaced (it is published now and signs after the
   * publish delay — this instance keeps signing with the current one until then).
   */
  async signer(now: Date): Promise<Signer> {
    let keys = await this.keys(now);
    const due = dueKey(keys, now);
    if (due) keys = await this.add(keys, due.signsFrom, now);
    const current = signerAt(keys, now);
    const privateKey = current && (await this.open(current));
    if (current && privateKey) return { kid: current.kid, privateKey };

    // Its private half no longer opens: AUTH_SECRET lost the secret that sealed it before `npm run keys:rotate`
    // sealed it again. Nothing can sign with it, so a replacement signs at once (verifiers such as jose's remote
    // key set fetch the JWKS again for a `kid` they do not know). Loud: the operator should hear of it.
    logger.error(
      { kid: current?.kid },
      "access-token signing key cannot be opened with AUTH_SECRET's list; a new key signs from now (run npm run keys:rotate after changing AUTH_SECRET)",
    );
    keys = await this.add(keys, now, now);
    const replacement = signerAt(keys, now);
    const replacementKey = replacement && (await this.open(replacement));
    if (!replacement || !replacementKey) throw new SigningKeyUnavailable();
    return { kid: replacement.kid, privateKey: replacementKey };
  }

  /**
   * `npm run keys:rotate`: publishes a new key that signs after the publish delay (or at once, `immediately`,
   * when the current one leaked), seals every other key again under the first secret, and deletes the keys that
   * will never be published again. Returns the new key's id and what was done.
   */
  async rotate(now: Date, { immediately = false } = {}) {
    const before = await this.keys(now, { fresh: true });
    // With nothing signing yet (a first rotation), nothing is gained by waiting: the new key signs at once.
    const signsFrom =
      immediately || !signerAt(before, now) ? now : new Date(now.getTime() + KEY_SCHEDULE.publishDelaySeconds * 1000);
    const after = await this.add(before, signsFrom, now);
    const added = after.find((key) => !before.some((old) => old.kid === key.kid));
    const resealed = await this.resealKeys(after);
    const published = new Set(publishedAt(after, now, this.options.tokenTtlSeconds).map((key) => key.kid));
    const gone = after.filter((key) => !published.has(key.kid) && key.createdAt <= now).map((key) => key.kid);
    const deleted = await deleteSigningKeys(gone);
    await this.keys(now, { fresh: true });
    return { added, resealed, deleted };
  }

  /**
   * Unpublishes a key at once (a leak). The key that signs now cannot be revoked — tokens would stop verifying
   * while this instance keeps minting them: rotate with `immediately` first, then revoke it.
   */
  async revoke(kid: string, now: Date): Promise<"revoked" | "signing" | "unknown"> {
    const keys = await this.keys(now, { fresh: true });
    const key = keys.find((candidate) => candidate.kid === kid);
    if (!key || (key.revokedAt !== null && key.revokedAt <= now)) return "unknown";
    if (signerAt(keys, now)?.kid === kid) return "signing";
    const revoked = await revokeSigningKey(kid, now);
    await this.keys(now, { fresh: true });
    return revoked ? "revoked" : "unknown";
  }

  /** Seals every key again under the first secret of the list; counts those it could not open (logged). */
  async reseal(now: Date): Promise<{ resealed: number; unreadable: string[] }> {
    return this.resealKeys(await this.keys(now, { fresh: true }));
  }

  private async resealKeys(keys: readonly SigningKey[]): Promise<{ resealed: number; unreadable: string[] }> {
    const { secrets } = this.options;
    let resealed = 0;
    const unreadable: string[] = [];
    for (const key of keys) {
      if (await sealedUnderFirst(key.sealedPrivateJwk, SEALING_PURPOSE, secrets)) continue;
      const privateJwk = await open(key.sealedPrivateJwk, SEALING_PURPOSE, secrets);
      if (privateJwk === null) {
        unreadable.push(key.kid);
        continue;
      }
      await resealSigningKey(key.kid, await seal(privateJwk, SEALING_PURPOSE, secrets));
      resealed += 1;
    }
    if (unreadable.length) logger.warn({ kids: unreadable }, "access-token signing keys AUTH_SECRET cannot open");
    return { resealed, unreadable };
  }

  /** Generates a key pair and stores it; the rows afterwards (another instance's key if it won the generation). */
  private async add(keys: readonly SigningKey[], signsFrom: Date, now: Date): Promise<SigningKey[]> {
    const pair = await generateKeyPair(SIGNING_ALGORITHM, { extractable: true });
    const { kty, crv, x, y } = await exportJWK(pair.publicKey);
    if (kty !== "EC" || crv !== "P-256" || !x || !y) throw new Error("jose made an unexpected ES256 key");
    const publicJwk: PublicSigningJwk = { kty: "EC", crv: "P-256", x, y };
    await insertSigningKey({
      // RFC 7638's thumbprint: an id anyone can recompute from the public key, and unique to it.
      kid: await calculateJwkThumbprint(publicJwk, "sha256"),
      generation: nextGeneration(keys),
      publicJwk,
      sealedPrivateJwk: await seal(
        JSON.stringify(await exportJWK(pair.privateKey)),
        SEALING_PURPOSE,
        this.options.secrets,
      ),
      createdAt: now,
      signsFrom,
    });
    return this.keys(now, { fresh: true });
  }

  /** A key's private half, or null when no secret of the list opens it. Opened once per sealed text. */
  private open(key: SigningKey): Promise<CryptoKey | null> {
    let opened = this.opened.get(key.sealedPrivateJwk);
    if (!opened) {
      opened = (async () => {
        const privateJwk = await open(key.sealedPrivateJwk, SEALING_PURPOSE, this.options.secrets);
        if (privateJwk === null) return null;
        // Not extractable: once imported, nothing in this process can export the private key again.
        return (await importJWK(JSON.parse(privateJwk) as JWK, SIGNING_ALGORITHM, { extractable: false })) as CryptoKey;
      })();
      this.opened.set(key.sealedPrivateJwk, opened);
    }
    return opened;
  }
}
