import type { Worker } from "node:worker_threads";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { WorkerPool } from "../../src/import/pool.js";

const SEEDS = join(import.meta.dirname, "..", "..", "fixtures", "seeds");

describe("the worker pool", () => {
  it("fails the file of a worker that dies, replaces the worker, and goes on", async () => {
    const pool = new WorkerPool(1);
    try {
      const [worker] = [...(pool as unknown as { all: Set<Worker> }).all];
      const first = pool.extract(join(SEEDS, "001_2bd5f50bba1c40a6.txt"));
      await worker!.terminate(); // as an out-of-memory crash would end it
      expect(await first).toMatchObject({ ok: false, reason: expect.stringMatching(/^extraction crashed: /) });
      expect(await pool.extract(join(SEEDS, "003_8b54a26bb57bd2b2.txt"))).toMatchObject({ ok: true });
    } finally {
      await pool.close();
    }
  });

  it("gives up a file that takes longer than the time limit, and goes on with a new worker", async () => {
    // The worker loads its dictionary before it reads any message: 50 ms is never enough.
    const pool = new WorkerPool(1, 50);
    try {
      expect(await pool.extract(join(SEEDS, "001_2bd5f50bba1c40a6.txt"))).toEqual({
        id: 0, ok: false, reason: "extraction took longer than 0.05 s: given up",
      });
      // The stopped worker has been replaced by a fresh one, idle and ready for the next file.
      const internals = pool as unknown as { all: Set<Worker>; idle: Worker[] };
      expect([internals.all.size, internals.idle.length]).toEqual([1, 1]);
    } finally {
      await pool.close();
    }
  });
});
