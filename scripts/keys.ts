// The access-token signing keys (src/features/access-tokens), by hand:
//
//   npm run keys:list                   every key: when it was published, signs, retired; whether it is published
//   npm run keys:rotate                 publish a new key now; it signs after the publish delay (15 minutes), so
//                                       verifiers' caches see it first. Also seals every key again under
//                                       AUTH_SECRET's first secret, and deletes keys that will not be published again
//   npm run keys:rotate -- --now        the same, but the new key signs at once (the current one leaked)
//   npm run keys:revoke -- <kid>        unpublish a retired key at once (a leak); tokens it signed stop verifying
//
// Keys also rotate on their own (every 30 days) when the app mints a token; running this is never required.
// It needs the server's AUTH_SECRET: the private halves are sealed under it.
import { closeDb } from "@/db";
import { appKeyring } from "@/features/access-tokens/server/access-token";
import { KEY_SCHEDULE, retiredAt } from "@/features/access-tokens/server/key-schedule";
import { describeError } from "@/lib/edge/describe-error";
import { env } from "@/lib/server/env";

const USAGE = "usage: npm run keys:list | npm run keys:rotate [-- --now] | npm run keys:revoke -- <kid>";
const [command, ...args] = process.argv.slice(2).filter((arg) => arg !== "--");

async function main(): Promise<number> {
  if (!env.AUTH_SECRET) {
    console.error("AUTH_SECRET is not set: set the server's own (its keys are sealed under it), e.g. in .env");
    return 2;
  }
  const keyring = appKeyring();
  const now = new Date();
  switch (command) {
    case "list":
      return list(now);
    case "rotate": {
      const immediately = args.includes("--now");
      const { added, resealed, deleted } = await keyring.rotate(now, { immediately });
      if (!added) {
        console.log("Another instance added a key at the same moment; nothing added. Run keys:list.");
      } else {
        console.log(`Published ${added.kid}; it signs from ${added.signsFrom.toISOString()}.`);
        if (!immediately) {
          console.log(
            `Verifiers that cache /.well-known/jwks.json for at most ${KEY_SCHEDULE.jwksMaxAgeSeconds} s see it before then.`,
          );
        }
      }
      console.log(`Sealed again under AUTH_SECRET's first secret: ${resealed.resealed}. Deleted: ${deleted}.`);
      if (resealed.unreadable.length) {
        console.error(`No secret of AUTH_SECRET opens: ${resealed.unreadable.join(", ")} (they can no longer sign).`);
      }
      return list(now);
    }
    case "revoke": {
      const [kid] = args;
      if (!kid) break;
      const outcome = await keyring.revoke(kid, now);
      if (outcome === "revoked")
        console.log(`Revoked ${kid}: it leaves the JWKS now (verifiers' caches within minutes).`);
      if (outcome === "unknown") console.error(`No key ${kid} that is not already revoked.`);
      if (outcome === "signing") {
        console.error(`${kid} signs now. Run npm run keys:rotate -- --now first (its replacement signs at once).`);
      }
      return outcome === "revoked" ? 0 : 1;
    }
  }
  console.error(USAGE);
  return 2;
}

async function list(now: Date): Promise<number> {
  const keyring = appKeyring();
  const keys = await keyring.keys(now, { fresh: true });
  const published = new Set((await keyring.published(now)).map((key) => key.kid));
  if (keys.length === 0) console.log("No signing keys yet: the first token minted makes one.");
  for (const key of keys) {
    const retired = retiredAt(key, keys, now);
    const state = key.revokedAt
      ? `revoked ${key.revokedAt.toISOString()}`
      : retired
        ? `retired ${retired.toISOString()}`
        : key.signsFrom <= now
          ? "signing"
          : `signs from ${key.signsFrom.toISOString()}`;
    console.log(
      `#${key.generation} ${key.kid}  created ${key.createdAt.toISOString()}  ${state}  ${published.has(key.kid) ? "published" : "not published"}`,
    );
  }
  return 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(`keys: ${describeError(error)}`);
  process.exitCode = 1;
} finally {
  await closeDb();
}
