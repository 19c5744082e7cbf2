import Link from "next/link";
import { getDb } from "@/lib/db/client";
import { REVIEW_DECISION_LABELS, type ReviewDecision } from "@/lib/items/status";
import { FIELD_LABELS } from "@/lib/reviews/content";
import { adjudicationList } from "@/lib/reviews/overview";
import { RUBRIC_CRITERIA, RUBRIC_LABELS } from "@/lib/reviews/rubric";
import { AdjudicateForm } from "@/app/_components/review/adjudicate-form";
import { Card, EmptyState } from "@/app/_components/ui";
import { loadProjectPage } from "../project-context";

export const metadata = { title: "Adjudication · SRT Studio" };

export default async function AdjudicationPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { project } = await loadProjectPage(slug, "manageProject");
  const items = await adjudicationList(getDb(), project.id);
  if (items.length === 0) {
    return <EmptyState title="Nothing to adjudicate">When the reviewers of an item disagree, it waits here for your final decision.</EmptyState>;
  }
  return (
    <div className="flex flex-col gap-4">
      {items.map((item) => (
        <Card key={item.id} title={<Link className="underline" href={`/projects/${slug}/review/${item.id}`}>{item.question}</Link>}>
          <p className="mb-2 text-xs text-slate-500">Round {item.reviewRound}</p>
          <div className="overflow-x-auto">
            <table className="w-full text-sm" data-testid={`adjudicate-${item.id}`}>
              <thead>
                <tr className="text-left text-xs text-slate-500">
                  <th scope="col" className="py-1 pr-3">Reviewer</th>
                  <th scope="col" className="py-1 pr-3">Decision</th>
                  {RUBRIC_CRITERIA.map((c) => (
                    <th key={c} scope="col" className="py-1 pr-3">{RUBRIC_LABELS[c]}</th>
                  ))}
                  <th scope="col" className="py-1">Comments</th>
                </tr>
              </thead>
              <tbody>
                {item.reviews.map((r) => (
                  <tr key={r.id} className="border-t border-slate-100 align-top">
                    <td className="py-1 pr-3">{r.reviewer.name}</td>
                    <td className="py-1 pr-3">{REVIEW_DECISION_LABELS[r.decision as ReviewDecision]}</td>
                    {RUBRIC_CRITERIA.map((c) => (
                      <td key={c} className="py-1 pr-3 tabular-nums">{r[c]}</td>
                    ))}
                    <td className="py-1 text-xs">
                      {r.comment}
                      {r.comments.map((c, i) => <div key={i}>{FIELD_LABELS[c.field] ?? c.field}: {c.body}</div>)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <AdjudicateForm itemId={item.id} />
        </Card>
      ))}
    </div>
  );
}
