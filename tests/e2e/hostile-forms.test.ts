// Hand-crafted posts to the real forms, the way a script (or a browser without JavaScript) submits them: the
// hidden $ACTION_* fields of the server-rendered form, plus whatever we like in the visible ones.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { INVALID_RECOVERY_CODE, INVALID_SECOND_FACTOR, INVALID_TOTP_CODE } from "@/features/two-factor/shared/codes";

import { appMail, appUrl, newPerson, startApp, type RunningApp } from "../support/app";
import { cookieHeader, postForm as post, signUpDirect } from "../support/direct";
import { addPasskeyInChromium } from "../support/passkeys";
import { Authenticator, enrolDirect, passwordStepDirect, postSettingsForm } from "../support/two-factor";

const STACK_TRACE = /\bat [\w.<>]+ \(|node_modules\/|Error: /;
const big = "a".repeat(10_000);

const hostileBodies: Array<[string, Array<[string, string | Blob]>]> = [
  [
    "empty fields",
    [
      ["name", ""],
      ["email", ""],
      ["password", ""],
    ],
  ],
  [
    "whitespace",
    [
      ["name", "   "],
      ["email", "  "],
      ["password", "   "],
    ],
  ],
  [
    "10 kB strings",
    [
      ["name", big],
      ["email", `${big}@example.com`],
      ["password", big],
    ],
  ],
  [
    "control characters",
    [
      ["name", "Ada\u0000\u0007"],
      ["email", "a\u0000@example.com"],
      ["password", "\u0000".repeat(20)],
    ],
  ],
  [
    "arrays",
    [
      ["name", "Ada"],
      ["name", "Eve"],
      ["email", "a@example.com"],
      ["email", "b@example.com"],
      ["password", "x"],
      ["password", "y"],
    ],
  ],
  [
    "a file",
    [
      ["name", new Blob(["x"])],
      ["email", "a@example.com"],
      ["password", "correct horse battery staple"],
    ],
  ],
  ["nothing at all", []],
];

describe("hand-crafted form posts", () => {
  it.each(hostileBodies)("/register answers %s with the form and its errors, never a 500", async (_label, fields) => {
    const response = await post("/register", fields);
    expect(response.status).toBeLessThan(500);
    const html = await response.text();
    expect(html).not.toMatch(STACK_TRACE);
    expect(html).toContain("Create account");
  });

  it.each(hostileBodies)("/login answers %s with the generic message, never a 500", async (_label, fields) => {
    const response = await post("/login", fields);
    expect(response.status).toBeLessThan(500);
    const html = await response.text();
    expect(html).not.toMatch(STACK_TRACE);
    expect(html).toContain("Invalid email or password.");
  });

  it("writes nothing: after all that, the addresses used are still free to register", async () => {
    const person = { ...newPerson(), email: "a@example.com" };
    const sent = Date.now();
    const response = await post("/register", [
      ["name", person.name],
      ["email", person.email],
      ["password", person.password],
    ]);
    // The page answers a new address and a taken one alike; the mail tells them apart: a verification link
    // means the account is new, so none of the hostile posts above made it.
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Check your inbox: we sent a link to a@example.com.");
    const mail = await appMail({ to: person.email, since: sent });
    expect(mail.subject).toBe("Verify your email");
  });

  it("keeps the name and email a person typed (but not the password) after a failed sign-up without JavaScript", async () => {
    const response = await post("/register", [
      ["name", "Typed Name"],
      ["email", "typed@example.com"],
      ["password", "too short 1"],
    ]);
    const html = await response.text();
    expect(html).toContain("Use at least");
    expect(html).toContain('value="Typed Name"');
    expect(html).toContain('value="typed@example.com"');
    expect(html).not.toContain("too short 1");
  });

  it("signs out without JavaScript: the navbar's form ends the session and goes home", async () => {
    const cookie = (await signUpDirect(newPerson())).map((header) => header.split(";")[0]).join("; ");
    const response = await post("/dashboard", [], undefined, cookie);
    expect(response.status).toBe(303);
    expect(new URL(response.headers.get("location") ?? "", appUrl).pathname).toBe("/");
    expect(cookieHeader(response)).toMatch(/authjs\.session-token=(;|$)/);
  });

  it("keeps the email a person typed (but not the password) after a failed sign-in without JavaScript", async () => {
    const response = await post("/login", [
      ["email", "someone@example.com"],
      ["password", "not the right one at all"],
    ]);
    const html = await response.text();
    expect(html).toContain('value="someone@example.com"');
    expect(html).not.toContain("not the right one at all");
  });
});

/** The hostile values above, each given to every field of a form with other fields (a code, a recovery code). */
function hostileFor(fields: string[]): Array<[string, Array<[string, string | Blob]>]> {
  const values: Array<[string, Array<string | Blob>]> = [
    ["empty fields", [""]],
    ["whitespace", ["   "]],
    ["10 kB strings", [big]],
    ["control characters", ["\u0000".repeat(6)]],
    ["arrays", ["one", "two"]],
    ["a file", [new Blob(["123456"])]],
  ];
  return [
    ...values.map(([label, each]): [string, Array<[string, string | Blob]>] => [
      label,
      fields.flatMap((field) => each.map((value): [string, string | Blob] => [field, value])),
    ]),
    ["nothing at all", []],
  ];
}

describe("hand-crafted posts to the two-factor forms", () => {
  // An account with two-factor on, and a pending sign-in of its own behind the sign-in forms: the posts below meet
  // the code checks, not just a missing cookie. None of them is a well-formed code, so none is charged.
  let cookie = "";
  let pending = "";
  let password = "";
  let authenticator: Authenticator;
  beforeAll(async () => {
    const person = newPerson("Hostile Two-Factor");
    password = person.password;
    cookie = (await signUpDirect(person)).map((header) => header.split(";")[0]).join("; ");
    ({ authenticator } = await enrolDirect(appUrl, cookie, person.password));
    pending = await passwordStepDirect(appUrl, person.email, person.password);
  });

  const answers = async (response: Response, expected: string) => {
    expect(response.status).toBeLessThan(500);
    expect(cookieHeader(response)).not.toMatch(/session-token=[^;]/);
    const html = await response.text();
    expect(html).not.toMatch(STACK_TRACE);
    expect(html).toContain(expected);
  };

  it.each(hostileFor(["code"]))("/login/two-factor answers %s with the code's error", async (_label, fields) => {
    await answers(await post("/login/two-factor", fields, appUrl, pending), INVALID_TOTP_CODE);
  });

  it.each(hostileFor(["recoveryCode"]))(
    "/login/two-factor?recovery=1 answers %s with the recovery code's error",
    async (_label, fields) => {
      await answers(await post("/login/two-factor?recovery=1", fields, appUrl, pending), INVALID_RECOVERY_CODE);
    },
  );

  it.each(hostileFor(["reauthCode"]))("Settings' Turn off answers %s with the code's error", async (_label, fields) => {
    const withPassword: Array<[string, string | Blob]> = [["currentPassword", password], ...fields];
    const response = await postSettingsForm(appUrl, cookie, "Turn off two-factor", withPassword);
    await answers(response, INVALID_SECOND_FACTOR);
  });

  it.each(hostileFor(["currentPassword"]))(
    "Settings' Regenerate recovery codes answers %s, never a 500",
    async (_label, fields) => {
      await answers(await postSettingsForm(appUrl, cookie, "Regenerate recovery codes", fields), "");
    },
  );

  it("leaves two-factor on, with all 10 recovery codes, and the pending sign-in still open", async () => {
    const settings = await (await fetch(`${appUrl}/settings/security`, { headers: { cookie } })).text();
    expect(settings).toContain("Two-factor authentication is on. It was turned on");
    expect(settings).toMatch(/10 recovery codes left/);
    // None of the posts spent an attempt: a right code still finishes the sign-in they were sent to.
    const finished = await post("/login/two-factor", [["code", await authenticator.code()]], appUrl, pending);
    expect(finished.status).toBe(303);
    expect(new URL(finished.headers.get("location") ?? "", appUrl).pathname).toBe("/dashboard");
    expect(cookieHeader(finished)).toMatch(/session-token=[^;]/);
  });
});

describe("hand-crafted posts to the Passkeys forms", () => {
  // A server of its own on localhost (WebAuthn's relying party cannot be an IP address), and a member with a
  // passkey, so the rename and remove forms are on the page.
  let app: RunningApp;
  let cookie = "";
  let passkeyId = "";
  beforeAll(async () => {
    app = await startApp({ host: "localhost" });
    const person = newPerson("Hostile Passkey");
    cookie = (await signUpDirect(person, app.url)).map((header) => header.split(";")[0]).join("; ");
    passkeyId = await addPasskeyInChromium(app.url, cookie, person.password, "Hostile key");
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
  });

  const answers = async (response: Response) => {
    expect(response.status).toBeLessThan(500);
    const html = await response.text();
    expect(html).not.toMatch(STACK_TRACE);
    expect(html).not.toContain("Renamed to");
    expect(html).not.toContain("removed.");
  };

  it.each(hostileFor(["name"]))(
    "Rename, for the member's own passkey, answers %s with an error",
    async (_l, fields) => {
      await answers(await postSettingsForm(app.url, cookie, "Rename", [["passkeyId", passkeyId], ...fields]));
    },
  );

  it.each(hostileFor(["passkeyId", "name"]))("Rename answers %s, never a 500", async (_label, fields) => {
    await answers(await postSettingsForm(app.url, cookie, "Rename", fields));
  });

  it.each(hostileFor(["passkeyId"]))("Remove answers %s, never a 500", async (_label, fields) => {
    await answers(await postSettingsForm(app.url, cookie, "Remove", fields));
  });

  it("leaves the passkey listed, under its name", async () => {
    const settings = await (await fetch(`${app.url}/settings/security`, { headers: { cookie } })).text();
    expect(settings).toContain('aria-label="Remove passkey Hostile key"');
    expect(settings).toContain(`value="${passkeyId}"`);
  });
});

describe("bodies over the cap (64 KB), refused at the door", () => {
  const huge = "a".repeat(9_000_000);

  it("a 9 MB password posted to the credentials API: 413 with the JSON error contract, and the server keeps answering", async () => {
    const body = new URLSearchParams({ email: "someone@example.com", password: huge, csrfToken: "x" });
    const [refused, health] = await Promise.all([
      fetch(`${appUrl}/api/auth/callback/credentials`, {
        method: "POST",
        body,
        headers: { "content-type": "application/x-www-form-urlencoded" },
      }),
      fetch(`${appUrl}/api/health`),
    ]);
    expect(refused.status).toBe(413);
    expect(await refused.json()).toEqual({
      error: "payload_too_large",
      message: "The request body is too large: at most 64 KB.",
    });
    expect(health.status).toBe(200);
  });

  it.each(["/login", "/register"])("a 100 kB form post to %s: 413, never a 500", async (path) => {
    const response = await post(path, [
      ["email", "someone@example.com"],
      ["password", "a".repeat(100_000)],
    ]);
    expect(response.status).toBe(413);
  });

  it("a form post of unknown length (chunked): 411", async () => {
    const stream = new ReadableStream({
      start: (controller) => (controller.enqueue(new TextEncoder().encode("email=a")), controller.close()),
    });
    const response = await fetch(`${appUrl}/login`, {
      method: "POST",
      body: stream,
      duplex: "half",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    } as RequestInit);
    expect(response.status).toBe(411);
  });
});
