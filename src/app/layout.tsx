import type { Metadata } from "next";
import type { ReactNode } from "react";

import { FormStatusScope } from "@/components/form-status";
import { APP_NAME } from "@/config/app";
import { AuthSessionProvider } from "@/features/auth/client/session-provider";
import { sessionToRender } from "@/features/auth/server/session";
import { VerifyBanner } from "@/features/email-verification/client/verify-banner";
import { Navbar } from "@/features/navbar/client/navbar";
import { env } from "@/lib/server/env";

import "./globals.css";

export const metadata: Metadata = {
  title: { default: APP_NAME, template: `%s · ${APP_NAME}` },
  description: "Email and password accounts with JWT sessions, Edge middleware and Neon Postgres.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The decrypted cookie, as refreshed by this request's server action if it did: no database query.
  const session = await sessionToRender();
  return (
    <html lang="en">
      <body className="min-h-screen bg-white font-sans text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        <AuthSessionProvider session={session} refetchSeconds={env.AUTH_REVALIDATE_SECONDS}>
          <Navbar />
          {env.EMAIL_VERIFICATION === "optional" && <VerifyBanner />}
          {/* Padding only: each page sets its own width with PageShell (src/components/page-shell.tsx). */}
          <main className="px-4 py-10">
            <FormStatusScope>{children}</FormStatusScope>
          </main>
        </AuthSessionProvider>
      </body>
    </html>
  );
}
