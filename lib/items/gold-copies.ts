// Gold copies: the blind copies of gold items served to annotators (lib/quality/gold.ts), each with a
// GoldAttempt. They are scoring work, not the project's items: lists, counts and overviews leave them out
// (the annotator holding one and the reviewers reviewing it still see it, like any item).

/** A where-clause part for items that are not a gold copy. */
export const notGoldCopy = { goldAttempt: { is: null } } as const;

/** … neither a gold item nor a gold copy: the shared pool annotators draw from. */
export const notGoldWork = { isGold: false, ...notGoldCopy } as const;
