import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { requestOrigin } from "@/lib/api/request-origin";
import { safeCallbackPath } from "@/lib/auth/redirects";
import { oidcProviders } from "@/app/_server/oidc";
import { currentUser } from "@/app/_server/session";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  if (await currentUser()) redirect("/projects");
  const { callbackUrl } = await searchParams;
  const sso = oidcProviders().map((p) => ({ id: p.id, name: p.name }));
  // Only paths of this site: an open redirect after sign-in would be a phishing aid.
  const next = safeCallbackPath(callbackUrl, requestOrigin(await headers()));
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <h1 className="text-center text-2xl font-bold tracking-tight">SRT Studio</h1>
        <p className="mt-1 text-center text-sm text-slate-600">Reflective tuning data for multimodal models</p>
        <SignInForm callbackUrl={next} sso={sso} />
      </div>
    </main>
  );
}
