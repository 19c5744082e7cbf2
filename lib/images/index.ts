// The images domain: validation and conversion (pipeline), ingest into a project, the asset browser's
// queries and near-duplicate search.
export { ImageRejected, isImageRejected, type ImageRejectCode } from "./errors";
export { ACCEPTED_FORMATS, MIME_BY_FORMAT, sniffFormat, type ImageFormat } from "./format";
export { DEFAULT_IMAGE_LIMITS, DISPLAY_MAX_SIDE, THUMBNAIL_MAX_SIDE, imageLimitsFromEnv, type ImageLimits } from "./limits";
export { processImage, sha256Hex, type ProcessedImage } from "./pipeline";
export { hammingDistance, isPhash } from "./phash";
export { PhashIndex } from "./phash-index";
export { nearDuplicateClusters, type HashedAsset } from "./clusters";
export { NearDuplicateIndex, type NearDuplicate } from "./near-duplicates";
export { ingestImage, type IngestOptions, type IngestResult, type IngestStatus } from "./ingest";
export { listAssets, nearDuplicateGroup, type AssetListEntry, type AssetPage, type NearDuplicateGroup } from "./assets";
export { ASSET_FILTERS, type AssetFilter, type IngestInput, type ListAssetsOptions } from "./schemas";
export { Semaphore } from "./slots";
