// Can a stranger tell whether an address has an account, from how long a form takes or what it says? Measured over
// HTTP against the production server, as a stranger would: sign-up with a taken address against a new one, then a
// sign-in with the password that sign-up chose (before pending registrations, a new address answered "Verify your
// email first" and a taken one "Invalid email or password"), and "forgot password" for an existing account against
// an unknown address, interleaved. Each form does the same work before it answers (sign-up: the throttle's count
// and bcrypt; sign-in: one lookup and bcrypt, against a dummy hash for an unknown address; forgot password: the
// throttle's counters); the difference goes by mail, after the response.
import { randomUUID } from "node:crypto";

import { postForm, signUpDirect } from "@tests/support/http-session";

import { settings } from "../lib/settings";
import { between, figure, none, timed, type Figure } from "../lib/stats";

const PASSWORD = "a long enough benchmark passphrase";
/** The existing account's own password: the probe's sign-ups choose PASSWORD, which is not it. */
const OWNER_PASSWORD = "the owner's own benchmark passphrase";
const newAddress = () => `bench-new-${randomUUID()}@example.com`;

/** What the sign-in form said (its role="alert" text), and how long it took to say it. */
async function signInAnswer(email: string, url: string): Promise<{ ms: number; text: string }> {
  let text = "";
  const ms = await timed(async () => {
    const response = await postForm(
      "/login",
      [
        ["email", email],
        ["password", PASSWORD],
      ],
      url,
    );
    text = /<p role="alert"[^>]*>([^<]*)<\/p>/.exec(await response.text())?.[1] ?? `status ${response.status}`;
  });
  return { ms, text };
}

/** Milliseconds for the server to answer one form post (its page fetched first, untimed, for the action id). */
async function answerTime(path: string, fields: Array<[string, string]>, url: string): Promise<number> {
  return timed(async () => {
    const response = await postForm(path, fields, url);
    const page = await response.text();
    if (response.status !== 200 || !page.includes('role="status"')) {
      throw new Error(`${path} answered ${response.status} without its status message`);
    }
  });
}

export async function accountEnumerationTiming(url: string): Promise<Figure[]> {
  const existing = {
    name: "Bench Existing",
    email: `bench-existing-${randomUUID()}@example.com`,
    password: OWNER_PASSWORD,
  };
  await signUpDirect(existing, url);
  const signUp = (email: string) =>
    answerTime(
      "/register",
      [
        ["name", "Bench Person"],
        ["email", email],
        ["password", PASSWORD],
      ],
      url,
    );
  const forgot = (email: string) => answerTime("/forgot-password", [["email", email]], url);
  await signUp(newAddress()); // warm both paths once
  await forgot(newAddress());

  const signUpNew: number[] = [];
  const signUpTaken: number[] = [];
  const signInNew: number[] = [];
  const signInTaken: number[] = [];
  const answers = new Set<string>();
  const forgotExisting: number[] = [];
  const forgotUnknown: number[] = [];
  for (let round = 0; round < settings.signInRounds; round += 1) {
    const fresh = newAddress();
    signUpNew.push(await signUp(fresh));
    signUpTaken.push(await signUp(existing.email));
    // Then sign in with the password the sign-up chose: a new address has no account until its link is opened.
    for (const [email, times] of [
      [fresh, signInNew],
      [existing.email, signInTaken],
    ] as const) {
      const { ms, text } = await signInAnswer(email, url);
      times.push(ms);
      answers.add(text);
    }
    forgotExisting.push(await forgot(existing.email));
    forgotUnknown.push(await forgot(newAddress()));
  }
  const ratio = (a: number[], b: number[]) => a.map((value, index) => value / b[index]!);
  const note = `${settings.signInRounds} interleaved rounds over HTTP, bcrypt cost ${settings.bcryptCost}`;
  return [
    figure("sign-up, new address", "ms", signUpNew, undefined, note),
    figure("sign-up, taken address", "ms", signUpTaken),
    figure("sign-up: taken / new", "×", ratio(signUpTaken, signUpNew), between(0.9, 1.1)),
    figure("sign-up, then sign-in: new address", "ms", signInNew, undefined, `answered: ${[...answers].join(" | ")}`),
    figure("sign-up, then sign-in: taken address", "ms", signInTaken),
    figure("sign-up, then sign-in: taken / new", "×", ratio(signInTaken, signInNew), between(0.9, 1.1)),
    figure("sign-up, then sign-in: different answers", "answers", [answers.size - 1], none),
    figure("forgot password, existing account", "ms", forgotExisting),
    figure("forgot password, unknown address", "ms", forgotUnknown),
    figure("forgot password: existing / unknown", "×", ratio(forgotExisting, forgotUnknown), between(0.9, 1.1)),
  ];
}
