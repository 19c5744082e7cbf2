"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { applyProposal, issuesByField, lintInput, slotOf, type DraftFollowUp, type FollowUpField, type ItemDraft, type ItemSnapshot } from "@/lib/followups/editor-draft";
import { isDirty } from "@/lib/followups/editor-state";
import { followUpTitle, tacticLabel } from "@/lib/followups/labels";
import { plural } from "@/lib/format";
import { lintItem } from "@/lib/lints/item-rules";
import type { AnswerTypeName } from "@/lib/lints/types";
import { applyModelAnswer } from "@/lib/models/accept-answer";
import { skipItemAction, submitItemAction } from "@/app/_actions/annotate";
import { draftWithModelAction } from "@/app/_actions/models";
import { AskModelPanel, type EditorModels } from "./ask-model-panel";
import { fetchItem } from "./api-client";
import { Banner } from "./banner";
import { EditorToolbar } from "./editor-toolbar";
import { focusIssue } from "./focus";
import { FollowUpCard } from "./follow-up-card";
import { ImageViewer, type ImageViewerHandle } from "./image-viewer";
import { ItemFields } from "./item-fields";
import { LintSummary } from "./lint-summary";
import { Overlay } from "./overlay";
import { PreviewPanel } from "./preview-panel";
import { SHORTCUTS } from "./shortcuts";
import { useAutosave } from "./use-autosave";
import { useEditorShortcuts, type EditorOverlay } from "./use-editor-shortcuts";
import { useEditorStore } from "./use-editor-store";
import { useItemLease } from "./use-item-lease";
import { ReviewCommentsProvider, type EditorReviewComment } from "./review-comments";

export interface ItemEditorProps {
  slug: string;
  item: ItemSnapshot;
  settings: { misleadingPerItem: number; correctivePerItem: number; allowedAnswerTypes: AnswerTypeName[]; responseTemplate: string };
  tactics: string[];
  guidelinesHtml: string;
  image: { url: string | null; width: number; height: number; name: string };
  neighbours: { previous: string | null; next: string | null };
  canAnnotate: boolean;
  me: { id: string };
  assignee: { id: string; name: string } | null;
  lastReview: { decision: string; comment: string; reviewer: string } | null;
  /** The comments of the review round that sent the item back, shown next to their fields. */
  reviewComments?: EditorReviewComment[];
  /** Opened from the work queue: submit and skip move on to the queue's next item. */
  queueMode: boolean;
  /** The project's enabled model endpoints and this item's stored answers (absent: no model panel). */
  models?: EditorModels;
}

// Shown only when someone else saved meanwhile: loaded then, not with the editor.
const ConflictView = lazy(() => import("./conflict-view").then((m) => ({ default: m.ConflictView })));

/** "Required" errors stay quiet beside fields nobody has visited yet (they still count, and show after a submit attempt). */
const QUIET_UNTIL_TOUCHED = new Set(["followup.required", "followup.verdict-required", "item.question-required", "item.ground-truth-required"]);

