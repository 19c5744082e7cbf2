"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { draftFollowUp } from "@/lib/followups/drafting";
import { applyProposal, issuesByField, lintInput, slotOf, type DraftFollowUp, type FollowUpField, type ItemDraft, type ItemSnapshot } from "@/lib/followups/editor-draft";
import {
  backupOf,
  createEditorReducer,
  initialEditorState,
  isDirty,
  planRestore,
  shouldSave,
  type DraftBackup,
  type EditorAction,
  type EditorState,
} from "@/lib/followups/editor-state";
import { hasErrors, lintItem, type AnswerTypeName, type LintIssue } from "@/lib/lints";
import { skipItemAction, submitItemAction } from "@/app/_actions/annotate";
import { Badge, Button } from "@/app/_components/ui";
import { ConflictView } from "./conflict-view";
import { FollowUpCard } from "./follow-up-card";
import { ImageViewer, type ImageViewerHandle } from "./image-viewer";
import { ItemFields } from "./item-fields";
import { Overlay } from "./overlay";
import { PreviewPanel } from "./preview-panel";
import { isTyping, SHORTCUTS } from "./shortcuts";

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
  /** Opened from the work queue: submit and skip move on to the queue's next item. */
  queueMode: boolean;
}

type Hold = { held: true; how: "taken" | "renewed" | "assigned" } | { held: false; holderName: string | null; status: string };

const AUTOSAVE_MS = 3_000;
const FIRST_RENEW_MS = 10_000;
const RENEW_MS = 60_000;
/** Without a key press or click for this long, the lease is no longer renewed (it runs out and the item returns to the queue). */
const ACTIVE_MS = 5 * 60_000;
/** "Required" errors stay quiet beside fields nobody has visited yet (they still count, and show after a submit attempt). */
const QUIET_UNTIL_TOUCHED = new Set(["followup.required", "followup.verdict-required", "item.question-required", "item.ground-truth-required"]);

const backupKey = (itemId: string) => `srt:item-draft:${itemId}`;

