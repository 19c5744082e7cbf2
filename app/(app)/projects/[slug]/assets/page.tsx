import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@/lib/auth/roles";
import { getDb } from "@/lib/db/client";
import { ASSET_FILTERS, type AssetFilter } from "@/lib/images/schemas";
import { listAssets } from "@/lib/images/assets";
import { imageLimitsFromEnv } from "@/lib/images/limits";
import { toAssetCard } from "@/lib/images/web/cards";
import { assetCounts, type AssetCounts } from "@/lib/images/counts";
import { assetsApiUrl } from "@/lib/images/web/urls";
import { EmptyState } from "@/app/_components/ui";
import { Uploader } from "@/app/_components/upload/uploader";
import { loadProjectPage } from "../project-context";
import { AssetGrid } from "./asset-grid";

export const metadata: Metadata = { title: "Images" };

const PAGE_SIZE = 48;

const FILTER_LABELS: Record<AssetFilter, { label: string; count: "all" | "withoutItems" | "nearDuplicates"; empty: string }> = {
  all: { label: "All", count: "all", empty: "No images yet" },
  "without-items": { label: "Without items", count: "withoutItems", empty: "Every image is used by an item" },
  "near-duplicates": { label: "Near-duplicates", count: "nearDuplicates", empty: "No near-duplicates" },
};

export default async function AssetsPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<{ filter?: string }> }) {
  const [{ slug }, query] = await Promise.all([params, searchParams]);
  const { user, project } = await loadProjectPage(slug);
  const filter: AssetFilter = (ASSET_FILTERS as readonly string[]).includes(query.filter ?? "") ? (query.filter as AssetFilter) : "all";
  const db = getDb();
  const [counts, page] = await Promise.all([assetCounts(db, project.id), listAssets(db, project.id, { filter, limit: PAGE_SIZE })]);
  const canUpload = can(user, "importData");
  const initial = { assets: page.assets.map((a) => toAssetCard(a, slug)), nextCursor: page.nextCursor };

  return (
    <div className="flex flex-col gap-6">
      {canUpload && <Uploader uploadUrl={assetsApiUrl(slug)} maxBytes={imageLimitsFromEnv().maxBytes} />}

      <section aria-labelledby="images-heading">
        <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
          <h2 id="images-heading" className="text-base font-semibold">
            Images <span className="font-normal text-slate-500">({counts.all})</span>
          </h2>
          <nav aria-label="Filter images" className="flex gap-1 rounded-lg bg-slate-100 p-1">
            {ASSET_FILTERS.map((f) => (
              <Link
                key={f}
                href={f === "all" ? `/projects/${slug}/assets` : `/projects/${slug}/assets?filter=${f}`}
                aria-current={f === filter ? "page" : undefined}
                className={`rounded-md px-3 py-1.5 text-sm font-medium ${f === filter ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900"}`}
              >
                {FILTER_LABELS[f].label} <FilterCount filter={f} counts={counts} />
              </Link>
            ))}
          </nav>
        </div>

        {initial.assets.length === 0 ? (
          counts.all === 0 ? (
            <EmptyState title={canUpload ? "Drop images here" : "No images yet"}>
              {canUpload
                ? "Drag images or whole folders onto this page, or use Choose files / Choose a folder above. Each image is checked, converted and de-duplicated."
                : "Annotators and researchers of this project can upload images here."}
            </EmptyState>
          ) : (
            <EmptyState title={FILTER_LABELS[filter].empty}>
              <Link href={`/projects/${slug}/assets`} className="text-brand-600 underline">
                Show all images
              </Link>
            </EmptyState>
          )
        ) : (
          <AssetGrid
            key={`${filter}:${counts.all}:${initial.assets[0]?.id}`}
            initial={initial}
            listUrl={assetsApiUrl(slug)}
            filter={filter}
            total={counts[FILTER_LABELS[filter].count] ?? initial.assets.length}
          />
        )}
      </section>
    </div>
  );
}

function FilterCount({ filter, counts }: { filter: AssetFilter; counts: AssetCounts }) {
  const value = counts[FILTER_LABELS[filter].count];
  const stale = filter === "near-duplicates" && counts.nearDuplicatesStale;
  if (value === null) {
    return (
      <span title="Still counting: large projects are counted in the background">
        …
      </span>
    );
  }
  return (
    // The chip's own colour: a lighter grey is unreadable on the selected (dark) chip.
    <span className="tabular-nums" data-testid={`filter-count-${filter}`} title={stale ? "Being recounted after the latest uploads" : undefined}>
      {stale ? "≈" : ""}
      {value}
    </span>
  );
}
