// Saving a profile, apart from the action plumbing so it can be tested on its own: the row written is always
// the one of `userId` — the signed-in person — never an id taken from the form.
import "server-only";
import { updateProfile } from "@/db/queries";
import { fieldErrorsOf, readFields, echo, type FormState } from "@/lib/form";
import { profileSchema } from "@/features/profile/shared/schemas";

export type ProfileField = "name" | "image";
export const PROFILE_FIELDS = ["name", "image"] as const;

export async function saveProfile(userId: string, formData: FormData): Promise<FormState<ProfileField>> {
  const raw = readFields(formData, PROFILE_FIELDS);
  const values = echo(raw, PROFILE_FIELDS);
  const parsed = profileSchema.safeParse(raw);
  if (!parsed.success) return { status: "error", fieldErrors: fieldErrorsOf<ProfileField>(parsed.error), values };

  const saved = await updateProfile(userId, parsed.data);
  if (!saved) return { status: "error", formError: "Your account no longer exists.", values };
  return { status: "success", message: "Profile saved", values: { name: saved.name, image: saved.image ?? "" } };
}