function createStore(initial: EditorState, reducer: (s: EditorState, a: EditorAction) => EditorState) {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    dispatch: (action: EditorAction) => {
      state = reducer(state, action);
      listeners.forEach((l) => l());
    },
    subscribe: (listener: () => void) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

function readBackup(itemId: string): DraftBackup | null {
  try {
    const raw = localStorage.getItem(backupKey(itemId));
    const value = raw ? (JSON.parse(raw) as DraftBackup) : null;
    return value && typeof value.version === "number" && value.draft && value.base ? value : null;
  } catch {
    return null;
  }
}

function writeBackup(itemId: string, backup: DraftBackup | null) {
  try {
    if (backup) localStorage.setItem(backupKey(itemId), JSON.stringify(backup));
    else localStorage.removeItem(backupKey(itemId));
  } catch {
    // Storage full or disabled: the server autosave still runs.
  }
}

/** Focus the first field of a section: its checked radio, its marked first field, or its first control. */
function focusSection(section: Element | null) {
  if (!section) return;
  const target =
    section.querySelector<HTMLElement>("input[type=radio]:checked") ??
    section.querySelector<HTMLElement>("[data-first-field]") ??
    section.querySelector<HTMLElement>("input, textarea, select, button");
  target?.focus();
  target?.scrollIntoView({ block: "nearest" });
}

function fieldElementId(issue: LintIssue): string | null {
  if (issue.followUpIndex !== undefined) return issue.field === "verdict" ? null : `fu-${issue.followUpIndex}-${issue.field}`;
  return issue.field === "followUps" ? null : issue.field;
}

function focusIssue(issue: LintIssue) {
  const id = fieldElementId(issue);
  const el = id
    ? document.getElementById(id)
    : issue.field === "verdict"
      ? document.querySelector<HTMLElement>(`[name="fu-${issue.followUpIndex}-verdict"]`)
      : document.querySelector<HTMLElement>('[data-section="fu-0-message"] [data-first-field]');
  const target = el?.tagName === "FIELDSET" ? el.querySelector<HTMLElement>("input") : el;
  target?.focus();
  target?.scrollIntoView({ block: "center" });
}

export function ItemEditor(props: ItemEditorProps) {
  const { item, settings, slug, queueMode, neighbours } = props;
  const router = useRouter();
  const [store] = useState(() => createStore(initialEditorState(item, settings, props.canAnnotate), createEditorReducer(settings)));
  const state = useSyncExternalStore(store.subscribe, store.get, store.get);
  const { dispatch } = store;

  const [active, setActive] = useState(0);
  const [overlay, setOverlay] = useState<null | "shortcuts" | "guidelines">(null);
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set());
  const [showAll, setShowAll] = useState(false);
  const [hold, setHold] = useState<Hold | null>(null);
  const [message, setMessage] = useState<{ tone: "error" | "info"; text: string } | null>(null);
  const [submitted, setSubmitted] = useState<{ nextItemId: string | null } | null>(null);
  const viewer = useRef<ImageViewerHandle>(null);
  const proposals = useRef(new Map<number, Omit<DraftFollowUp, "id">>());
  const draftSeed = useRef(1);
  const inFlight = useRef<Promise<void> | null>(null);
  const holdRef = useRef<Hold | null>(null);
  const released = useRef(false);
  const lastActivity = useRef(0);
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
    (index: number, patch: Partial<DraftFollowUp>) => edit((d) => ({ ...d, followUps: d.followUps.map((f, i) => (i === index ? { ...f, ...patch } : f)) })),
    [edit],
  );

  // ---- Saving: autosave every few seconds when dirty, on blur / hide / leave (keepalive), never over a newer version.
  const save = useCallback(
    async (keepalive = false) => {
      while (inFlight.current) await inFlight.current;
      const s = store.get();
      if (!shouldSave(s)) return;
      const sent = s.draft;
      const body = JSON.stringify({ expectedVersion: s.version, ...sent });
      dispatch({ type: "saving" });
      const run = (async () => {
        try {
          const response = await fetch(`/api/items/${item.id}`, {
            method: "PUT",
            headers: { "content-type": "application/json" },
            body,
            // keepalive bodies are limited to 64 kB; a larger draft is still in the local backup.
            keepalive: keepalive && body.length < 60_000,
          });
          const json = (await response.json().catch(() => ({}))) as { item?: ItemSnapshot; issues?: LintIssue[]; current?: ItemSnapshot; status?: string; error?: string };
          if (response.ok && json.item) dispatch({ type: "saved", sent, item: json.item, issues: json.issues ?? [] });
          else if (response.status === 409 && json.current) dispatch({ type: "conflict", theirs: json.current });
          else if (response.status === 409) dispatch({ type: "notEditable", status: json.status ?? s.status, message: json.error ?? "The item can no longer be edited." });
          else {
            const text = response.status === 401 ? "You are signed out. Sign in again in another tab; your changes are kept in this browser." : (json.error ?? `Saving failed (${response.status}).`);
            dispatch({ type: "failed", offline: false, message: text, sent });
          }
        } catch {
          dispatch({ type: "failed", offline: true, message: "", sent });
        }
      })();
      inFlight.current = run;
      try {
        await run;
      } finally {
        inFlight.current = null;
      }
    },
    [dispatch, item.id, store],
  );

  // On open: a backup left by a crash or a closed tab is restored (or offered as a conflict). This runs
  // before the backup below is first written, so the clean first render cannot erase it.
  useEffect(() => {
    const backup = readBackup(item.id);
    const plan = planRestore(store.get(), backup);
    if (plan === "discard") writeBackup(item.id, null);
    else if (plan !== "none" && backup) dispatch({ type: "restore", backup });
  }, [dispatch, item.id, store]);

  // The browser backup follows every change (read from the store: the restore above may have changed
  // it in this same commit); it goes once the server has everything.
  useEffect(() => {
    if (props.canAnnotate) writeBackup(item.id, backupOf(store.get(), Date.now()));
  }, [state, item.id, props.canAnnotate, store]);

  useEffect(() => {
    const timer = setInterval(() => {
      if (shouldSave(store.get())) void save();
    }, AUTOSAVE_MS);
    const flush = () => {
      if (shouldSave(store.get())) void save(true);
    };
    const onVisibility = () => {
      if (document.visibilityState === "hidden") flush();
    };
    const onOnline = () => void save();
    window.addEventListener("blur", flush);
    window.addEventListener("pagehide", flush);
    window.addEventListener("online", onOnline);
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      clearInterval(timer);
      window.removeEventListener("blur", flush);
      window.removeEventListener("pagehide", flush);
      window.removeEventListener("online", onOnline);
      document.removeEventListener("visibilitychange", onVisibility);
      // Leaving the editor inside the app: send what is unsaved on the way out.
      flush();
    };
  }, [save, store]);

  // ---- The lease: taken when the editor opens, renewed while the annotator is active, given back on leave.
  const canHold = props.canAnnotate && item.status !== "SUBMITTED";
  useEffect(() => {
    if (!canHold || !store.get().editable) return;
    let alive = true;
    lastActivity.current = Date.now();
    const url = `/api/items/${item.id}/lease`;
    const renew = async () => {
      try {
        const response = await fetch(url, { method: "POST" });
        if (!response.ok || !alive) return;
        const value = (await response.json()) as Hold;
        holdRef.current = value;
        if (value.held) released.current = false;
        setHold(value);
      } catch {
        // Offline: the next renewal tries again.
      }
    };
    void renew();
    const first = setTimeout(() => void renew(), FIRST_RENEW_MS);
    const timer = setInterval(() => {
      if (document.visibilityState === "visible" && Date.now() - lastActivity.current < ACTIVE_MS && store.get().editable) void renew();
    }, RENEW_MS);
    const release = () => {
      const h = holdRef.current;
      if (released.current || !h?.held || h.how === "assigned" || !store.get().editable) return;
      released.current = true;
      void fetch(`${url}?mode=leave`, { method: "DELETE", keepalive: true }).catch(() => undefined);
    };
    const onActivity = () => (lastActivity.current = Date.now());
    window.addEventListener("pagehide", release);
    window.addEventListener("pointerdown", onActivity);
    window.addEventListener("keydown", onActivity);
    return () => {
      alive = false;
      clearTimeout(first);
      clearInterval(timer);
      window.removeEventListener("pagehide", release);
      window.removeEventListener("pointerdown", onActivity);
      window.removeEventListener("keydown", onActivity);
      release();
    };
  }, [canHold, item.id, store]);

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
      setMessage({ tone: "error", text: `Cannot submit yet: ${errors.length} lint error${errors.length === 1 ? "" : "s"}. ${errors[0].message}` });
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
      writeBackup(item.id, null);
      setSubmitted({ nextItemId: result.data.nextItemId });
      setMessage({ tone: "info", text: `Submitted for review${result.data.warnings ? ` with ${result.data.warnings} warning${result.data.warnings === 1 ? "" : "s"}` : ""}.` });
    } else if (!result.ok && result.status === 409) {
      const response = await fetch(`/api/items/${item.id}`);
      const json = (await response.json().catch(() => ({}))) as { item?: ItemSnapshot };
      if (json.item) dispatch({ type: "conflict", theirs: json.item });
      setMessage({ tone: "error", text: result.error });
    } else if (!result.ok) {
      setMessage({ tone: "error", text: result.error });
    }
  }, [dispatch, item.id, lintSettings, queueMode, save, store]);

  const skip = useCallback(async () => {
    if (!store.get().editable) return;
    await save();
    released.current = true;
    const result = await skipItemAction(null, { itemId: item.id });
    if (!result.ok || !result.data) {
      released.current = false;
      return setMessage({ tone: "error", text: result.ok ? "Could not skip." : result.error });
    }
    router.push(result.data.itemId ? `/projects/${slug}/items/${result.data.itemId}?queue=1` : `/projects/${slug}/annotate`);
  }, [item.id, router, save, slug, store]);

  const draftFor = useCallback(
    (index: number) => {
      const s = store.get();
      const f = s.draft.followUps[index];
      if (!f || !s.editable || s.conflict) return;
      const proposal = draftFollowUp(lintInput(s.draft), f.kind, f.tactic, draftSeed.current++ * 7919 + index);
      const previous = proposals.current.get(index);
      proposals.current.set(index, proposal);
      edit((d) => ({ ...d, followUps: d.followUps.map((x, i) => (i === index ? applyProposal(x, proposal, previous) : x)) }));
      setActive(index);
      setMessage({ tone: "info", text: `Drafted follow-up ${index + 1} from the ${f.tactic.toLowerCase().replace(/_/g, " ")} template: now write the evidence and finish the response.` });
    },
    [edit, store],
  );

  const go = useCallback((itemId: string | null) => itemId && router.push(`/projects/${slug}/items/${itemId}`), [router, slug]);

  // ---- Keyboard.
  useEffect(() => {
    const currentFollowUp = () => {
      const card = document.activeElement?.closest("[data-testid^='follow-up-']");
      return card ? Number(card.getAttribute("data-testid")!.slice("follow-up-".length)) : active;
    };
    const jump = (direction: 1 | -1) => {
      const sections = [...document.querySelectorAll("[data-section]")];
      const current = sections.findIndex((s) => s.contains(document.activeElement));
      const next = current < 0 ? (direction > 0 ? 0 : sections.length - 1) : Math.min(sections.length - 1, Math.max(0, current + direction));
      focusSection(sections[next]);
    };
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      if (mod && !e.altKey && !e.shiftKey && e.key.toLowerCase() === "s") {
        e.preventDefault();
        void saveNow();
        return;
      }
      if (mod && e.key === "Enter") {
        e.preventDefault();
        void submit();
        return;
      }
      if (e.altKey && !mod) {
        if (e.shiftKey && e.code === "KeyD") {
          e.preventDefault();
          draftFor(currentFollowUp());
        } else if (e.shiftKey && e.code === "KeyS") {
          e.preventDefault();
          void skip();
        } else if (!e.shiftKey && (e.key === "ArrowRight" || e.key === "ArrowLeft")) {
          e.preventDefault();
          go(e.key === "ArrowRight" ? neighbours.next : neighbours.previous);
        } else if (!e.shiftKey && (e.key === "ArrowDown" || e.key === "ArrowUp")) {
          e.preventDefault();
          jump(e.key === "ArrowDown" ? 1 : -1);
        } else if (/^Digit[1-9]$/.test(e.code)) {
          e.preventDefault();
          const index = Number(e.code.slice(5)) - 1;
          focusSection(document.querySelector(`[data-section="fu-${index}-message"]`));
          if (index < store.get().draft.followUps.length) setActive(index);
        }
        return;
      }
      if (mod || isTyping(e.target)) return;
      const dialogOpen = document.querySelector("dialog[open]") !== null;
      if (e.key === "?") {
        e.preventDefault();
        setOverlay((o) => (o === "shortcuts" ? null : "shortcuts"));
      } else if (e.key === "g" && !e.shiftKey) {
        e.preventDefault();
        setOverlay((o) => (o === "guidelines" ? null : "guidelines"));
      } else if (!dialogOpen && (e.key === "+" || e.key === "=")) {
        e.preventDefault();
        viewer.current?.zoomIn();
      } else if (!dialogOpen && (e.key === "-" || e.key === "_")) {
        e.preventDefault();
        viewer.current?.zoomOut();
      } else if (!dialogOpen && e.key === "0") {
        e.preventDefault();
        viewer.current?.fit();
      } else if (!dialogOpen && e.key === "1") {
        e.preventDefault();
        viewer.current?.actualSize();
      }
    };
    window.addEventListener("keydown", onKey, { capture: true });
    return () => window.removeEventListener("keydown", onKey, { capture: true });
  }, [active, draftFor, go, neighbours.next, neighbours.previous, saveNow, skip, store, submit]);

  // After a submit, the way on is one key away.
  useEffect(() => {
    if (submitted) nextButton.current?.focus();
  }, [submitted]);

  const { draft } = state;
  const frozen = !state.editable || state.conflict !== null;
  const required = { MISLEADING: settings.misleadingPerItem, CORRECTIVE: settings.correctivePerItem };
  const previewIndex = Math.min(active, Math.max(0, draft.followUps.length - 1));

  return (
    <div className="flex flex-col gap-4" data-testid="item-editor">
      <div className="flex flex-wrap items-center gap-3 rounded-xl border border-slate-200 bg-white px-4 py-3 shadow-sm">
        <span data-testid="item-status">
          <Badge value={state.status} />
        </span>
        <SaveIndicator state={state} />
        <HoldInfo hold={hold} assignee={props.assignee} me={props.me.id} editable={state.editable} />
        <div className="ml-auto flex flex-wrap items-center gap-2">
          <NavLink href={neighbours.previous && `/projects/${slug}/items/${neighbours.previous}`} label="← Previous" title="Previous item (Alt+←)" />
          <NavLink href={neighbours.next && `/projects/${slug}/items/${neighbours.next}`} label="Next →" title="Next item (Alt+→)" />
          <Button type="button" variant="secondary" onClick={() => setOverlay("guidelines")} title="Guidelines (g)">
            Guidelines <kbd className="text-xs text-slate-500">g</kbd>
          </Button>
          <Button type="button" variant="secondary" onClick={() => setOverlay("shortcuts")} title="Keyboard shortcuts (?)">
            Shortcuts <kbd className="text-xs text-slate-500">?</kbd>
          </Button>
          {state.editable && (
            <>
              {(queueMode || hold?.held) && state.status === "DRAFT" && (
                <Button type="button" variant="secondary" onClick={() => void skip()} title="Skip (Alt+Shift+S)">
                  Skip
                </Button>
              )}
              <Button type="button" variant="secondary" onClick={() => void saveNow()} disabled={!isDirty(state) || state.conflict !== null} title="Save (Ctrl+S)">
                Save
              </Button>
              <Button type="button" onClick={() => void submit()} disabled={state.conflict !== null} title="Submit for review (Ctrl+Enter)" aria-describedby="lint-count">
                Submit
              </Button>
            </>
          )}
        </div>
      </div>

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
          <span className="font-medium">Submitted for review.</span>
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
      {state.conflict && <ConflictView key={state.conflict.theirs.version} conflict={state.conflict} onResolve={(choices) => {
        dispatch({ type: "resolve", choices });
        setMessage({ tone: "info", text: "Merged: saving on top of their version…" });
        void save().then(() => store.get().save.kind === "saved" && setMessage({ tone: "info", text: "Merged version saved." }));
      }} />}

      <div className="grid gap-6 lg:grid-cols-[minmax(0,5fr)_minmax(0,7fr)]">
        <div className="flex min-w-0 flex-col gap-4 lg:sticky lg:top-4 lg:self-start">
          <ImageViewer ref={viewer} src={props.image.url} width={props.image.width} height={props.image.height} alt={props.image.name} />
          <PreviewPanel draft={draft} index={previewIndex} template={settings.responseTemplate} onSelect={setActive} />
          <LintSummary issues={issues} errors={errorCount} warnings={warningCount} />
        </div>

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
                onDraft={() => draftFor(index)}
                onRemove={extra ? () => edit((d) => ({ ...d, followUps: d.followUps.filter((_, i) => i !== index) })) : undefined}
                onFocus={() => setActive(index)}
                active={index === previewIndex}
              />
            );
          })}
        </fieldset>
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

