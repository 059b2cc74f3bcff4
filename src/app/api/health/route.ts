export { healthCheck as GET } from "@/features/health/server/health-check";
