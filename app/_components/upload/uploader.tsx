"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { memo, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { collectDroppedFiles, collectInputFiles, type CollectedFiles, type DroppedItem, type EntryLike } from "@/lib/images/web/dropped-files";
import { UploadQueue, type QueueSummary, type UploadTask } from "@/lib/images/web/upload-queue";
import { formatBytes, plural } from "@/lib/format";
import { PROVENANCE_MAX, tooLargeResult } from "@/lib/images/web/upload-result";
import { Button, Field, Input } from "@/app/_components/ui";
import { sendWithXhr, type BatchFields } from "./send-file";

const CONCURRENCY = 3;

/**
 * Drag and drop (files and whole folders, anywhere on the page) or pick files or a folder; each file
 * is sent on its own, three at a time, with its progress and its result. Bad files never stop a batch.
 */
export function Uploader({ uploadUrl, maxBytes }: { uploadUrl: string; maxBytes: number }) {
  const router = useRouter();
  const [queue] = useState(
    () => new UploadQueue<File, BatchFields>(sendWithXhr(uploadUrl), { concurrency: CONCURRENCY, precheck: (p) => tooLargeResult(p.name, p.size, maxBytes) }),
  );
  const snapshot = useSyncExternalStore(queue.subscribe, queue.getSnapshot, queue.getSnapshot);
  const [dragging, setDragging] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const fieldsRef = useRef<HTMLFormElement>(null);
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);

  // The grid and counts are server-rendered: refresh them once a batch that imported something is done.
  useEffect(() => {
    if (snapshot.importedBatches > 0) router.refresh();
  }, [snapshot.importedBatches, router]);

  const batchFields = (): BatchFields => {
    const data = new FormData(fieldsRef.current ?? undefined);
    return { source: String(data.get("source") ?? ""), license: String(data.get("license") ?? ""), attribution: String(data.get("attribution") ?? "") };
  };

  const enqueue = (collected: CollectedFiles<File>) => {
    const parts = [];
    if (collected.files.length === 0) parts.push("No files found there.");
    if (collected.skipped > 0) parts.push(`${plural(collected.skipped, "hidden file")} skipped.`);
    if (collected.errors.length > 0) parts.push(`Could not read: ${collected.errors.slice(0, 3).join("; ")}${collected.errors.length > 3 ? "…" : ""}`);
    setNotice(parts.length > 0 ? parts.join(" ") : null);
    if (collected.files.length > 0) queue.add(collected.files, batchFields());
  };
  const enqueueRef = useRef(enqueue);
  useEffect(() => {
    enqueueRef.current = enqueue;
  });

  // Drops are taken anywhere on the page (and never open the file in the tab).
  useEffect(() => {
    let depth = 0;
    const carriesFiles = (event: DragEvent) => !!event.dataTransfer && Array.from(event.dataTransfer.types).includes("Files");
    const onEnter = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth++;
      setDragging(true);
    };
    const onOver = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      event.dataTransfer!.dropEffect = "copy";
    };
    const onLeave = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onDrop = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth = 0;
      setDragging(false);
      const transfer = event.dataTransfer!;
      // Entries and files must be taken during the event: the DataTransfer is emptied afterwards.
      const items: DroppedItem<File>[] = Array.from(transfer.items ?? [])
        .filter((item) => item.kind === "file")
        .map((item) => ({ entry: (item.webkitGetAsEntry?.() ?? null) as EntryLike<File> | null, file: item.getAsFile() }));
      const dropped = items.length > 0 ? items : Array.from(transfer.files).map((file) => ({ entry: null, file }));
      void collectDroppedFiles(dropped).then((collected) => enqueueRef.current(collected));
    };
    window.addEventListener("dragenter", onEnter);
    window.addEventListener("dragover", onOver);
    window.addEventListener("dragleave", onLeave);
    window.addEventListener("drop", onDrop);
    return () => {
      window.removeEventListener("dragenter", onEnter);
      window.removeEventListener("dragover", onOver);
      window.removeEventListener("dragleave", onLeave);
      window.removeEventListener("drop", onDrop);
    };
  }, []);

  const onPicked = (input: HTMLInputElement) => {
    if (input.files && input.files.length > 0) enqueue(collectInputFiles(Array.from(input.files)));
    input.value = ""; // picking the same files again must fire `change` again
  };

  const { summary, tasks } = snapshot;
  return (
    <section aria-labelledby="upload-heading" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="upload-heading" className="mb-3 text-base font-semibold">
        Upload images
      </h2>
      <div
        data-testid="drop-zone"
        className={`rounded-xl border-2 border-dashed px-6 py-8 text-center transition ${dragging ? "border-brand-500 bg-brand-50" : "border-slate-300 bg-slate-50"}`}
      >
        <p className="font-semibold">{dragging ? "Drop to upload" : "Drop images or folders anywhere on this page"}</p>
        <p className="mt-1 text-sm text-slate-600">
          JPEG, PNG, WebP, GIF, TIFF or AVIF, up to {formatBytes(maxBytes)} each. Folders are read with their sub-folders.
        </p>
        <div className="mt-4 flex flex-wrap justify-center gap-2">
          <Button type="button" variant="secondary" onClick={() => filesInput.current?.click()}>
            Choose files
          </Button>
          <Button type="button" variant="secondary" onClick={() => folderInput.current?.click()}>
            Choose a folder
          </Button>
        </div>
        <input ref={filesInput} type="file" multiple accept="image/*" className="hidden" aria-label="Choose image files" data-testid="pick-files" onChange={(e) => onPicked(e.currentTarget)} />
        <input
          ref={folderInput}
          type="file"
          multiple
          className="hidden"
          aria-label="Choose a folder of images"
          data-testid="pick-folder"
          {...({ webkitdirectory: "" } as Record<string, string>)}
          onChange={(e) => onPicked(e.currentTarget)}
        />
      </div>

      <form ref={fieldsRef} className="mt-4 grid gap-3 sm:grid-cols-3" onSubmit={(e) => e.preventDefault()} aria-label="Applied to the files you add next">
        <Field label="Source" htmlFor="upload-source" hint="e.g. COCO val2017, own photos">
          <Input id="upload-source" name="source" maxLength={PROVENANCE_MAX.source} />
        </Field>
        <Field label="License" htmlFor="upload-license" hint="e.g. CC-BY-4.0">
          <Input id="upload-license" name="license" maxLength={PROVENANCE_MAX.license} />
        </Field>
        <Field label="Attribution" htmlFor="upload-attribution" hint="who to credit">
          <Input id="upload-attribution" name="attribution" maxLength={PROVENANCE_MAX.attribution} />
        </Field>
      </form>
      <p className="mt-2 text-xs text-slate-500">
        Source, license and attribution apply to the files you add after setting them. For very large folders, or manifests with questions, use{" "}
        <code className="rounded bg-slate-100 px-1 text-slate-700">npx srt import</code>.
      </p>

      {notice && (
        <p className="mt-3 text-sm text-amber-800" role="status" data-testid="upload-notice">
          {notice}
        </p>
      )}

      {tasks.length > 0 && (
        <div className="mt-4">
          <div className="flex flex-wrap items-center gap-3">
            <Summary summary={summary} />
            <div className="ml-auto flex gap-2">
              {summary.failed > 0 && (
                <Button type="button" onClick={() => queue.retryFailed(batchFields())}>
                  Retry failed ({summary.failed})
                </Button>
              )}
              {summary.queued + summary.uploading < summary.total && (
                <Button type="button" variant="secondary" onClick={() => queue.clearFinished()}>
                  Clear finished
                </Button>
              )}
            </div>
          </div>
          <progress
            className="mt-2 h-2 w-full overflow-hidden rounded-full [&::-webkit-progress-bar]:bg-slate-100 [&::-webkit-progress-value]:bg-brand-500"
            max={summary.total}
            value={summary.total - summary.queued - summary.uploading}
            aria-label="Files finished"
          />
          <ol className="mt-3 max-h-96 divide-y divide-slate-100 overflow-y-auto rounded-lg border border-slate-200" aria-label="Upload results">
            {tasks.map((task) => (
              <TaskRow key={task.id} task={task} />
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}

function Summary({ summary: s }: { summary: QueueSummary }) {
  const finished = s.total - s.queued - s.uploading;
  const parts = [
    `${s.imported} imported${s.nearDuplicates > 0 ? ` (${plural(s.nearDuplicates, "possible near-duplicate")})` : ""}`,
    plural(s.duplicates, "duplicate"),
    `${s.rejected} rejected`,
    ...(s.failed > 0 ? [`${s.failed} failed`] : []),
  ];
  return (
    <p className="text-sm" role="status" aria-live="polite" data-testid="upload-summary">
      <span className="font-medium">
        {finished} of {s.total} done
      </span>
      {" · "}
      {parts.join(" · ")}
      {s.uploading + s.queued > 0 && <span className="text-slate-500"> · {s.uploading + s.queued} to go</span>}
    </p>
  );
}

const TaskRow = memo(function TaskRow({ task }: { task: UploadTask }) {
  return (
    <li className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2 text-sm" data-testid="upload-row" data-status={rowStatus(task)}>
      <span className="min-w-0 flex-1 truncate font-medium" title={task.name}>
        {task.name}
      </span>
      <span className="text-xs text-slate-500 tabular-nums">{formatBytes(task.size)}</span>
      <span className="w-full sm:w-auto sm:max-w-[60%]">
        <TaskOutcome task={task} />
      </span>
    </li>
  );
});

function rowStatus(task: UploadTask): string {
  if (task.state !== "done") return task.state;
  if (task.result?.status === "imported" && task.result.nearDuplicates.length > 0) return "near-duplicate";
  return task.result?.status ?? "done";
}

function TaskOutcome({ task }: { task: UploadTask }) {
  if (task.state === "queued") return <span className="text-slate-500">waiting</span>;
  if (task.state === "uploading") {
    const percent = Math.round(task.progress * 100);
    return (
      <span className="flex items-center gap-2 text-slate-600">
        <progress className="h-1.5 w-28" max={100} value={percent} aria-label={`Uploading ${task.name}`} />
        {percent < 100 ? `${percent}%` : "processing…"}
      </span>
    );
  }
  if (task.state === "failed") {
    return (
      <span className="text-red-700" role="alert">
        failed: {task.error}
      </span>
    );
  }
  const result = task.result!;
  if (result.status === "rejected") {
    // Words first; the decoder's message (useful to whoever made the file) on hover.
    return (
      <span className="text-red-700" title={result.detail}>
        rejected: {result.reason}
      </span>
    );
  }
  if (result.status === "duplicate") {
    return (
      <span className="text-slate-700">
        duplicate of <AssetLink href={result.asset!.href}>{result.asset!.filename}</AssetLink>
      </span>
    );
  }
  const [nearest, ...more] = result.nearDuplicates;
  return (
    <span className={nearest ? "text-amber-800" : "text-emerald-700"}>
      imported as <AssetLink href={result.asset!.href}>{result.asset!.filename}</AssetLink>
      {nearest && (
        <>
          {" · possible near-duplicate of "}
          <AssetLink href={nearest.href}>{nearest.filename}</AssetLink> (distance {nearest.distance})
          {more.length > 0 && ` and ${more.length} more`}
        </>
      )}
    </span>
  );
}

function AssetLink({ href, children }: { href: string; children: React.ReactNode }) {
  return (
    <Link href={href} className="font-medium underline decoration-slate-300 underline-offset-2 hover:decoration-current">
      {children}
    </Link>
  );
}
