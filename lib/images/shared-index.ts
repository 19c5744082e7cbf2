// Uploads from the web arrive one file per request, often several at once for one project. Requests
// that overlap in time share one near-duplicate index, so two near-duplicates uploaded side by side
// still find each other (the index's reservations order them), and the project's hashes are read
// once per burst instead of once per file. When the last overlapping request ends, the index is
// dropped: the next burst starts from the database again and sees everything imported meanwhile.

interface Entry<I> {
  index: Promise<I>;
  users: number;
}

export class SharedIndexes<I> {
  private readonly entries = new Map<string, Entry<I>>();

  constructor(private readonly load: (key: string) => Promise<I>) {}

  /** Runs `work` with the key's shared index, loading it if no other request holds it. */
  async use<T>(key: string, work: (index: I) => Promise<T>): Promise<T> {
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { index: this.load(key), users: 0 };
      this.entries.set(key, entry);
      // A failed load is not kept: every waiting request sees the error, the next one loads afresh.
      const failed = entry;
      failed.index.catch(() => {
        if (this.entries.get(key) === failed) this.entries.delete(key);
      });
    }
    entry.users++;
    try {
      return await work(await entry.index);
    } finally {
      entry.users--;
      if (entry.users === 0 && this.entries.get(key) === entry) this.entries.delete(key);
    }
  }

  /** How many keys currently hold an index (for tests). */
  get size(): number {
    return this.entries.size;
  }
}
