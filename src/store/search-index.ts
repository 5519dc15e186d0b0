import { foldedOrNull } from "../search/fold.js";
import type { DB } from "./db.js";
import { fieldChunks, refold } from "./migration4.js";

/** The full-text index's upkeep beyond its triggers (src/store/migration4.ts): rebuild and check. */

export function rebuildSearchIndex(db: DB): { fields: number; refolded: number; seconds: number } {
  const started = performance.now();
  const result = db.transaction(() => {
    const refolded = refold(db);
    db.exec("INSERT INTO fields_fts (fields_fts) VALUES ('rebuild')");
    return { refolded, fields: Number(db.prepare("SELECT count(*) FROM fields").pluck().get()) };
  }).immediate();
  db.exec("INSERT INTO fields_fts (fields_fts) VALUES ('optimize')");
  return { ...result, seconds: (performance.now() - started) / 1000 };
}

/** Whether the index holds exactly the fields' text, and how many folded forms no longer fit their values. */
export function checkSearchIndex(db: DB): { ok: boolean; error: string | null; staleFolded: number } {
  let error: string | null = null;
  try {
    // rank = 1: compare the index with the content table too, not only its own structure.
    db.prepare("INSERT INTO fields_fts (fields_fts, rank) VALUES ('integrity-check', 1)").run();
  } catch (e) {
    error = (e as Error).message;
  }
  let staleFolded = 0;
  for (const rows of fieldChunks(db)) for (const row of rows) if (foldedOrNull(row.value) !== row.folded) staleFolded++;
  return { ok: error === null, error, staleFolded };
}
