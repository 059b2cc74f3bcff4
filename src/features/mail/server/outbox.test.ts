// Development with no SMTP_URL: mail goes to the outbox (kept for /dev/mail) and to the console, links included —
// a newcomer signs up and verifies without setting anything. The unit project runs without SMTP_URL.
import { afterEach, describe, expect, it, vi } from "vitest";

import { deliver } from "./deliver";
import { verifyEmailMail } from "./messages";
import { outboxEntries } from "./outbox";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the development outbox", () => {
  it("keeps the mail, newest first, and prints its link on the console", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const link = "http://localhost:3000/verify-email?token=abc";
    await deliver(verifyEmailMail("first@example.com", link));
    await deliver(verifyEmailMail("second@example.com", link));
    expect(
      outboxEntries()
        .slice(0, 2)
        .map((mail) => mail.to),
    ).toEqual(["second@example.com", "first@example.com"]);
    expect(outboxEntries()[0]).toMatchObject({ subject: "Verify your email", from: expect.stringContaining("@") });
    const printed = log.mock.calls.flat().join("\n");
    expect(printed).toContain("[mail] to first@example.com: Verify your email");
    expect(printed).toContain(link);
  });

  it("keeps the newest 50 only", async () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    for (let index = 0; index < 60; index += 1) await deliver(verifyEmailMail(`p${index}@example.com`, "http://x/"));
    expect(outboxEntries()).toHaveLength(50);
    expect(outboxEntries()[0]!.to).toBe("p59@example.com");
  });
});

describe("mail messages", () => {
  it("write every link in full in the text part, and escape what they quote in the HTML part", () => {
    const mail = verifyEmailMail('a"<b>@example.com', "https://app.example.com/verify-email?token=x&y=1");
    expect(mail.text).toContain("https://app.example.com/verify-email?token=x&y=1");
    expect(mail.html).toContain('href="https://app.example.com/verify-email?token=x&#38;y=1"');
    expect(mail.html).not.toContain("<b>");
  });
});
