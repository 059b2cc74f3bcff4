import { ROUTES } from "@/config/routes";
import { postAccessToken } from "@/features/access-tokens/server/token-endpoint";
import { withLiveApiUser } from "@/features/auth/server/session";

export const POST = withLiveApiUser(ROUTES.accessToken, postAccessToken);
