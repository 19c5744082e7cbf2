// Keyset cursors: the last row's sort value and id, opaque to clients (base64url JSON).
import { z } from "zod";

/** "relevance": best match first, only with a text query (lib/items/search-list.ts). */
export type SortKey = "created" | "updated" | "relevance";

const cursorSchema = z.union([
  z.object({ s: z.literal("created"), id: z.string().min(1) }),
  z.object({ s: z.literal("updated"), id: z.string().min(1), v: z.iso.datetime() }),
  z.object({ s: z.literal("relevance"), id: z.string().min(1), v: z.number().finite() }),
]);
export type Cursor = z.infer<typeof cursorSchema>;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

/** Throws a ZodError on the `cursor` field for anything that is not a cursor of this sort. */
export function decodeCursor(value: string, sort: SortKey): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
  } catch {
    parsed = null;
  }
  const result = cursorSchema.safeParse(parsed);
  if (!result.success || result.data.s !== sort) {
    throw new z.ZodError([{ code: "custom", path: ["cursor"], message: "not a cursor for this listing (start again from the first page)", input: value }]);
  }
  return result.data;
}
