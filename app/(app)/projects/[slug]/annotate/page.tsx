import { getDb } from "@/lib/db/client";
import { OVERVIEW_CAP, queueOverview } from "@/lib/queue/overview";
import { ButtonLink, Card, EmptyState } from "@/app/_components/ui";
import { loadProjectPage } from "../project-context";
import { StartAnnotating } from "./start-annotating";
import { plural } from "@/lib/format";

export const metadata = { title: "Annotate · SRT Studio" };

export default async function AnnotatePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { user, project } = await loadProjectPage(slug, "annotate");
  const overview = await queueOverview(getDb(), project.id, user.id);
  const waiting = overview.available + overview.returned + overview.held;
  const { settings } = project;

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
      <Card title="Work queue">
        {waiting === 0 ? (
          <EmptyState
            title="The queue is empty"
            action={
              <div className="flex flex-wrap justify-center gap-2">
                <ButtonLink href={`/projects/${slug}/items/new`}>Write a new item</ButtonLink>
                <ButtonLink href={`/projects/${slug}/items`} variant="secondary">
                  Browse items
                </ButtonLink>
              </div>
            }
          >
            No draft items are waiting and nothing was sent back to you. New items appear here when images are imported or items are created.
          </EmptyState>
        ) : (
          <div className="flex flex-col gap-4">
            <dl className="grid grid-cols-3 gap-3 text-center" aria-label="Waiting for you">
              <Stat label="returned to you" value={overview.returned} highlight={overview.returned > 0} />
              <Stat label="held by you" value={overview.held} />
              <Stat label="available" value={overview.available} suffix={overview.available >= OVERVIEW_CAP ? "+" : ""} />
            </dl>
            <p className="text-sm text-slate-600">
              Items sent back for changes come first, then the items you hold, then the oldest unclaimed drafts. An item is yours while its editor is open; Skip gives it back.
            </p>
            <StartAnnotating projectId={project.id} slug={slug} />
          </div>
        )}
      </Card>
      <Card title="Each item needs">
        <ul className="flex flex-col gap-1 text-sm text-slate-700">
          <li>
            {plural(settings.misleadingPerItem, "misleading follow-up")}
          </li>
          <li>
            {plural(settings.correctivePerItem, "corrective follow-up")}
          </li>
          <li>a two-stage rationale for each: verdict and visual evidence, then the response and final answer</li>
        </ul>
        <p className="mt-3 text-xs text-slate-500">
          In the editor, press <kbd className="rounded border border-slate-300 px-1">?</kbd> for the keyboard shortcuts and{" "}
          <kbd className="rounded border border-slate-300 px-1">g</kbd> for the guidelines.
        </p>
      </Card>
    </div>
  );
}

function Stat({ label, value, suffix = "", highlight }: { label: string; value: number; suffix?: string; highlight?: boolean }) {
  return (
    <div className={`flex flex-col-reverse rounded-lg border px-3 py-2 ${highlight ? "border-amber-300 bg-amber-50" : "border-slate-200"}`}>
      <dt className="text-xs text-slate-600">{label}</dt>
      <dd className="text-2xl font-bold tabular-nums" data-testid={`queue-${label.replace(/ /g, "-")}`}>
        {value}
        {suffix}
      </dd>
    </div>
  );
}
