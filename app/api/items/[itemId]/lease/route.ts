import { bodyRules } from "@/lib/api/request-checks";
import { ItemNotFound } from "@/lib/followups/errors";
import { holdResponseSchema, releaseQuerySchema, releaseResponseSchema, wireJson } from "@/lib/items/wire";
import { assertItemAccess } from "@/lib/projects/access";
import { holdItem } from "@/lib/queue/hold";
import { releaseClaim } from "@/lib/queue/release";
import { defineRoute } from "@/app/_server/define-route";

type Params = { itemId: string };

/** The editor is open: take the item if it is free, or extend the lease the user holds. */
export const POST = defineRoute<Params>("annotate", async (_request, { user, db, params }) => {
  await assertItemAccess(db, user, params.itemId);
  const hold = await holdItem(db, { itemId: params.itemId, userId: user.id });
  if (!hold) throw new ItemNotFound(params.itemId);
  if (hold.held) return wireJson(holdResponseSchema, { held: true, how: hold.how, leaseExpiresAt: hold.leaseExpiresAt?.toISOString() ?? null });
  const holder = hold.holderId ? await db.user.findUnique({ where: { id: hold.holderId }, select: { name: true } }) : null;
  return wireJson(holdResponseSchema, { ...hold, holderName: holder?.name ?? null });
}, { body: bodyRules.none });

/** The editor is closing (sent with keepalive): give the item back (?mode=leave) or skip it (?mode=skip). */
export const DELETE = defineRoute<Params>("annotate", async (request, { user, db, params }) => {
  await assertItemAccess(db, user, params.itemId);
  const { mode } = releaseQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const released = await releaseClaim(db, { itemId: params.itemId, userId: user.id, mode });
  return wireJson(releaseResponseSchema, { released });
}, { body: bodyRules.none });
