import { ROUTES } from "@/config/routes";
import { withApiUser } from "@/features/auth/server/session";

export const GET = withApiUser(ROUTES.me, async ({ id, name, email, image, role }) => {
  return Response.json({ id, name, email, image, role }, { headers: { "Cache-Control": "private, no-store" } });
});
