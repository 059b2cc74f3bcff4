import { ROUTES } from "@/config/routes";
import { postAccessToken } from "@/features/access-tokens/server/token-endpoint";
import { withApiUser } from "@/features/auth/server/session";

export const POST = withApiUser(ROUTES.accessToken, postAccessToken);
