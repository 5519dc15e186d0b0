import type { Worker } from "node:worker_threads";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { WorkerPool } from "../src/import/pool.js";

const SEEDS = join(import.meta.dirname, "..", "fixtures", "seeds");

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
});
