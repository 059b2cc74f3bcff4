// The profile form's schema, shared by the form and its server action — and by the jwt callback, which never
// lets anything but a valid name and image into the token.
import "@/lib/zod-without-eval"; // before any schema is made: no eval probe under the CSP
import { z } from "zod";
import { nameSchema } from "@/features/auth/schemas";

export const IMAGE_URL_MAX_LENGTH = 2048;

/** Empty (no image: initials instead), or an https:// URL of at most 2048 characters, without credentials. */
export const imageUrlSchema = z
  .string({ error: "Enter an image URL, or leave it empty." })
  .trim()
  .max(IMAGE_URL_MAX_LENGTH, `An image URL has at most ${IMAGE_URL_MAX_LENGTH} characters.`)
  .refine((value) => value === "" || isPlainHttpsUrl(value), "Use an https:// address for the image, or leave it empty.")
  .transform((value) => (value === "" ? null : value));

function isPlainHttpsUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  // https only: no javascript:, data: or http: (mixed content). No user:password@ (phishing-shaped links).
  return url.protocol === "https:" && url.hostname !== "" && url.username === "" && url.password === "";
}

export const profileSchema = z.object({ name: nameSchema, image: imageUrlSchema });
export type ProfileInput = z.infer<typeof profileSchema>;