function SaveIndicator({ state }: { state: EditorState }) {
  const s = state.save;
  const [text, tone] =
    s.kind === "saved"
      ? ["All changes saved", "text-emerald-700"]
      : s.kind === "dirty"
        ? ["Unsaved changes", "text-slate-600"]
        : s.kind === "saving"
          ? ["Saving…", "text-slate-600"]
          : s.kind === "offline"
            ? ["Offline: changes kept in this browser, retrying", "text-amber-700"]
            : s.kind === "conflict"
              ? ["Conflict: choose what to keep", "text-amber-700"]
              : s.kind === "error"
                ? [`Not saved: ${s.message}`, "text-red-700"]
                : [s.message, "text-slate-600"];
  return (
    <span role="status" aria-live="polite" data-testid="save-state" data-state={s.kind} className={`text-sm ${tone}`}>
      {text}
      {state.editable && <span className="ml-1 text-xs text-slate-400">· v{state.version}</span>}
    </span>
  );
}

function HoldInfo({ hold, assignee, me, editable }: { hold: Hold | null; assignee: { id: string; name: string } | null; me: string; editable: boolean }) {
  if (!editable) return assignee ? <span className="text-xs text-slate-500">Annotator: {assignee.name}</span> : null;
  if (hold && !hold.held) {
    return (
      <span className="text-xs text-amber-700" data-testid="hold-info">
        {hold.holderName ? `${hold.holderName} is working on this item` : "Someone else holds this item"}: your saves are checked against theirs, never overwritten.
      </span>
    );
  }
  if (hold?.held) return <span className="text-xs text-slate-500" data-testid="hold-info">{hold.how === "assigned" ? "Assigned to you" : "You hold this item while the editor is open"}</span>;
  return assignee && assignee.id !== me ? <span className="text-xs text-slate-500">Assigned to {assignee.name}</span> : null;
}

