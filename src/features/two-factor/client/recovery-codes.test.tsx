import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { normaliseRecoveryCode, RECOVERY_CODE_COUNT } from "@/features/two-factor/shared/codes";

import { formatRecoveryCode, RecoveryCodes, recoveryCodesFile } from "./recovery-codes";

const CODES = Array.from({ length: RECOVERY_CODE_COUNT }, (_, index) => `ABCD1234EFGH567${index}`);

describe("recovery codes, shown once", () => {
  it("are grouped in fours, and the sign-in form reads the grouped form back as the code", () => {
    expect(formatRecoveryCode("ABCD1234EFGH5678")).toBe("ABCD-1234-EFGH-5678");
    expect(formatRecoveryCode("ABCD 1234-EFGH5678")).toBe("ABCD-1234-EFGH-5678");
    expect(normaliseRecoveryCode(formatRecoveryCode("ABCD1234EFGH5678"))).toBe("ABCD1234EFGH5678");
    expect(formatRecoveryCode("not a code")).toBe("not a code"); // shown as the server sent it
  });

  it("download as a file that says whose they are, one code a line", () => {
    const file = recoveryCodesFile(CODES.map(formatRecoveryCode), "ada@example.test");
    expect(file.split("\n")[0]).toBe("Recovery codes for ada@example.test");
    expect(file.trimEnd().split("\n").slice(-RECOVERY_CODE_COUNT)).toEqual(CODES.map(formatRecoveryCode));
  });

  it("render as a named list with a download that needs no JavaScript, and no Copy button before hydration", () => {
    const html = renderToStaticMarkup(<RecoveryCodes codes={CODES} email="ada@example.test" />);
    expect(html).toContain('aria-label="Recovery codes"');
    expect(html.match(/<li>/g)).toHaveLength(RECOVERY_CODE_COUNT);
    expect(html).toMatch(/<a href="data:text\/plain;charset=utf-8,[^"]+" download="recovery-codes.txt"/);
    expect(html).toContain('href="/settings/security"');
    expect(html).not.toContain("Copy codes");
  });
});
