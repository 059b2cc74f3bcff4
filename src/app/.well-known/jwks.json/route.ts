import { getJwks } from "@/features/access-tokens/server/jwks-endpoint";

// Read per request (from the keyring's one-minute copy), never prerendered at build time: keys rotate.
export const dynamic = "force-dynamic";

export const GET = getJwks;
