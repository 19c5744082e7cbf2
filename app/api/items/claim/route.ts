import { bodyRules, bodyTooLargeIn } from "@/lib/api/request-checks";
import { claimBodySchema, claimResponseSchema, wireJson } from "@/lib/items/wire";
import { assertProjectAccess } from "@/lib/projects/access";
import { claimNextItem } from "@/lib/queue/claim";
import { defineRoute } from "@/app/_server/define-route";

/**
 * The work queue's next item for the caller ("Start annotating", scripts with an API token): held for
 * them with a lease, atomically (never handed to two people). `itemId` is null when the queue is empty.
 */
export const POST = defineRoute("annotate", async (request, { user, db }) => {
  let body: unknown;
  try {
    body = await request.json();
  } catch (error) {
    if (bodyTooLargeIn(error)) throw error;
    body = null;
  }
  const { projectId } = claimBodySchema.parse(body);
  await assertProjectAccess(db, user, projectId);
  const claim = await claimNextItem(db, { projectId, userId: user.id });
  return wireJson(claimResponseSchema, claim ? { itemId: claim.itemId, reason: claim.reason, status: claim.status, leaseExpiresAt: claim.leaseExpiresAt.toISOString() } : { itemId: null });
}, { body: bodyRules.json(4 * 1024) });
