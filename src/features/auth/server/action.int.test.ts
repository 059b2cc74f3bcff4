import { redirect } from "next/navigation";
import { beforeAll, describe, expect, expectTypeOf, it, vi } from "vitest";
import { z } from "zod";

import { getDb } from "@/db";
import { bumpSessionVersion, createUser, deleteUser } from "@/db/queries";
import { emailSchema, passwordSchema } from "@/features/auth/shared/schemas";
import { IDLE, SERVICE_UNAVAILABLE, type FormState } from "@/lib/shared/form";
import { secret } from "@/lib/shared/secret-field";
import { actAs, actSignedOut, request } from "@tests/support/action-request";
import { form } from "@tests/support/form";
import { uniqueEmail } from "@tests/support/users";

import { action, authedAction } from "./action";

vi.mock("next/headers", async (original) => ({
  ...(await original()),
  ...(await import("@tests/support/action-request")).nextHeaders,
}));

/** What sessionEnded() throws: Next's redirect to sign in, saying why. */
const SESSION_ENDED = { digest: expect.stringContaining("/login?code=session-ended") };

// Passwords by name (one plain z.string(), to show the name alone is enough) and by schema, and a field marked
// secret that does not say so in its name.
const schema = z.object({
  email: emailSchema,
  note: z.string().max(5, "Too long."),
  password: passwordSchema(),
  confirmPassword: z.string().min(100, "Too short."),
  recoveryCode: secret(z.string().length(10, "Ten characters.")),
});
const TYPED = {
  email: "ada@example.com",
  note: "far too long",
  password: "x".repeat(80),
  confirmPassword: "hunter2",
  recoveryCode: "12345",
};

async function person() {
  const created = await createUser({ email: uniqueEmail(), name: "Ada", passwordHash: "x" });
  if (!created) throw new Error("could not create a test person");
  return created;
}

beforeAll(async () => {
  await getDb();
});

describe("action(schema, run)", () => {
  it("answers a validation failure with field errors, and echoes what was typed except every secret field", async () => {
    const run = vi.fn(async () => ({ status: "success" as const }));
    const state = await action(schema, run)(IDLE, form(TYPED));
    expect(run).not.toHaveBeenCalled();
    expect(state.status).toBe("error");
    expect(Object.keys(state.fieldErrors ?? {}).sort()).toEqual([
      "confirmPassword",
      "note",
      "password",
      "recoveryCode",
    ]);
    expect(state.values).toEqual({ email: "ada@example.com", note: "far too long" });
  });

  it("hands run the parsed data and the form, and adds the echo to what run answers", async () => {
    const run = vi.fn(async (data: { email: string; note: string }) => ({
      status: "error" as const,
      formError: `no ${data.email}`,
    }));
    const data = form({
      email: " ADA@Example.com ",
      note: "hi",
      password: "correct horse",
      confirmPassword: "c".repeat(100),
      recoveryCode: "0123456789",
    });
    const state = await action(schema, run)(IDLE, data);
    expect(run).toHaveBeenCalledWith(
      expect.objectContaining({ email: "ada@example.com", note: "hi", password: "correct horse" }),
      { formData: data },
    );
    expect(state).toEqual({
      status: "error",
      formError: "no ada@example.com",
      values: { email: " ADA@Example.com ", note: "hi" },
    });
  });

  it("keeps the values run answers with", async () => {
    const state = await action(z.object({ name: z.string() }), async ({ name }) => ({
      status: "success",
      values: { name: name.trim() },
    }))(IDLE, form({ name: " Ada " }));
    expect(state).toEqual({ status: "success", values: { name: "Ada" } });
  });

  it("lets Next's redirect through", async () => {
    const run = action(z.object({}), async () => redirect("/somewhere"));
    await expect(run(IDLE, form({}))).rejects.toMatchObject({ digest: expect.stringContaining("NEXT_REDIRECT") });
  });
});

describe(`authedAction(schema, run) on ${process.env.TEST_DB_ENGINE}`, () => {
  const nameForm = z.object({ name: z.string().min(1, "Enter a name."), password: z.string() });

  it("hands run the person as the database has them now, not as the token says", async () => {
    const me = await person();
    await actAs(me, { role: "admin", name: "Token Name" });
    const run = vi.fn(async () => ({ status: "success" as const }));
    await authedAction(nameForm, run)(IDLE, form({ name: "Ada", password: "secret words" }));
    expect(run).toHaveBeenCalledWith(
      { name: "Ada", password: "secret words" },
      expect.objectContaining({ user: expect.objectContaining({ id: me.id, role: "user", name: "Ada" }) }),
    );
  });

  it.each([
    [
      "signed out everywhere (a newer session version)",
      async (me: Awaited<ReturnType<typeof person>>) => void (await bumpSessionVersion(me.id, me.sessionVersion)),
    ],
    [
      "the account deleted",
      async (me: Awaited<ReturnType<typeof person>>) => void (await deleteUser(me.id, me.sessionVersion)),
    ],
  ])(
    "ends the session in this browser too when %s: the cookie cleared, on to sign in; it runs nothing",
    async (_label, end) => {
      const me = await person();
      await actAs(me);
      await end(me);
      const run = vi.fn(async () => ({ status: "success" as const }));
      await expect(
        authedAction(nameForm, run)(IDLE, form({ name: "Ada", password: "secret words" })),
      ).rejects.toMatchObject(SESSION_ENDED);
      expect(run).not.toHaveBeenCalled();
      expect(request.cookies.get("authjs.session-token")?.value).toBe("");
    },
  );

  it("sends a post without a session cookie to sign in, saying the session ended", async () => {
    actSignedOut();
    const run = vi.fn(async () => ({ status: "success" as const }));
    await expect(authedAction(nameForm, run)(IDLE, form({ name: "Ada", password: "p" }))).rejects.toMatchObject(
      SESSION_ENDED,
    );
    expect(run).not.toHaveBeenCalled();
  });

  it("answers field errors before it looks at the session", async () => {
    actSignedOut();
    const state = await authedAction(nameForm, async () => ({ status: "success" }))(
      IDLE,
      form({ name: "", password: "p" }),
    );
    expect(state).toEqual({ status: "error", fieldErrors: { name: "Enter a name." }, values: { name: "" } });
  });

  it("answers unavailable, with the echo, when run fails", async () => {
    const me = await person();
    await actAs(me);
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const state = await authedAction(nameForm, async () => {
      throw new Error("boom");
    })(IDLE, form({ name: "Ada", password: "p" }));
    expect(state).toEqual({ status: "error", formError: SERVICE_UNAVAILABLE, values: { name: "Ada" } });
    expect(error).toHaveBeenCalledWith(expect.stringContaining("boom"));
    error.mockRestore();
  });
});

describe("types", () => {
  it("flow from the schema into run and out to the form's state, with no casts", () => {
    const made = action(z.object({ age: z.coerce.number(), name: z.string() }), async (data) => {
      expectTypeOf(data).toEqualTypeOf<{ age: number; name: string }>();
      return { status: "error", fieldErrors: { age: "Too young." } };
    });
    expectTypeOf(made).parameter(0).toEqualTypeOf<FormState<"age" | "name">>();
    expectTypeOf(made).returns.resolves.toEqualTypeOf<FormState<"age" | "name">>();
    // @ts-expect-error -- a field error for a field the form does not have
    action(z.object({ age: z.string() }), async () => ({ status: "error", fieldErrors: { height: "No such field." } }));
  });
});
