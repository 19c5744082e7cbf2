import { listProjectsFor } from "@/lib/projects/projects";
import { defineRoute } from "@/app/_server/define-route";

/** GET /api/v1/projects: the projects the caller belongs to (admins: all), newest first. */
export const GET = defineRoute("viewProject", async (_request, { user, db }) => {
  const projects = await listProjectsFor(db, user);
  return Response.json({
    projects: projects.map((p) => ({
      id: p.id,
      slug: p.slug,
      name: p.name,
      createdAt: p.createdAt.toISOString(),
      items: p._count.items,
      images: p._count.assets,
      members: p._count.members,
    })),
  });
});
