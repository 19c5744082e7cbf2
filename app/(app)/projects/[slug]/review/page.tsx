import Link from "next/link";
import { can } from "@/lib/auth/roles";
import { getDb } from "@/lib/db/client";
import { REVIEW_POLICY_LABELS } from "@/lib/projects/settings";
import { REVIEW_OVERVIEW_CAP, reviewOverview } from "@/lib/reviews/overview";
import { Card, EmptyState } from "@/app/_components/ui";
import { StartReviewing } from "@/app/_components/review/start-reviewing";
import { loadProjectPage } from "../project-context";

export const metadata = { title: "Review · SRT Studio" };

export default async function ReviewQueuePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { user, project } = await loadProjectPage(slug, "review");
  const overview = await reviewOverview(getDb(), project.id, user.id);
  const { settings } = project;
  const open = overview.waiting + overview.held;

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
      <Card title="Review queue">
        <div className="flex flex-col gap-4">
          <dl className="grid grid-cols-3 gap-3 text-center" aria-label="Review queue">
            <Stat label="waiting" value={overview.waiting} suffix={overview.waiting >= REVIEW_OVERVIEW_CAP ? "+" : ""} highlight={overview.waiting > 0} />
            <Stat label="held by you" value={overview.held} />
            <Stat label="reviewed by you" value={overview.reviewed} />
          </dl>
          {open === 0 ? (
            <EmptyState title="Nothing to review">Submitted items appear here. Items you wrote, and items you already reviewed in their current round, go to other reviewers.</EmptyState>
          ) : (
            <>
              <p className="text-sm text-slate-600">
                Start takes the oldest submitted item nobody is reviewing (yours alone for 30 minutes). Score it, comment next to the fields, and decide.
              </p>
              <StartReviewing projectId={project.id} slug={slug} />
            </>
          )}
          {overview.adjudication > 0 && (
            <p className="text-sm" data-testid="adjudication-count">
              {overview.adjudication} item{overview.adjudication === 1 ? "" : "s"} wait{overview.adjudication === 1 ? "s" : ""} for adjudication
              {can(user, "manageProject") ? (
                <>
                  {" "}
                  — <Link className="font-medium text-brand-700 underline" href={`/projects/${slug}/adjudication`}>decide them</Link>
                </>
              ) : (
                " by a researcher"
              )}
              .
            </p>
          )}
        </div>
      </Card>
      <Card title="This project">
        <ul className="flex flex-col gap-1 text-sm text-slate-700">
          <li>
            {settings.reviewsPerItem} review{settings.reviewsPerItem === 1 ? "" : "s"} per item, by different reviewers
          </li>
          <li>Policy: {REVIEW_POLICY_LABELS[settings.reviewPolicy]}</li>
        </ul>
        <p className="mt-3 text-xs text-slate-500">
          On the review screen: <kbd className="rounded border border-slate-300 px-1">1</kbd>–<kbd className="rounded border border-slate-300 px-1">5</kbd> score
          the focused criterion, <kbd className="rounded border border-slate-300 px-1">A</kbd> approve, <kbd className="rounded border border-slate-300 px-1">R</kbd>{" "}
          request changes, <kbd className="rounded border border-slate-300 px-1">X</kbd> reject, <kbd className="rounded border border-slate-300 px-1">N</kbd> next item.
        </p>
      </Card>
    </div>
  );
}

function Stat({ label, value, suffix = "", highlight }: { label: string; value: number; suffix?: string; highlight?: boolean }) {
  return (
    <div className={`flex flex-col-reverse rounded-lg border px-3 py-2 ${highlight ? "border-violet-300 bg-violet-50" : "border-slate-200"}`}>
      <dt className="text-xs text-slate-600">{label}</dt>
      <dd className="text-2xl font-bold tabular-nums" data-testid={`review-${label.replace(/ /g, "-")}`}>
        {value}
        {suffix}
      </dd>
    </div>
  );
}
