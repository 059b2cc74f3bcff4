import { currentUser, unauthorized } from "@/features/auth/server/session";

export async function GET(): Promise<Response> {
  const user = await currentUser();
  if (!user) return unauthorized();
  const { id, name, email, image, role } = user;
  return Response.json({ id, name, email, image, role }, { headers: { "Cache-Control": "private, no-store" } });
}
