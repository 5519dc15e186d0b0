import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { PreparedRecord } from "../store/write.js";

/** What the importer asks of a worker, and what it answers. */
export interface ExtractJob {
  id: number;
  path: string;
  maxPages?: number;
  /** The name the filing is recorded under, when not its path (a crawl's URL for a file in raw/). */
  source?: string;
}

export type ExtractOutcome =
  | { id: number; ok: true; prepared: PreparedRecord }
  | { id: number; ok: false; reason: string; notAFiling?: boolean };

/** How long one file may take to extract (a 500-page PDF takes about 10 s on one core). */
export const DEFAULT_JOB_TIMEOUT_MS = 300_000;

/** The worker's compiled script (the tests run this module from its TypeScript source). */
function workerScript(): URL | string {
  const here = fileURLToPath(import.meta.url);
  return here.endsWith(".ts") ? join(dirname(here), "..", "..", "dist", "src", "import", "worker.js") : new URL("./worker.js", import.meta.url);
}

/**
 * A fixed set of worker threads that extract files. Each worker takes one job at a time;
 * callers limit how many jobs are in flight (p-queue with the pool's size).
 */
export class WorkerPool {
  private readonly idle: Worker[] = [];
  private readonly all = new Set<Worker>();
  private readonly pending = new Map<number, (outcome: ExtractOutcome) => void>();
  /** Each busy worker's job, its time limit, and why it was stopped (when it was). */
  private readonly busy = new Map<Worker, { id: number; timer: NodeJS.Timeout; stoppedBecause: string | null }>();
  private nextId = 0;
  private closing = false;

  /**
   * @param jobTimeoutMs a job still running after this is given up: its worker is stopped (a PDF
   *   that sends pdf.js into a loop must not hang a nightly crawl that holds its lock) and replaced.
   */
  constructor(
    readonly size: number,
    private readonly jobTimeoutMs: number = DEFAULT_JOB_TIMEOUT_MS,
  ) {
    for (let i = 0; i < size; i++) this.idle.push(this.spawn());
  }

  private spawn(): Worker {
    const worker = new Worker(workerScript());
    worker.on("message", (outcome: ExtractOutcome) => {
      this.release(worker);
      this.idle.push(worker);
      this.settle(outcome.id, outcome);
    });
    // A worker that dies (out of memory on a huge PDF, a crash in a library) takes its job with
    // it: that file fails, a new worker takes the dead one's place, and the batch goes on.
    const replace = (cause: string) => {
      if (!this.all.delete(worker)) return;
      const job = this.release(worker);
      const at = this.idle.indexOf(worker);
      if (at >= 0) this.idle.splice(at, 1);
      if (job) this.settle(job.id, { id: job.id, ok: false, reason: job.stoppedBecause ?? `extraction crashed: ${cause}` });
      if (!this.closing) this.idle.push(this.spawn());
    };
    worker.on("error", (error) => replace(error.message));
    worker.on("exit", (code) => replace(`the worker stopped (exit code ${code})`));
    this.all.add(worker);
    return worker;
  }

  private settle(id: number, outcome: ExtractOutcome): void {
    const resolve = this.pending.get(id);
    this.pending.delete(id);
    resolve?.(outcome);
  }

  extract(path: string, maxPages?: number, source?: string): Promise<ExtractOutcome> {
    const worker = this.idle.pop();
    if (!worker) throw new Error("no idle worker: run at most `size` jobs at once");
    const id = this.nextId++;
    const job = {
      id,
      stoppedBecause: null as string | null,
      timer: setTimeout(() => {
        job.stoppedBecause = `extraction took longer than ${this.jobTimeoutMs / 1000} s: given up`;
        void worker.terminate();
      }, this.jobTimeoutMs),
    };
    this.busy.set(worker, job);
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      worker.postMessage({ id, path, maxPages, source } satisfies ExtractJob);
    });
  }

  /** The worker is no longer busy: its job (if it had one), with the time limit cleared. */
  private release(worker: Worker) {
    const job = this.busy.get(worker);
    if (job) clearTimeout(job.timer);
    this.busy.delete(worker);
    return job;
  }

  async close(): Promise<void> {
    this.closing = true;
    for (const job of this.busy.values()) clearTimeout(job.timer); // their jobs still end, as crashed
    await Promise.all([...this.all].map((w) => w.terminate()));
  }
}
