// Structured logs for the Node runtime: one JSON object per line on stdout (pino), which a log pipeline can parse
// and alert on — the security events are written here as well as to the auth_events table. Never log a password,
// a token, a hash or a link: a log is read by more people than the database. LOG_LEVEL tunes it (default info;
// silent under NODE_ENV=test, where tests spy on the logger instead of reading stdout).
import "server-only";

import pino from "pino";

import { env } from "./env";

export const logger = pino({
  level: env.LOG_LEVEL ?? (env.NODE_ENV === "test" ? "silent" : "info"),
  base: undefined, // no pid and hostname on every line: the platform's log stream says where it came from
  timestamp: pino.stdTimeFunctions.isoTime,
});
