import { parentPort } from "node:worker_threads";
import { extractDetailed } from "../engine.js";
import { InputError } from "../errors.js";
import { loadFile } from "../loaders/index.js";
import { loadTokenizer, WordSplitter } from "../search/tokenizer.js";
import { prepareRecord } from "../store/write.js";
import type { ExtractJob, ExtractOutcome } from "./pool.js";

/** Every worker loads the dictionary once, and keeps its own paragraph cache. */
const splitter = new WordSplitter(await loadTokenizer());

/** A worker thread: reads and extracts the files it is sent, one at a time. */
parentPort!.on("message", async (job: ExtractJob) => {
  let outcome: ExtractOutcome;
  try {
    const document = await loadFile(job.path, { maxPages: job.maxPages });
    const { record, sources } = extractDetailed(document);
    // The rows are computed here, so that the one writing thread only writes.
    outcome = { id: job.id, ok: true, prepared: prepareRecord(record, sources, document.source.bytes, splitter) };
  } catch (error) {
    const reason = error instanceof InputError ? error.reason : `extraction failed: ${(error as Error).message}`;
    outcome = { id: job.id, ok: false, reason };
  }
  parentPort!.postMessage(outcome);
});
