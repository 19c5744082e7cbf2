export { importFolder } from "./folder";
export { importManifest } from "./manifest";
export { parseManifestLine, ManifestLineError, TONE_TACTICS, tacticForTone, type ManifestEntry, type ManifestItem } from "./manifest-line";
export type { ImportOptions } from "./options";
export type { ImportEntryResult, ImportEntryStatus, ImportFailure, ImportReport, ProgressCallback } from "./report";
