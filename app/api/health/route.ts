import { getDb } from "@/lib/db/client";

/** Liveness and database reachability, for load balancers and the e2e server start. Public, reveals nothing. */
export async function GET() {
  try {
    await getDb().user.count();
    return Response.json({ ok: true });
  } catch {
    return Response.json({ ok: false }, { status: 503 });
  }
}
