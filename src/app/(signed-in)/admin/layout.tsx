import type { ReactNode } from "react";

import "@/features/admin/client/admin-wide.css";

/** /admin and its pages use the screen's width (up to 72rem): a table of ten columns does not fit a text column. */
export default function AdminLayout({ children }: { children: ReactNode }) {
  return <div className="admin-wide">{children}</div>;
}
