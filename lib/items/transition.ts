// The one way an item's status changes. Every caller (submit, review claims and decisions, adjudication,
// admin bulk status, API, CLI) passes through transitionItems inside its own transaction: the move is
// checked against the lifecycle table (lib/items/status.ts) and the actor's role and relation to the
// item, written with a conditional UPDATE (the status it was read in), and audited in the same
// transaction. An illegal move is a ConflictError (409), a wrong actor a ForbiddenError (403): never a
// silent write.
import { recordAuditMany } from "../audit/record";
import { PERMISSIONS, type RoleName } from "../auth/roles";
import type { Db } from "../db/client";
import { lockForWriting, providerOf } from "../db/provider";
import { ConflictError, ForbiddenError, NotFoundError } from "../errors";
import { findTransition, itemStatusLabel, type ItemStatus, type TransitionActor } from "./status";

export type TransitionTx = Pick<Db, "item" | "user" | "followUp" | "asset" | "exportJob" | "auditEvent" | "$executeRaw">;

export interface TransitionRequest {
  itemIds: string[];
  to: ItemStatus;
  by: TransitionActor;
  actorId: string;
  /** Only items of this project (others are reported as missing). */
  projectId?: string;
  /** More columns to write with the status (leases, assignee, round…). */
  data?: Record<string, unknown>;
  /** More conditions the row must still meet when written (e.g. a version). */
  where?: Record<string, unknown>;
  /** Extra audit detail. */
  audit?: Record<string, unknown>;
  /**
   * "refuse" (one item: the default) throws on an illegal move; "skip" (bulk) leaves such items out
   * and reports them.
   */
  onIllegal?: "refuse" | "skip";
}

export interface TransitionResult {
  moved: { id: string; from: ItemStatus }[];
  skipped: string[];
}

const ADJUDICATORS: readonly RoleName[] = PERMISSIONS.manageProject;

/** Moves items to `req.to`. Call inside a transaction; it takes the SQLite write lock before reading. */
export async function transitionItems(tx: TransitionTx, req: TransitionRequest): Promise<TransitionResult> {
  await lockForWriting(tx, providerOf(tx));
  const ids = [...new Set(req.itemIds)];
  const actor = await tx.user.findUnique({ where: { id: req.actorId }, select: { role: true, disabled: true } });
  if (!actor || actor.disabled) throw new ForbiddenError("Your account cannot change items.");
  assertCapacity(req.by, actor.role);

  const rows = await tx.item.findMany({
    where: { id: { in: ids }, ...(req.projectId ? { projectId: req.projectId } : {}) },
    select: { id: true, status: true, submittedById: true },
  });
  const skipped = ids.filter((id) => !rows.some((r) => r.id === id));
  if (skipped.length > 0 && req.onIllegal !== "skip") throw new NotFoundError("item", skipped[0]);

  const legal: typeof rows = [];
  for (const row of rows) {
    const rule = findTransition(row.status, req.to, req.by);
    if (!rule) {
      if (req.onIllegal === "skip") skipped.push(row.id);
      else throw new IllegalTransition(row.status, req.to, req.by);
      continue;
    }
    // Claiming and deciding, not giving a claim back.
    if (req.by === "reviewer" && req.to !== "SUBMITTED") await assertNotAuthor(tx, row, req.actorId);
    legal.push(row);
  }

  // Conditional UPDATEs (the status it was read in, and req.where): a row changed since it was read is
  // never overwritten. Refusing: one UPDATE per status, and any miss throws (the transaction rolls back).
  // Skipping: one UPDATE per row, so exactly the rows this call moved are reported and audited.
  const moved: TransitionResult["moved"] = [];
  const data = { ...req.data, status: req.to, version: { increment: 1 } };
  if (req.onIllegal === "skip") {
    for (const row of legal) {
      const { count } = await tx.item.updateMany({ where: { ...req.where, id: row.id, status: row.status }, data });
      if (count === 1) moved.push({ id: row.id, from: row.status });
      else skipped.push(row.id);
    }
  } else {
    for (const from of new Set(legal.map((r) => r.status))) {
      const group = legal.filter((r) => r.status === from).map((r) => r.id);
      const { count } = await tx.item.updateMany({ where: { ...req.where, id: { in: group }, status: from }, data });
      if (count !== group.length) throw new ConflictError("The item was changed by someone else meanwhile; reload it.", { field: "status" });
      moved.push(...group.map((id) => ({ id, from })));
    }
  }

  const action = (from: ItemStatus) => findTransition(from, req.to, req.by)!.action;
  await recordAuditMany(
    tx,
    moved.map((m) => ({
      actorId: req.actorId,
      entity: "Item",
      entityId: m.id,
      action: action(m.from),
      before: { status: m.from },
      after: { status: req.to, ...req.audit },
    })),
  );
  return { moved, skipped };
}

/** One item; throws on an illegal move. Returns the status it came from. */
export async function transitionItem(tx: TransitionTx, req: Omit<TransitionRequest, "itemIds" | "onIllegal"> & { itemId: string }): Promise<ItemStatus> {
  const { itemId, ...rest } = req;
  const { moved } = await transitionItems(tx, { ...rest, itemIds: [itemId], onIllegal: "refuse" });
  return moved[0].from;
}

export class IllegalTransition extends ConflictError {
  constructor(from: ItemStatus, to: ItemStatus, by: TransitionActor) {
    super(`An item that is ${itemStatusLabel(from).toLowerCase()} cannot be moved to ${itemStatusLabel(to).toLowerCase()} by its ${by}.`, {
      field: "status",
      details: { from, to, by },
    });
  }
}

function assertCapacity(by: TransitionActor, role: RoleName) {
  const allowed: Record<TransitionActor, readonly RoleName[]> = {
    author: PERMISSIONS.annotate,
    reviewer: PERMISSIONS.review,
    adjudicator: ADJUDICATORS,
    admin: ["ADMIN"],
  };
  if (role !== "ADMIN" && !allowed[by].includes(role)) throw new ForbiddenError(`Your role cannot act as the item's ${by}.`);
}

/** A reviewer never reviews an item they submitted or wrote a follow-up of. */
export async function assertNotAuthor(tx: Pick<Db, "followUp">, item: { id: string; submittedById: string | null }, userId: string) {
  if (item.submittedById === userId || (await tx.followUp.count({ where: { itemId: item.id, authorId: userId } })) > 0) {
    throw new ForbiddenError("You wrote this item, so someone else must review it.");
  }
}
