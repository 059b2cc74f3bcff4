export { GET, POST } from "@/features/auth/server/auth-route";
