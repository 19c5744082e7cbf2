// Everything the asset detail page shows, in one call: the asset in its project, who uploaded it,
// the items that use it, and its near-duplicates.
import type { Db } from "../db/client";
import { nearDuplicateGroup } from "./assets";

export const DETAIL_ITEMS_SHOWN = 100;

export async function assetDetail(db: Db, projectId: string, assetId: string) {
  const asset = await db.asset.findFirst({
    where: { id: assetId, projectId },
    include: { uploadedBy: { select: { name: true, email: true } }, _count: { select: { items: true } } },
  });
  if (!asset) return null;
  const [items, group] = await Promise.all([
    db.item.findMany({
      where: { assetId: asset.id },
      select: { id: true, question: true, status: true },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: DETAIL_ITEMS_SHOWN,
    }),
    nearDuplicateGroup(db, asset.id),
  ]);
  const { _count, uploadedBy, ...row } = asset;
  return {
    asset: row,
    uploadedBy,
    items,
    itemCount: _count.items,
    nearDuplicates: group?.matches ?? [],
    threshold: group?.threshold ?? 0,
  };
}
export type AssetDetail = NonNullable<Awaited<ReturnType<typeof assetDetail>>>;
