// Long CLI work that Ctrl-C stops cleanly: SIGINT aborts the work's signal (the work stops at its next
// check, leaving what it says it leaves), the command says so and exits 130; the handler is removed after.
export async function runInterruptibly(work: (signal: AbortSignal) => Promise<number>, onInterrupted: () => string): Promise<number> {
  const controller = new AbortController();
  const interrupt = () => controller.abort(new Error("interrupted"));
  process.once("SIGINT", interrupt);
  try {
    return await work(controller.signal);
  } catch (error) {
    if (!controller.signal.aborted) throw error;
    console.error(`\n${onInterrupted()}`);
    return 130;
  } finally {
    process.off("SIGINT", interrupt);
  }
}
