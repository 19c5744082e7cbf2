import type { Metadata } from "next";
import Link from "next/link";
import { ZodError } from "zod";
import { auditFacets, listAuditEvents, type AuditPage } from "@/lib/audit/list";
import { summarise } from "@/lib/audit/item-history";
import { getDb } from "@/lib/db/client";
import { DateRangeFilter, FilterField, PersonFilter } from "@/app/_components/filter-fields";
import { Button, Card, EmptyState, Select } from "@/app/_components/ui";
import { loadProjectPage } from "../project-context";

export const metadata: Metadata = { title: "Audit log" };

const FILTERS = ["actor", "entity", "action", "from", "to"] as const;

export default async function AuditLogPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { slug } = await params;
  const { project } = await loadProjectPage(slug, "viewQuality");
  const raw = await searchParams;
  const one = (k: string) => {
    const v = raw[k];
    return (Array.isArray(v) ? v[0] : v) ?? "";
  };
  const db = getDb();
  let page: AuditPage = { events: [], nextCursor: null };
  let error: string | null = null;
  try {
    page = await listAuditEvents(db, project.id, { ...Object.fromEntries(FILTERS.map((k) => [k, one(k)])), cursor: one("cursor"), limit: 50 });
  } catch (e) {
    if (!(e instanceof ZodError)) throw e;
    error = e.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
  }
  const [facets, people] = await Promise.all([
    auditFacets(db, project.id),
    db.user.findMany({ where: { memberships: { some: { projectId: project.id } } }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  const next = new URLSearchParams(FILTERS.flatMap((k) => (one(k) ? [[k, one(k)]] : [])));
  if (page.nextCursor) next.set("cursor", page.nextCursor);

  return (
    <Card title="Audit log">
      <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Filters">
        <PersonFilter name="actor" defaultValue={one("actor")} people={people} />
        <FilterField label="Entity">
          <Select name="entity" defaultValue={one("entity")}>
            <option value="">Any</option>
            {facets.entities.map((e) => (
              <option key={e}>{e}</option>
            ))}
          </Select>
        </FilterField>
        <FilterField label="Action">
          <Select name="action" defaultValue={one("action")}>
            <option value="">Any</option>
            {facets.actions.map((a) => (
              <option key={a}>{a}</option>
            ))}
          </Select>
        </FilterField>
        <DateRangeFilter from={one("from")} to={one("to")} />
        <Button type="submit">Apply</Button>
      </form>
      {error && (
        <p role="alert" className="mt-3 text-sm text-red-700">
          {error}
        </p>
      )}
      {page.events.length === 0 ? (
        <div className="mt-4">
          <EmptyState title="No events match these filters" />
        </div>
      ) : (
        <div className="mt-4 overflow-x-auto">
          <table className="w-full text-left text-sm" aria-label="Audit events">
            <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-2 py-1">When (UTC)</th>
                <th scope="col" className="px-2 py-1">Who</th>
                <th scope="col" className="px-2 py-1">Entity</th>
                <th scope="col" className="px-2 py-1">Action</th>
                <th scope="col" className="px-2 py-1">Before → after</th>
              </tr>
            </thead>
            <tbody>
              {page.events.map((e) => (
                <tr key={e.id} className="border-b border-slate-100 align-top last:border-0">
                  <td className="whitespace-nowrap px-2 py-1 tabular-nums">{e.at.toISOString().slice(0, 19).replace("T", " ")}</td>
                  <td className="px-2 py-1">{e.actor?.name ?? "system"}</td>
                  <td className="px-2 py-1">
                    {e.entity === "Item" ? <Link href={`/projects/${slug}/items/${e.entityId}`} className="text-brand-700 underline">Item</Link> : e.entity}{" "}
                    <span className="text-xs text-slate-500">{e.entityId.slice(-8)}</span>
                  </td>
                  <td className="px-2 py-1">{e.action}</td>
                  <td className="break-all px-2 py-1 text-slate-600">{summarise(e.before, e.after)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page.nextCursor && (
        <Link href={`?${next}`} className="mt-3 inline-block text-sm text-brand-700 underline">
          Older events
        </Link>
      )}
    </Card>
  );
}
