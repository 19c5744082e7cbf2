import { headers } from "next/headers";
import type { z } from "zod";
import { assertSameOrigin } from "@/lib/api/request-checks";
import { ForbiddenError, UnauthenticatedError } from "@/lib/errors";
import { can, type Permission, type SessionUser } from "@/lib/auth/roles";
import { actionError, type ActionResult } from "./action-result";
import { currentUser } from "./session";

export { actionError, type ActionResult };

/**
 * Every server action goes through here: the session's user (401 without), the permission (403 without),
 * the input parsed with the concept's zod schema (400 naming the fields), then the work. Errors are
 * answered by actionError (the same status and message as a route's).
 * `run(user, input)` is exposed so tests can check the guard without a Next.js request.
 */
export function defineAction<S extends z.ZodType, T>(
  permission: Permission | "signedIn",
  schema: S,
  work: (user: SessionUser, input: z.infer<S>) => Promise<ActionResult<T>>,
) {
  const run = async (user: SessionUser | null, raw: unknown): Promise<ActionResult<T>> => {
    try {
      if (!user) throw new UnauthenticatedError();
      if (permission !== "signedIn" && !can(user, permission)) throw new ForbiddenError();
      return await work(user, schema.parse(raw));
    } catch (error) {
      return actionError(error);
    }
  };
  const action = async (_previous: unknown, formData: FormData | Record<string, unknown>) => {
    // Next.js refuses an action whose Origin is another host; this also refuses a missing Origin and a
    // same-site (other port or subdomain) Sec-Fetch-Site, like every route that writes.
    try {
      assertSameOrigin(await headers());
    } catch (error) {
      return actionError(error);
    }
    return run(await currentUser(), formData instanceof FormData ? formDataToObject(formData) : formData);
  };
  return Object.assign(action, { run, permission });
}

/** Form fields → a plain object; checkboxes arrive as "on", repeated names as arrays. */
export function formDataToObject(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("$ACTION")) continue;
    const v = typeof value === "string" ? value : value;
    if (key in out) out[key] = ([] as unknown[]).concat(out[key], v);
    else out[key] = v;
  }
  return out;
}
