import { resolve } from "node:path";
import { BOX_GROUPS } from "../../data/options.js";
import type { FieldSource } from "../../extractors/index.js";
import type { PiaRecord } from "../record/schema.js";
import { SCHEMA_VERSION } from "../record/schema.js";
import type { Statement } from "better-sqlite3";
import type { WordSplitter } from "../search/tokenizer.js";
import type { DB } from "./db.js";
import { fieldRows, projectRecord } from "./project.js";

export type StoreOutcome = "imported" | "unchanged" | "new-version";

export interface StoreResult {
  outcome: StoreOutcome;
  documentId: number;
  /** The version this one supersedes, for a new version. */
  supersedes: number | null;
}

/** Where a filing came from, as identity for versions: the absolute path (or the URL). */
export function sourceKey(pathOrUrl: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(pathOrUrl) ? pathOrUrl : resolve(pathOrUrl);
}

const labelsOf = (group: string) => BOX_GROUPS[group as keyof typeof BOX_GROUPS] ?? [];

/** The statements of one database, prepared once: per table an insert whose columns are its rows' keys. */
class Statements {
  private readonly inserts = new Map<string, { columns: string[]; statement: Statement }>();
  readonly bySha: Statement;
  readonly currentOfSource: Statement;
  readonly currentById: Statement;
  readonly insertDocument: Statement;
  readonly supersede: Statement;
  readonly insertWords: Statement;

