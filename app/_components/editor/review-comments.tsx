"use client";

// Reviewers' comments shown next to the fields they concern, in the annotator's editor. The editor
// provides them once; each field looks its own up by its element id ("question", "fu-0-evidence"…).
import { createContext, useContext, useMemo, type ReactNode } from "react";

export interface EditorReviewComment {
  followUpId: string | null;
  field: string;
  body: string;
  reviewer: string;
}

const Context = createContext<Map<string, EditorReviewComment[]>>(new Map());

export function ReviewCommentsProvider({ comments, followUpIds, children }: { comments: EditorReviewComment[]; followUpIds: (string | undefined)[]; children: ReactNode }) {
  const byId = useMemo(() => {
    const map = new Map<string, EditorReviewComment[]>();
    for (const c of comments) {
      const index = c.followUpId ? followUpIds.indexOf(c.followUpId) : -1;
      const id = c.followUpId ? (index >= 0 ? `fu-${index}-${c.field}` : null) : c.field;
      if (id) map.set(id, [...(map.get(id) ?? []), c]);
    }
    return map;
  }, [comments, followUpIds]);
  return <Context.Provider value={byId}>{children}</Context.Provider>;
}

export function FieldReviewComments({ id }: { id: string }) {
  const comments = useContext(Context).get(id);
  if (!comments) return null;
  return (
    <ul className="flex flex-col gap-1" data-testid={`review-comment-${id}`}>
      {comments.map((c, i) => (
        <li key={i} className="rounded-md border border-amber-300 bg-amber-50 px-2 py-1 text-xs text-amber-900">
          <strong>{c.reviewer}:</strong> {c.body}
        </li>
      ))}
    </ul>
  );
}
