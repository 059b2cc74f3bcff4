import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { RegisterForm } from "@/features/auth/sign-up/register-form";
import { currentUser } from "@/features/auth/session";
import { safeCallbackUrl } from "@/features/auth/routes";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Create account" };

export default async function RegisterPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const callbackUrl = safeCallbackUrl((await searchParams).callbackUrl);
  if (await currentUser()) redirect(callbackUrl);
  return (
    <section className="mx-auto max-w-sm space-y-6">
      <h1 className="text-2xl font-bold">Create account</h1>
      <RegisterForm callbackUrl={callbackUrl} passwordMinLength={env.PASSWORD_MIN_LENGTH} />
      <p className="text-sm">
        Already have an account?{" "}
        <Link href="/login" className="underline">
          Sign in
        </Link>
      </p>
    </section>
  );
}
