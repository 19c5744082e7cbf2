// "N follow-ups from M items match": what an export with these parameters would write, counted by the
// database with the same selection the export itself uses (one aggregate query, no rows read out).
import type { Db } from "../db/client";
import { parseExportParams } from "./schemas";
import { selectedItems } from "./selection";

export interface ExportMatchCount {
  /** Follow-ups of the selected items: one record each. */
  records: number;
  /** Selected items that have at least one follow-up. */
  items: number;
}

/** Throws a ZodError naming the field when the parameters are not valid. */
export async function countExportMatches(db: Pick<Db, "$queryRaw">, projectId: string, paramsInput: unknown): Promise<ExportMatchCount> {
  const params = parseExportParams(paramsInput);
  const where = selectedItems(projectId, params.filters, params.variant);
  const [row] = await db.$queryRaw<{ records: number | bigint | null; items: number | bigint | null }[]>`
    SELECT COUNT(*) AS "records", COUNT(DISTINCT i."id") AS "items"
    FROM "Item" i JOIN "FollowUp" f ON f."itemId" = i."id"
    WHERE ${where}`;
  return { records: Number(row?.records ?? 0), items: Number(row?.items ?? 0) };
}
