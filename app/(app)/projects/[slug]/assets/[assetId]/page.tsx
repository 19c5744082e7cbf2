import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { can } from "@/lib/auth/roles";
import { getDb } from "@/lib/db/client";
import { assetDetail, DETAIL_ITEMS_SHOWN } from "@/lib/images/detail";
import { formatBytes } from "@/lib/format";
import { assetHref, imageUrl, variantSize } from "@/lib/images/web/urls";
import { Badge, ButtonLink, Card } from "@/app/_components/ui";
import { loadProjectPage } from "../../project-context";

export const metadata: Metadata = { title: "Image" };

function formatDate(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export default async function AssetDetailPage({ params }: { params: Promise<{ slug: string; assetId: string }> }) {
  const { slug, assetId } = await params;
  const { user, project } = await loadProjectPage(slug);
  const detail = await assetDetail(getDb(), project.id, assetId);
  if (!detail) notFound();
  const { asset, uploadedBy, items, itemCount, nearDuplicates, threshold } = detail;
  const display = variantSize(asset.width, asset.height, "display");

  const metadataRows: [string, React.ReactNode][] = [
    ["File name", asset.originalFilename],
    ["Dimensions", `${asset.width} × ${asset.height} px`],
    ["Size", `${formatBytes(asset.bytes)} (${asset.bytes.toLocaleString("en")} bytes)`],
    ["Type", asset.mime],
    ["SHA-256", <code key="sha" className="break-all text-xs">{asset.sha256}</code>],
    ["Perceptual hash", <code key="phash" className="text-xs">{asset.phash}</code>],
    ["Uploaded by", uploadedBy ? `${uploadedBy.name} (${uploadedBy.email})` : "command line or demo seed"],
    ["Uploaded at", <time key="at" dateTime={asset.createdAt.toISOString()}>{formatDate(asset.createdAt)}</time>],
    ["Source", asset.source || "—"],
    ["License", asset.license || "—"],
    ["Attribution", asset.attribution || "—"],
  ];

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <Link href={`/projects/${slug}/assets`} className="text-sm text-brand-600 hover:underline">
            ← All images
          </Link>
          <h2 className="mt-1 break-all text-xl font-semibold">{asset.originalFilename}</h2>
        </div>
        <div className="flex flex-wrap gap-2">
          {can(user, "annotate") && <ButtonLink href={`/projects/${slug}/items/new?asset=${encodeURIComponent(asset.id)}`}>New item for this image</ButtonLink>}
          <ButtonLink variant="secondary" href={imageUrl(project.id, asset.sha256, "original")} prefetch={false} download>
            Download original ({formatBytes(asset.bytes)})
          </ButtonLink>
        </div>
      </div>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="flex items-center justify-center rounded-xl border border-slate-200 bg-slate-100 p-2">
          {/* eslint-disable-next-line @next/next/no-img-element -- served by our own authenticated, immutable route */}
          <img
            src={imageUrl(project.id, asset.sha256, "display")}
            width={display.width}
            height={display.height}
            alt={`The image ${asset.originalFilename}`}
            className="h-auto max-h-[75vh] w-auto max-w-full object-contain"
            data-testid="display-image"
          />
        </div>
        <Card title="Details">
          <dl className="grid grid-cols-[8.5rem_minmax(0,1fr)] gap-x-3 gap-y-2 text-sm" data-testid="asset-metadata">
            {metadataRows.map(([label, value]) => (
              <div key={label} className="contents">
                <dt className="text-slate-500">{label}</dt>
                <dd className="break-words text-slate-900">{value}</dd>
              </div>
            ))}
          </dl>
        </Card>
      </div>

      <Card title={`Items using this image (${itemCount})`}>
        {items.length === 0 ? (
          <p className="text-sm text-slate-600">No item uses this image yet.</p>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="asset-items">
            {items.map((item) => (
              <li key={item.id} className="flex items-center gap-3 py-2 text-sm">
                <Badge value={item.status} />
                <Link href={`/projects/${slug}/items/${item.id}`} className="min-w-0 flex-1 truncate text-brand-700 hover:underline">
                  {item.question}
                </Link>
              </li>
            ))}
          </ul>
        )}
        {itemCount > DETAIL_ITEMS_SHOWN && <p className="mt-2 text-xs text-slate-500">Showing the first {DETAIL_ITEMS_SHOWN}.</p>}
      </Card>

      <Card title={`Near-duplicates (${nearDuplicates.length})`}>
        {nearDuplicates.length === 0 ? (
          <p className="text-sm text-slate-600">No other image of this project is within the near-duplicate threshold ({threshold} of 64 bits).</p>
        ) : (
          <>
            <p className="mb-3 text-sm text-slate-600">
              Images whose perceptual hash differs from this one&apos;s by at most {threshold} of 64 bits (Hamming distance; 0 = looks the same).
              Keep near-duplicates in the same split, or drop one.
            </p>
            <ul className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-6" aria-label="Near-duplicates" data-testid="near-duplicates">
              {nearDuplicates.map(({ asset: match, distance }) => {
                const thumb = variantSize(match.width, match.height, "thumb");
                return (
                  <li key={match.id}>
                    <Link href={assetHref(slug, match.id)} className="block overflow-hidden rounded-lg border border-slate-200 bg-white hover:border-brand-500">
                      <div className="flex aspect-square items-center justify-center bg-slate-100">
                        {/* eslint-disable-next-line @next/next/no-img-element -- served by our own authenticated, immutable route */}
                        <img
                          src={imageUrl(project.id, match.sha256, "thumb")}
                          width={thumb.width}
                          height={thumb.height}
                          loading="lazy"
                          alt=""
                          className="max-h-full max-w-full object-contain"
                        />
                      </div>
                      <div className="p-2 text-xs">
                        <p className="truncate font-medium">{match.originalFilename}</p>
                        <p className="text-slate-500">distance {distance}</p>
                      </div>
                    </Link>
                  </li>
                );
              })}
            </ul>
          </>
        )}
      </Card>
    </div>
  );
}
