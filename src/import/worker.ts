import { parentPort } from "node:worker_threads";
import { extractDetailed } from "../engine.js";
import { readFile } from "node:fs/promises";
import { InputError, NotAFilingError } from "../errors.js";
import { loadAny, loadFile } from "../loaders/index.js";
import { prepareRecord } from "../store/write.js";
import type { ExtractJob, ExtractOutcome } from "./pool.js";

/** A worker thread: reads and extracts the files it is sent, one at a time. */
parentPort!.on("message", async (job: ExtractJob) => {
  let outcome: ExtractOutcome;
  try {
    const options = { maxPages: job.maxPages };
    const document = job.source === undefined ? await loadFile(job.path, options) : await loadAny(job.source, await readFile(job.path), options);
    const { record, sources } = extractDetailed(document);
    // The rows are computed here, so that the one writing thread only writes.
    outcome = { id: job.id, ok: true, prepared: prepareRecord(record, sources, document.source.bytes) };
  } catch (error) {
    const reason = error instanceof InputError ? error.reason : `extraction failed: ${(error as Error).message}`;
    outcome = { id: job.id, ok: false, reason, notAFiling: error instanceof NotAFilingError };
  }
  parentPort!.postMessage(outcome);
});
