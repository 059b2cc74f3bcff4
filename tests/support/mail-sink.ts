// A real SMTP server on loopback for the tests: the app sends through the same nodemailer transport it uses in
// production, and this receives, parses (mailparser) and keeps each message. What it received is also written,
// one JSON file per message, to a folder — so a test in another process (the browser tests' workers, while the
// shared server's sink lives in the global set-up) can read the same mailbox. No vitest here: the benchmark uses
// it too.
import { randomUUID } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** Every http(s) link in the text part, in order. */
  links: string[];
  receivedAt: number;
}

/**
 * How the server treats the next messages: `accept` them, `refuse` them (a 5xx at end of data, as a full mailbox
 * or a rejecting relay answers), or `hang` (take the connection and never answer: a dead server).
 */
export type SinkBehaviour = "accept" | "refuse" | "hang";

export interface MailSink {
  /** `smtp://user:pass@127.0.0.1:port`: what SMTP_URL is set to. */
  url: string;
  dir: string;
  behaviour: SinkBehaviour;
  /** Messages the sink was handed (accepted or not), in order: a refused one still counts as an attempt. */
  attempts: number;
  close(): Promise<void>;
}

const USER = "app";
const PASSWORD = "mail-sink-password";

/** Starts a sink on a free loopback port, with SMTP authentication (the URL carries the credentials). */
export async function startMailSink(dir: string): Promise<MailSink> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const hanging = new Set<() => void>();
  const sink: MailSink = { url: "", dir, behaviour: "accept", attempts: 0, close: async () => {} };
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ["STARTTLS"], // plain loopback: nodemailer then sends without TLS
    // On close, half a second for open connections to end before they are cut (smtp-server's default waits 30 s):
    // a sink told to hang holds its connection until then.
    closeTimeout: 500,
    authOptional: false,
    onAuth(auth, _session, callback) {
      if (auth.username === USER && auth.password === PASSWORD) callback(null, { user: USER });
      else callback(new Error("Invalid username or password"));
    },
    onData(stream, session, callback) {
      sink.attempts += 1;
      const behaviour = sink.behaviour;
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        if (behaviour === "hang") {
          hanging.add(() => callback(new Error("closing")));
          return;
        }
        if (behaviour === "refuse") {
          callback(Object.assign(new Error("Mailbox unavailable"), { responseCode: 550 }));
          return;
        }
        simpleParser(Buffer.concat(chunks))
          .then((parsed) => {
            const text = parsed.text ?? "";
            const mail: ReceivedMail = {
              from: parsed.from?.text ?? "",
              to: session.envelope.rcptTo.map(({ address }) => address.toLowerCase()),
              subject: parsed.subject ?? "",
              text,
              html: typeof parsed.html === "string" ? parsed.html : "",
              links: text.match(/https?:\/\/[^\s<>"]+/g) ?? [],
              receivedAt: Date.now(),
            };
            // Written under another name, then renamed: a reader in another process polls this folder,
            // and a rename is atomic where a write is not (it once read half a message).
            const file = path.join(dir, `${Date.now()}-${randomUUID()}`);
            writeFileSync(`${file}.partial`, JSON.stringify(mail));
            renameSync(`${file}.partial`, `${file}.json`);
            callback();
          })
          .catch((error: Error) => callback(error));
      });
    },
  });
  server.on("error", () => {}); // a client hanging up mid-session is not the sink's failure
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  sink.url = `smtp://${USER}:${PASSWORD}@127.0.0.1:${port}`;
  sink.close = async () => {
    for (const release of hanging) release();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  };
  return sink;
}

/** Every message in a sink's folder, oldest first. */
function readMailbox(dir: string): ReceivedMail[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((file) => file.endsWith(".json"));
  } catch {
    return [];
  }
  return files
    .sort()
    .map((file) => JSON.parse(readFileSync(path.join(dir, file), "utf8")) as ReceivedMail)
    .sort((a, b) => a.receivedAt - b.receivedAt);
}

export interface MailQuery {
  to: string;
  /** A word or pattern of the subject. */
  subject?: string | RegExp;
  /** Only messages received at or after this time (Date.now()), e.g. since a form was sent. */
  since?: number;
  timeoutMs?: number;
}

const matches = (mail: ReceivedMail, { to, subject, since = 0 }: MailQuery) =>
  mail.to.includes(to.toLowerCase()) &&
  mail.receivedAt >= since &&
  (subject === undefined ||
    (typeof subject === "string" ? mail.subject.includes(subject) : subject.test(mail.subject)));

/** The messages in `dir` that match, oldest first (no waiting). */
export function mailsIn(dir: string, query: MailQuery): ReceivedMail[] {
  return readMailbox(dir).filter((mail) => matches(mail, query));
}

/** The newest matching message in `dir`, waiting up to `timeoutMs` (default 15 s) for one to arrive. */
export async function waitForMail(dir: string, query: MailQuery): Promise<ReceivedMail> {
  const deadline = Date.now() + (query.timeoutMs ?? 15_000);
  for (;;) {
    const found = mailsIn(dir, query).at(-1);
    if (found) return found;
    if (Date.now() > deadline) {
      throw new Error(`no mail to ${query.to}${query.subject ? ` about ${String(query.subject)}` : ""} arrived`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The link of a message that opens `page` (e.g. "/reset-password"). */
export function linkTo(mail: ReceivedMail, page: string): string {
  const link = mail.links.find((candidate) => new URL(candidate).pathname === page);
  if (!link) throw new Error(`"${mail.subject}" holds no link to ${page}: ${mail.links.join(", ")}`);
  return link;
}
