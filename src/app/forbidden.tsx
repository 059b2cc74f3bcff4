import { ForbiddenMessage } from "@/components/forbidden-message";

// Rendered, with status 403, when a page's server-side check calls forbidden() (src/features/auth/server/session.ts).
export default function Forbidden() {
  return <ForbiddenMessage />;
}
