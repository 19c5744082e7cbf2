/**
 * A counting semaphore. Imports use one to keep exactly N images in the CPU-heavy decode/encode step
 * while other images are being read, stored or committed, so I/O waits never leave a core idle.
 */
export class Semaphore {
  private available: number;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new Error(`semaphore size must be a positive whole number, got ${size}`);
    this.available = size;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.available > 0) this.available--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next(); // hand the slot straight over
      else this.available++;
    }
  }
}
