import { ZodError } from "zod";
import { ForbiddenError, RateLimitedError, UnauthenticatedError } from "@/lib/auth/errors";
import { can, type Permission, type SessionUser } from "@/lib/auth/roles";
import { getDb, type Db } from "@/lib/db/client";
import { authenticateRequest } from "./request-auth";

export interface RouteContext<P> {
  user: SessionUser;
  db: Db;
  params: P;
}

type Handler<P> = (request: Request, context: RouteContext<P>) => Promise<Response>;

/**
 * Every route handler goes through here: authenticate (token or session) → 401, check the permission
 * → 403, then run; validation errors become 400 naming the field, ForbiddenError 403.
 */
export function defineRoute<P = Record<string, string>>(permission: Permission | "signedIn", handler: Handler<P>) {
  const route = async (request: Request, segment: { params: Promise<P> }) => {
    try {
      const db = getDb();
      const user = await authenticateRequest(db, request);
      if (!user) throw new UnauthenticatedError();
      if (permission !== "signedIn" && !can(user, permission)) throw new ForbiddenError();
      return await handler(request, { user, db, params: await segment.params });
    } catch (error) {
      return errorResponse(error);
    }
  };
  return Object.assign(route, { permission });
}

export function errorResponse(error: unknown): Response {
  if (error instanceof UnauthenticatedError) return Response.json({ error: error.message }, { status: 401 });
  if (error instanceof ForbiddenError) return Response.json({ error: error.message }, { status: 403 });
  if (error instanceof RateLimitedError) {
    return Response.json({ error: error.message }, { status: 429, headers: { "retry-after": String(error.retryAfterSeconds) } });
  }
  if (error instanceof ZodError) {
    const issues = error.issues.map((i) => ({ field: i.path.join("."), message: i.message }));
    return Response.json({ error: issues.map((i) => `${i.field || "body"}: ${i.message}`).join("; "), issues }, { status: 400 });
  }
  if (error instanceof NotFoundError) return Response.json({ error: error.message }, { status: 404 });
  console.error(error);
  return Response.json({ error: "Internal error" }, { status: 500 });
}

export class NotFoundError extends Error {}
