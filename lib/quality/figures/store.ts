// Writes figure rows: adds each row's counts to the stored ones (INSERT … ON CONFLICT DO UPDATE, the same
// statement on SQLite and PostgreSQL), inside the caller's transaction. Each transaction adds to one of
// FIGURE_SHARDS rows per figure, picked at random: the counter rows of a project and day are hot (every
// status change of the project touches them), and one row per figure would make concurrent writers on
// PostgreSQL queue on its lock until the holder commits. Readers sum over the shards (GROUP BY).
import { Prisma } from "../../db/generated/sqlite/client"; // not ../../db: e2e seeding loads this outside Next.js
import type { Db } from "../../db/client";
import { providerOf } from "../../db/provider";
import { followUpFigureRows, reviewFigureRows, type FigureRow } from "./rows";

type Tx = Pick<Db, "$executeRaw" | "$queryRaw" | "item">;

function negate(row: FigureRow): FigureRow {
  return { ...row, n: -row.n, v: row.v?.map((x) => -x) as FigureRow["v"] };
}

/** How many rows one figure is spread over; a small fixed number keeps the dashboard's sums small. */
export const FIGURE_SHARDS = 16;

// One shard per transaction: all its figure rows land in the same shard, so two transactions meet on at
// most one shard's rows, and a writer never waits for itself.
const shardOfTx = new WeakMap<object, number>();
function shardFor(tx: object): number {
  let shard = shardOfTx.get(tx);
  if (shard === undefined) shardOfTx.set(tx, (shard = Math.floor(Math.random() * FIGURE_SHARDS)));
  return shard;
}

/** Adds the rows' counts (negative ones take away) to the project's stored figures. */
export async function addFigures(tx: Pick<Db, "$executeRaw">, projectId: string, rows: FigureRow[]): Promise<void> {
  const merged = new Map<string, { row: FigureRow; n: number; v: number[] }>();
  for (const row of rows) {
    const id = [row.kind, row.day, row.otherDay ?? "", row.key ?? "", row.detail ?? ""].join("\u0000");
    const m = merged.get(id) ?? { row, n: 0, v: [0, 0, 0, 0, 0] };
    merged.set(id, m);
    m.n += row.n;
    row.v?.forEach((x, i) => (m.v[i] += x));
  }
  const shard = shardFor(tx);
  // Rows in key order: concurrent writers that share a shard lock its rows in the same order (no deadlock).
  const values = [...merged.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, m]) => m)
    .filter((m) => m.n !== 0 || m.v.some((x) => x !== 0))
    .map(({ row, n, v }) => Prisma.sql`(${projectId}, ${row.kind}, ${row.day}, ${row.otherDay ?? ""}, ${row.key ?? ""}, ${row.detail ?? ""}, ${shard}, ${n}, ${v[0]}, ${v[1]}, ${v[2]}, ${v[3]}, ${v[4]})`);
  if (values.length === 0) return;
  await tx.$executeRaw(Prisma.sql`
    INSERT INTO "QualityFigure" ("projectId", "kind", "day", "otherDay", "key", "detail", "shard", "n", "v1", "v2", "v3", "v4", "v5")
    VALUES ${Prisma.join(values)}
    ON CONFLICT ("projectId", "kind", "day", "otherDay", "key", "detail", "shard") DO UPDATE SET
      "n" = "QualityFigure"."n" + excluded."n", "v1" = "QualityFigure"."v1" + excluded."v1", "v2" = "QualityFigure"."v2" + excluded."v2",
      "v3" = "QualityFigure"."v3" + excluded."v3", "v4" = "QualityFigure"."v4" + excluded."v4", "v5" = "QualityFigure"."v5" + excluded."v5"`);
}

const FOLLOW_UP_FIELDS = { createdAt: true, kind: true, tactic: true, authorId: true } as const;
const REVIEW_FIELDS = { createdAt: true, decision: true, visualGrounding: true, verdictCorrectness: true, reasoningConsistency: true, tone: true, answerCorrectness: true } as const;

async function itemRows(tx: Tx, itemIds: string[]) {
  const items = await tx.item.findMany({
    where: { id: { in: itemIds } },
    select: { id: true, projectId: true, submittedById: true, reviews: { select: REVIEW_FIELDS }, followUps: { select: FOLLOW_UP_FIELDS } },
  });
  return items.map((i) => ({ projectId: i.projectId, rows: [...reviewFigureRows(i.submittedById, i.reviews), ...followUpFigureRows(i.followUps)] }));
}

/** Adds the figures of items just created (with their follow-ups or reviews) in this transaction. */
export async function addItemFigures(tx: Tx, itemIds: string[]): Promise<void> {
  for (const item of await itemRows(tx, itemIds)) await addFigures(tx, item.projectId, item.rows);
}

/**
 * Runs `write` (a change to the items' reviews, follow-ups or submitter) and moves the items' figures from
 * what they were to what they are: an item's outcome rows depend on all its reviews, so they are
 * recomputed, never incremented. On PostgreSQL the items' rows are locked first, so two writers of one item take turns
 * (SQLite transactions already hold the write lock).
 */
export async function withItemFigures<T>(tx: Tx, itemIds: string[], write: () => Promise<T>): Promise<T> {
  if (providerOf(tx) === "postgresql" && itemIds.length > 0) {
    await tx.$queryRaw(Prisma.sql`SELECT "id" FROM "Item" WHERE "id" IN (${Prisma.join(itemIds)}) ORDER BY "id" FOR UPDATE`);
  }
  const before = await itemRows(tx, itemIds);
  const result = await write();
  const after = await itemRows(tx, itemIds);
  // One statement per project with the difference: rows that did not change cancel out.
  const byProject = new Map<string, FigureRow[]>();
  const put = (projectId: string, rows: FigureRow[]) => byProject.set(projectId, [...(byProject.get(projectId) ?? []), ...rows]);
  for (const b of before) put(b.projectId, b.rows.map(negate));
  for (const a of after) put(a.projectId, a.rows);
  for (const [projectId, rows] of byProject) await addFigures(tx, projectId, rows);
  return result;
}
