// Fixtures for the annotation domain's integration tests: users, a project, an asset and items,
// written with a few createMany calls so hundreds of items cost milliseconds.
import type { Db } from "../db/client";
import type { ItemStatus } from "./status";

let counter = 0;

export async function createUsers(db: Db, n: number, prefix = "user") {
  const run = `${Date.now().toString(36)}${(counter++).toString(36)}`;
  await db.user.createMany({ data: Array.from({ length: n }, (_, i) => ({ email: `${prefix}${i}-${run}@example.org`, name: `${prefix} ${i}` })) });
  return db.user.findMany({ where: { email: { endsWith: `-${run}@example.org` } }, orderBy: { email: "asc" }, select: { id: true, name: true } });
}

export async function createProjectWithAsset(db: Db, settings: object = {}) {
  const slug = `p-${Date.now().toString(36)}-${(counter++).toString(36)}`;
  const project = await db.project.create({ data: { name: slug, slug, settings } });
  const asset = await db.asset.create({
    data: {
      projectId: project.id, sha256: slug.padEnd(64, "0"), phash: "0".repeat(16), width: 640, height: 480, mime: "image/jpeg",
      bytes: 1000, storageKey: `o/${slug}`, displayKey: `d/${slug}`, thumbnailKey: `t/${slug}`, originalFilename: "cats.jpg",
    },
  });
  return { project, asset };
}

export interface ItemSeed {
  question?: string;
  answerType?: "MULTIPLE_CHOICE" | "YES_NO" | "SHORT_ANSWER" | "NUMBER";
  options?: string[];
  groundTruth?: string;
  status?: ItemStatus;
  assigneeId?: string | null;
  leaseExpiresAt?: Date | null;
  lintWarnings?: number;
}

/** Creates items in order (ids ascending); returns their ids in creation order. */
export async function createItems(db: Db, projectId: string, assetId: string, seeds: ItemSeed[]): Promise<string[]> {
  const marker = `seed-${Date.now().toString(36)}-${(counter++).toString(36)}`;
  await db.item.createMany({
    data: seeds.map((s, i) => ({
      projectId, assetId,
      question: s.question ?? `How many cats are on the sofa? (${i})`,
      answerType: s.answerType ?? "NUMBER",
      options: s.options ?? [],
      groundTruth: s.groundTruth ?? "3",
      status: s.status ?? "DRAFT",
      assigneeId: s.assigneeId ?? null,
      leaseExpiresAt: s.leaseExpiresAt ?? null,
      lintWarnings: s.lintWarnings ?? 0,
      caption: `${marker}:${i}`,
    })),
  });
  const rows = await db.item.findMany({ where: { caption: { startsWith: `${marker}:` } }, select: { id: true, caption: true } });
  const byIndex = new Map(rows.map((r) => [Number(r.caption.split(":")[1]), r.id]));
  return seeds.map((_, i) => byIndex.get(i)!);
}
