// Structured logs for the Node runtime: one JSON object per line on stdout (pino), which a log pipeline can parse
// and alert on — the security events are written here as well as to the auth_events table. Never log a password,
// a token, a hash or a link: a log is read by more people than the database. LOG_LEVEL tunes it (default info;
// silent under NODE_ENV=test, where tests that read the log give their own stream).
import "server-only";

import pino, { type DestinationStream, type Logger } from "pino";

export type { Logger };

export function createLogger(destination?: DestinationStream): Logger {
  const level = process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" && !destination ? "silent" : "info");
  return pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime }, destination);
}

export const logger = createLogger();
