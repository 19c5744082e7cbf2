/**
 * Runs once when a server process starts (Next.js instrumentation), before it serves requests:
 * - the costs a first request would otherwise pay (Prisma's query compiler, the database file, the sign-in's
 *   fixed bcrypt hash) are paid here instead;
 * - the export runner starts here, so exports a crash or restart left RUNNING are marked FAILED (interrupted)
 *   and queued ones run at once — not only when someone opens the export page.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME && process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const [{ getDb }, { warmDb }, { warmPasswordHashing }, { exportRunner }] = await Promise.all([
    import("./lib/db/client"),
    import("./lib/db/warm-up"),
    import("./lib/auth/password"),
    import("./lib/export/runner"),
  ]);
  try {
    await Promise.all([warmDb(getDb()), warmPasswordHashing()]);
  } catch (error) {
    // The database may be briefly unreachable; the first request tries again.
    console.error("warm-up at server start failed", error);
  }
  try {
    await exportRunner();
  } catch (error) {
    // The database may be briefly unreachable; the first export page or API call tries again.
    console.error("export runner: could not start at server start-up", error);
  }
}
