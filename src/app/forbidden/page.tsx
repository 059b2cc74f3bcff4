import { forbidden } from "next/navigation";

// The Edge middleware rewrites here when a signed-in person lacks a page's role. forbidden() renders
// src/app/forbidden.tsx with a real 403 status (a rewrite alone would answer 200).
export default function ForbiddenRoute(): never {
  forbidden();
}
