"use client";

import { DRAFT_ORIGIN_LABELS } from "@/lib/models/draft-origin-labels";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { releaseReviewAction, submitReviewAction } from "@/app/_actions/reviews";
import { ImageViewer } from "@/app/_components/editor/image-viewer";
import { Badge, Button } from "@/app/_components/ui";
import { previewConversation } from "@/lib/followups/preview";
import { itemStatusLabel, REVIEW_DECISION_LABELS, type ReviewDecision } from "@/lib/items/status";
import { FIELD_LABELS, FOLLOW_UP_TEXT_FIELDS } from "@/lib/reviews/content";
import { RUBRIC_CRITERIA, RUBRIC_LABELS, type RubricCriterion } from "@/lib/reviews/rubric";
import { ReviewField } from "./review-field";
import type { ReviewScreenProps } from "./review-types";
import { Rubric } from "./rubric";
import { useNextReview } from "./start-reviewing";
import { useReviewLease } from "./use-review-lease";
import { WordDiff } from "./word-diff";

const DECISION_KEYS: Record<string, ReviewDecision> = { a: "APPROVE", r: "REQUEST_CHANGES", x: "REJECT" };
const commentKey = (followUpId: string | null, field: string) => `${followUpId ?? "item"}:${field}`;

function typing(target: EventTarget | null) {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT" || el.isContentEditable);
}

