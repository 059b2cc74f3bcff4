import { describe, expect, it } from "vitest";

import { MAX_BODY_BYTES, oversizedBodyRefusal } from "./body-limit";

const post = (headers: Record<string, string>, body: BodyInit | null = "x") =>
  new Request("http://app.test/login", {
    method: "POST",
    headers,
    body,
    ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
  });

describe("oversizedBodyRefusal", () => {
  it("lets through bodies up to the limit, and requests without a body", () => {
    expect(oversizedBodyRefusal(post({ "content-length": "0" }, null))).toBeUndefined();
    expect(oversizedBodyRefusal(post({ "content-length": String(MAX_BODY_BYTES) }))).toBeUndefined();
    expect(oversizedBodyRefusal(new Request("http://app.test/dashboard"))).toBeUndefined();
  });

  it.each([String(MAX_BODY_BYTES + 1), "9000000", "99999999999999999999", "-1", "abc"])(
    "answers a Content-Length of %s with 413 and the JSON error contract",
    async (length) => {
      const refusal = oversizedBodyRefusal(post({ "content-length": length }));
      expect(refusal?.status).toBe(413);
      expect(await refusal?.json()).toEqual({
        error: "payload_too_large",
        message: "The request body is too large: at most 64 KB.",
      });
    },
  );

  it("answers a body of unknown length (chunked) with 411", () => {
    const stream = new ReadableStream({ start: (controller) => controller.close() });
    expect(oversizedBodyRefusal(post({}, stream))?.status).toBe(411);
  });
});
