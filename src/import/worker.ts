import { readFile } from "node:fs/promises";
import { parentPort } from "node:worker_threads";
import { extractDetailed } from "../engine.js";
import { InputError } from "../errors.js";
import { loadAny } from "../loaders/index.js";
import { loadTokenizer, WordSplitter } from "../search/tokenizer.js";
import { prepareRecord } from "../store/write.js";
import type { ExtractJob, ExtractOutcome } from "./pool.js";

/** Every worker loads the dictionary once, and keeps its own paragraph cache. */
const splitter = new WordSplitter(await loadTokenizer());

/** A worker thread: reads and extracts the files it is sent, one at a time. */
parentPort!.on("message", async (job: ExtractJob) => {
  let outcome: ExtractOutcome;
  try {
    const bytes = await readFile(job.path).catch(() => {
      throw new InputError(job.path, "cannot be read (no such file, or no permission)");
    });
    const { record, sources } = extractDetailed(await loadAny(job.path, bytes, { maxPages: job.maxPages }));
    // The rows are computed here, so that the one writing thread only writes.
    outcome = { id: job.id, ok: true, prepared: prepareRecord(record, sources, bytes.length, splitter) };
  } catch (error) {
    const reason = error instanceof InputError ? error.reason : `extraction failed: ${(error as Error).message}`;
    outcome = { id: job.id, ok: false, reason };
  }
  parentPort!.postMessage(outcome);
});
