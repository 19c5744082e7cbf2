// The work queue's client for /api/items/claim (apart from the editor's client: the queue page loads only this).
import type { ClaimBody, ClaimResponse, ErrorResponse } from "@/lib/items/wire";

export type ClaimResult = { kind: "claimed"; claim: ClaimResponse } | { kind: "failed"; status: number; message: string | null } | { kind: "offline" };

/** The work queue's next item for the caller, held with a lease. */
export async function claimNextItem(body: ClaimBody): Promise<ClaimResult> {
  try {
    const response = await fetch("/api/items/claim", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    if (!response.ok) return { kind: "failed", status: response.status, message: ((await response.json().catch(() => ({}))) as Partial<ErrorResponse>).error ?? null };
    return { kind: "claimed", claim: (await response.json()) as ClaimResponse };
  } catch {
    return { kind: "offline" };
  }
}
