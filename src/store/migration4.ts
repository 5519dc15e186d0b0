import { foldedOrNull } from "../search/fold.js";
import type { DB } from "./db.js";

/**
 * Migration 4: a full-text index that finds any piece of the text, and that other SQLite tools
 * can use. The word index (kuromoji words joined by a separator, written by pia alone) goes;
 * `fields_fts` is now FTS5's trigram index over the fields table itself (`content="fields"`,
 * as sqlite-utils and Datasette look for it), kept in step by triggers whatever tool writes.
 *
 * It indexes two generated columns of fields:
 * - `search_text`: the value, for the fields worth searching (not the source, the warnings, the
 *   quality figures or ISO dates), with two spaces after it: every one- or two-character piece of
 *   the text then begins some trigram, so a short query is a range of the index's terms
 *   (`fields_fts_terms`) instead of a scan;
 * - `search_folded`: the value with its notation variants folded (src/search/fold.ts), which pia
 *   writes into `folded` where it differs from the value.
 */

/** The paths whose values are not text a reader searches (codes, figures, pia's own notes). */
export const UNSEARCHED_PATHS = ["source.*", "schemaVersion", "form", "warnings*", "quality*", "*.iso", "*.sha256"];
const UNSEARCHED = UNSEARCHED_PATHS.map((glob) => `path GLOB '${glob}'`).join(" OR ");

/** The index's SQL: also what `pia index --rebuild` makes again. */
export const FIELDS_FTS = `
  CREATE VIRTUAL TABLE fields_fts USING fts5(search_text, search_folded, content="fields", content_rowid="id", tokenize="trigram");
  CREATE VIRTUAL TABLE fields_fts_terms USING fts5vocab(fields_fts, 'row');
  CREATE TRIGGER fields_fts_after_insert AFTER INSERT ON fields BEGIN
    INSERT INTO fields_fts (rowid, search_text, search_folded) VALUES (NEW.id, NEW.search_text, NEW.search_folded);
  END;
  CREATE TRIGGER fields_fts_after_delete AFTER DELETE ON fields BEGIN
    INSERT INTO fields_fts (fields_fts, rowid, search_text, search_folded) VALUES ('delete', OLD.id, OLD.search_text, OLD.search_folded);
  END;
  CREATE TRIGGER fields_fts_after_update AFTER UPDATE ON fields BEGIN
    INSERT INTO fields_fts (fields_fts, rowid, search_text, search_folded) VALUES ('delete', OLD.id, OLD.search_text, OLD.search_folded);
    INSERT INTO fields_fts (rowid, search_text, search_folded) VALUES (NEW.id, NEW.search_text, NEW.search_folded);
  END;
`;

const MIGRATION = `
  DROP TRIGGER IF EXISTS fields_fts_after_delete;
  DROP TRIGGER IF EXISTS fields_fts_after_update;
  DROP TABLE IF EXISTS fields_fts;
  ALTER TABLE fields ADD COLUMN folded TEXT;
  ALTER TABLE fields ADD COLUMN search_text TEXT GENERATED ALWAYS AS (CASE WHEN value IS NULL OR ${UNSEARCHED} THEN NULL ELSE value || '  ' END) VIRTUAL;
  ALTER TABLE fields ADD COLUMN search_folded TEXT GENERATED ALWAYS AS (CASE WHEN folded IS NULL OR ${UNSEARCHED} THEN NULL ELSE folded || '  ' END) VIRTUAL;
`;

/** Every field's id, value and folded form, a chunk of rows at a time (the caller may write between chunks). */
export function* fieldChunks(db: DB): Generator<{ id: number; value: string | null; folded: string | null }[]> {
  const read = db.prepare("SELECT id, value, folded FROM fields WHERE id > ? ORDER BY id LIMIT 5000");
  for (let after = 0; ; ) {
    const rows = read.all(after) as { id: number; value: string | null; folded: string | null }[];
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1]!.id;
  }
}

/** Every field's folded form computed again (after the variant table changed); how many changed. */
export function refold(db: DB): number {
  const write = db.prepare("UPDATE fields SET folded = ? WHERE id = ?");
  let changed = 0;
  for (const rows of fieldChunks(db)) {
    for (const row of rows) {
      const folded = foldedOrNull(row.value);
      if (folded !== row.folded) {
        write.run(folded, row.id);
        changed++;
      }
    }
  }
  return changed;
}

export function migration4(db: DB): void {
  db.exec(MIGRATION);
  refold(db);
  db.exec(FIELDS_FTS);
  db.exec("INSERT INTO fields_fts (fields_fts) VALUES ('rebuild')");
}
