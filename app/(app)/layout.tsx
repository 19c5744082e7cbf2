import { can } from "@/lib/auth/roles";
import { requirePageUser } from "@/app/_server/session";
import { MainNav } from "@/app/_components/main-nav";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePageUser();
  const links = [
    { href: "/projects", label: "Projects" },
    can(user, "manageModels") && { href: "/models", label: "Models" },
    can(user, "manageUsers") && { href: "/admin/users", label: "Users" },
    can(user, "manageUsers") && { href: "/admin/jobs", label: "Jobs" },
    { href: "/account/tokens", label: "API tokens" },
  ].filter((link): link is { href: string; label: string } => !!link);
  return (
    <div className="min-h-screen">
      <header className="bg-slate-900 text-white">
        <MainNav links={links} whoami={`${user.name} · ${user.role.toLowerCase()}`} />
      </header>
      <main className="mx-auto max-w-7xl px-4 py-8 sm:px-6">{children}</main>
    </div>
  );
}
