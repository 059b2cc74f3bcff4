// Where mail goes: the SMTP server of SMTP_URL through nodemailer (production, and the tests' loopback server),
// or development's outbox when SMTP_URL is unset. One transport per process, made on first use.
import "server-only";

import nodemailer, { type Transporter } from "nodemailer";

import { env } from "@/lib/server/env";

import type { Mail } from "./messages";
import { putInOutbox } from "./outbox";

// A server that never answers must not hold a delivery (and its retries) for minutes: nodemailer's defaults wait
// up to 2 minutes to connect and 10 minutes on a silent socket.
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };

let transporter: Transporter | undefined;

/** Sends one message, or throws what the SMTP server (or the network) said. */
export async function transmit(mail: Mail): Promise<void> {
  if (!env.SMTP_URL) {
    putInOutbox(mail, env.MAIL_FROM);
    return;
  }
  transporter ??= nodemailer.createTransport({ url: env.SMTP_URL, ...TIMEOUTS });
  await transporter.sendMail({
    from: env.MAIL_FROM,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
  });
}
