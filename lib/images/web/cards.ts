// What the asset grid needs of each asset: plain JSON (no Dates), with its links.
import type { AssetListEntry } from "../assets";
import { assetHref, imageUrl, variantSize } from "./urls";

export interface AssetCard {
  id: string;
  filename: string;
  width: number;
  height: number;
  bytes: number;
  mime: string;
  itemCount: number;
  /** near-duplicates filter: the same for every asset of one cluster. */
  clusterKey?: string;
  href: string;
  thumbUrl: string;
  thumbWidth: number;
  thumbHeight: number;
}

export interface AssetCardPage {
  assets: AssetCard[];
  nextCursor: string | null;
}

export function toAssetCard(entry: AssetListEntry, slug: string): AssetCard {
  const thumb = variantSize(entry.width, entry.height, "thumb");
  return {
    id: entry.id,
    filename: entry.originalFilename,
    width: entry.width,
    height: entry.height,
    bytes: entry.bytes,
    mime: entry.mime,
    itemCount: entry.itemCount,
    ...(entry.clusterKey ? { clusterKey: entry.clusterKey } : {}),
    href: assetHref(slug, entry.id),
    thumbUrl: imageUrl(entry.projectId, entry.sha256, "thumb"),
    thumbWidth: thumb.width,
    thumbHeight: thumb.height,
  };
}