export function ReviewScreen(props: ReviewScreenProps) {
  const { item, holding } = props;
  const router = useRouter();
  const { next, pending: claiming, error: nextError } = useNextReview(props.projectId, props.slug);
  const { lost } = useReviewLease(item.id, holding);
  const [scores, setScores] = useState<Partial<Record<RubricCriterion, number>>>({});
  const [decision, setDecision] = useState<ReviewDecision | null>(null);
  const [comment, setComment] = useState("");
  const [comments, setComments] = useState<Record<string, string>>({});
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [sending, setSending] = useState(false);
  const groups = useRef(new Map<RubricCriterion, HTMLElement>());
  const commentBox = useRef<HTMLTextAreaElement>(null);
  const submitButton = useRef<HTMLButtonElement>(null);
  const done = result?.ok === true;
  const canAct = holding && !done;

  const score = useCallback((c: RubricCriterion, s: number) => {
    setScores((prev) => ({ ...prev, [c]: s }));
    const nextCriterion = RUBRIC_CRITERIA[RUBRIC_CRITERIA.indexOf(c) + 1];
    (nextCriterion ? groups.current.get(nextCriterion) : submitButton.current)?.focus();
  }, []);

  const choose = useCallback((d: ReviewDecision) => {
    setDecision(d);
    if (d === "APPROVE") submitButton.current?.focus();
    else commentBox.current?.focus();
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      const key = e.key.toLowerCase();
      if (key === "n" && (done || !holding)) return void (e.preventDefault(), next());
      if (!canAct) return;
      if (/^[1-5]$/.test(key)) {
        const focused = (document.activeElement as HTMLElement | null)?.closest<HTMLElement>("[data-criterion]")?.dataset.criterion as RubricCriterion | undefined;
        const criterion = focused ?? RUBRIC_CRITERIA.find((c) => scores[c] === undefined) ?? RUBRIC_CRITERIA[0];
        e.preventDefault();
        score(criterion, Number(key));
      } else if (DECISION_KEYS[key]) {
        e.preventDefault();
        choose(DECISION_KEYS[key]);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [canAct, choose, done, holding, next, score, scores]);

  async function send() {
    if (!decision) return setResult({ ok: false, text: "Choose a decision: Approve (A), Request changes (R) or Reject (X)." });
    const missing = RUBRIC_CRITERIA.filter((c) => scores[c] === undefined);
    if (missing.length > 0) return setResult({ ok: false, text: `Score every criterion: ${missing.map((c) => RUBRIC_LABELS[c]).join(", ")}.` });
    setSending(true);
    const list = Object.entries(comments)
      .filter(([, body]) => body.trim() !== "")
      .map(([key, body]) => {
        const [owner, field] = key.split(":");
        return { followUpId: owner === "item" ? null : owner, field, body };
      });
    const res = await submitReviewAction(null, { itemId: item.id, scores, decision, comment, comments: list });
    setSending(false);
    if (!res.ok) return setResult({ ok: false, text: res.error });
    const status = (res.data as { status: string; outcome: string }).status;
    const outcome = (res.data as { outcome: string }).outcome;
    setResult({
      ok: true,
      text: outcome === "pending" ? "Review saved; the item waits for another reviewer." : outcome === "adjudicate" ? "Review saved; the reviewers disagree, so a researcher will adjudicate." : `Review saved: the item is now ${itemStatusLabel(status).toLowerCase()}.`,
    });
  }

  const field = (followUpId: string | null, name: string, label: string, value: string, fixable: boolean) => {
    const key = commentKey(followUpId, name);
    return (
      <ReviewField
        key={key}
        id={followUpId ? `${followUpId}-${name}` : name}
        label={label}
        value={value}
        canComment={canAct}
        comment={comments[key]}
        onComment={(body) => setComments(({ [key]: _, ...rest }) => (body === undefined ? rest : { ...rest, [key]: body }))}
        fix={canAct && fixable ? { itemId: item.id, version: item.version, followUpId, field: name, onFixed: () => router.refresh() } : undefined}
      />
    );
  };

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center gap-3">
        <Badge value={item.status} label={itemStatusLabel(item.status)} />
        <span className="text-sm text-slate-600">Round {item.reviewRound}</span>
        {props.isAuthor && <span className="text-sm text-amber-800">You wrote this item: someone else reviews it.</span>}
        {!holding && !props.isAuthor && !done && <span className="text-sm text-slate-600">You are not holding this item: read only.</span>}
        <div className="ml-auto flex gap-2">
          {canAct && (
            <Button variant="secondary" type="button" onClick={async () => (await releaseReviewAction(null, { itemId: item.id }), router.push(`/projects/${props.slug}/review`))}>
              Give back
            </Button>
          )}
          <Button variant="secondary" type="button" disabled={claiming || (holding && !done)} onClick={next}>
            Next item (N)
          </Button>
        </div>
      </div>
      {nextError && <p role="alert" className="text-sm text-red-700">{nextError}</p>}
      {lost && !done && <p role="alert" className="text-sm text-red-700">Your claim on this item ran out and it went back to the queue: reload to see who holds it.</p>}

      <div className="grid gap-6 lg:grid-cols-[minmax(0,5fr)_minmax(0,7fr)]">
        <div className="flex min-w-0 flex-col gap-4 lg:sticky lg:top-4 lg:self-start">
          <ImageViewer src={props.image.url} width={props.image.width} height={props.image.height} alt={props.image.name} />
          <section aria-labelledby="lints-title" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
            <h2 id="lints-title" className="text-sm font-semibold">Lint warnings</h2>
            {props.issues.length === 0 ? (
              <p className="text-sm text-slate-500">None.</p>
            ) : (
              <ul className="mt-1 list-disc pl-5 text-sm text-amber-800" data-testid="review-lints">
                {props.issues.map((i, n) => <li key={n}>{i.message}</li>)}
              </ul>
            )}
          </section>
          {props.diff && (
            <section aria-labelledby="diff-title" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
              <h2 id="diff-title" className="mb-2 text-sm font-semibold">Changes since the last round</h2>
              <WordDiff diff={props.diff} />
            </section>
          )}
        </div>

        <div className="flex min-w-0 flex-col gap-4">
          <section aria-labelledby="item-title" className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
            <h2 id="item-title" className="font-semibold">Item</h2>
            {field(null, "question", FIELD_LABELS.question, item.question, true)}
            {item.options.length > 0 && field(null, "options", FIELD_LABELS.options, item.options.map((o, i) => `${String.fromCharCode(65 + i)}. ${o}`).join("\n"), false)}
            {field(null, "groundTruth", FIELD_LABELS.groundTruth, item.groundTruth, true)}
            {field(null, "caption", FIELD_LABELS.caption, item.caption, true)}
          </section>

          {item.followUps.map((f, index) => (
            <section key={f.id} aria-labelledby={`fu-${index}-title`} data-testid={`review-follow-up-${index}`} className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
              <h3 id={`fu-${index}-title`} className="font-semibold">
                Follow-up {index + 1} <span className={f.kind === "MISLEADING" ? "text-red-700" : "text-emerald-700"}>· {f.kind.toLowerCase()}</span>
                <span className="ml-2 text-xs font-normal text-slate-500">{f.tactic.toLowerCase().replace(/_/g, " ")}</span>
                {f.inFirstTurn && (
                  <span className="ml-2 rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900" data-testid={`review-in-first-turn-${index}`}>
                    {FIELD_LABELS.inFirstTurn.toLowerCase()}: opinion comes with the question
                  </span>
                )}
                {f.draftOrigin && f.draftOrigin !== "HUMAN" && (
                  <span className="ml-2 rounded-full bg-violet-100 px-2 py-0.5 text-xs font-medium text-violet-800" data-testid={`review-draft-origin-${index}`}>
                    rationale {DRAFT_ORIGIN_LABELS[f.draftOrigin]}
                  </span>
                )}
              </h3>
              <ol className="flex flex-col gap-2 text-sm" aria-label="As exported" data-testid={`review-conversation-${index}`}>
                {previewConversation(item, f, props.responseTemplate).map((turn, i) => (
                  <li key={i} className={`rounded-lg px-3 py-2 ${turn.role === "user" ? "bg-slate-100" : "bg-brand-50"}`}>
                    <p className="mb-0.5 text-xs font-semibold text-slate-500 uppercase">{turn.role}</p>
                    {turn.image && <p className="mb-1 text-xs text-slate-500">[image]</p>}
                    <p className="whitespace-pre-wrap">{turn.text}</p>
                  </li>
                ))}
              </ol>
              <details open={canAct}>
                <summary className="cursor-pointer text-xs font-semibold text-slate-600">Fields (comment or fix)</summary>
                <div className="mt-2 grid gap-3 sm:grid-cols-2">
                  {/* In the first turn there is no initial answer: it is not part of what is exported. */}
                  {FOLLOW_UP_TEXT_FIELDS.filter((name) => !(f.inFirstTurn && name === "initialAnswer")).map((name) => field(f.id, name, FIELD_LABELS[name], f[name], true))}
                  {field(f.id, "verdict", FIELD_LABELS.verdict, f.verdict ? f.verdict.toLowerCase() : "", false)}
                </div>
              </details>
            </section>
          ))}

          {props.reviews.length > 0 && (
            <section aria-labelledby="reviews-title" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
              <h2 id="reviews-title" className="mb-2 text-sm font-semibold">Reviews</h2>
              <ul className="flex flex-col gap-2 text-sm">
                {props.reviews.map((r) => (
                  <li key={r.id}>
                    Round {r.round}: <strong>{r.mine ? "you" : r.reviewer}</strong> — {REVIEW_DECISION_LABELS[r.decision as ReviewDecision]} (
                    {RUBRIC_CRITERIA.map((c) => r.scores[c]).join(" · ")}){r.comment && `: “${r.comment}”`}
                    {r.comments.length > 0 && (
                      <ul className="ml-4 list-disc text-xs text-slate-600">
                        {r.comments.map((c, i) => <li key={i}>{FIELD_LABELS[c.field] ?? c.field}: {c.body}</li>)}
                      </ul>
                    )}
                  </li>
                ))}
              </ul>
            </section>
          )}

          {holding && (
            <section aria-labelledby="decision-title" className="flex flex-col gap-3 rounded-xl border border-brand-200 bg-white p-4 shadow-sm">
              <h2 id="decision-title" className="font-semibold">Your review</h2>
              <Rubric scores={scores} descriptions={props.rubric} onScore={score} disabled={!canAct} groupRef={(c, el) => (el ? groups.current.set(c, el) : groups.current.delete(c))} />
              <div role="radiogroup" aria-label="Decision" className="flex flex-wrap gap-2">
                {(Object.entries(DECISION_KEYS) as [string, ReviewDecision][]).map(([key, d]) => (
                  <button
                    key={d}
                    type="button"
                    role="radio"
                    aria-checked={decision === d}
                    disabled={!canAct}
                    onClick={() => choose(d)}
                    className={`rounded-lg px-3 py-1.5 text-sm font-medium ${decision === d ? (d === "APPROVE" ? "bg-emerald-600 text-white" : d === "REJECT" ? "bg-red-600 text-white" : "bg-amber-500 text-white") : "border border-slate-300 bg-white"}`}
                  >
                    {REVIEW_DECISION_LABELS[d]} <kbd className="ml-1 text-xs opacity-70">{key.toUpperCase()}</kbd>
                  </button>
                ))}
              </div>
              <label className="flex flex-col gap-1 text-sm">
                <span className="font-medium text-slate-700">
                  {decision === "REJECT" ? "Reason (required)" : decision === "REQUEST_CHANGES" ? "What to change (or comment next to the fields)" : "Comment (optional)"}
                </span>
                <textarea ref={commentBox} disabled={!canAct} rows={3} className="rounded-md border border-slate-300 px-2 py-1" value={comment} onChange={(e) => setComment(e.target.value)} />
              </label>
              <Button ref={submitButton} type="button" disabled={!canAct || sending} onClick={send} className="self-start">
                {sending ? "Saving…" : "Submit review"}
              </Button>
            </section>
          )}
          {result && (
            <p role={result.ok ? "status" : "alert"} className={`text-sm ${result.ok ? "text-emerald-700" : "text-red-700"}`} data-testid="review-result">
              {result.text}
            </p>
          )}
        </div>
      </div>
    </div>
  );
}
