import Link from "next/link";
import { can } from "@/lib/auth/roles";
import { requirePageUser } from "@/app/_server/session";
import { SignOutButton } from "@/app/_components/sign-out-button";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePageUser();
  return (
    <div className="min-h-screen">
      <header className="bg-slate-900 text-white">
        <nav className="mx-auto flex max-w-7xl items-center gap-6 px-6 py-3" aria-label="Main">
          <Link href="/projects" className="font-semibold tracking-tight">
            SRT&nbsp;Studio
          </Link>
          <Link href="/projects" className="text-sm text-slate-300 hover:text-white">
            Projects
          </Link>
          {can(user, "manageUsers") && (
            <Link href="/admin/users" className="text-sm text-slate-300 hover:text-white">
              Users
            </Link>
          )}
          <Link href="/account/tokens" className="text-sm text-slate-300 hover:text-white">
            API tokens
          </Link>
          <span className="ml-auto text-sm text-slate-300" data-testid="whoami">
            {user.name} · {user.role.toLowerCase()}
          </span>
          <SignOutButton />
        </nav>
      </header>
      <main className="mx-auto max-w-7xl px-6 py-8">{children}</main>
    </div>
  );
}
