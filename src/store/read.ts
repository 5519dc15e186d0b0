import type { PiaRecord } from "../record/schema.js";
import type { DB } from "./db.js";
import { sourceKey } from "./write.js";

/** One stored document: which filing and version it is, and its record. */
export interface StoredDocument {
  id: number;
  filingId: number;
  versionId: number;
  sha256: string;
  /** The path or URL it was first seen at (document_sources has every one). */
  source: string;
  format: string;
  importedAt: string;
  record: PiaRecord;
}

/** What a reference names: a filing (its current version's chosen document), a version, or one document. */
export interface Resolved {
  kind: "filing" | "version" | "document";
  filingId: number;
  versionId: number;
  documentId: number;
}

const REFERENCE_HELP =
  "a filing's id or key, FILING@N for the Nth version it got (as pia history numbers them), doc:ID for one document, a sha256 (8+ characters), or a path or URL it was read from";

/** How references are written, for --help. */
export function referenceHelp(): string {
  return REFERENCE_HELP;
}

interface Row {
  filing_id: number;
  version_id: number;
  document_id: number;
}

/**
 * Resolve a reference: `12` (filing 12), `12@2` (its second version), `doc:7` (document 7), a
 * filing key (`112020|juten|no:2`), a sha256 or a prefix of 8+ (all digits: when no filing has
 * that id), or a path or URL a document was seen at (the document last seen there).
 */
export class AmbiguousReferenceError extends Error {}

export function resolveReference(db: DB, reference: string): Resolved | null {
  const one = (kind: Resolved["kind"], sql: string, ...params: unknown[]): Resolved | null => {
    const row = db.prepare(sql).get(...params) as Row | undefined;
    return row ? { kind, filingId: row.filing_id, versionId: row.version_id, documentId: row.document_id } : null;
  };
  const filing = `SELECT k.id AS filing_id, v.id AS version_id, v.document_id FROM filing_keys k JOIN versions v ON v.id = k.current_version_id`;
  const document = `SELECT v.filing_id, v.id AS version_id, d.id AS document_id FROM documents d JOIN versions v ON v.id = d.version_id`;
  let match: RegExpMatchArray | null;
  if ((match = reference.match(/^(\d+)@(\d+)$/))) {
    const versionId = versionsInArrivalOrder(db, Number(match[1]))[Number(match[2]) - 1];
    return versionId === undefined ? null : one("version", "SELECT filing_id, id AS version_id, document_id FROM versions WHERE id = ?", versionId);
  }
  if ((match = reference.match(/^doc(?:ument)?:(\d+)$/i))) return one("document", `${document} WHERE d.id = ?`, Number(match[1]));
  if (/^\d{1,15}$/.test(reference)) {
    const byId = one("filing", `${filing} WHERE k.id = ?`, Number(reference));
    if (byId) return byId;
  }
  const byKey = one("filing", `${filing} WHERE k.filing_key = ?`, reference);
  if (byKey) return byKey;
  if (/^[0-9a-f]{8,64}$/i.test(reference)) {
    const matches = db.prepare("SELECT id FROM documents WHERE sha256 LIKE ? ORDER BY id LIMIT 2").pluck().all(`${reference.toLowerCase()}%`) as number[];
    if (matches.length > 1) throw new AmbiguousReferenceError(`${reference}: more than one document's sha256 starts so; give more of it`);
    if (matches.length === 1) return one("document", `${document} WHERE d.id = ?`, matches[0]);
  }
  return one(
    "document",
    `${document} JOIN document_sources s ON s.document_id = d.id WHERE s.source = ? ORDER BY s.last_seen DESC, d.id DESC LIMIT 1`,
    sourceKey(reference),
  );
}

/** A filing's versions, oldest first: by 公表日 (a version without one, by when it was first seen). */
export const VERSION_ORDER = "coalesce(v.published_on, substr(v.first_seen, 1, 10)), v.first_seen, v.id";


/** A filing's versions in the order they came in: what FILING@N counts. */
export function versionsInArrivalOrder(db: DB, filingId: number): number[] {
  return db.prepare("SELECT id FROM versions WHERE filing_id = ? AND document_id IS NOT NULL ORDER BY first_seen, id").pluck().all(filingId) as number[];
}

/** The version before this one of the same kind (a full assessment's, or a 変更箇所一覧's), or null. */
export function previousVersion(db: DB, versionId: number): { id: number; documentId: number } | null {
  const row = db
    .prepare(
      `SELECT v.id, v.document_id AS documentId FROM versions v JOIN documents d ON d.id = v.document_id
       WHERE v.filing_id = (SELECT filing_id FROM versions WHERE id = ?)
         AND (d.form = 'changes') = (SELECT d2.form = 'changes' FROM versions v2 JOIN documents d2 ON d2.id = v2.document_id WHERE v2.id = ?)
       ORDER BY ${VERSION_ORDER}`,
    )
    .all(versionId, versionId) as { id: number; documentId: number }[];
  const at = row.findIndex((r) => r.id === versionId);
  return at > 0 ? row[at - 1]! : null;
}

interface DocumentRow {
  id: number;
  filing_id: number;
  version_id: number;
  sha256: string;
  source: string;
  format: string;
  imported_at: string;
  record: string;
}

export function readDocument(db: DB, documentId: number): StoredDocument | null {
  const row = db
    .prepare(
      `SELECT d.id, v.filing_id, d.version_id, d.sha256, d.source, d.format, d.imported_at, d.record
       FROM documents d JOIN versions v ON v.id = d.version_id WHERE d.id = ?`,
    )
    .get(documentId) as DocumentRow | undefined;
  if (!row) return null;
  return {
    id: row.id, filingId: row.filing_id, versionId: row.version_id, sha256: row.sha256, source: row.source, format: row.format,
    importedAt: row.imported_at, record: JSON.parse(row.record) as PiaRecord,
  };
}

/** The document a reference names (a filing: its current version's chosen rendering). */
export function findDocument(db: DB, reference: string): StoredDocument | null {
  const resolved = resolveReference(db, reference);
  return resolved ? readDocument(db, resolved.documentId) : null;
}

/** Why a reference names nothing, in the words of what it asked for. */
export function notFound(db: DB, reference: string): string {
  if (/^doc(?:ument)?:\d+$/i.test(reference)) return `${reference}: no such document`;
  const version = /^(\d+)@(\d+)$/.exec(reference);
  if (version) {
    const count = versionsInArrivalOrder(db, Number(version[1])).length;
    return count === 0 ? `${reference}: no such filing` : `${reference}: filing ${version[1]} has ${count} version${count === 1 ? "" : "s"}`;
  }
  return `${reference}: no such filing`;
}
