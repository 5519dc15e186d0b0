import { resolve } from "node:path";
import { BOX_GROUPS } from "../../data/options.js";
import type { FieldSource } from "../../extractors/index.js";
import type { PiaRecord } from "../record/schema.js";
import { SCHEMA_VERSION } from "../record/schema.js";
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

/** Insert statements, one per table and column list, prepared once per database. */
class Inserts {
  private readonly cache = new Map<string, import("better-sqlite3").Statement>();
  constructor(private readonly db: DB) {}

  run(table: string, row: Record<string, unknown>): void {
    const columns = Object.keys(row);
    const key = `${table}(${columns.join(",")})`;
    let statement = this.cache.get(key);
    if (!statement) {
      statement = this.db.prepare(`INSERT INTO ${table} (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`);
      this.cache.set(key, statement);
    }
    statement.run(...Object.values(row));
  }
}

const inserts = new WeakMap<DB, Inserts>();

/**
 * Store one filing in one transaction: all its rows or none. The same bytes again change
 * nothing; new bytes from a source already stored become a new version that supersedes the
 * current one, which stays.
 */
export function storeRecord(db: DB, record: PiaRecord, sources: ReadonlyMap<string, FieldSource>, bytes: number, importedAt = new Date()): StoreResult {
  let insert = inserts.get(db);
  if (!insert) inserts.set(db, (insert = new Inserts(db)));
  const write = db.transaction((): StoreResult => {
    const existing = db.prepare("SELECT id FROM documents WHERE sha256 = ?").get(record.source.sha256) as { id: number } | undefined;
    if (existing) return { outcome: "unchanged", documentId: existing.id, supersedes: null };
    const source = sourceKey(record.source.path);
    const previous = db
      .prepare("SELECT id FROM documents WHERE source = ? AND superseded_by IS NULL ORDER BY id DESC LIMIT 1")
      .get(source) as { id: number } | undefined;
    const population = record.basic?.affair.targetPopulation ?? null;
    const info = db
      .prepare(`INSERT INTO documents (sha256, source, format, pages, bytes, form, org_name, org_prefecture, org_code, org_inferred_from,
        organization_as_written, title, assessment_number, published_on, published_on_raw, affair_name, target_population,
        target_population_min, target_population_max, audit, education_rating, warning_count, imported_at, schema_version,
        supersedes, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(
        record.source.sha256, source, record.source.format, record.source.pages, bytes, record.form,
        record.organization.name, record.organization.prefecture, record.organization.lgCode, record.organization.inferredFrom,
        record.header.organization, record.header.title, record.header.assessmentNumber,
        record.header.publishedOn?.iso ?? null, record.header.publishedOn?.raw ?? null,
        record.basic?.affair.name ?? null, population?.value ?? null, population?.min ?? null, population?.maxExclusive ?? null,
        record.risks && record.risks.audit.checked.length > 0 ? record.risks.audit.checked.join("、") : null,
        record.risks?.education.rating?.value ?? null, record.warnings.length, importedAt.toISOString(), SCHEMA_VERSION,
        previous?.id ?? null, JSON.stringify(record),
      );
    const documentId = Number(info.lastInsertRowid);
    if (previous) db.prepare("UPDATE documents SET superseded_by = ? WHERE id = ?").run(documentId, previous.id);
    // Parents before children: the foreign keys are checked row by row.
    const tables = projectRecord(record, labelsOf);
    for (const table of ["systems", "system_connections", "files", "file_boxes", "outsourcing_items", "recipients", "record_items",
      "risk_sections", "risks", "risk_items", "changes", "warnings"]) {
      for (const row of tables[table] ?? []) insert!.run(table, { document_id: documentId, ...row });
    }
    for (const row of fieldRows(record, sources)) insert!.run("fields", { document_id: documentId, ...row });
    return { outcome: previous ? "new-version" : "imported", documentId, supersedes: previous?.id ?? null };
  });
  return write.immediate();
}

/** A file that could not be imported: one row, so that nothing is lost silently. */
export function recordImportError(db: DB, source: string, reason: string, at = new Date()): void {
  db.prepare("INSERT INTO import_errors (source, reason, at) VALUES (?, ?, ?)").run(source, reason, at.toISOString());
}
