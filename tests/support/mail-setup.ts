// Runs in each integration-test worker before a test file is imported: a loopback SMTP server for this file, and
// SMTP_URL pointing at it, so the app's mail goes out through its production transport (nodemailer) and the test
// reads what arrived (./test-mailbox.ts). Set before the env module is first imported, which reads it once.
import { randomUUID } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";

import { startMailSink } from "./mail-sink";
import { setTestMailSink } from "./test-mailbox";

const sink = await startMailSink(path.join(os.tmpdir(), `mail-sink-${randomUUID()}`));
setTestMailSink(sink);
process.env.SMTP_URL = sink.url;
process.env.MAIL_FROM = "Edge JWT Auth <no-reply@app.test>";

afterAll(async () => {
  // Let this file's mail finish going out first (not a delivery stuck on a server a test made silent).
  const { deliveriesSettled } = await import("@/features/mail/server/deliver");
  await Promise.race([deliveriesSettled(), new Promise((resolve) => setTimeout(resolve, 2_000))]);
  await sink.close();
});
