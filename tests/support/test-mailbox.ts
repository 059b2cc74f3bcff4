// The integration tests' mailbox: the loopback SMTP server ./mail-setup.ts started for this test file.
import { mailsIn, waitForMail, type MailQuery, type MailSink, type ReceivedMail } from "./mail-sink";

const holder = globalThis as typeof globalThis & { __testMailSink?: MailSink };

export function setTestMailSink(sink: MailSink): void {
  holder.__testMailSink = sink;
}

/** This file's SMTP server: set `behaviour` to make it refuse or hang. */
export function testMailSink(): MailSink {
  if (!holder.__testMailSink) throw new Error("no mail sink: is tests/support/mail-setup.ts a setup file here?");
  return holder.__testMailSink;
}

/** The newest mail matching `query`, waiting for it to arrive. */
export const receivedMail = (query: MailQuery): Promise<ReceivedMail> => waitForMail(testMailSink().dir, query);

/** Every mail matching `query` so far. */
export const receivedMails = (query: MailQuery): ReceivedMail[] => mailsIn(testMailSink().dir, query);
