/**
 * A progress bar on stderr for long CLI work: done/total, rate, ETA. On a terminal it redraws one
 * line; elsewhere (CI logs, pipes) it prints a line at most every few seconds.
 */
export class ProgressBar {
  private readonly started = Date.now();
  private lastDraw = 0;
  private done = 0;

  constructor(
    private readonly label: string,
    private total: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  setTotal(total: number) {
    this.total = total;
  }

  /** Progress reported as (done, total), the way jobs report it. */
  show(done: number, total: number) {
    this.total = total;
    this.update(done);
  }

  tick(count = 1) {
    this.update(this.done + count);
  }

  update(done: number) {
    this.done = done;
    const now = Date.now();
    const interval = this.stream.isTTY ? 100 : 5000;
    if (now - this.lastDraw >= interval || done >= this.total) {
      this.lastDraw = now;
      this.draw();
    }
  }

  finish() {
    this.draw();
    if (this.stream.isTTY) this.stream.write("\n");
  }

  line(): string {
    const seconds = Math.max((Date.now() - this.started) / 1000, 0.001);
    const rate = this.done / seconds;
    const fraction = this.total > 0 ? Math.min(this.done / this.total, 1) : 0;
    const width = 24;
    const filled = Math.round(fraction * width);
    const bar = "█".repeat(filled) + "░".repeat(width - filled);
    const eta = rate > 0 && this.total > this.done ? formatSeconds((this.total - this.done) / rate) : "0s";
    return `${this.label} ${bar} ${this.done}/${this.total} ${(fraction * 100).toFixed(0)}% · ${rate.toFixed(1)}/s · ETA ${eta}`;
  }

  private draw() {
    this.stream.write(this.stream.isTTY ? `\r\x1b[2K${this.line()}` : `${this.line()}\n`);
  }
}

export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)}s`;
  const m = Math.floor(seconds / 60);
  if (m < 60) return `${m}m${Math.round(seconds % 60)}s`;
  return `${Math.floor(m / 60)}h${m % 60}m`;
}

/** Renders rows as an aligned text table (for summaries). */
export function table(rows: (string | number)[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i] ?? "").length)));
  return rows.map((r) => r.map((cell, i) => String(cell ?? "").padEnd(widths[i])).join("  ").trimEnd()).join("\n");
}
