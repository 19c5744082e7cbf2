// Who wrote a follow-up's rationale: HUMAN, MODEL ("Draft with model", unedited) or MODEL_EDITED.
// "Draft with model" hands the browser a seal (an HMAC of the drafted evidence and response, keyed with
// the server's secret key); on save the server recomputes the origin from the seal and the stored row, so
// the mark cannot be set by hand and an edit is never missed.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { DraftOrigin } from "./draft-origin-labels";
import { secretKey } from "./secret";

const digest = (evidence: string, response: string, key: Buffer) =>
  createHmac("sha256", key).update(`model draft v1\u0000${evidence.trim()}\u0000${response.trim()}`).digest("base64url");

export function sealDraft(evidence: string, response: string, key: Buffer = secretKey()): string {
  return digest(evidence, response, key);
}

export function sealMatches(seal: string, evidence: string, response: string, key: Buffer = secretKey()): boolean {
  const expected = Buffer.from(digest(evidence, response, key));
  const given = Buffer.from(seal);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The origin to store when a follow-up is saved. `stored` is the row before (absent for a new one);
 * `incoming` the saved fields and the seal the browser kept from "Draft with model", if any.
 */
export function originOnSave(
  stored: { draftOrigin: DraftOrigin; evidence: string; response: string } | undefined,
  incoming: { evidence: string; response: string; modelSeal?: string | null },
  key?: Buffer,
): DraftOrigin {
  // The key is derived only when there is a seal to check (most saves have none).
  if (incoming.modelSeal) return sealMatches(incoming.modelSeal, incoming.evidence, incoming.response, key ?? secretKey()) ? "MODEL" : "MODEL_EDITED";
  if (!stored || stored.draftOrigin === "HUMAN") return "HUMAN";
  const unchanged = stored.evidence.trim() === incoming.evidence.trim() && stored.response.trim() === incoming.response.trim();
  return unchanged ? stored.draftOrigin : "MODEL_EDITED";
}
