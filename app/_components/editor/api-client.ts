// The editor's client for /api/items/[itemId] and its lease (the queue's claim is in ./claim-client): the body types come from lib/items/wire (types only, so no zod
// in the browser bundle), and every answer is turned into a result the editor can switch on.
import type { ItemSnapshot } from "@/lib/followups/editor-draft";
import type { LintIssue } from "@/lib/lints/types";
import type {
  ErrorResponse,
  GetItemResponse,
  HoldResponse,
  NotEditableResponse,
  ReleaseMode,
  SaveItemBody,
  SaveItemResponse,
  VersionConflictResponse,
} from "@/lib/items/wire";

export type SaveResult =
  | { kind: "saved"; item: ItemSnapshot; issues: LintIssue[] }
  /** Someone saved meanwhile: their version. */
  | { kind: "conflict"; current: ItemSnapshot }
  | { kind: "notEditable"; status: string | null; message: string }
  | { kind: "failed"; status: number; message: string | null }
  /** No answer at all (offline, or the request was cut). */
  | { kind: "offline" };

/** keepalive bodies are limited to 64 kB; a larger draft stays in the browser backup. */
const KEEPALIVE_MAX = 60_000;

/** The JSON body of an answer, or {} when it has none (an empty or non-JSON body). */
async function bodyOf<T>(response: Response): Promise<Partial<T>> {
  return (await response.json().catch(() => ({}))) as Partial<T>;
}

const itemUrl = (itemId: string) => `/api/items/${encodeURIComponent(itemId)}`;

/** Autosave: writes the draft if the item is still at `expectedVersion`. */
export async function saveItem(itemId: string, body: SaveItemBody, options: { keepalive?: boolean } = {}): Promise<SaveResult> {
  const text = JSON.stringify(body);
  let response: Response;
  try {
    response = await fetch(itemUrl(itemId), {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: text,
      keepalive: (options.keepalive ?? false) && text.length < KEEPALIVE_MAX,
    });
  } catch {
    return { kind: "offline" };
  }
  if (response.ok) {
    const json = await bodyOf<SaveItemResponse>(response);
    if (json.item) return { kind: "saved", item: json.item, issues: json.issues ?? [] };
    return { kind: "failed", status: response.status, message: null };
  }
  const json = await bodyOf<VersionConflictResponse & NotEditableResponse & ErrorResponse>(response);
  if (response.status === 409 && json.current) return { kind: "conflict", current: json.current };
  if (response.status === 409) return { kind: "notEditable", status: json.status ?? null, message: json.error ?? "The item can no longer be edited." };
  return { kind: "failed", status: response.status, message: json.error ?? null };
}

/** The item as stored now; null when it cannot be read. */
export async function fetchItem(itemId: string): Promise<ItemSnapshot | null> {
  try {
    const response = await fetch(itemUrl(itemId));
    if (!response.ok) return null;
    return (await bodyOf<GetItemResponse>(response)).item ?? null;
  } catch {
    return null;
  }
}

/** Take the item if it is free, or renew the lease held on it; null when there was no answer. */
export async function holdItem(itemId: string): Promise<HoldResponse | null> {
  try {
    const response = await fetch(`${itemUrl(itemId)}/lease`, { method: "POST" });
    return response.ok ? ((await response.json()) as HoldResponse) : null;
  } catch {
    return null;
  }
}

/** Give the item back (sent with keepalive, so it also works while the page unloads). */
export function releaseItem(itemId: string, mode: ReleaseMode = "leave"): void {
  void fetch(`${itemUrl(itemId)}/lease?mode=${mode}`, { method: "DELETE", keepalive: true }).catch(() => undefined);
}
