import { describe, expect, it } from "vitest";

import { DEVICE_LABEL_MAX_LENGTH, deviceLabel, UNKNOWN_DEVICE } from "./device-label";

describe("deviceLabel", () => {
  it.each([
    [
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/142.0.0.0 Safari/537.36",
      "Chrome 142 on Linux",
    ],
    // Windows 11 sends "Windows NT 10.0" too, and every Mac "10_15_7" (Catalina): frozen versions are not shown.
    ["Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0", "Firefox 133 on Windows"],
    [
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36",
      "Chrome 142 on macOS",
    ],
    [
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
      "Safari 17 on iOS 17.5",
    ],
    ["curl/8.5.0", "curl/8.5.0"],
  ])("names %s as %s", (userAgent, label) => {
    expect(deviceLabel(userAgent)).toBe(label);
  });

  it("says so when there is nothing to name", () => {
    expect(deviceLabel(null)).toBe(UNKNOWN_DEVICE);
    expect(deviceLabel("   ")).toBe(UNKNOWN_DEVICE);
  });

  it("keeps a hostile header short and free of control and format characters", () => {
    const label = deviceLabel(`Evil\u0000\u202e${"x".repeat(10_000)}`);
    expect(label.length).toBeLessThanOrEqual(DEVICE_LABEL_MAX_LENGTH);
    expect(label).not.toMatch(/[\p{Cc}\p{Cf}]/u);
  });
});
