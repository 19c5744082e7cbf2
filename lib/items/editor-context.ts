// What the item editor page shows around the item itself: who holds it, the latest review (for
// items sent back with changes requested) and the neighbours for previous / next.
import type { Db } from "../db/client";
import { adjacentItemIds } from "./pages";

export async function loadEditorContext(db: Db, projectId: string, itemId: string, assigneeId: string | null) {
  const [neighbours, assignee, lastReview] = await Promise.all([
    adjacentItemIds(db, projectId, itemId),
    assigneeId ? db.user.findUnique({ where: { id: assigneeId }, select: { id: true, name: true } }) : null,
    db.review.findFirst({
      where: { itemId },
      orderBy: { createdAt: "desc" },
      select: { decision: true, comment: true, createdAt: true, reviewer: { select: { name: true } } },
    }),
  ]);
  return { neighbours, assignee, lastReview };
}

/** An asset of the project (for the new-item page), or null. */
export function findProjectAsset(db: Db, projectId: string, assetId: string) {
  return db.asset.findFirst({
    where: { id: assetId, projectId },
    select: { id: true, sha256: true, width: true, height: true, originalFilename: true, _count: { select: { items: true } } },
  });
}
