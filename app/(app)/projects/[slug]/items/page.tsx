import Link from "next/link";
import { can } from "@/lib/auth/roles";
import { getDb } from "@/lib/db/client";
import { countItemsByStatus, findTextMatches } from "@/lib/items/list";
import { MAX_MATCHES } from "@/lib/items/search";
import { ITEM_STATUS_LABELS, ITEM_STATUSES } from "@/lib/items/status";
import { imageUrlForKey } from "@/lib/items/image-url";
import { defaultSort, itemTableQuerySchema, itemTableSearch, listItemTablePage, type ItemTableQuery } from "@/lib/items/pages";
import { listMembers } from "@/lib/projects/projects";
import { ANSWER_TYPES } from "@/lib/projects/settings";
import { Badge, ButtonLink, EmptyState, Input, Select } from "@/app/_components/ui";
import { loadProjectPage } from "../project-context";
import { BulkActions, SelectAll } from "./bulk-actions";
import { ModelAnswersForm } from "./model-answers-form";
import { projectEndpoints } from "@/lib/models/endpoints";
import { recentModelAnswerJobs } from "@/lib/models/answer-jobs-view";

export const metadata = { title: "Items" };

const PAGE_SIZE = 50;
const TYPE_LABELS: Record<string, string> = { MULTIPLE_CHOICE: "multiple choice", YES_NO: "yes / no", SHORT_ANSWER: "short answer", NUMBER: "number" };

