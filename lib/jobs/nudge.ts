// In-process wake-up: after a job is queued, this process's worker looks for it at once instead of at
// its next poll. Kept on globalThis: Next.js may load this module once per route bundle.
type Listener = () => void;
const state = globalThis as unknown as { srtJobListeners?: Set<Listener> };
const listeners = (state.srtJobListeners ??= new Set<Listener>());

export function onJobQueued(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Call after the transaction that queued a job committed. */
export function nudgeWorkers(): void {
  for (const listener of listeners) listener();
}
