import Link from "next/link";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { listAssets } from "@/lib/images/assets";
import { findProjectAsset } from "@/lib/items/editor-context";
import { imageUrl } from "@/lib/items/image-url";
import { ButtonLink, Card, EmptyState } from "@/app/_components/ui";
import { loadProjectPage } from "../../project-context";
import { NewItemForm } from "./new-item-form";
import { plural } from "@/lib/format";

export const metadata = { title: "New item · SRT Studio" };

const querySchema = z.object({
  asset: z.string().max(64).optional(),
  show: z.enum(["all", "without-items"]).catch("without-items").default("without-items"),
  cursor: z.string().max(200).optional(),
});

export default async function NewItemPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [{ slug }, raw] = await Promise.all([params, searchParams]);
  const { project } = await loadProjectPage(slug, "annotate");
  const db = getDb();
  const query = querySchema.safeParse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
  const { asset: assetId, show, cursor } = query.success ? query.data : { asset: undefined, show: "without-items" as const, cursor: undefined };
  const base = `/projects/${slug}/items/new`;

  if (assetId) {
    const asset = await findProjectAsset(db, project.id, assetId);
    if (!asset) {
      return (
        <EmptyState title="No such image in this project" action={<ButtonLink href={base}>Pick an image</ButtonLink>}>
          The image may have been removed, or the link belongs to another project.
        </EmptyState>
      );
    }
    return (
      <div className="grid gap-6 lg:grid-cols-[minmax(0,5fr)_minmax(0,7fr)]">
        <Card title="Image">
          {/* eslint-disable-next-line @next/next/no-img-element -- served by our image route */}
          <img src={imageUrl(project.id, asset.sha256, "display")} alt={asset.originalFilename} className="max-h-[28rem] w-full rounded-lg bg-slate-100 object-contain" />
          <p className="mt-2 text-xs text-slate-500">
            {asset.originalFilename} · {asset.width}×{asset.height}
            {asset._count.items > 0 && ` · already used by ${plural(asset._count.items, "item")}`}
          </p>
          <Link href={base} className="mt-2 inline-block text-sm text-brand-700 underline">
            Choose another image
          </Link>
        </Card>
        <Card title="New item">
          <NewItemForm projectId={project.id} assetId={asset.id} slug={slug} allowedAnswerTypes={project.settings.allowedAnswerTypes} />
        </Card>
      </div>
    );
  }

  const page = await listAssets(db, project.id, { filter: show, cursor, limit: 48 }).catch(() => listAssets(db, project.id, { filter: show, limit: 48 }));
  return (
    <Card title="Pick an image for the new item">
      <nav aria-label="Which images" className="mb-4 flex gap-2 text-sm">
        {(["without-items", "all"] as const).map((f) => (
          <Link
            key={f}
            href={`${base}?show=${f}`}
            aria-current={show === f ? "page" : undefined}
            className={`rounded-full px-3 py-1 text-xs font-medium ${show === f ? "bg-slate-900 text-white" : "border border-slate-300 text-slate-700"}`}
          >
            {f === "all" ? "all images" : "images without items"}
          </Link>
        ))}
      </nav>
      {page.assets.length === 0 ? (
        <EmptyState title={show === "all" ? "No images yet" : "Every image already has an item"} action={<ButtonLink href={`/projects/${slug}/assets`}>Import images</ButtonLink>}>
          {show === "all" ? "Import images first." : "Show all images to write another item for one of them."}
        </EmptyState>
      ) : (
        <ul className="grid grid-cols-3 gap-3 sm:grid-cols-4 lg:grid-cols-6" aria-label="Images">
          {page.assets.map((a) => (
            <li key={a.id}>
              <Link href={`${base}?asset=${a.id}`} className="block rounded-lg border border-slate-200 p-1 hover:border-brand-500" aria-label={`Use ${a.originalFilename}`}>
                {/* eslint-disable-next-line @next/next/no-img-element -- thumbnails from our image route */}
                <img src={imageUrl(project.id, a.sha256, "thumb")} alt="" loading="lazy" className="aspect-square w-full rounded bg-slate-100 object-cover" />
                <span className="mt-1 block truncate text-xs text-slate-600">{a.originalFilename}</span>
                <span className="block text-xs text-slate-400">{plural(a.itemCount, "item")}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {page.nextCursor && (
        <Link href={`${base}?show=${show}&cursor=${encodeURIComponent(page.nextCursor)}`} className="mt-4 inline-block rounded-lg border border-slate-300 px-3 py-1.5 text-sm">
          More images →
        </Link>
      )}
    </Card>
  );
}