export function ItemEditor(props: ItemEditorProps) {
  const { item, settings, slug, queueMode, neighbours } = props;
  const router = useRouter();
  const { store, state, dispatch } = useEditorStore(item, settings, props.canAnnotate);
  const { save, clearBackup } = useAutosave(store, item.id, props.canAnnotate);
  const { hold, handOver } = useItemLease(store, item.id, props.canAnnotate && item.status !== "SUBMITTED");

  const [active, setActive] = useState(0);
  const [overlay, setOverlay] = useState<EditorOverlay>(null);
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set());
  const [showAll, setShowAll] = useState(false);
  const [message, setMessage] = useState<{ tone: "error" | "info"; text: string } | null>(null);
  const [submitted, setSubmitted] = useState<{ nextItemId: string | null; warnings: number } | null>(null);
  const viewer = useRef<ImageViewerHandle>(null);
  const proposals = useRef(new Map<number, Omit<DraftFollowUp, "id">>());
  const draftSeed = useRef(1);
  const nextButton = useRef<HTMLAnchorElement>(null);

  const lintSettings = useMemo(
    () => ({ misleadingPerItem: settings.misleadingPerItem, correctivePerItem: settings.correctivePerItem, allowedAnswerTypes: settings.allowedAnswerTypes }),
    [settings.misleadingPerItem, settings.correctivePerItem, settings.allowedAnswerTypes],
  );
  const liveIssues = useMemo(() => lintItem(lintInput(state.draft), lintSettings), [state.draft, lintSettings]);
  const issues = useMemo(() => [...liveIssues, ...state.serverIssues], [liveIssues, state.serverIssues]);
  const byField = useMemo(() => issuesByField(issues), [issues]);
  const errorCount = issues.filter((i) => i.severity === "error").length;
  const warningCount = issues.length - errorCount;
  const visible = (key: string) => {
    const list = byField.get(key) ?? [];
    return showAll || touched.has(key) ? list : list.filter((i) => !QUIET_UNTIL_TOUCHED.has(i.rule));
  };
  const touch = useCallback((key: string) => setTouched((t) => (t.has(key) ? t : new Set(t).add(key))), []);

  const edit = useCallback((update: (d: ItemDraft) => ItemDraft) => dispatch({ type: "edit", update }), [dispatch]);
  const editFollowUp = useCallback(
    (index: number, patch: Partial<DraftFollowUp>) =>
      edit((d) => ({
        ...d,
        followUps: d.followUps.map((f, i) => {
          if (i !== index) return f;
          // A person editing a model's draft: shown at once (the server works the mark out on save).
          const edited = f.draftOrigin === "MODEL" && (("evidence" in patch && patch.evidence !== f.evidence) || ("response" in patch && patch.response !== f.response));
          return { ...f, ...patch, ...(edited && !patch.draftOrigin ? { draftOrigin: "MODEL_EDITED" as const } : {}) };
        }),
      })),
    [edit],
  );
  const [endpointId, setEndpointId] = useState(props.models?.endpoints[0]?.id ?? "");

  const takeAnswer = useCallback(
    (kind: "MISLEADING" | "CORRECTIVE", answer: string) => {
      const s = store.get();
      if (!s.editable || s.conflict) return;
      const { draft: next, index } = applyModelAnswer(s.draft, kind, answer, draftSeed.current++ * 7919);
      edit(() => next);
      setActive(index);
      const title = followUpTitle(kind, slotOf(next.followUps, index).n);
      setMessage({ tone: "info", text: `The model's answer is now the initial answer of the ${title.toLowerCase()}.` });
    },
    [edit, store],
  );

  const modelDraftFor = useCallback(
    async (index: number) => {
      const s = store.get();
      const f = s.draft.followUps[index];
      if (!f || !s.editable || s.conflict || !endpointId) return;
      const title = followUpTitle(f.kind, slotOf(s.draft.followUps, index).n).toLowerCase();
      setMessage({ tone: "info", text: `Asking the model to draft the ${title}…` });
      const result = await draftWithModelAction(null, {
        itemId: item.id,
        endpointId,
        followUp: { kind: f.kind, initialAnswer: f.inFirstTurn ? "" : f.initialAnswer, userMessage: f.userMessage, claimedAnswer: f.claimedAnswer, inFirstTurn: f.inFirstTurn },
      });
      if (!result.ok || !result.data) return setMessage({ tone: "error", text: result.ok ? "The model sent no draft." : result.error });
      const d = result.data;
      edit((draft) => ({
        ...draft,
        followUps: draft.followUps.map((x, i) =>
          i === index
            ? { ...x, verdict: d.verdict, evidence: d.evidence, response: d.response, finalAnswer: x.finalAnswer.trim() === "" ? d.finalAnswer : x.finalAnswer, modelSeal: d.modelSeal, draftOrigin: "MODEL" as const }
            : x,
        ),
      }));
      setActive(index);
      setMessage({ tone: "info", text: `The model drafted the evidence and response of the ${title}: check them against the image.` });
    },
    [edit, endpointId, item.id, store],
  );

  // ---- Commands (buttons and shortcuts).
  const saveNow = useCallback(async () => {
    await save();
    const s = store.get();
    if (s.save.kind === "saved") setMessage({ tone: "info", text: "Saved." });
  }, [save, store]);

  const submit = useCallback(async () => {
    const s = store.get();
    if (!s.editable) return;
    if (s.conflict) return setMessage({ tone: "error", text: "Resolve the conflict first." });
    setShowAll(true);
    const errors = lintItem(lintInput(s.draft), lintSettings).filter((i) => i.severity === "error");
    if (errors.length > 0) {
      setMessage({ tone: "error", text: `Cannot submit yet: ${plural(errors.length, "lint error")}. ${errors[0].message}` });
      focusIssue(errors[0]);
      return;
    }
    await save();
    const after = store.get();
    if (after.conflict || isDirty(after) || !after.editable) return setMessage({ tone: "error", text: "Not submitted: the latest changes could not be saved (see the save status)." });
    setMessage({ tone: "info", text: "Submitting…" });
    const result = await submitItemAction(null, { itemId: item.id, expectedVersion: after.version, next: queueMode ? "queue" : "none" });
    if (result.ok && result.data) {
      dispatch({ type: "submitted", version: result.data.version });
      clearBackup();
      // Said once, in the panel with the way on.
      setSubmitted({ nextItemId: result.data.nextItemId, warnings: result.data.warnings });
      setMessage(null);
    } else if (!result.ok && result.status === 409) {
      const theirs = await fetchItem(item.id);
      if (theirs) dispatch({ type: "conflict", theirs });
      setMessage({ tone: "error", text: result.error });
    } else if (!result.ok) {
      setMessage({ tone: "error", text: result.error });
    }
  }, [clearBackup, dispatch, item.id, lintSettings, queueMode, save, store]);

  const skip = useCallback(async () => {
    if (!store.get().editable) return;
    await save();
    handOver(true);
    const result = await skipItemAction(null, { itemId: item.id });
    if (!result.ok || !result.data) {
      handOver(false);
      return setMessage({ tone: "error", text: result.ok ? "Could not skip." : result.error });
    }
    router.push(result.data.itemId ? `/projects/${slug}/items/${result.data.itemId}?queue=1` : `/projects/${slug}/annotate`);
  }, [handOver, item.id, router, save, slug, store]);

  const draftFor = useCallback(
    async (index: number) => {
      // The drafting templates load on first use: they are not needed to open the editor.
      const { draftFollowUp } = await import("@/lib/followups/drafting");
      const s = store.get();
      const f = s.draft.followUps[index];
      if (!f || !s.editable || s.conflict) return;
      const proposal = draftFollowUp(lintInput(s.draft), f.kind, f.tactic, draftSeed.current++ * 7919 + index, f.inFirstTurn);
      const previous = proposals.current.get(index);
      proposals.current.set(index, proposal);
      edit((d) => ({ ...d, followUps: d.followUps.map((x, i) => (i === index ? applyProposal(x, proposal, previous) : x)) }));
      setActive(index);
      const title = followUpTitle(f.kind, slotOf(s.draft.followUps, index).n);
      setMessage({ tone: "info", text: `Drafted the ${title.toLowerCase()} from the “${tacticLabel(f.tactic)}” template: now write the evidence and finish the response.` });
    },
    [edit, store],
  );

  const go = useCallback((itemId: string | null) => itemId && router.push(`/projects/${slug}/items/${itemId}`), [router, slug]);

  useEditorShortcuts(
    store,
    { active, neighbours, viewer },
    { saveNow, submit, skip, draftFor, go, setActive, setOverlay },
  );

  // After a submit, the way on is one key away.
  useEffect(() => {
    if (submitted) nextButton.current?.focus();
  }, [submitted]);

  const { draft } = state;
  const frozen = !state.editable || state.conflict !== null;
  const required = { MISLEADING: settings.misleadingPerItem, CORRECTIVE: settings.correctivePerItem };
  const previewIndex = Math.min(active, Math.max(0, draft.followUps.length - 1));
  const itemHref = (id: string | null) => id && `/projects/${slug}/items/${id}`;

  return (
    <div className="flex flex-col gap-4" data-testid="item-editor">
      <EditorToolbar
        state={state}
        hold={hold}
        assignee={props.assignee}
        me={props.me.id}
        previousHref={itemHref(neighbours.previous)}
        nextHref={itemHref(neighbours.next)}
        canSkip={(queueMode || hold?.held === true) && state.status === "DRAFT"}
        onGuidelines={() => setOverlay("guidelines")}
        onShortcuts={() => setOverlay("shortcuts")}
        onSkip={() => void skip()}
        onSave={() => void saveNow()}
        onSubmit={() => void submit()}
      />

      {state.notice && (
        <Banner tone="info" onDismiss={() => dispatch({ type: "notice", notice: null })} testId="editor-notice">
          {state.notice}
        </Banner>
      )}
      {message && (
        <Banner tone={message.tone} onDismiss={() => setMessage(null)} testId="editor-message">
          {message.text}
        </Banner>
      )}
      {submitted && (
        <div className="flex flex-wrap items-center gap-3 rounded-xl border border-emerald-300 bg-emerald-50 px-4 py-3 text-sm text-emerald-900" data-testid="submitted-panel">
          <span className="font-medium">Submitted for review{submitted.warnings ? ` with ${plural(submitted.warnings, "warning")}` : ""}.</span>
          {queueMode ? (
            submitted.nextItemId ? (
              <Link ref={nextButton} href={`/projects/${slug}/items/${submitted.nextItemId}?queue=1`} className="rounded-lg bg-brand-600 px-3 py-1.5 font-medium text-white">
                Next item in the queue →
              </Link>
            ) : (
              <Link ref={nextButton} href={`/projects/${slug}/annotate`} className="rounded-lg bg-brand-600 px-3 py-1.5 font-medium text-white">
                The queue is empty: back to the queue
              </Link>
            )
          ) : (
            <Link ref={nextButton} href={`/projects/${slug}/items`} className="rounded-lg bg-brand-600 px-3 py-1.5 font-medium text-white">
              Back to the items
            </Link>
          )}
        </div>
      )}
      {props.lastReview && state.status === "CHANGES_REQUESTED" && (
        <Banner tone="info" testId="review-comment">
          <strong>{props.lastReview.reviewer}</strong> requested changes{props.lastReview.comment ? `: “${props.lastReview.comment}”` : "."}
        </Banner>
      )}
      {state.conflict && (
        <Suspense fallback={<p className="text-sm text-amber-800">Loading both versions…</p>}>
          <ConflictView
            key={state.conflict.theirs.version}
            conflict={state.conflict}
            onResolve={(choices) => {
              dispatch({ type: "resolve", choices });
              setMessage({ tone: "info", text: "Merged: saving on top of their version…" });
              void save().then(() => store.get().save.kind === "saved" && setMessage({ tone: "info", text: "Merged version saved." }));
            }}
          />
        </Suspense>
      )}

      <div className="grid gap-6 lg:grid-cols-[minmax(0,5fr)_minmax(0,7fr)]">
        <div className="flex min-w-0 flex-col gap-4 lg:sticky lg:top-4 lg:self-start">
          <ImageViewer ref={viewer} src={props.image.url} width={props.image.width} height={props.image.height} alt={props.image.name} />
          {props.models && props.models.endpoints.length > 0 && (
            <AskModelPanel itemId={item.id} models={props.models} endpointId={endpointId} onEndpoint={setEndpointId} onUse={takeAnswer} disabled={frozen} />
          )}
          <PreviewPanel draft={draft} index={previewIndex} template={settings.responseTemplate} onSelect={setActive} />
          <LintSummary issues={issues} errors={errorCount} warnings={warningCount} />
        </div>

        <ReviewCommentsProvider comments={props.reviewComments ?? []} followUpIds={draft.followUps.map((f) => f.id)}>
        <fieldset disabled={frozen} className="flex min-w-0 flex-col gap-4" aria-label="Item and follow-ups">
          <ItemFields draft={draft} edit={edit} issues={(field) => visible(`item:${field}`)} onTouched={(field) => touch(`item:${field}`)} allowedAnswerTypes={settings.allowedAnswerTypes} />
          {draft.followUps.map((f, index) => {
            const { n } = slotOf(draft.followUps, index);
            const extra = n > required[f.kind];
            return (
              <FollowUpCard
                // Keyed by slot, not id: a follow-up getting its id from a save must not remount (and lose focus).
                key={`${f.kind}:${n}`}
                index={index}
                followUp={f}
                n={n}
                answerType={draft.answerType}
                tactics={props.tactics}
                issues={(field: FollowUpField) => visible(`${index}:${field}`)}
                onChange={(patch) => editFollowUp(index, patch)}
                onTouched={(field) => touch(`${index}:${field}`)}
                onDraft={() => void draftFor(index)}
                onModelDraft={endpointId ? () => void modelDraftFor(index) : undefined}
                onRemove={extra ? () => edit((d) => ({ ...d, followUps: d.followUps.filter((_, i) => i !== index) })) : undefined}
                onFocus={() => setActive(index)}
                active={index === previewIndex}
              />
            );
          })}
        </fieldset>
        </ReviewCommentsProvider>
      </div>

      <Overlay id="shortcuts" open={overlay === "shortcuts"} title="Keyboard shortcuts" onClose={() => setOverlay(null)}>
        <table className="w-full text-sm">
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={s.what} className="border-b border-slate-100">
                <td className="py-1.5 pr-4 whitespace-nowrap">
                  {s.keys.map((k, i) => (
                    <span key={k}>
                      {i > 0 && <span className="mx-0.5 text-slate-400">+</span>}
                      <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs">{k}</kbd>
                    </span>
                  ))}
                </td>
                <td className="py-1.5 text-slate-700">{s.what}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Overlay>
      <Overlay id="guidelines" open={overlay === "guidelines"} title="Guidelines" onClose={() => setOverlay(null)}>
        {props.guidelinesHtml ? <div className="prose-guidelines" dangerouslySetInnerHTML={{ __html: props.guidelinesHtml }} /> : <p className="text-sm text-slate-500">This project has no guidelines yet.</p>}
      </Overlay>
    </div>
  );
}
