import { BodyTooLarge } from "@/lib/api/http";

function tooLargeOf(error: unknown): BodyTooLarge | null {
  if (error instanceof BodyTooLarge) return error;
  const cause = (error as { cause?: unknown } | null)?.cause;
  return cause instanceof BodyTooLarge ? cause : null;
}

/** Reading a limited body failed because it was over the limit (the error may wrap it as its cause). */
export const isTooLarge = (error: unknown) => tooLargeOf(error) !== null;

/** For `.catch()` on body reading: a body over the limit becomes 413 naming `body`; anything else is rethrown. */
export function tooLargeResponse(error: unknown): Response {
  const tooLarge = tooLargeOf(error);
  if (!tooLarge) throw error;
  return Response.json({ error: tooLarge.message, issues: [{ field: "body", message: tooLarge.message.replace(/^body: /, "") }] }, { status: 413 });
}
