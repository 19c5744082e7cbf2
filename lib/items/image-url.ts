// Where the browser fetches an item's image: /api/images/<projectId>/<sha256>/<size>, served with
// the project's access check. Assets store content-addressed keys (display/<sha256>.webp…).

export type ImageSize = "thumb" | "display" | "original";

const SHA_IN_KEY = /(?:^|\/)([0-9a-f]{64})(?:\.webp)?$/;

/** The sha256 inside a storage key, or null if the key is not content-addressed. */
export function shaFromKey(key: string): string | null {
  return SHA_IN_KEY.exec(key)?.[1] ?? null;
}

export function imageUrl(projectId: string, sha256: string, size: ImageSize): string {
  return `/api/images/${encodeURIComponent(projectId)}/${sha256}/${size}`;
}

/** The URL for an asset given one of its keys; null when the key holds no sha256. */
export function imageUrlForKey(projectId: string, key: string, size: ImageSize): string | null {
  const sha = shaFromKey(key);
  return sha ? imageUrl(projectId, sha, size) : null;
}
