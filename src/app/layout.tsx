import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Navbar } from "@/features/navbar/navbar";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Edge JWT Auth", template: "%s · Edge JWT Auth" },
  description: "Email and password accounts with JWT sessions, Edge middleware and Neon Postgres.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-white font-sans text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        <Navbar />
        <main className="mx-auto max-w-3xl px-4 py-10">{children}</main>
      </body>
    </html>
  );
}
