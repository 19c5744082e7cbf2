// The item-selection flags shared by `srt eval run` and `srt eval prompts`, and what they become: the
// raw selection object lib/eval/run-schemas.ts validates (flags not given are left out, so defaults apply).

export const EVAL_SELECTION_OPTIONS = {
  conditions: { type: "string" },
  rounds: { type: "string" },
  statuses: { type: "string" },
  tags: { type: "string" },
  gold: { type: "string" },
  "frozen-test": { type: "boolean" },
  kinds: { type: "string" },
  tactics: { type: "string" },
  "max-items": { type: "string" },
} as const;

export interface EvalSelectionFlags {
  statuses?: string;
  tags?: string;
  gold?: string;
  kinds?: string;
  tactics?: string;
  "frozen-test"?: boolean;
  "max-items"?: string;
}

/** Only the entries whose value is set. */
export function definedEntries<T extends object>(object: T): Partial<T> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as Partial<T>;
}

export function selectionFromFlags(values: EvalSelectionFlags): Record<string, unknown> {
  return definedEntries({
    statuses: values.statuses,
    tags: values.tags,
    gold: values.gold,
    kinds: values.kinds,
    tactics: values.tactics,
    frozenTest: values["frozen-test"],
    maxItems: values["max-items"] === undefined ? undefined : Number(values["max-items"]),
  });
}
