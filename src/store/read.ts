import type { PiaRecord } from "../record/schema.js";
import type { DB } from "./db.js";
import { sourceKey } from "./write.js";

export interface StoredDocument {
  id: number;
  source: string;
  sha256: string;
  importedAt: string;
  supersedes: number | null;
  supersededBy: number | null;
  record: PiaRecord;
}

interface DocumentRow {
  id: number;
  source: string;
  sha256: string;
  imported_at: string;
  supersedes: number | null;
  superseded_by: number | null;
  record: string;
}

function toStored(row: DocumentRow): StoredDocument {
  return {
    id: row.id, source: row.source, sha256: row.sha256, importedAt: row.imported_at,
    supersedes: row.supersedes, supersededBy: row.superseded_by, record: JSON.parse(row.record) as PiaRecord,
  };
}

/**
 * A stored filing by its id, its sha256 (or a prefix of 8+ characters), the path it was
 * imported from (the current version of that source), or a URL a crawl found it at.
 */
export function findDocument(db: DB, reference: string): StoredDocument | null {
  const columns = "id, source, sha256, imported_at, supersedes, superseded_by, record";
  let row: DocumentRow | undefined;
  if (/^\d+$/.test(reference)) {
    row = db.prepare(`SELECT ${columns} FROM documents WHERE id = ?`).get(Number(reference)) as DocumentRow | undefined;
  }
  if (!row && /^[0-9a-f]{8,64}$/i.test(reference)) {
    row = db.prepare(`SELECT ${columns} FROM documents WHERE sha256 LIKE ? ORDER BY id LIMIT 1`).get(`${reference.toLowerCase()}%`) as DocumentRow | undefined;
  }
  if (!row) {
    row = db
      .prepare(`SELECT ${columns} FROM documents WHERE source = ? ORDER BY superseded_by IS NOT NULL, id DESC LIMIT 1`)
      .get(sourceKey(reference)) as DocumentRow | undefined;
  }
  if (!row) {
    // A crawled URL whose bytes were first stored from another URL (a filing that moved).
    row = db
      .prepare(`SELECT ${columns} FROM documents WHERE id = (SELECT document_id FROM crawl_urls WHERE url = ?)`)
      .get(reference) as DocumentRow | undefined;
  }
  return row ? toStored(row) : null;
}
