// Deterministic, grouped, stratified dataset splits (pure), plus the persisted frozen test set.
// Near-duplicate groups come from lib/images (nearDuplicateClusters).
export { assignGroupsToSplits, type AssignOptions, type SplitGroup } from "./assign";
export { freezeTestImages, loadFrozenTestImages, type FreezeInput } from "./frozen";
export { DEFAULT_SPLITS, SPLIT_NAME_PATTERN, TEST_SPLIT, formatSplits, splitsSchema, type SplitRatio } from "./schemas";
export { seededHash } from "./seeded-hash";
