// Who wrote a follow-up's rationale, and how the editor, the review screen and exports name it.
// Pure: used in the browser too.
export const DRAFT_ORIGINS = ["HUMAN", "MODEL", "MODEL_EDITED"] as const;
export type DraftOrigin = (typeof DRAFT_ORIGINS)[number];

export const DRAFT_ORIGIN_LABELS: Record<DraftOrigin, string> = {
  HUMAN: "human-written",
  MODEL: "model-drafted, unedited",
  MODEL_EDITED: "model-drafted, edited",
};

/** The value exports write per follow-up. */
export const DRAFT_ORIGIN_EXPORT: Record<DraftOrigin, string> = {
  HUMAN: "human",
  MODEL: "model-unedited",
  MODEL_EDITED: "model-edited",
};
