import PQueue from "p-queue";
import { availableParallelism } from "node:os";
import type { DB } from "../store/db.js";
import { recordImportError, storePrepared, type StoreOutcome } from "../store/write.js";
import { judgeQuality } from "../record/quality.js";
import { WorkerPool } from "./pool.js";

export interface ImportEvent {
  path: string;
  outcome: StoreOutcome | "failed";
  reason?: string;
  documentId?: number;
  /** The filing the document belongs to (filings.id). */
  filingId?: number;
  /** Stored, but read poorly (src/record/quality.ts). */
  warning?: string;
  done: number;
  total: number;
}

export interface ImportSummary {
  files: number;
  /** Documents of filings not stored before. */
  imported: number;
  /** Bytes already stored (seen again, perhaps at another path). */
  unchanged: number;
  /** Documents that are a new version (a new 公表日) of a stored filing. */
  newVersions: number;
  /** Other renderings of a stored version (the same filing and 公表日, other bytes). */
  newRenderings: number;
  failed: number;
  /** Stored, but with a low quality.coverage (each also reported by its event). */
  lowQuality: number;
  seconds: number;
  bytes: number;
  errors: { path: string; reason: string }[];
}

export interface ImportOptions {
  /** Worker threads that extract; the writes stay on this thread, one transaction per filing. */
  workers?: number;
  onEvent?: (event: ImportEvent) => void;
  /** A PDF with more pages is refused (see src/loaders/pdf.ts). */
  maxPages?: number;
  /** One file's extraction is given up after this (default: DEFAULT_JOB_TIMEOUT_MS). */
  extractTimeoutMs?: number;
  /** Called before a file is extracted (for a progress display of the current file). */
  onStart?: (path: string) => void;
  /** A filing whose quality.coverage is below this (0–1) fails instead of being stored. */
  minQuality?: number;
}

const SUMMARY_COUNT = { imported: "imported", unchanged: "unchanged", "new-version": "newVersions", "new-rendering": "newRenderings" } as const;

export function defaultWorkers(): number {
  return Math.max(1, Math.min(availableParallelism(), 8));
}

/**
 * Import files: extraction in parallel on worker threads (p-queue over the pool), each record
 * stored in its own transaction as it arrives. A bad file is recorded in import_errors and the
 * batch goes on.
 */
export async function importFiles(db: DB, paths: string[], options: ImportOptions = {}): Promise<ImportSummary> {
  const started = process.hrtime.bigint();
  const summary: ImportSummary = { files: paths.length, imported: 0, unchanged: 0, newVersions: 0, newRenderings: 0, failed: 0, lowQuality: 0, seconds: 0, bytes: 0, errors: [] };
  if (paths.length === 0) return summary; // no worker (and no dictionary load) for nothing
  const workers = Math.max(1, Math.min(options.workers ?? defaultWorkers(), paths.length));
  const pool = new WorkerPool(workers, options.extractTimeoutMs);
  const queue = new PQueue({ concurrency: workers });
  let done = 0;
  const fail = (path: string, reason: string) => {
    recordImportError(db, path, reason);
    summary.failed++;
    summary.errors.push({ path, reason });
    options.onEvent?.({ path, outcome: "failed", reason, done: ++done, total: paths.length });
  };
  // Records are written in the order of `paths`, whatever order the workers finish in, so that
  // the same batch always gives the same ids. A task holds its queue slot until its turn, which
  // bounds the records waiting in memory to the number of workers.
  let turn: Promise<void> = Promise.resolve();
  try {
    await Promise.all(
      paths.map((path) =>
        queue.add(async () => {
          const previousTurn = turn;
          let release!: () => void;
          turn = new Promise((resolve) => (release = resolve));
          try {
            options.onStart?.(path);
            const result = await pool.extract(path, options.maxPages);
            await previousTurn;
            if (!result.ok) return fail(path, result.reason);
            const verdict = judgeQuality(result.prepared.quality, options.minQuality);
            if (verdict.level === "refused") return fail(path, verdict.message);
            try {
              const stored = storePrepared(db, result.prepared);
              summary.bytes += result.prepared.bytes;
              summary[SUMMARY_COUNT[stored.outcome]]++;
              // Bytes already stored were reported when they were stored.
              const low = verdict.level === "low" && stored.outcome !== "unchanged";
              if (low) summary.lowQuality++;
              const warning = low ? { warning: verdict.message } : {};
              options.onEvent?.({ path, outcome: stored.outcome, documentId: stored.documentId, filingId: stored.filingId, ...warning, done: ++done, total: paths.length });
            } catch (error) {
              fail(path, `not stored: ${(error as Error).message}`);
            }
          } finally {
            release();
          }
        }),
      ),
    );
  } finally {
    await pool.close();
  }
  summary.seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return summary;
}
