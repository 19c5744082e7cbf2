// Keeps a long export's memory flat. An export allocates gigabytes of short-lived text (rows, records,
// JSON lines); on a machine with much RAM, V8 lets the part that outlives a young-generation collection
// pile up in the old space to hundreds of MB before it collects it (its limits scale with physical
// memory), so peak RSS would grow with the export's size although what the export keeps is bounded.
// The guard makes a full collection whenever the heap has grown by `headroom` since the last one: the
// effect of capping the heap (--max-old-space-size), without a flag the user must set. The collector is
// V8's own gc(), exposed at run time to a fresh context only (the process's global scope is unchanged).
import v8 from "node:v8";
import vm from "node:vm";

export const DEFAULT_HEAP_HEADROOM_BYTES = 32 * 1024 * 1024;

let collector: (() => void) | null | undefined;

/** V8's full garbage collection, or null where the flag cannot be set (then the guard does nothing). */
function fullCollection(): (() => void) | null {
  if (collector === undefined) {
    try {
      v8.setFlagsFromString("--expose-gc");
      const gc: unknown = vm.runInNewContext("gc");
      collector = typeof gc === "function" ? (gc as () => void) : null;
    } catch {
      collector = null;
    }
  }
  return collector;
}

/** The heap but its young generation: what grows when garbage outlives a young collection. */
function heapUsed(): number {
  let used = 0;
  for (const space of v8.getHeapSpaceStatistics()) if (!space.space_name.startsWith("new_")) used += space.space_used_size;
  return used;
}

export class HeapGuard {
  private limit: number;
  /** Full collections made so far (for tests and benches). */
  collections = 0;

  constructor(private readonly headroomBytes = DEFAULT_HEAP_HEADROOM_BYTES) {
    this.limit = heapUsed() + headroomBytes;
  }

  /** Call between pages: collects in full if the heap grew past the limit, then sets the next limit. */
  check(): void {
    if (heapUsed() < this.limit) return;
    const collect = fullCollection();
    if (!collect) return;
    collect();
    this.collections++;
    // What survives is live (the export's plan, or anything else in the process): measured from there.
    this.limit = heapUsed() + this.headroomBytes;
  }
}
