"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button, Field, Input } from "@/app/_components/ui";
import { useHydrated } from "@/app/_components/use-hydrated";

const MESSAGES: Record<string, string> = {
  CredentialsSignin: "Wrong email or password.",
  RateLimited: "Too many failed sign-in attempts: signing in to this account is locked for a minute. Wait and try again, or ask an admin to unlock it.",
};

export function SignInForm({ callbackUrl, sso }: { callbackUrl: string; sso: { id: string; name: string }[] }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // Before hydration a submit would be the browser's own: a GET to /signin with the password in the URL.
  const hydrated = useHydrated();

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(null);
    const form = new FormData(event.currentTarget);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    setPending(false);
    if (result?.ok && !result.error) {
      // One navigation: the router keeps no cached copy of signed-in pages (refresh() would render it twice).
      router.replace(callbackUrl);
    } else {
      setError(result?.status === 429 ? MESSAGES.RateLimited : (MESSAGES[result?.error ?? ""] ?? result?.error ?? "Sign-in failed."));
    }
  }

  return (
    <form onSubmit={onSubmit} className="mt-8 flex flex-col gap-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
      <Field label="Email" htmlFor="email">
        <Input id="email" name="email" type="email" autoComplete="username" required autoFocus />
      </Field>
      <Field label="Password" htmlFor="password">
        <Input id="password" name="password" type="password" autoComplete="current-password" required />
      </Field>
      {error && (
        <p className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800" role="alert" data-testid="signin-error">
          {error}
        </p>
      )}
      <Button type="submit" disabled={pending || !hydrated}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
      {sso.map((p) => (
        <Button key={p.id} type="button" variant="secondary" onClick={() => signIn(p.id, { callbackUrl })}>
          Continue with {p.name}
        </Button>
      ))}
    </form>
  );
}
