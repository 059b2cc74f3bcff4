import { describe, expect, it } from "vitest";

import { renderFlowDoc } from "@tests/support/flow-doc";
import { stepsOf, traceEvents, untracedStatements, type FlowKind, type TraceEvent } from "@tests/support/flow-model";

const event = (
  runtime: "edge" | "node",
  seq: number,
  step: string,
  detail: Record<string, unknown> = {},
): TraceEvent => ({ id: "r", runtime, seq, step, ...detail });

describe("the flow model", () => {
  it("reads trace lines out of server output and ignores everything else", () => {
    const output = [
      "[db] query: select 1",
      '[auth-trace] {"id":"r","runtime":"edge","seq":1,"step":"token read","token":"none"}',
      "▲ Ready",
    ].join("\n");
    expect(traceEvents(output)).toEqual([{ id: "r", runtime: "edge", seq: 1, step: "token read", token: "none" }]);
  });

  it("puts the middleware first, keeps each runtime's call order, and folds repeats into a count", () => {
    const steps = stepsOf([
      event("node", 9, "session"),
      event("node", 7, "jwt", { trigger: "none" }),
      event("edge", 3, "guard decision", { decision: "allow" }),
      event("node", 8, "jwt", { trigger: "none" }),
      event("edge", 2, "token read", { token: "fresh" }),
    ]);
    expect(steps.map(({ runtime, step, detail, count }) => [runtime, step, detail, count])).toEqual([
      ["Edge", "token read", "token: fresh", 1],
      ["Edge", "guard decision", "decision: allow", 1],
      ["Node", "jwt", "trigger: none", 2],
      ["Node", "session", "", 1],
    ]);
  });

  it("gives the route what its traced steps did not send, and refuses a trace that does not add up", () => {
    const steps = stepsOf([event("node", 1, "verifiedUser", { statements: 1 })]);
    expect(untracedStatements({ steps, statements: 3 })).toBe(2);
    expect(() => untracedStatements({ steps, statements: 0 })).toThrow(/traced steps sent 1/);
  });

  it("renders the same document from the same model, with no `;` inside a Mermaid message", () => {
    const kind: FlowKind = {
      title: "Sign-in",
      about: "Posts the form.",
      hops: [
        {
          request: "POST /login",
          answer: "303 → /dashboard; sets the session cookie",
          middleware: true,
          statements: 10,
          steps: stepsOf([
            event("edge", 1, "guard decision", { decision: "allow" }),
            event("node", 1, "authorize", { user: "found", statements: 10 }),
          ]),
        },
      ],
    };
    const doc = renderFlowDoc({ kinds: [kind], signIn: kind, staleRefresh: kind });
    expect(renderFlowDoc({ kinds: [kind], signIn: kind, staleRefresh: kind })).toBe(doc);
    expect(doc).toContain("| **1.** POST /login |");
    expect(doc).toContain("Node->>Database: 10 statements (authorize)");
    const mermaid = doc.split("```mermaid")[1]!.split("```")[0]!;
    expect(mermaid).not.toContain(";");
  });
});
