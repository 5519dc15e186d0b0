import { resolve } from "node:path";
import { BOX_GROUPS } from "../../data/options.js";
import type { FieldSource } from "../../extractors/index.js";
import type { PiaRecord } from "../record/schema.js";
import { SCHEMA_VERSION } from "../record/schema.js";
import type { Statement } from "better-sqlite3";
import { foldedOrNull } from "../search/fold.js";
import type { DB } from "./db.js";
import { noteSighting, placeDocument } from "./filings.js";
import { contentFingerprint, filingIdentity, filledFields, publishedOn, versionKey, type FilingIdentity } from "./identity.js";
import { fieldRows, projectRecord } from "./project.js";

/**
 * What storing one document did: a new filing; a new version of a known filing; another
 * rendering of a known version (the same filing and 公表日 read from other bytes); or bytes
 * already stored (seen again, perhaps at a new path or URL).
 */
export type StoreOutcome = "imported" | "new-version" | "new-rendering" | "unchanged";

export interface StoreResult {
  outcome: StoreOutcome;
  documentId: number;
  filingId: number;
  versionId: number;
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
  readonly insertDocument: Statement;
  readonly insertFields: Statement;

  constructor(private readonly db: DB) {
    this.bySha = db.prepare("SELECT d.id, d.version_id, v.filing_id FROM documents d JOIN versions v ON v.id = d.version_id WHERE d.sha256 = ?");
    this.insertDocument = db.prepare(`INSERT INTO documents (${DOCUMENT_COLUMNS.join(", ")}) VALUES (${DOCUMENT_COLUMNS.map((c) => `@${c}`).join(", ")})`);
    // One statement for all of a filing's fields: FTS5 writes its pending index out at every
    // statement that a trigger runs in, so a row at a time would write the index a row at a time.
    this.insertFields = db.prepare(
      `INSERT INTO fields (document_id, ${FIELD_COLUMNS.join(", ")}) SELECT ?, ${FIELD_COLUMNS.map((_, i) => `j.value ->> ${i}`).join(", ")} FROM json_each(?) j`,
    );
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

/** The columns of documents that a record gives (version_id, imported_at and schema_version the store adds). */
const DOCUMENT_COLUMNS = [
  "version_id", "sha256", "source", "format", "pages", "bytes", "form", "org_name", "org_prefecture", "org_code", "org_inferred_from",
  "organization_as_written", "title", "assessment_number", "published_on", "published_on_raw", "affair_name", "target_population",
  "target_population_min", "target_population_max", "audit", "education_rating", "warning_count", "coverage", "filled_fields", "fingerprint",
  "imported_at", "schema_version", "record",
] as const;

type DocumentRow = Record<(typeof DOCUMENT_COLUMNS)[number], string | number | null>;

/** A record made ready for the store: every row computed, nothing written (a worker can do this). */
export interface PreparedRecord {
  sha256: string;
  source: string;
  bytes: number;
  /** Which filing and version it is (src/store/identity.ts). */
  identity: FilingIdentity;
  versionKey: string;
  publishedOn: string | null;
  /** How much of its form the record was read from (RECORD.md quality). */
  quality: PiaRecord["quality"];
  /** documents' columns, but for those the store fills in. */
  document: Omit<DocumentRow, "version_id" | "imported_at" | "schema_version" | "record">;
  tables: Record<string, Record<string, string | number | null>[]>;
  fields: Record<string, string | number | null>[];
  json: string;
}

/** The columns of a field row, as prepareRecord gives them (the store adds document_id). */
const FIELD_COLUMNS = ["path", "section", "label", "value", "line", "page", "folded"] as const;

export function prepareRecord(record: PiaRecord, sources: ReadonlyMap<string, FieldSource>, bytes: number): PreparedRecord {
  const source = sourceKey(record.source.path);
  // Each value's notation variants folded, for search (src/search/fold.ts); null where nothing folds.
  const fields = fieldRows(record, sources).map((row) => ({ ...row, folded: foldedOrNull((row.value as string | null) ?? null) }));
  const population = record.basic?.affair.targetPopulation ?? null;
  return {
    sha256: record.source.sha256,
    source,
    bytes,
    identity: filingIdentity(record),
    versionKey: versionKey(record),
    publishedOn: publishedOn(record),
    quality: record.quality,
    document: {
      sha256: record.source.sha256, source, format: record.source.format, pages: record.source.pages, bytes, form: record.form,
      org_name: record.organization.name, org_prefecture: record.organization.prefecture, org_code: record.organization.lgCode,
      org_inferred_from: record.organization.inferredFrom, organization_as_written: record.header.organization, title: record.header.title,
      assessment_number: record.header.assessmentNumber, published_on: record.header.publishedOn?.iso ?? null,
      published_on_raw: record.header.publishedOn?.raw ?? null, affair_name: record.basic?.affair.name ?? null,
      target_population: population?.value ?? null, target_population_min: population?.min ?? null, target_population_max: population?.maxExclusive ?? null,
      audit: record.risks && record.risks.audit.checked.length > 0 ? record.risks.audit.checked.join("、") : null,
      education_rating: record.risks?.education.rating?.value ?? null, warning_count: record.warnings.length, coverage: record.quality.coverage,
      filled_fields: filledFields(record), fingerprint: contentFingerprint(record),
    },
    tables: projectRecord(record, labelsOf),
    fields,
    json: JSON.stringify(record),
  };
}

/**
 * Store one document in one transaction: all its rows or none. Bytes already stored change
 * nothing but the note of where and when they were seen; new bytes are placed in their filing
 * and version by what they say (src/store/filings.ts), so history is only ever added to.
 */
export function storePrepared(db: DB, prepared: PreparedRecord, importedAt = new Date()): StoreResult {
  let st = statements.get(db);
  if (!st) statements.set(db, (st = new Statements(db)));
  const statements_ = st;
  const at = importedAt.toISOString();
  const write = db.transaction((): StoreResult => {
    const existing = statements_.bySha.get(prepared.sha256) as { id: number; version_id: number; filing_id: number } | undefined;
    if (existing) {
      noteSighting(db, existing.id, prepared.source, at);
      return { outcome: "unchanged", documentId: existing.id, filingId: existing.filing_id, versionId: existing.version_id };
    }
    const placement = placeDocument(db, prepared.identity, prepared.versionKey, prepared.publishedOn, String(prepared.document.fingerprint), at);
    const documentId = Number(
      statements_.insertDocument.run({ ...prepared.document, version_id: placement.versionId, imported_at: at, schema_version: SCHEMA_VERSION, record: prepared.json })
        .lastInsertRowid,
    );
    noteSighting(db, documentId, prepared.source, at);
    // Parents before children: the foreign keys are checked row by row.
    for (const table of TABLE_ORDER) statements_.insertRows(table, documentId, prepared.tables[table] ?? []);
    statements_.insertFields.run(documentId, JSON.stringify(prepared.fields.map((row) => FIELD_COLUMNS.map((column) => row[column] ?? null))));
    const outcome: StoreOutcome = placement.newFiling ? "imported" : placement.newVersion ? "new-version" : "new-rendering";
    return { outcome, documentId, filingId: placement.filingId, versionId: placement.versionId };
  });
  return write.immediate();
}

/** A stored document was seen again where the caller knows it is (a crawl's 304). */
export function noteSeen(db: DB, documentId: number, source: string, at = new Date()): void {
  noteSighting(db, documentId, sourceKey(source), at.toISOString());
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
