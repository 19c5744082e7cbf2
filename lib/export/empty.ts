// An export whose filters match no follow-up would write an archive of empty files: almost always a
// mistake (a wrong status or tag). It is refused unless the person confirms it (allowEmpty / --allow-empty).
import { z } from "zod";
import type { Db } from "../db/client";
import { InvalidInputError } from "../errors";
import type { ExportParams } from "./schemas";
import { countExportMatches, type ExportMatchCount } from "./summary";

export const EMPTY_EXPORT_MESSAGE =
  "No follow-up matches these filters, so the export would be empty. Change the statuses, tags or minimum score, or confirm an empty export (allowEmpty: true; CLI: --allow-empty).";

/** The confirmation as the API and forms send it, beside the export parameters. */
export const allowEmptySchema = z.boolean("allowEmpty must be true or false").default(false);

/** 400 on field "allowEmpty": the parameters select nothing and the empty export was not confirmed. */
export class EmptyExportError extends InvalidInputError {
  constructor() {
    super("allowEmpty", EMPTY_EXPORT_MESSAGE, { details: { records: 0 } });
  }
}

/** Counts what the parameters select; throws EmptyExportError when that is nothing and `allowEmpty` is not set. */
export async function refuseEmptyExport(db: Pick<Db, "$queryRaw">, projectId: string, params: ExportParams, allowEmpty: boolean): Promise<ExportMatchCount> {
  const matches = await countExportMatches(db, projectId, params);
  if (matches.records === 0 && !allowEmpty) throw new EmptyExportError();
  return matches;
}
