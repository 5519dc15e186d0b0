import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { PreparedRecord } from "../store/write.js";

/** What the importer asks of a worker, and what it answers. */
export interface ExtractJob {
  id: number;
  path: string;
  maxPages?: number;
}

export type ExtractOutcome =
  | { id: number; ok: true; prepared: PreparedRecord }
  | { id: number; ok: false; reason: string };

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
  private readonly all: Worker[] = [];
  private readonly pending = new Map<number, (outcome: ExtractOutcome) => void>();
  private readonly busy = new Map<Worker, number>();
  private nextId = 0;

  constructor(readonly size: number) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(workerScript());
      worker.on("message", (outcome: ExtractOutcome) => {
        this.busy.delete(worker);
        this.idle.push(worker);
        const resolve = this.pending.get(outcome.id);
        this.pending.delete(outcome.id);
        resolve?.(outcome);
      });
      // A worker that dies takes its job with it: that file fails, the batch goes on without it.
      worker.on("error", (error) => {
        const id = this.busy.get(worker);
        this.busy.delete(worker);
        if (id === undefined) return;
        const resolve = this.pending.get(id);
        this.pending.delete(id);
        resolve?.({ id, ok: false, reason: `extraction crashed: ${error.message}` });
      });
      this.all.push(worker);
      this.idle.push(worker);
    }
  }

  extract(path: string, maxPages?: number): Promise<ExtractOutcome> {
    const worker = this.idle.pop();
    if (!worker) throw new Error("no idle worker: run at most `size` jobs at once");
    const id = this.nextId++;
    this.busy.set(worker, id);
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      worker.postMessage({ id, path, maxPages } satisfies ExtractJob);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.all.map((w) => w.terminate()));
  }
}
