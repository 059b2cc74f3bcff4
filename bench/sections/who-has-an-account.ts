// Can a stranger tell whether an address has an account, from how long a form takes? Measured over HTTP against
// the production server, as a stranger would: sign-up with a taken address against a new one, and "forgot
// password" for an existing account against an unknown address, interleaved. Each form does the same work before
// it answers (sign-up: bcrypt and one insert; forgot password: the throttle's counters); the difference goes by
// mail, after the response.
import { randomUUID } from "node:crypto";

import { postForm, signUpDirect } from "@tests/support/http-session";

import { settings } from "../lib/settings";
import { between, figure, timed, type Figure } from "../lib/stats";

const PASSWORD = "a long enough benchmark passphrase";
const newAddress = () => `bench-new-${randomUUID()}@example.com`;

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
  const existing = { name: "Bench Existing", email: `bench-existing-${randomUUID()}@example.com`, password: PASSWORD };
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
  const forgotExisting: number[] = [];
  const forgotUnknown: number[] = [];
  for (let round = 0; round < settings.signInRounds; round += 1) {
    signUpNew.push(await signUp(newAddress()));
    signUpTaken.push(await signUp(existing.email));
    forgotExisting.push(await forgot(existing.email));
    forgotUnknown.push(await forgot(newAddress()));
  }
  const ratio = (a: number[], b: number[]) => a.map((value, index) => value / b[index]!);
  const note = `${settings.signInRounds} interleaved rounds over HTTP, bcrypt cost ${settings.bcryptCost}`;
  return [
    figure("sign-up, new address", "ms", signUpNew, undefined, note),
    figure("sign-up, taken address", "ms", signUpTaken),
    figure("sign-up: taken / new", "×", ratio(signUpTaken, signUpNew), between(0.9, 1.1)),
    figure("forgot password, existing account", "ms", forgotExisting),
    figure("forgot password, unknown address", "ms", forgotUnknown),
    figure("forgot password: existing / unknown", "×", ratio(forgotExisting, forgotUnknown), between(0.9, 1.1)),
  ];
}
