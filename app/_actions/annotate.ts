"use server";

import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { submitItem } from "@/lib/followups/submit";
import { assertItemAccess } from "@/lib/projects/access";
import { claimNextItem } from "@/lib/queue/claim";
import { releaseClaim } from "@/lib/queue/release";
import type { Db } from "@/lib/db/client";
import type { SessionUser } from "@/lib/auth/roles";
import { defineAction } from "@/app/_server/action";

async function nextFor(db: Db, user: SessionUser, projectId: string) {
  const claim = await claimNextItem(db, { projectId, userId: user.id });
  return claim ? { itemId: claim.itemId, reason: claim.reason } : { itemId: null, reason: null };
}

/** "Skip": the item goes back to the queue for others, and the next one is claimed. */
export const skipItemAction = defineAction("annotate", z.object({ itemId: z.string().min(1) }), async (user, { itemId }) => {
  const db = getDb();
  const projectId = await assertItemAccess(db, user, itemId);
  await releaseClaim(db, { itemId, userId: user.id, mode: "skip" });
  return { ok: true, data: await nextFor(db, user, projectId) };
});

const submitSchema = z.object({
  itemId: z.string().min(1),
  expectedVersion: z.coerce.number().int().min(1),
  /** "queue": claim the next item of the queue once submitted. */
  next: z.enum(["queue", "none"]).default("none"),
});

/** Submit for review (refused while the lints report errors); optionally claims the next item. */
export const submitItemAction = defineAction("annotate", submitSchema, async (user, input) => {
  const db = getDb();
  const projectId = await assertItemAccess(db, user, input.itemId);
  // SubmitBlocked answers 400; VersionConflict (saved elsewhere since the editor's last save) 409, so the
  // editor fetches their version and offers the merge.
  const { version, issues } = await submitItem(db, { itemId: input.itemId, expectedVersion: input.expectedVersion, actorId: user.id }, user);
  const next = input.next === "queue" ? await nextFor(db, user, projectId) : { itemId: null, reason: null };
  return { ok: true, message: "Submitted for review.", data: { version, warnings: issues.length, nextItemId: next.itemId } };
});
