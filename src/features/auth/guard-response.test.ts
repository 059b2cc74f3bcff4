import { describe, expect, it } from "vitest";
import { guardResponse } from "./guard-response";

describe("guardResponse", () => {
  it("lets the request through", () => {
    expect(guardResponse({ kind: "allow" }).headers.get("x-middleware-next")).toBe("1");
  });

  it("rewrites to the 403 page with status 403", () => {
    const response = guardResponse({ kind: "forbidden", page: new URL("https://app.example/forbidden") });
    expect(response.status).toBe(403);
    expect(response.headers.get("x-middleware-rewrite")).toBe("https://app.example/forbidden");
  });

  it("redirects with 307 to the decided location", () => {
    const response = guardResponse({ kind: "redirect", location: new URL("https://app.example/login?callbackUrl=%2Fdashboard") });
    expect(response.status).toBe(307);
    expect(response.headers.get("location")).toBe("https://app.example/login?callbackUrl=%2Fdashboard");
  });

  it("answers 401 with the JSON error contract", async () => {
    const response = guardResponse({ kind: "unauthorized" });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: "unauthorized", message: "Sign in to use this endpoint." });
  });
});