  constructor(private readonly db: DB) {
    this.bySha = db.prepare("SELECT id, source, superseded_by FROM documents WHERE sha256 = ?");
    this.currentOfSource = db.prepare("SELECT id FROM documents WHERE source = ? AND superseded_by IS NULL ORDER BY id DESC LIMIT 1");
    this.currentById = db.prepare("SELECT id FROM documents WHERE id = ? AND superseded_by IS NULL");
    this.insertDocument = db.prepare(`INSERT INTO documents (sha256, source, format, pages, bytes, form, org_name, org_prefecture, org_code,
      org_inferred_from, organization_as_written, title, assessment_number, published_on, published_on_raw, affair_name, target_population,
      target_population_min, target_population_max, audit, education_rating, warning_count, imported_at, schema_version, supersedes, record)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.supersede = db.prepare("UPDATE documents SET superseded_by = ? WHERE id = ?");
    this.insertWords = db.prepare("INSERT INTO fields_fts (rowid, words) VALUES (?, ?)");
  }

  /** Insert rows that all have the same keys; gives their rowids. */
  insertRows(table: string, documentId: number, rows: Record<string, unknown>[]): number[] {
    if (rows.length === 0) return [];
    let insert = this.inserts.get(table);
    if (!insert) {
      const columns = Object.keys(rows[0]!);
      const statement = this.db.prepare(`INSERT INTO ${table} (document_id, ${columns.join(", ")}) VALUES (?${", ?".repeat(columns.length)})`);
      this.inserts.set(table, (insert = { columns, statement }));
    }
    const { columns, statement } = insert;
    const values = new Array<unknown>(columns.length + 1);
    values[0] = documentId;
    const ids: number[] = [];
    for (const row of rows) {
      for (let i = 0; i < columns.length; i++) values[i + 1] = row[columns[i]!];
      ids.push(Number(statement.run(values).lastInsertRowid));
    }
    return ids;
  }
}

const statements = new WeakMap<DB, Statements>();

/** A record made ready for the store: every row computed, nothing written (a worker can do this). */
export interface PreparedRecord {
  sha256: string;
  source: string;
  bytes: number;
  /** documents' columns from sha256 to warning_count, in the insert's order. */
  documentValues: (string | number | null)[];
  tables: Record<string, Record<string, string | number | null>[]>;
  fields: Record<string, string | number | null>[];
  /** For each field row, its words for full-text search (null: not indexed). */
  words: (string | null)[];
  json: string;
}

/** Values worth a full-text search: text, not codes, numbers or dates. */
function searchable(path: string, value: string | number | null): value is string {
  if (typeof value !== "string" || value.length < 2) return false;
  if (/^(source|schemaVersion|form|warnings|organization\.lgCode)/.test(path) || /\.(iso|sha256)$/.test(path)) return false;
  return /[\u3040-\u30ff\u3400-\u9fff]/.test(value);
}

export function prepareRecord(record: PiaRecord, sources: ReadonlyMap<string, FieldSource>, bytes: number, splitter?: WordSplitter): PreparedRecord {
  const source = sourceKey(record.source.path);
  const fields = fieldRows(record, sources);
  const population = record.basic?.affair.targetPopulation ?? null;
  return {
    sha256: record.source.sha256,
    source,
    bytes,
    documentValues: [
      record.source.sha256, source, record.source.format, record.source.pages, bytes, record.form,
      record.organization.name, record.organization.prefecture, record.organization.lgCode, record.organization.inferredFrom,
      record.header.organization, record.header.title, record.header.assessmentNumber,
      record.header.publishedOn?.iso ?? null, record.header.publishedOn?.raw ?? null,
      record.basic?.affair.name ?? null, population?.value ?? null, population?.min ?? null, population?.maxExclusive ?? null,
      record.risks && record.risks.audit.checked.length > 0 ? record.risks.audit.checked.join("、") : null,
      record.risks?.education.rating?.value ?? null, record.warnings.length,
    ],
    tables: projectRecord(record, labelsOf),
    fields,
    words: fields.map((f) => (splitter && searchable(String(f.path), f.value ?? null) ? splitter.split(f.value as string) : null)),
    json: JSON.stringify(record),
  };
}

/**
 * Store one filing in one transaction: all its rows or none. The same bytes again change
 * nothing; new bytes from a source already stored become a new version that supersedes the
 * current one, which stays; bytes the source had before make that version current again.
 */
export interface StoreOptions {
  /**
   * The version this one follows, when the caller knows better than the source path: a crawled
   * URL whose filing was first stored from another URL (it moved there). Used while it is current.
   */
  follows?: number;
}

export function storePrepared(db: DB, prepared: PreparedRecord, importedAt = new Date(), options: StoreOptions = {}): StoreResult {
  let st = statements.get(db);
  if (!st) statements.set(db, (st = new Statements(db)));
  const statements_ = st;
  const write = db.transaction((): StoreResult => {
    const existing = statements_.bySha.get(prepared.sha256) as { id: number; source: string; superseded_by: number | null } | undefined;
    const followed = options.follows === undefined ? undefined : (statements_.currentById.get(options.follows) as { id: number } | undefined);
    const previous = followed ?? (statements_.currentOfSource.get(prepared.source) as { id: number } | undefined);
    if (existing) {
      // The source went back to bytes it had before: that version is the current one again.
      if (existing.superseded_by !== null && existing.source === prepared.source && previous && previous.id !== existing.id) {
        statements_.supersede.run(existing.id, previous.id);
        statements_.supersede.run(null, existing.id);
        return { outcome: "new-version", documentId: existing.id, supersedes: previous.id };
      }
      return { outcome: "unchanged", documentId: existing.id, supersedes: null };
    }
    const documentId = Number(
      statements_.insertDocument.run(...prepared.documentValues, importedAt.toISOString(), SCHEMA_VERSION, previous?.id ?? null, prepared.json).lastInsertRowid,
    );
    if (previous) statements_.supersede.run(documentId, previous.id);
    // Parents before children: the foreign keys are checked row by row.
    for (const table of TABLE_ORDER) statements_.insertRows(table, documentId, prepared.tables[table] ?? []);
    const fieldIds = statements_.insertRows("fields", documentId, prepared.fields);
    prepared.words.forEach((words, i) => {
      if (words !== null) statements_.insertWords.run(fieldIds[i], words);
    });
    return { outcome: previous ? "new-version" : "imported", documentId, supersedes: previous?.id ?? null };
  });
  return write.immediate();
}

/** The typed tables, parents before children. */
const TABLE_ORDER = [
  "systems", "system_connections", "files", "file_boxes", "outsourcing_items", "recipients", "record_items",
  "risk_sections", "risks", "risk_items", "changes", "warnings",
];

/** A file that could not be imported: one row, so that nothing is lost silently. */
export function recordImportError(db: DB, source: string, reason: string, at = new Date()): void {
  db.prepare("INSERT INTO import_errors (source, reason, at) VALUES (?, ?, ?)").run(source, reason, at.toISOString());
}
