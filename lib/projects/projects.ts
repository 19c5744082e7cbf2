import { recordAudit } from "../audit/record";
import type { Db } from "../db/client";
import { ConflictError, NotFoundError } from "../errors";
import { lockForWriting, providerOf } from "../db/provider";
import type { SessionUser } from "../auth/roles";
import { projectScope } from "./access";
import { createProjectSchema, memberSchema, updateProjectSchema, type CreateProjectInput, type UpdateProjectInput } from "./schemas";
import { parseProjectSettings } from "./settings";
import { projectItemStatusCounts, totalOf } from "../items/status-counts";
import { projectFollowUpKindCounts } from "../followups/kind-counts";

export class DuplicateSlugError extends ConflictError {
  constructor(slug: string) {
    super(`A project "${slug}" already exists.`, { field: "slug" });
  }
}

/** Creates a project; its creator becomes a member. */
export async function createProject(db: Db, actor: Pick<SessionUser, "id">, input: CreateProjectInput) {
  const data = createProjectSchema.parse(input);
  return db.$transaction(async (tx) => {
    await lockForWriting(tx, providerOf(db)); // reads, then writes
    if (await tx.project.findUnique({ where: { slug: data.slug }, select: { id: true } })) {
      throw new DuplicateSlugError(data.slug);
    }
    const project = await tx.project.create({
      data: {
        slug: data.slug,
        name: data.name,
        guidelines: data.guidelines,
        settings: data.settings,
        // No assets yet: its near-duplicate groups are complete (lib/images/groups.ts), imports keep them so.
        nearDuplicateGroupsThreshold: parseProjectSettings(data.settings).nearDuplicateThreshold,
        members: { create: { userId: actor.id } },
      },
    });
    await recordAudit(tx, { actorId: actor.id, entity: "Project", entityId: project.id, action: "create", after: project });
    return project;
  });
}

export async function updateProject(db: Db, actor: Pick<SessionUser, "id">, input: UpdateProjectInput) {
  const data = updateProjectSchema.parse(input);
  return db.$transaction(async (tx) => {
    await lockForWriting(tx, providerOf(db)); // reads, then writes
    const before = await tx.project.findUniqueOrThrow({ where: { id: data.projectId } });
    const after = await tx.project.update({
      where: { id: data.projectId },
      data: { name: data.name, guidelines: data.guidelines, settings: data.settings },
    });
    await recordAudit(tx, { actorId: actor.id, entity: "Project", entityId: after.id, action: "update", before, after });
    return after;
  });
}

/** Projects the user may see, with item counts, newest first. */
export async function listProjectsFor(db: Db, user: SessionUser) {
  const projects = await db.project.findMany({
    where: projectScope(user),
    orderBy: { createdAt: "desc" },
    select: { id: true, slug: true, name: true, createdAt: true, itemStatusCounts: { select: { items: true } }, _count: { select: { assets: true, members: true } } },
  });
  // Items from the kept counts (lib/items/status-counts.ts), less the gold copies (one per gold attempt).
  const copies = await db.goldAttempt.groupBy({ by: ["projectId"], where: { projectId: { in: projects.map((p) => p.id) } }, _count: { _all: true } });
  const copiesOf = new Map(copies.map((c) => [c.projectId, c._count._all]));
  return projects.map(({ itemStatusCounts, _count, ...project }) => ({
    ...project,
    _count: { ..._count, items: itemStatusCounts.reduce((n, c) => n + c.items, 0) - (copiesOf.get(project.id) ?? 0) },
  }));
}


/** Items by status and follow-ups by kind (both from the kept counts); gold copies left out. */
export async function projectStats(db: Db, projectId: string) {
  const [items, followUps, assets] = await Promise.all([
    projectItemStatusCounts(db, projectId),
    projectFollowUpKindCounts(db, projectId),
    db.asset.count({ where: { projectId } }),
  ]);
  const totalItems = totalOf(items);
  return { items, followUps, totalItems, assets };
}

export async function projectBySlug(db: Db, slug: string) {
  const project = await db.project.findUnique({ where: { slug } });
  if (!project) throw new NotFoundError("project", slug, { field: "slug" });
  return { ...project, settings: parseProjectSettings(project.settings) };
}

export function listMembers(db: Db, projectId: string) {
  return db.projectMember.findMany({
    where: { projectId },
    select: { user: { select: { id: true, email: true, name: true, role: true, disabled: true } } },
    orderBy: { user: { email: "asc" } },
  });
}

export async function addMember(db: Db, actor: Pick<SessionUser, "id">, input: { projectId: string; userId: string }) {
  const data = memberSchema.parse(input);
  return db.$transaction(async (tx) => {
    // Prisma runs this upsert as a SELECT, then an INSERT: the write lock first (lib/db/write-discipline.ts).
    await lockForWriting(tx, providerOf(db));
    await tx.projectMember.upsert({
      where: { projectId_userId: data },
      create: data,
      update: {},
    });
    await recordAudit(tx, { actorId: actor.id, entity: "Project", entityId: data.projectId, action: "member.add", after: data });
  });
}

export async function removeMember(db: Db, actor: Pick<SessionUser, "id">, input: { projectId: string; userId: string }) {
  const data = memberSchema.parse(input);
  return db.$transaction(async (tx) => {
    await tx.projectMember.deleteMany({ where: data });
    await recordAudit(tx, { actorId: actor.id, entity: "Project", entityId: data.projectId, action: "member.remove", before: data });
  });
}
