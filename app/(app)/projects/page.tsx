import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@/lib/auth/roles";
import { getDb } from "@/lib/db/client";
import { plural } from "@/lib/format";
import { listProjectsFor } from "@/lib/projects/projects";
import { Card, EmptyState, PageHeader } from "@/app/_components/ui";
import { requirePageUser } from "@/app/_server/session";
import { CreateProjectForm } from "./create-project-form";

export const metadata: Metadata = { title: "Projects" };

export default async function ProjectsPage() {
  const user = await requirePageUser();
  const projects = await listProjectsFor(getDb(), user);
  const mayCreate = can(user, "createProject");
  return (
    <>
      <PageHeader title="Projects" subtitle="Each project holds images, items, follow-ups and their reviews." />
      <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
        <div>
          {projects.length === 0 ? (
            <EmptyState title="No projects yet">
              {mayCreate
                ? "Create a project to start pairing images with questions, or run npm run db:seed for a demo."
                : "You are not a member of any project yet. Ask a researcher or an admin to add you."}
            </EmptyState>
          ) : (
            <ul className="grid gap-4 sm:grid-cols-2">
              {projects.map((p) => (
                <li key={p.id}>
                  <Link
                    href={`/projects/${p.slug}`}
                    className="block rounded-xl border border-slate-200 bg-white p-5 shadow-sm transition hover:border-brand-500"
                  >
                    <p className="font-semibold">{p.name}</p>
                    <p className="text-xs text-slate-500">{p.slug}</p>
                    <p className="mt-3 text-sm text-slate-600">
                      {plural(p._count.items, "item")} · {plural(p._count.assets, "image")} · {plural(p._count.members, "member")}
                    </p>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </div>
        {mayCreate && (
          <Card title="New project">
            <CreateProjectForm />
          </Card>
        )}
      </div>
    </>
  );
}
