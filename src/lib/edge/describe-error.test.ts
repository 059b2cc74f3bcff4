import { describe, expect, it } from "vitest";

import { describeError } from "./describe-error";

/** Shaped like the `ErrorEvent` that `ws` hands the Neon driver: message and error are getters, not own keys. */
class FakeErrorEvent {
  readonly type = "error";
  constructor(private readonly inner: Error) {}
  get message() {
    return this.inner.message;
  }
  get error() {
    return this.inner;
  }
}

describe("describeError", () => {
  it("gives the first line of a plain Error", () => {
    expect(describeError(new Error("connection refused\nat somewhere"))).toBe("connection refused");
  });

  it("follows Error causes", () => {
    const error = new Error('Failed query: CREATE SCHEMA IF NOT EXISTS "drizzle"\nparams: ', {
      cause: new Error("password authentication failed"),
    });
    expect(describeError(error)).toBe(
      'Failed query: CREATE SCHEMA IF NOT EXISTS "drizzle": password authentication failed',
    );
  });

  it("follows a cause that is an ErrorEvent, not an Error, and says its message once", () => {
    const event = new FakeErrorEvent(new Error("getaddrinfo ENOTFOUND ep-typo.neon.tech"));
    const error = new Error("Failed query: select 1\nparams: ", { cause: event });
    expect(describeError(error)).toBe("Failed query: select 1: getaddrinfo ENOTFOUND ep-typo.neon.tech");
  });

  it("reads a plain object's message, and an AggregateError's first error", () => {
    expect(describeError({ message: "socket hang up" })).toBe("socket hang up");
    const aggregate = new AggregateError([new Error("connect ECONNREFUSED 127.0.0.1:5432")], "");
    expect(describeError(aggregate)).toBe("AggregateError: connect ECONNREFUSED 127.0.0.1:5432");
  });

  it("stops on a cycle and on values that are not errors", () => {
    const looping = new Error("outer") as Error & { cause?: unknown };
    looping.cause = looping;
    expect(describeError(looping)).toBe("outer");
    expect(describeError("just a string")).toBe("just a string");
    expect(describeError(undefined)).toBe("undefined");
  });
});
