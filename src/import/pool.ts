import { Worker } from "node:worker_threads";
import type { FieldSource } from "../../extractors/index.js";
import type { PiaRecord } from "../record/schema.js";

/** What the importer asks of a worker, and what it answers. */
export interface ExtractJob {
  id: number;
  path: string;
}

export type ExtractOutcome =
  | { id: number; ok: true; record: PiaRecord; sources: [string, FieldSource][]; bytes: number }
  | { id: number; ok: false; reason: string };

/**
 * A fixed set of worker threads that extract files. Each worker takes one job at a time;
 * callers limit how many jobs are in flight (p-queue with the pool's size).
 */
export class WorkerPool {
  private readonly idle: Worker[] = [];
  private readonly all: Worker[] = [];
  private readonly pending = new Map<number, (outcome: ExtractOutcome) => void>();
  private nextId = 0;

  constructor(readonly size: number) {
    const script = new URL("./worker.js", import.meta.url);
    for (let i = 0; i < size; i++) {
      const worker = new Worker(script);
      worker.on("message", (outcome: ExtractOutcome) => {
        this.idle.push(worker);
        const resolve = this.pending.get(outcome.id);
        this.pending.delete(outcome.id);
        resolve?.(outcome);
      });
      this.all.push(worker);
      this.idle.push(worker);
    }
  }

  extract(path: string): Promise<ExtractOutcome> {
    const worker = this.idle.pop();
    if (!worker) throw new Error("no idle worker: run at most `size` jobs at once");
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      worker.postMessage({ id, path } satisfies ExtractJob);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.all.map((w) => w.terminate()));
  }
}
