/**
 * Runs once when a server process starts (Next.js instrumentation), before it serves requests: the
 * export runner starts here, so exports a crash or restart left RUNNING are marked FAILED (interrupted)
 * and queued ones run at once — not only when someone opens the export page.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME && process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { exportRunner } = await import("./lib/export/runner");
  try {
    await exportRunner();
  } catch (error) {
    // The database may be briefly unreachable; the first export page or API call tries again.
    console.error("export runner: could not start at server start-up", error);
  }
}
