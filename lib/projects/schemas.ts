import { z } from "zod";
import { projectSettingsSchema } from "./settings";

export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/, "lowercase letters, digits and dashes (1–48), e.g. mm-sy-pilot");

export const createProjectSchema = z.object({
  slug: slugSchema,
  name: z.string().trim().min(1, "required").max(120),
  guidelines: z.string().max(100_000).default(""),
  settings: projectSettingsSchema.default(projectSettingsSchema.parse({})),
});
export type CreateProjectInput = z.input<typeof createProjectSchema>;

export const updateProjectSchema = z.object({
  projectId: z.string().min(1),
  name: z.string().trim().min(1, "required").max(120).optional(),
  guidelines: z.string().max(100_000).optional(),
  settings: projectSettingsSchema.optional(),
});
export type UpdateProjectInput = z.input<typeof updateProjectSchema>;

export const memberSchema = z.object({ projectId: z.string().min(1), userId: z.string().min(1) });
