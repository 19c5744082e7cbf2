"use client";

import Link from "next/link";
import { useState } from "react";
import type { AssetCard, AssetCardPage } from "@/lib/images/web/cards";
import { Button } from "@/app/_components/ui";
import { plural } from "@/lib/format";

/** The thumbnail grid: the first page comes rendered from the server, "Load more" fetches the next pages. */
export function AssetGrid({ initial, listUrl, filter, total }: { initial: AssetCardPage; listUrl: string; filter: string; total: number }) {
  const [assets, setAssets] = useState(initial.assets);
  const [cursor, setCursor] = useState(initial.nextCursor);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function loadMore() {
    if (!cursor) return;
    setLoading(true);
    setError(null);
    try {
      const response = await fetch(`${listUrl}?${new URLSearchParams({ filter, cursor })}`, { headers: { accept: "application/json" } });
      const body = (await response.json()) as AssetCardPage & { error?: string };
      if (!response.ok) throw new Error(body.error ?? `the server answered ${response.status}`);
      // An asset uploaded meanwhile may shift a page; never show one twice.
      setAssets((shown) => {
        const seen = new Set(shown.map((a) => a.id));
        return [...shown, ...body.assets.filter((a) => !seen.has(a.id))];
      });
      setCursor(body.nextCursor);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setLoading(false);
    }
  }

  return (
    <div>
      <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 md:grid-cols-4 lg:grid-cols-6" aria-label="Images">
        {assets.map((asset) => (
          <Thumbnail key={asset.id} asset={asset} />
        ))}
      </ul>
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <p className="text-sm text-slate-600" data-testid="grid-shown">
          Showing {assets.length} of {Math.max(total, assets.length)}
        </p>
        {cursor && (
          <Button type="button" variant="secondary" onClick={loadMore} disabled={loading}>
            {loading ? "Loading…" : "Load more"}
          </Button>
        )}
        {error && (
          <p className="text-sm text-red-700" role="alert">
            Could not load more: {error}
          </p>
        )}
      </div>
    </div>
  );
}

/** A stable hue per near-duplicate cluster, so members of one cluster are recognisable in the grid. */
function clusterHue(key: string): number {
  let h = 0;
  for (const c of key) h = (h * 31 + c.charCodeAt(0)) % 360;
  return h;
}

function Thumbnail({ asset }: { asset: AssetCard }) {
  return (
    <li data-testid="asset-card">
      <Link href={asset.href} className="group block overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm hover:border-brand-500">
        <div className="flex aspect-square items-center justify-center bg-slate-100">
          {/* eslint-disable-next-line @next/next/no-img-element -- served by our own authenticated, immutable route; next/image would refetch it without the session */}
          <img
            src={asset.thumbUrl}
            width={asset.thumbWidth}
            height={asset.thumbHeight}
            loading="lazy"
            decoding="async"
            alt=""
            className="max-h-full max-w-full object-contain"
          />
        </div>
        <div className="p-2 text-xs">
          <p className="truncate font-medium text-slate-900" title={asset.filename}>
            {asset.filename}
          </p>
          <p className="mt-0.5 flex items-center gap-1 text-slate-500">
            <span>
              {asset.width}×{asset.height}
            </span>
            <span aria-hidden="true">·</span>
            <span>{asset.itemCount === 0 ? "no items" : plural(asset.itemCount, "item")}</span>
            {asset.clusterKey && (
              <span
                className="ml-auto inline-block h-2.5 w-2.5 rounded-full"
                style={{ backgroundColor: `hsl(${clusterHue(asset.clusterKey)} 70% 50%)` }}
                title="Same colour: same near-duplicate group"
                aria-label="near-duplicate group colour"
              />
            )}
          </p>
        </div>
      </Link>
    </li>
  );
}
