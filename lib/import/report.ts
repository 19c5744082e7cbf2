import type { NearDuplicate } from "../images/near-duplicates";

export type ImportEntryStatus = "imported" | "duplicate" | "rejected" | "failed";

export interface ImportEntryResult {
  /** Folder: the file's path relative to the folder. Manifest: the line's `image` as written. */
  file: string;
  /** Manifest only: the 1-based line number. */
  line?: number;
  /**
   * imported: a new asset (folder) or a new item (manifest); duplicate: already in the project (the
   * same bytes; for a manifest, the same image and question), nothing written; rejected: the image
   * was refused; failed: anything else went wrong (bad line, missing file, …).
   */
  status: ImportEntryStatus;
  assetId?: string;
  itemId?: string;
  /** duplicate: the existing asset (folder) or item (manifest). */
  duplicateOf?: string;
  nearDuplicates: NearDuplicate[];
  /** rejected / failed: a message that stands alone ("line 3: ground_truth: …", "a/b.png: not an image …"). */
  error?: string;
  code?: string;
}

export interface ImportFailure {
  line: number | null;
  file: string;
  error: string;
}

export interface ImportReport {
  imported: number;
  duplicates: number;
  /** Imported entries whose new image has near-duplicates in the project. */
  nearDuplicates: number;
  rejected: number;
  /** Every rejected or failed entry, in completion order. */
  failedLines: ImportFailure[];
  /** One per entry (in completion order), unless the caller asked not to keep them. */
  results: ImportEntryResult[];
}

export type ProgressCallback = (done: number, total: number, last: ImportEntryResult) => void;

export class ReportBuilder {
  readonly report: ImportReport = { imported: 0, duplicates: 0, nearDuplicates: 0, rejected: 0, failedLines: [], results: [] };
  private done = 0;

  constructor(
    private total: number,
    private readonly onProgress?: ProgressCallback,
    private readonly keepResults = true,
  ) {}

  add(result: ImportEntryResult): void {
    const r = this.report;
    if (result.status === "imported") {
      r.imported++;
      if (result.nearDuplicates.length > 0) r.nearDuplicates++;
    } else if (result.status === "duplicate") r.duplicates++;
    else {
      if (result.status === "rejected") r.rejected++;
      r.failedLines.push({ line: result.line ?? null, file: result.file, error: result.error ?? result.status });
    }
    if (this.keepResults) r.results.push(result);
    this.done++;
    // A file or line counted after the total was taken (the folder changed meanwhile) grows the total.
    this.total = Math.max(this.total, this.done);
    this.onProgress?.(this.done, this.total, result);
  }
}
