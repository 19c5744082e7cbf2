import { ForbiddenError, UnauthenticatedError } from "@/lib/errors";
import { can, type Permission, type SessionUser } from "@/lib/auth/roles";
import { getDb, type Db } from "@/lib/db/client";
import { errorResponse } from "./error-response";
import { authenticateRequest } from "./request-auth";

export { errorResponse };

export interface RouteContext<P> {
  user: SessionUser;
  db: Db;
  params: P;
}

type Handler<P> = (request: Request, context: RouteContext<P>) => Promise<Response>;

/**
 * Every route handler goes through here: authenticate (token or session) → 401, check the permission
 * → 403, then run; errors are answered by errorResponse (DomainError's status, ZodError 400, else 500).
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
