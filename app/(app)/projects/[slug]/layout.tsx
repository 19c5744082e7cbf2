import type { Metadata } from "next";
import { can } from "@/lib/auth/roles";
import { ProjectTabs } from "./project-tabs";
import { loadProjectPage } from "./project-context";

/** Pages under a project read "Items · Demo · SRT Studio": the project's name between page and app. */
export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const { project } = await loadProjectPage((await params).slug);
  return { title: { default: project.name, template: `%s · ${project.name} · SRT Studio` } };
}

export default async function ProjectLayout({ children, params }: { children: React.ReactNode; params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { user, project } = await loadProjectPage(slug);
  const tabs = [
    { href: `/projects/${slug}`, label: "Overview" },
    can(user, "annotate") && { href: `/projects/${slug}/annotate`, label: "Annotate" },
    can(user, "review") && { href: `/projects/${slug}/review`, label: "Review" },
    { href: `/projects/${slug}/items`, label: "Items" },
    { href: `/projects/${slug}/assets`, label: "Images" },
    can(user, "viewQuality") && { href: `/projects/${slug}/quality`, label: "Quality" },
    can(user, "exportData") && { href: `/projects/${slug}/export`, label: "Export" },
    can(user, "runEvaluations") && { href: `/projects/${slug}/evaluations`, label: "Evaluations" },
    can(user, "manageProject") && { href: `/projects/${slug}/settings`, label: "Settings" },
    can(user, "viewQuality") && { href: `/projects/${slug}/audit`, label: "Audit log" },
  ].filter((t): t is { href: string; label: string } => !!t);
  return (
    <>
      <p className="text-sm text-slate-500">Project</p>
      <h1 className="text-2xl font-bold tracking-tight">{project.name}</h1>
      <ProjectTabs tabs={tabs} />
      <div className="mt-6">{children}</div>
    </>
  );
}
