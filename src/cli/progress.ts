import type { ImportEvent } from "../import/importer.js";

/**
 * Import progress: on a terminal one line redrawn in place (count, rate, current file); elsewhere
 * (a log, a pipe, cron) one plain line per file, so that nothing is lost in the output.
 */
export class Progress {
  private readonly started = Date.now();
  private current = "";
  private done = 0;

  constructor(
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly interactive = stream.isTTY === true,
  ) {}

  start(path: string): void {
    this.current = path;
    if (this.interactive) this.draw();
  }

  event(event: ImportEvent): void {
    this.done = event.done;
    if (event.outcome === "failed") {
      this.clear();
      this.stream.write(`${event.path}: ${event.reason}\n`);
    } else if (event.warning !== undefined) {
      this.clear();
      this.stream.write(`${event.path}: warning: ${event.warning}\n`);
    }
    if (event.outcome !== "failed" && !this.interactive) {
      this.stream.write(`${event.outcome} #${event.documentId} ${event.path} (filing #${event.filingId})\n`);
    }
    if (this.interactive) this.draw();
  }

  finish(): void {
    this.clear();
  }

  private draw(): void {
    const seconds = (Date.now() - this.started) / 1000;
    const rate = seconds > 0 ? (this.done / seconds).toFixed(1) : "0.0";
    const width = this.stream.columns ?? 100;
    const line = `[${this.done}/${this.total}] ${rate} files/s  ${this.current}`;
    this.stream.write(`\r\x1b[2K${line.slice(0, width - 1)}`);
  }

  private clear(): void {
    if (this.interactive) this.stream.write("\r\x1b[2K");
  }
}
