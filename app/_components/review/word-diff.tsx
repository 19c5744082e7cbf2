import type { ReviewView } from "@/lib/reviews/view";

/** What changed since the last review round, word by word, per field, with who changed it. */
export function WordDiff({ diff }: { diff: NonNullable<ReviewView["diff"]> }) {
  if (diff.length === 0) return <p className="text-sm text-slate-500">Nothing changed since the last round.</p>;
  return (
    <ul className="flex flex-col gap-3" data-testid="word-diff">
      {diff.map((d) => (
        <li key={d.key}>
          <p className="text-xs font-semibold text-slate-600">
            {d.label}
            {d.changedByNames.length > 0 && <span className="font-normal"> — changed by {d.changedByNames.join(", ")}</span>}
          </p>
          <p className="text-sm whitespace-pre-wrap">
            {d.parts.map((p, i) =>
              p.added ? (
                <ins key={i} className="bg-emerald-100 text-emerald-900 no-underline">
                  {p.value}
                </ins>
              ) : p.removed ? (
                <del key={i} className="bg-red-100 text-red-800">
                  {p.value}
                </del>
              ) : (
                <span key={i}>{p.value}</span>
              ),
            )}
          </p>
        </li>
      ))}
    </ul>
  );
}
