// What an export wrote, counted as it goes: records per split and stratum, images per split, image
// licenses, and (for a frozen test set) the images that went to test. Per-image state is one byte.
import type { ExportCounts, LicenseCount } from "./manifest";
import type { RecordSource } from "./record";
import { STRATA_COUNT, stratumIndex, strataCounts } from "./strata";

export class ExportTally {
  private readonly cells: Int32Array[];
  private readonly imagesPerSplit: number[];
  private readonly seen: Uint8Array;
  private readonly licenseCounts = new Map<string, LicenseCount>();
  /** sha256 of images written to the test split (only collected when asked). */
  readonly testImages = new Set<string>();
  records = 0;
  /** Records of one-round injection follow-ups (two-turn conversations). */
  inFirstTurn = 0;
  images = 0;
  skipped = 0;

  constructor(
    private readonly splitNames: string[],
    assetCount: number,
    private readonly testSplit: number | null,
  ) {
    this.cells = splitNames.map(() => new Int32Array(STRATA_COUNT));
    this.imagesPerSplit = splitNames.map(() => 0);
    this.seen = new Uint8Array(assetCount);
  }

  add(split: number, asset: number, { item, followUp, asset: image }: RecordSource) {
    this.records++;
    if (followUp.inFirstTurn) this.inFirstTurn++;
    this.cells[split][stratumIndex(followUp.kind, item.answerType)]++;
    if (this.seen[asset] !== 0) return;
    this.seen[asset] = 1;
    this.images++;
    this.imagesPerSplit[split]++;
    const key = `${image.license}\u0000${image.source}`;
    const entry = this.licenseCounts.get(key) ?? { license: image.license, source: image.source, images: 0 };
    entry.images++;
    this.licenseCounts.set(key, entry);
    if (split === this.testSplit) this.testImages.add(image.sha256);
  }

  counts(): ExportCounts {
    return {
      records: this.records,
      images: this.images,
      skipped: this.skipped,
      splits: Object.fromEntries(
        this.splitNames.map((name, s) => [
          name,
          { records: this.cells[s].reduce((a, b) => a + b, 0), images: this.imagesPerSplit[s], by_kind_answer_type: strataCounts(this.cells[s]) },
        ]),
      ),
    };
  }

  /** Most used first; ties by license, then source. */
  licenses(): LicenseCount[] {
    const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    return [...this.licenseCounts.values()].sort((a, b) => b.images - a.images || cmp(a.license, b.license) || cmp(a.source, b.source));
  }
}
