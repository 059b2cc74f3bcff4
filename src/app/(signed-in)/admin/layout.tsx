import type { ReactNode } from "react";

import { PageShell } from "@/components/page-shell";

/** /admin and its pages use the wide width (72rem): a table of ten columns does not fit a text column. */
export default function AdminLayout({ children }: { children: ReactNode }) {
  return <PageShell width="wide">{children}</PageShell>;
}
