import { notFound } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/lib/db/client";
import { findProjectForUser } from "@/lib/projects/access";
import { parseProjectSettings } from "@/lib/projects/settings";
import { requirePageUser } from "@/app/_server/session";
import type { Permission } from "@/lib/auth/roles";

/** The signed-in user and the project of the URL (404 when it does not exist or is not theirs). Cached per request. */
export const loadProjectPage = cache(async (slug: string, permission?: Permission) => {
  const user = await requirePageUser(permission);
  const project = await findProjectForUser(getDb(), user, slug);
  if (!project) notFound();
  return { user, project: { ...project, settings: parseProjectSettings(project.settings) } };
});
