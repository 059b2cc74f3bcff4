export { healthCheck as GET } from "@/features/health/health-check";
