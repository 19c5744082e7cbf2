import { itemHistory } from "@/lib/audit/item-history";
import { getDb } from "@/lib/db/client";

/** The item's timeline: edits, claims, submits, reviews and status changes, newest first. */
export async function ItemHistory({ itemId }: { itemId: string }) {
  const entries = await itemHistory(getDb(), itemId);
  return (
    <section aria-labelledby="item-history" className="mt-8">
      <h2 id="item-history" className="text-base font-semibold">
        History
      </h2>
      {entries.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">No recorded changes yet.</p>
      ) : (
        <ol className="mt-2 flex flex-col gap-1 border-l border-slate-200 pl-4 text-sm">
          {entries.map((e) => (
            <li key={e.id} className="break-words">
              <time dateTime={e.at.toISOString()} className="text-slate-500 tabular-nums">
                {e.at.toISOString().slice(0, 16).replace("T", " ")}
              </time>{" "}
              <span className="font-medium">{e.who ?? "system"}</span> {e.entity === "FollowUp" ? `follow-up ${e.action}` : e.action}
              {e.detail && <span className="text-slate-600"> — {e.detail}</span>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
