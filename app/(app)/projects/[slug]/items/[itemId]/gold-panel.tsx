import { can, type SessionUser } from "@/lib/auth/roles";
import { getDb } from "@/lib/db/client";
import { FIELD_LABELS } from "@/lib/followups/editor-draft";
import { GOLD_FIELDS, type GoldComparison } from "@/lib/quality/gold-score";
import { GoldToggle } from "./gold-toggle";

/**
 * Gold, for researchers and reviewers only (annotators never see it, so gold copies stay blind): the
 * gold switch of an item, or, on an annotator's gold attempt, its score and the answers side by side.
 */
export async function GoldPanel({ user, projectId, itemId, isGold }: { user: SessionUser; projectId: string; itemId: string; isGold: boolean }) {
  if (!can(user, "review")) return null;
  const attempt = await getDb().goldAttempt.findUnique({ where: { itemId }, select: { checks: true, correct: true, details: true, scoredAt: true, goldItemId: true } });
  if (!attempt) {
    if (!can(user, "viewQuality")) return null;
    return (
      <section aria-label="Gold" className="mt-8 flex flex-wrap items-center gap-3 text-sm">
        <span className="font-semibold">Gold:</span> {isGold ? "yes — served blind to annotators at the project's gold rate" : "no"}
        <GoldToggle projectId={projectId} itemId={itemId} isGold={isGold} />
      </section>
    );
  }
  // Written by lib/quality/gold.ts from scoreGoldAttempt (a GoldComparison list).
  const comparisons = (attempt.details ?? []) as unknown as GoldComparison[];
  return (
    <section aria-labelledby="gold-attempt" className="mt-8">
      <h2 id="gold-attempt" className="text-base font-semibold">
        Gold attempt {attempt.scoredAt ? `— ${attempt.correct} of ${attempt.checks} match` : "— not submitted yet"}
      </h2>
      {comparisons.length > 0 && (
        <div className="mt-2 overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-2 py-1">Follow-up</th>
                <th scope="col" className="px-2 py-1">Field</th>
                <th scope="col" className="px-2 py-1">Gold</th>
                <th scope="col" className="px-2 py-1">Attempt</th>
              </tr>
            </thead>
            <tbody>
              {comparisons.flatMap((c) => [
                ...GOLD_FIELDS.map((f) => (
                  <tr key={`${c.kind}-${c.place}-${f}`} className="border-b border-slate-100">
                    <td className="px-2 py-1">{`${c.kind === "MISLEADING" ? "Misleading" : "Corrective"} ${c.place}`}</td>
                    <td className="px-2 py-1">{FIELD_LABELS[f]}</td>
                    <td className="px-2 py-1">{c.gold[f] ?? "—"}</td>
                    <td className={`px-2 py-1 ${c.matches[f] ? "text-emerald-700" : "text-red-700"}`}>
                      {c.attempt?.[f] ?? "—"} {c.matches[f] ? "✓" : "✗"}
                    </td>
                  </tr>
                )),
                <tr key={`${c.kind}-${c.place}-evidence`} className="border-b border-slate-100 align-top">
                  <td className="px-2 py-1">{`${c.kind === "MISLEADING" ? "Misleading" : "Corrective"} ${c.place}`}</td>
                  <td className="px-2 py-1">Evidence</td>
                  <td className="px-2 py-1">{c.gold.evidence || "—"}</td>
                  <td className="px-2 py-1">{c.attempt?.evidence || "—"}</td>
                </tr>,
              ])}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
