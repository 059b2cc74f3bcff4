// Which database a DATABASE_URL means. Pure, so start-up checks and tests can use it without opening anything.

export type DatabaseTarget =
  | { kind: "pglite"; dir: string }
  | { kind: "neon"; url: string }
  | { kind: "postgres"; url: string; host: string; port: number };

// Neon's endpoints (including the ones Vercel's Neon integration creates) live under these domains.
const NEON_HOST = /\.neon\.(tech|build)$/i;

export function databaseTarget(databaseUrl: string | undefined, pgliteDir: string): DatabaseTarget {
  if (!databaseUrl) return { kind: "pglite", dir: pgliteDir };
  const url = new URL(databaseUrl);
  if (NEON_HOST.test(url.hostname)) return { kind: "neon", url: databaseUrl };
  // URL keeps IPv6 hosts in brackets; net.connect wants them bare.
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1") || "localhost";
  return { kind: "postgres", url: databaseUrl, host, port: Number(url.port || 5432) };
}

/** The URL with its password masked, for log lines and error messages. */
export function redactUrl(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  if (url.password) url.password = "***";
  return url.toString();
}