export default async function ItemsPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [{ slug }, raw] = await Promise.all([params, searchParams]);
  const { user, project } = await loadProjectPage(slug);
  const db = getDb();
  const parsed = itemTableQuerySchema.safeParse(raw);
  const query: ItemTableQuery = parsed.success ? parsed.data : itemTableQuerySchema.parse({});
  const problem = parsed.success ? null : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");

  const filters = { status: query.status, assigneeId: query.assigneeId, answerType: query.answerType, tag: query.tag, hasLintWarnings: query.hasLintWarnings, modelWrong: query.modelWrong, q: query.q };
  // One search for the page and its counts.
  const matches = await findTextMatches(db, project.id, filters.q);
  let page: Awaited<ReturnType<typeof listItemTablePage>>;
  let pageProblem: string | null = null;
  try {
    page = await listItemTablePage(db, project.id, { ...filters, sort: query.sort, dir: query.dir, cursor: query.cursor, before: query.before, limit: PAGE_SIZE }, matches);
  } catch {
    // A stale or foreign cursor: start again from the first page.
    pageProblem = "That page link is no longer valid; showing the first page.";
    page = await listItemTablePage(db, project.id, { ...filters, sort: query.sort, dir: query.dir, limit: PAGE_SIZE }, matches);
  }
  const [counts, members] = await Promise.all([countItemsByStatus(db, project.id, filters, matches), listMembers(db, project.id)]);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const isAdmin = can(user, "bulkEditItems");
  const mayAskInBulk = can(user, "manageModels");
  const [endpoints, modelJobs] = mayAskInBulk ? await Promise.all([projectEndpoints(db, project.id), recentModelAnswerJobs(db, project.id)]) : [[], []];
  const base = `/projects/${slug}/items`;
  const filtered = Object.values(filters).some((v) => v !== undefined);

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center gap-2">
        <nav aria-label="Items by status" className="flex flex-wrap gap-1.5">
          <StatusChip href={base + itemTableSearch(query, {}, { status: undefined })} label={`all ${total}`} active={!query.status} testId="status-all" />
          {ITEM_STATUSES.map((s) => (
            <StatusChip key={s} href={base + itemTableSearch(query, {}, { status: s })} label={`${ITEM_STATUS_LABELS[s]} ${counts[s]}`} active={query.status === s} testId={`status-${s}`} />
          ))}
        </nav>
        {can(user, "annotate") && (
          <ButtonLink href={`${base}/new`} className="ml-auto">
            New item
          </ButtonLink>
        )}
      </div>

      {/* Keyed by the query: a chip or a link changes the URL without remounting the page, and the uncontrolled
          fields would otherwise keep showing (and re-apply) the previous filters. */}
      <form key={itemTableSearch(query, {})} method="get" action={base} className="grid gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-4 lg:grid-cols-8" aria-label="Filter items">
        <FilterField label="Search text" id="f-q" className="sm:col-span-2">
          <Input id="f-q" name="q" type="search" defaultValue={query.q ?? ""} placeholder="words of the question, caption or follow-ups" />
        </FilterField>
        <FilterField label="Status" id="f-status">
          <Select id="f-status" name="status" defaultValue={query.status ?? ""}>
            <option value="">any</option>
            {ITEM_STATUSES.map((s) => (
              <option key={s} value={s}>
                {ITEM_STATUS_LABELS[s]}
              </option>
            ))}
          </Select>
        </FilterField>
        <FilterField label="Assignee" id="f-assignee">
          <Select id="f-assignee" name="assignee" defaultValue={query.assigneeId === null ? "none" : (query.assigneeId ?? "")}>
            <option value="">anyone</option>
            <option value="none">unassigned</option>
            {members.map(({ user: m }) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </Select>
        </FilterField>
        <FilterField label="Answer type" id="f-type">
          <Select id="f-type" name="type" defaultValue={query.answerType ?? ""}>
            <option value="">any</option>
            {ANSWER_TYPES.map((t) => (
              <option key={t} value={t}>
                {TYPE_LABELS[t]}
              </option>
            ))}
          </Select>
        </FilterField>
        <FilterField label="Tag" id="f-tag">
          <Input id="f-tag" name="tag" defaultValue={query.tag ?? ""} placeholder="e.g. counting" />
        </FilterField>
        <FilterField label="Lint warnings" id="f-warnings">
          <Select id="f-warnings" name="warnings" defaultValue={query.hasLintWarnings === undefined ? "" : query.hasLintWarnings ? "yes" : "no"}>
            <option value="">either</option>
            <option value="yes">with warnings</option>
            <option value="no">without</option>
          </Select>
        </FilterField>
        <FilterField label="Model" id="f-model">
          <Select id="f-model" name="model" defaultValue={query.modelWrong ? "wrong" : ""}>
            <option value="">any</option>
            <option value="wrong">model was wrong</option>
          </Select>
        </FilterField>
        <FilterField label="Sort" id="f-sort">
          {/* The empty value is the default order: best match while searching (also for a search typed now), else creation. */}
          <Select id="f-sort" name="sort" defaultValue={query.sort === defaultSort(query) ? "" : query.sort}>
            {query.q ? (
              <>
                <option value="">best match</option>
                <option value="created">created</option>
              </>
            ) : (
              <option value="">created</option>
            )}
            <option value="updated">last changed</option>
          </Select>
        </FilterField>
        <FilterField label="Order" id="f-dir">
          <Select id="f-dir" name="dir" defaultValue={query.dir}>
            <option value="desc">{query.sort === "relevance" ? "best first" : "newest first"}</option>
            <option value="asc">{query.sort === "relevance" ? "weakest first" : "oldest first"}</option>
          </Select>
        </FilterField>
        <div className="flex items-end gap-2 sm:col-span-2">
          <button type="submit" className="rounded-lg bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700">
            Apply filters
          </button>
          {filtered && (
            <Link href={base} className="rounded-lg px-3 py-2 text-sm text-slate-700 hover:bg-slate-100">
              Clear
            </Link>
          )}
        </div>
      </form>

      {(problem || pageProblem) && (
        <p role="alert" className="rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {problem ? `Ignored invalid filters (${problem}).` : pageProblem}
        </p>
      )}

      {matches?.capped && (
        <p role="status" data-testid="search-capped" className="rounded-lg border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900">
          More than {MAX_MATCHES.toLocaleString("en")} items match “{query.q}”: the table, its order and the counts above cover the newest{" "}
          {MAX_MATCHES.toLocaleString("en")} matches. Add a word to narrow the search.
        </p>
      )}

      {mayAskInBulk && endpoints.length > 0 && (
        <ModelAnswersForm
          projectId={project.id}
          endpoints={endpoints.map((e) => ({ id: e.id, name: e.name }))}
          filter={Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined))}
          jobs={modelJobs}
        />
      )}

      {/* Always there for admins, so its confirmation stays visible when the changed rows leave the filtered table. */}
      {isAdmin && (
        <BulkActions projectId={project.id} members={members.map(({ user: m }) => ({ id: m.id, name: m.name }))} statuses={[...ITEM_STATUSES]} />
      )}

      {page.items.length === 0 ? (
        <EmptyState
          title={filtered ? "No items match these filters" : "No items yet"}
          action={
            filtered ? (
              <ButtonLink href={base} variant="secondary">
                Clear the filters
              </ButtonLink>
            ) : (
              <ButtonLink href={`/projects/${slug}/assets`}>Import images</ButtonLink>
            )
          }
        >
          {filtered ? "Try another status, assignee or search." : "Import images, then create an item for each image (New item)."}
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
          <table className="w-full text-sm" data-testid="items-table">
            <caption className="sr-only">Items of {project.name}</caption>
            <thead className="border-b border-slate-200 bg-slate-50 text-left text-xs text-slate-600 uppercase">
              <tr>
                {isAdmin && (
                  <th scope="col" className="w-10 px-3 py-2">
                    <SelectAll />
                  </th>
                )}
                <th scope="col" className="px-3 py-2">
                  <span className="sr-only">Image</span>
                </th>
                <th scope="col" className="px-3 py-2">Question</th>
                <th scope="col" className="px-3 py-2">Type</th>
                <th scope="col" className="px-3 py-2">Status</th>
                <th scope="col" className="px-3 py-2">Assignee</th>
                <th scope="col" className="px-3 py-2">Tags</th>
                <th scope="col" className="px-3 py-2 text-right">Follow-ups</th>
                <th scope="col" className="px-3 py-2 text-right">Warnings</th>
                <th scope="col" className="px-3 py-2">{query.sort === "updated" ? "Changed" : "Created"}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {page.items.map((row) => {
                const thumb = imageUrlForKey(project.id, row.asset.thumbnailKey, "thumb");
                return (
                  <tr key={row.id} className="hover:bg-slate-50" data-testid={`item-row-${row.id}`}>
                    {isAdmin && (
                      <td className="px-3 py-2">
                        <input type="checkbox" name="itemIds" value={row.id} aria-label={`Select “${row.question.slice(0, 60)}”`} className="h-4 w-4 accent-brand-600" />
                      </td>
                    )}
                    <td className="px-3 py-2">
                      {thumb ? (
                        // eslint-disable-next-line @next/next/no-img-element -- thumbnails from our image route
                        <img src={thumb} alt="" width={40} height={40} loading="lazy" className="h-10 w-10 rounded bg-slate-100 object-cover" />
                      ) : (
                        <span className="block h-10 w-10 rounded bg-slate-100" />
                      )}
                    </td>
                    <td className="max-w-md px-3 py-2">
                      <Link href={`/projects/${slug}/items/${row.id}`} className="line-clamp-2 font-medium text-brand-700 hover:underline">
                        {row.question.trim() || "(no question yet)"}
                      </Link>
                      {row.isGold && <span className="ml-1 text-xs text-amber-700">gold</span>}
                    </td>
                    <td className="px-3 py-2 whitespace-nowrap text-slate-600">{TYPE_LABELS[row.answerType]}</td>
                    <td className="px-3 py-2">
                      <Badge value={row.status} />
                    </td>
                    <td className="px-3 py-2 whitespace-nowrap text-slate-600">{row.assignee?.name ?? <span className="text-slate-400">—</span>}</td>
                    <td className="px-3 py-2 text-xs text-slate-600">{row.tags.join(", ")}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{row.followUpCount}</td>
                    <td className={`px-3 py-2 text-right tabular-nums ${row.lintWarnings ? "text-amber-700" : "text-slate-400"}`}>{row.lintWarnings}</td>
                    <td className="px-3 py-2 whitespace-nowrap text-xs text-slate-500">
                      <time dateTime={(query.sort === "updated" ? row.updatedAt : row.createdAt).toISOString()}>
                        {(query.sort === "updated" ? row.updatedAt : row.createdAt).toISOString().slice(0, 16).replace("T", " ")}
                      </time>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      <nav aria-label="Pages" className="flex items-center justify-between">
        {page.prevCursor ? (
          <Link href={base + itemTableSearch(query, { before: page.prevCursor })} className="rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50" rel="prev">
            ← Previous
          </Link>
        ) : (
          <span />
        )}
        <span className="text-xs text-slate-500">{page.items.length} shown · {PAGE_SIZE} per page</span>
        {page.nextCursor ? (
          <Link href={base + itemTableSearch(query, { cursor: page.nextCursor })} className="rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50" rel="next">
            Next →
          </Link>
        ) : (
          <span />
        )}
      </nav>
    </div>
  );
}

function StatusChip({ href, label, active, testId }: { href: string; label: string; active: boolean; testId: string }) {
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      data-testid={testId}
      className={`rounded-full px-3 py-1 text-xs font-medium ${active ? "bg-slate-900 text-white" : "border border-slate-300 bg-white text-slate-700 hover:bg-slate-50"}`}
    >
      {label}
    </Link>
  );
}

function FilterField({ label, id, className, children }: { label: string; id: string; className?: string; children: React.ReactNode }) {
  return (
    <div className={`flex flex-col gap-1 ${className ?? ""}`}>
      <label htmlFor={id} className="text-xs font-medium text-slate-600">
        {label}
      </label>
      {children}
    </div>
  );
}
