import { getDb } from "@/lib/db/client";
import { listEndpoints, projectEndpoints } from "@/lib/models/endpoints";
import { listMembers } from "@/lib/projects/projects";
import { Badge, Card } from "@/app/_components/ui";
import { loadProjectPage } from "../project-context";
import { AddMemberForm, RemoveMemberButton } from "./members-forms";
import { ProjectModelsForm } from "./models-form";
import { SettingsForm } from "./settings-form";

export const metadata = { title: "Settings" };

export default async function ProjectSettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { project } = await loadProjectPage(slug, "manageProject");
  const db = getDb();
  const [members, endpoints, enabled] = await Promise.all([listMembers(db, project.id), listEndpoints(db), projectEndpoints(db, project.id)]);
  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
      <Card title="Project settings" className="min-w-0">
        <SettingsForm
          project={{ id: project.id, name: project.name, guidelines: project.guidelines }}
          settings={project.settings}
        />
      </Card>
      <Card title={`Members (${members.length})`} className="min-w-0">
        <ul className="mb-4 divide-y divide-slate-100">
          {members.map(({ user }) => (
            <li key={user.id} className="flex items-center justify-between gap-2 py-2 text-sm">
              <span className="min-w-0 truncate">
                {user.email} <Badge value={user.role} />
              </span>
              <RemoveMemberButton projectId={project.id} userId={user.id} />
            </li>
          ))}
        </ul>
        <AddMemberForm projectId={project.id} />
      </Card>
      <Card title="Models" className="min-w-0 lg:col-start-2">
        <ProjectModelsForm projectId={project.id} endpoints={endpoints.map((e) => ({ id: e.id, name: e.name, model: e.model }))} enabled={enabled.map((e) => e.id)} />
      </Card>
    </div>
  );
}
