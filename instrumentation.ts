/**
 * Runs once when a server process starts (Next.js instrumentation), before it serves requests:
 * - the costs a first request would otherwise pay (Prisma's query compiler, the database file, the sign-in's
 *   fixed bcrypt hash) are paid here instead;
 * - this instance's job worker starts (lib/jobs; not with SRT_WORKER=off): it runs queued exports and other
 *   background jobs, and takes over those whose worker died once their lease runs out.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME && process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const [{ getDb }, { warmDb }, { warmPasswordHashing }, { startServerWorker }] = await Promise.all([
    import("./lib/db/client"),
    import("./lib/db/warm-up"),
    import("./lib/auth/password"),
    import("./lib/jobs/server-worker"),
  ]);
  try {
    await Promise.all([warmDb(getDb()), warmPasswordHashing()]);
  } catch (error) {
    // The database may be briefly unreachable; the first request tries again.
    console.error("warm-up at server start failed", error);
  }
  try {
    // Returns at once; a database that is briefly unreachable only delays the first claim (it polls).
    startServerWorker();
  } catch (error) {
    console.error("job worker: could not start at server start-up", error);
  }
}
