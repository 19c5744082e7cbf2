import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { loadSessionUser } from "@/lib/auth/credentials";
import { can, type Permission, type SessionUser } from "@/lib/auth/roles";
import { getDb } from "@/lib/db/client";
import { authOptions } from "./auth-options";

/**
 * The signed-in user (re-read from the database: disabled accounts and role changes apply at once).
 * Once per request: the layouts, the page and its metadata all ask (outside a render, cache() is a no-op).
 */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions);
  const user = session?.user as { id?: string; sv?: number } | undefined;
  return loadSessionUser(getDb(), user?.id, user?.sv ?? null);
});

/** For pages: redirects to /signin without a session; renders the 403 page without the permission. */
export async function requirePageUser(permission?: Permission): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect("/signin");
  if (permission && !can(user, permission)) forbidden();
  return user;
}
