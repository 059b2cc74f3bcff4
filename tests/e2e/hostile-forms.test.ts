// Hand-crafted posts to the real forms, the way a script (or a browser without JavaScript) submits them: the
// hidden $ACTION_* fields of the server-rendered form, plus whatever we like in the visible ones.
import { describe, expect, it } from "vitest";

import { appMail, appUrl, newPerson } from "../support/app";
import { cookieHeader, postForm as post, signUpDirect } from "../support/direct";

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
