// What changed since the last review round, word by word, per field, and who changed it. Pure: the
// review screen renders the parts.
import { diffWords } from "diff";
import { FIELD_LABELS, FOLLOW_UP_TEXT_FIELDS, ITEM_TEXT_FIELDS, readItemContent, type ItemContent } from "./content";

export interface DiffPart {
  value: string;
  added?: boolean;
  removed?: boolean;
}

export interface FieldDiff {
  /** "question", or "<followUpId>.evidence". */
  key: string;
  label: string;
  followUpId: string | null;
  parts: DiffPart[];
  /** Who changed the field over the revisions compared (user ids, in order of their changes). */
  changedBy: string[];
}

export interface RevisionForDiff {
  round: number;
  kind: string;
  authorId: string | null;
  content: unknown;
}

type Fields = Map<string, { label: string; followUpId: string | null; text: string }>;

function fieldsOf(content: ItemContent): Fields {
  const out: Fields = new Map();
  for (const f of ITEM_TEXT_FIELDS) out.set(f, { label: FIELD_LABELS[f], followUpId: null, text: content[f] });
  out.set("options", { label: FIELD_LABELS.options, followUpId: null, text: content.options.join("\n") });
  out.set("tags", { label: FIELD_LABELS.tags, followUpId: null, text: content.tags.join(", ") });
  content.followUps.forEach((fu, i) => {
    const name = `Follow-up ${i + 1} (${fu.kind.toLowerCase()})`;
    out.set(`${fu.id}.inFirstTurn`, { label: `${name} · ${FIELD_LABELS.inFirstTurn}`, followUpId: fu.id, text: fu.inFirstTurn ? "yes" : "no" });
    for (const f of [...FOLLOW_UP_TEXT_FIELDS, "tactic", "verdict"] as const) {
      out.set(`${fu.id}.${f}`, { label: `${name} · ${FIELD_LABELS[f]}`, followUpId: fu.id, text: fu[f] ?? "" });
    }
  });
  return out;
}

/** Word-level differences between two contents, changed fields only, in the item's order. */
export function diffContents(before: ItemContent, after: ItemContent): Omit<FieldDiff, "changedBy">[] {
  const a = fieldsOf(before);
  const b = fieldsOf(after);
  const keys = [...b.keys(), ...[...a.keys()].filter((k) => !b.has(k))];
  const out: Omit<FieldDiff, "changedBy">[] = [];
  for (const key of keys) {
    const old = a.get(key)?.text ?? "";
    const now = b.get(key)?.text ?? "";
    if (old === now) continue;
    const meta = b.get(key) ?? a.get(key)!;
    out.push({ key, label: meta.label, followUpId: meta.followUpId, parts: diffWords(old, now).map(({ value, added, removed }) => ({ value, ...(added ? { added } : {}), ...(removed ? { removed } : {}) })) });
  }
  return out;
}

/**
 * The diff a reviewer of `round` needs: from the content the previous round's reviewers last saw to the
 * latest revision (the resubmission and any reviewer fixes since). In round 1, from the first submit
 * to now (reviewer fixes only). `revisions` oldest first. Null when there is nothing to compare.
 */
export function diffSinceLastRound(revisions: readonly RevisionForDiff[], round: number): FieldDiff[] | null {
  const previous = revisions.filter((r) => r.round < round);
  const current = revisions.filter((r) => r.round === round);
  const base = previous.length > 0 ? previous[previous.length - 1] : current[0];
  const chain = previous.length > 0 ? current : current.slice(1);
  if (!base || chain.length === 0) return null;
  const diffs = diffContents(readItemContent(base.content), readItemContent(chain[chain.length - 1].content));
  // Who: the authors of the revisions in which a field differs from the revision before.
  let prev = fieldsOf(readItemContent(base.content));
  const changers = new Map<string, string[]>();
  for (const rev of chain) {
    const next = fieldsOf(readItemContent(rev.content));
    for (const [key, f] of next) {
      if ((prev.get(key)?.text ?? "") !== f.text && rev.authorId) {
        const list = changers.get(key) ?? [];
        if (!list.includes(rev.authorId)) list.push(rev.authorId);
        changers.set(key, list);
      }
    }
    prev = next;
  }
  return diffs.map((d) => ({ ...d, changedBy: changers.get(d.key) ?? [] }));
}
