// The profile's fields, declared once: how each is validated, how its stored value shows in the form, and how
// its input looks. The schema, the form's defaults, what the action echoes and the form's inputs all come from
// PROFILE_FIELDS, so a new field is one entry here (plus its column and the query that writes it).
import "@/lib/shared/zod-without-eval"; // before any schema is made: no eval probe under the CSP

import type { InputHTMLAttributes, TextareaHTMLAttributes } from "react";
import { z } from "zod";

import {
  characters,
  CONTROL_OR_FORMAT,
  NAME_MAX_LENGTH,
  nameSchema,
  RAW_FIELD_MAX,
} from "@/features/auth/shared/schemas";

export const IMAGE_URL_MAX_LENGTH = 2048;

const TOO_LONG = `An image URL has at most ${IMAGE_URL_MAX_LENGTH} characters.`;
const NOT_HTTPS = "Use an https:// address for the image, or leave it empty.";

/**
 * Empty (no image: initials instead), or an https:// URL of at most 2048 characters, without credentials. What
 * is stored is the URL as the parser wrote it back (host lower-cased, spaces and non-ASCII percent-encoded), so
 * the admin table and the navbar show exactly what the browser will load.
 */
export const imageUrlSchema = z
  .string({ error: "Enter an image URL, or leave it empty." })
  .max(IMAGE_URL_MAX_LENGTH + RAW_FIELD_MAX, TOO_LONG) // before anything else reads it (see RAW_FIELD_MAX)
  .pipe(
    z
      .string()
      .trim()
      .max(IMAGE_URL_MAX_LENGTH, TOO_LONG)
      // The URL parser would quietly drop tabs and newlines and keep bidi overrides: refuse them instead.
      .refine(
        (value) => !CONTROL_OR_FORMAT.test(value),
        "An image URL cannot contain control or invisible formatting characters.",
      )
      .transform((value, context) => {
        if (value === "") return null;
        const url = plainHttpsUrl(value);
        if (!url) context.addIssue({ code: "custom", message: NOT_HTTPS });
        else if (url.length > IMAGE_URL_MAX_LENGTH) context.addIssue({ code: "custom", message: TOO_LONG });
        else return url;
        return z.NEVER;
      }),
  );

/** The normalised URL when `value` is an https:// URL with a host and no user:password@; otherwise undefined. */
function plainHttpsUrl(value: string): string | undefined {
  if (!URL.canParse(value)) return undefined;
  const url = new URL(value);
  // https only: no javascript:, data: or http: (mixed content). No user:password@ (phishing-shaped links).
  const plain = url.protocol === "https:" && url.hostname !== "" && url.username === "" && url.password === "";
  return plain ? url.href : undefined;
}

/**
 * Free text over several lines (a bio, say) for a `multiline: true` field. Browsers post a text area's line breaks
 * as CRLF: they are stored as "\n", so the limit counts what the person typed and the text shows as typed.
 * Trimmed; line breaks and tabs kept, any other control or invisible formatting character refused. Empty is null,
 * and so is a post that leaves the field out, as an empty text area would be (a form from before the field existed).
 */
export function multilineTextSchema({ label, maxLength }: { label: string; maxLength: number }) {
  const tooLong = `${label} has at most ${maxLength} characters.`;
  return z
    .string({ error: `${label} must be text.` })
    .max(2 * maxLength + RAW_FIELD_MAX, tooLong) // before anything else reads it (CRLF doubles each line break)
    .pipe(
      z
        .string()
        .transform((text) => text.replace(/\r\n?/g, "\n").trim())
        .refine((text) => characters(text) <= maxLength, tooLong)
        .refine(
          (text) => !CONTROL_OR_FORMAT.test(text.replace(/[\n\t]/g, "")),
          `${label} cannot contain control or invisible formatting characters.`,
        )
        .refine((text) => text.isWellFormed(), `${label} contains invalid characters.`)
        .transform((text) => (text === "" ? null : text)),
    )
    .optional()
    .transform((text) => text ?? null);
}

type CommonAttributes = "autoComplete" | "placeholder" | "required" | "maxLength";

/**
 * How a field's input looks: its label, an optional hint under it, and the attributes of the input itself — a
 * one-line input, or with `multiline: true` a text area (for a bio, say).
 */
export type FieldLook = { label: string; hint?: string } & (
  | ({ multiline?: false } & Pick<InputHTMLAttributes<HTMLInputElement>, "type" | "inputMode" | CommonAttributes>)
  | ({ multiline: true; rows?: number } & Pick<TextareaHTMLAttributes<HTMLTextAreaElement>, CommonAttributes>)
);

interface FieldDeclaration<Schema extends z.ZodType> {
  schema: Schema;
  /** The stored (parsed) value as the form's input shows it. */
  toInput: (value: z.output<Schema>) => string;
  look: FieldLook;
}

// A function, not a bare object, so that each field's `toInput` is checked against its own schema's output.
const field = <Schema extends z.ZodType>(declaration: FieldDeclaration<Schema>) => declaration;

export const PROFILE_FIELDS = {
  name: field({
    schema: nameSchema,
    toInput: (name) => name,
    look: { label: "Name", autoComplete: "name", required: true, maxLength: NAME_MAX_LENGTH },
  }),
  image: field({
    schema: imageUrlSchema,
    toInput: (url) => url ?? "",
    look: {
      label: "Image URL",
      type: "url",
      inputMode: "url",
      placeholder: "https://…",
      maxLength: IMAGE_URL_MAX_LENGTH,
      hint: "An https:// link to a square picture. Leave it empty to show your initials.",
    },
  }),
};

type Declared = typeof PROFILE_FIELDS;
export type ProfileField = keyof Declared;
/** The fields in the order the form shows them. */
export const PROFILE_FIELD_NAMES = Object.keys(PROFILE_FIELDS) as ProfileField[];

export const profileSchema = z.object(
  // Object.fromEntries forgets which key holds which schema; the mapped type says it again.
  Object.fromEntries(PROFILE_FIELD_NAMES.map((name) => [name, PROFILE_FIELDS[name].schema])) as {
    [Name in ProfileField]: Declared[Name]["schema"];
  },
);
/** A profile as stored, and as a successful parse hands it to the action. */
export type ProfileInput = z.output<typeof profileSchema>;

/** What the form's inputs hold for a stored profile: the page's defaults, and what a save answers with. */
export function profileFormValues(profile: ProfileInput): Record<ProfileField, string> {
  const inputOf = <Name extends ProfileField>(name: Name) =>
    // Each field's toInput takes its own field's value; TypeScript cannot follow that pairing through a union.
    (PROFILE_FIELDS[name].toInput as (value: ProfileInput[Name]) => string)(profile[name]);
  return Object.fromEntries(PROFILE_FIELD_NAMES.map((name) => [name, inputOf(name)])) as Record<ProfileField, string>;
}