function NavLink({ href, label, title }: { href: string | null; label: string; title: string }) {
  if (!href) return <span className="px-2 text-sm text-slate-300" aria-hidden>{label}</span>;
  return (
    <Link href={href} title={title} className="rounded-lg px-2 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100">
      {label}
    </Link>
  );
}

function Banner({ tone, children, onDismiss, testId }: { tone: "info" | "error"; children: React.ReactNode; onDismiss?: () => void; testId: string }) {
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      data-testid={testId}
      className={`flex items-start gap-3 rounded-xl border px-4 py-2.5 text-sm ${tone === "error" ? "border-red-300 bg-red-50 text-red-800" : "border-sky-200 bg-sky-50 text-sky-900"}`}
    >
      <span className="flex-1">{children}</span>
      {onDismiss && (
        <button type="button" onClick={onDismiss} className="text-xs underline" aria-label="Dismiss">
          Dismiss
        </button>
      )}
    </div>
  );
}

function LintSummary({ issues, errors, warnings }: { issues: LintIssue[]; errors: number; warnings: number }) {
  return (
    <section aria-labelledby="lint-title" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="lint-title" className="text-sm font-semibold">
        Checks{" "}
        <span id="lint-count" data-testid="lint-count" className={errors ? "text-red-700" : warnings ? "text-amber-700" : "text-emerald-700"}>
          {errors === 0 && warnings === 0 ? "· all clear" : `· ${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}`}
        </span>
      </h2>
      {hasErrors(issues) && <p className="mt-1 text-xs text-slate-500">Errors block submitting; warnings do not.</p>}
      {issues.length > 0 && (
        <ul className="mt-2 flex max-h-64 flex-col gap-1 overflow-y-auto text-xs">
          {issues.map((issue, i) => (
            <li key={i}>
              <button
                type="button"
                onClick={() => focusIssue(issue)}
                className={`text-left hover:underline ${issue.severity === "error" ? "text-red-700" : "text-amber-700"}`}
              >
                <span className="sr-only">{issue.severity}: </span>
                {issue.message}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
