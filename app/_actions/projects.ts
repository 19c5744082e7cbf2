"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { can } from "@/lib/auth/roles";
import { getDb } from "@/lib/db/client";
import { regroupHint } from "@/lib/images/groups";
import { InvalidInputError, NotFoundError } from "@/lib/errors";
import { assertProjectAccess } from "@/lib/projects/access";
import { addMember, createProject, removeMember, updateProject } from "@/lib/projects/projects";
import { createProjectSchema, memberSchema } from "@/lib/projects/schemas";
import { projectSettingsSchema } from "@/lib/projects/settings";
import { RUBRIC_CRITERIA } from "@/lib/reviews/rubric";
import { defineAction } from "@/app/_server/action";

export const createProjectAction = defineAction(
  "createProject",
  createProjectSchema.pick({ slug: true, name: true }),
  async (user, input) => {
    const project = await createProject(getDb(), user, input);
    revalidatePath("/projects");
    return { ok: true, message: `Created ${project.name}`, data: { slug: project.slug } };
  },
);

// Form fields arrive as strings: numbers and lists are converted before the project's own schema checks them.
const settingsFormSchema = z.object({
  projectId: z.string().min(1),
  name: z.string().trim().min(1, "required").max(120),
  guidelines: z.string().max(100_000),
  misleadingPerItem: z.coerce.number(),
  correctivePerItem: z.coerce.number(),
  reviewsPerItem: z.coerce.number(),
  reviewPolicy: z.string().optional(),
  ...Object.fromEntries(RUBRIC_CRITERIA.map((c) => [`rubric.${c}`, z.string().optional()])),
  nearDuplicateThreshold: z.coerce.number(),
  goldEvery: z.coerce.number().default(0),
  responseTemplate: z.string(),
  allowedAnswerTypes: z.union([z.string(), z.array(z.string())]).transform((v) => [v].flat()),
  extraTactics: z.string().transform((v) => v.split(/[\s,]+/).filter(Boolean).map((t) => t.toUpperCase())),
});

export const updateProjectAction = defineAction("manageProject", settingsFormSchema, async (user, input) => {
  const db = getDb();
  await assertProjectAccess(db, user, input.projectId);
  const settings = projectSettingsSchema.parse({
    misleadingPerItem: input.misleadingPerItem,
    correctivePerItem: input.correctivePerItem,
    reviewsPerItem: input.reviewsPerItem,
    reviewPolicy: input.reviewPolicy,
    rubric: Object.fromEntries(RUBRIC_CRITERIA.map((c) => [c, (input as Record<string, unknown>)[`rubric.${c}`]])),
    nearDuplicateThreshold: input.nearDuplicateThreshold,
    goldEvery: input.goldEvery,
    responseTemplate: input.responseTemplate,
    allowedAnswerTypes: input.allowedAnswerTypes,
    extraTactics: input.extraTactics,
  });
  const project = await updateProject(db, user, { projectId: input.projectId, name: input.name, guidelines: input.guidelines, settings });
  revalidatePath(`/projects/${project.slug}`);
  const hint = regroupHint(project);
  return { ok: true, message: hint ? `Saved. ${hint}` : "Saved." };
});

const addMemberFormSchema = z.object({ projectId: z.string().min(1), email: z.string().trim().toLowerCase().min(1, "required") });

export const addMemberAction = defineAction("manageProject", addMemberFormSchema, async (user, input) => {
  const db = getDb();
  await assertProjectAccess(db, user, input.projectId);
  const member = await db.user.findUnique({ where: { email: input.email }, select: { id: true, email: true } });
  if (!member) {
    // Only those who may create accounts learn that one does not exist.
    if (can(user, "manageUsers")) throw new NotFoundError("account", input.email, { field: "email" });
    throw new InvalidInputError("email", "Could not add this address: check it, or ask an admin to create the account.");
  }
  await addMember(db, user, { projectId: input.projectId, userId: member.id });
  revalidatePath("/projects");
  return { ok: true, message: `Added ${member.email}` };
});

export const removeMemberAction = defineAction("manageProject", memberSchema, async (user, input) => {
  const db = getDb();
  await assertProjectAccess(db, user, input.projectId);
  await removeMember(db, user, input);
  revalidatePath("/projects");
  return { ok: true, message: "Removed." };
});
