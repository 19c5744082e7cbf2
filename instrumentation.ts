/**
 * Runs once when a server process starts (Next.js instrumentation), before it serves requests: the costs a
 * first request would otherwise pay (Prisma's query compiler, the database file, the sign-in's fixed bcrypt
 * hash) are paid here instead.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME && process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const [{ getDb }, { warmDb }, { warmPasswordHashing }] = await Promise.all([
    import("./lib/db/client"),
    import("./lib/db/warm-up"),
    import("./lib/auth/password"),
  ]);
  try {
    await Promise.all([warmDb(getDb()), warmPasswordHashing()]);
  } catch (error) {
    // The database may be briefly unreachable; the first request tries again.
    console.error("warm-up at server start failed", error);
  }
}
