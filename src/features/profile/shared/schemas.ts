// The profile form's schema, shared by the form and its server action — and by the jwt callback, which never
// lets anything but a valid name and image into the token.
import "@/lib/zod-without-eval"; // before any schema is made: no eval probe under the CSP
import { z } from "zod";
import { CONTROL_OR_FORMAT, nameSchema, RAW_FIELD_MAX } from "@/features/auth/shared/schemas";

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
      .refine((value) => !CONTROL_OR_FORMAT.test(value), "An image URL cannot contain control or invisible formatting characters.")
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

export const profileSchema = z.object({ name: nameSchema, image: imageUrlSchema });
export type ProfileInput = z.infer<typeof profileSchema>;
