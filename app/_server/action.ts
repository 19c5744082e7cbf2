import { ZodError, type z } from "zod";
import { ForbiddenError, UnauthenticatedError } from "@/lib/auth/errors";
import { can, type Permission, type SessionUser } from "@/lib/auth/roles";
import { currentUser } from "./session";

/** What a form's server action returns to the page: a message, or errors by field. */
export type ActionResult<T = unknown> =
  | { ok: true; message?: string; data?: T }
  | { ok: false; error: string; fieldErrors?: Record<string, string>; status: 400 | 401 | 403 | 409 };

/**
 * Every server action goes through here: the session's user (401 without), the permission (403 without),
 * the input parsed with the concept's zod schema (400 naming the fields), then the work.
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
  const action = async (_previous: unknown, formData: FormData | Record<string, unknown>) =>
    run(await currentUser(), formData instanceof FormData ? formDataToObject(formData) : formData);
  return Object.assign(action, { run, permission });
}

export function actionError(error: unknown): ActionResult<never> {
  if (error instanceof UnauthenticatedError) return { ok: false, error: error.message, status: 401 };
  if (error instanceof ForbiddenError) return { ok: false, error: error.message, status: 403 };
  if (error instanceof ZodError) {
    const fieldErrors = Object.fromEntries(error.issues.map((i) => [i.path.join(".") || "form", i.message]));
    return { ok: false, error: Object.entries(fieldErrors).map(([f, m]) => `${f}: ${m}`).join("; "), fieldErrors, status: 400 };
  }
  if (error instanceof Error && error.name === "VersionConflict") return { ok: false, error: error.message, status: 409 };
  if (error instanceof Error && /^[a-zA-Z.]+: /.test(error.message)) {
    const [field] = error.message.split(":");
    return { ok: false, error: error.message, fieldErrors: { [field]: error.message.slice(field.length + 2) }, status: 400 };
  }
  console.error(error);
  return { ok: false, error: error instanceof Error ? error.message : "Something went wrong", status: 400 };
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
