import type { Statement } from "better-sqlite3";
import type { DB } from "./db.js";
import { contentKeyPrefix, sameAffair, signatureSimilarity, type FilingIdentity } from "./identity.js";

/** Two content-keyed filings of one body and form whose texts overlap this much are one (renderings read differently). */
const SAME_CONTENT = 0.75;

/**
 * Where a new document goes: which filing (filing_keys) and which version (versions), found or
 * made. The rule is docs/schema.md's "Filings and versions"; the writer and migration 3 share it.
 */

export interface Placement {
  filingId: number;
  versionId: number;
  newFiling: boolean;
  newVersion: boolean;
}

interface FilingRow {
  id: number;
  filing_key: string;
  affair_key: string | null;
}

class PlacementStatements {
  readonly byBase: Statement;
  readonly byKey: Statement;
  readonly numberedOfOrg: Statement;
  readonly unnumberedOfOrg: Statement;
  readonly amended: Statement;
  readonly amendments: Statement;
  readonly insertFiling: Statement;
  readonly versionsOf: Statement;
  readonly version: Statement;
  readonly moveDocuments: Statement;
  readonly moveVersion: Statement;
  readonly versionByContent: Statement;
  readonly insertVersion: Statement;
  readonly sighting: Statement;
  readonly contentKeyed: Statement;
  readonly learnAffair: Statement;
  readonly undatedVersion: Statement;

  constructor(db: DB) {
    this.learnAffair = db.prepare("UPDATE filing_keys SET affair_key = ? WHERE id = ? AND affair_key IS NULL");
    this.undatedVersion = db.prepare("SELECT id FROM versions WHERE filing_id = ? AND published_on IS NULL ORDER BY id DESC LIMIT 1");
    this.contentKeyed = db.prepare("SELECT id, filing_key, affair_key, signature FROM filing_keys WHERE base_key >= ? AND base_key < ? AND signature IS NOT NULL ORDER BY id");
    const filing = "SELECT id, filing_key, affair_key FROM filing_keys";
    this.byBase = db.prepare(`${filing} WHERE base_key = ? ORDER BY id`);
    this.byKey = db.prepare(`${filing} WHERE filing_key = ?`);
    this.numberedOfOrg = db.prepare(`${filing} WHERE org_key = ? AND form = ? AND number IS NOT NULL ORDER BY id`);
    this.unnumberedOfOrg = db.prepare(`${filing} WHERE org_key = ? AND form = ? AND number IS NULL ORDER BY id`);
    this.amended = db.prepare(`${filing} WHERE org_key = ? AND number = ? AND form <> 'changes' ORDER BY id`);
    this.amendments = db.prepare("SELECT id FROM filing_keys WHERE org_key = ? AND number = ? AND form = 'changes' ORDER BY id");
    this.insertFiling = db.prepare(
      "INSERT INTO filing_keys (filing_key, base_key, org_key, form, number, affair_key, signature, first_seen) VALUES (@filing_key, @base_key, @org_key, @form, @number, @affair_key, @signature, @first_seen)",
    );
    this.versionsOf = db.prepare("SELECT id, version_key FROM versions WHERE filing_id = ? ORDER BY id");
    this.version = db.prepare("SELECT id FROM versions WHERE filing_id = ? AND version_key = ?");
    this.moveDocuments = db.prepare("UPDATE documents SET version_id = ? WHERE version_id = ?");
    this.moveVersion = db.prepare("UPDATE versions SET filing_id = ? WHERE id = ?");
    this.versionByContent = db.prepare(
      "SELECT d.version_id AS id FROM documents d JOIN versions v ON v.id = d.version_id WHERE d.fingerprint = ? AND v.filing_id = ? ORDER BY d.id LIMIT 1",
    );
    this.insertVersion = db.prepare("INSERT INTO versions (filing_id, version_key, published_on, first_seen) VALUES (?, ?, ?, ?)");
    this.sighting = db.prepare(
      `INSERT INTO document_sources (document_id, source, first_seen, last_seen) VALUES (@document_id, @source, @at, @at)
       ON CONFLICT (source, document_id) DO UPDATE SET last_seen = max(last_seen, excluded.last_seen)`,
    );
  }
}

const prepared = new WeakMap<DB, PlacementStatements>();

function statementsOf(db: DB): PlacementStatements {
  let st = prepared.get(db);
  if (!st) prepared.set(db, (st = new PlacementStatements(db)));
  return st;
}

/**
 * Move every version of one filing into another: a version the other has (the same 公表日) takes
 * the documents; the emptied filing goes (the triggers drop it). Nothing a version says changes.
 */
function mergeFiling(st: PlacementStatements, from: number, into: number): void {
  for (const version of st.versionsOf.all(from) as { id: number; version_key: string }[]) {
    const existing = st.version.get(into, version.version_key) as { id: number } | undefined;
    if (existing) st.moveDocuments.run(existing.id, version.id);
    else st.moveVersion.run(into, version.id);
  }
}

/** The filing of this org and form that has a number and the same affair: where a cover without its number belongs. */
function numberedFilingOfAffair(st: PlacementStatements, identity: FilingIdentity): FilingRow | undefined {
  if (!identity.orgKey || !identity.affairKey) return undefined;
  const same = (st.numberedOfOrg.all(identity.orgKey, identity.form) as FilingRow[]).filter((f) => f.affair_key !== null && sameAffair(f.affair_key, identity.affairKey));
  return same.length === 1 ? same[0] : undefined;
}

/**
 * The filing a document with this identity belongs to. One number is one filing unless the
 * affair names show two affairs under it; a cover whose number was not read belongs to the
 * numbered filing of its affair; a 変更箇所一覧 that names a number belongs to that filing. A
 * numbered filing stored after such documents takes them in.
 */
function findOrMakeFiling(st: PlacementStatements, identity: FilingIdentity, at: string): { id: number; created: boolean } {
  if (identity.form === "changes" && identity.orgKey && identity.number) {
    const amended = st.amended.all(identity.orgKey, identity.number) as FilingRow[];
    if (amended.length === 1) return { id: amended[0]!.id, created: false };
  }
  if (identity.number === null) {
    const numbered = numberedFilingOfAffair(st, identity);
    if (numbered) return { id: numbered.id, created: false };
  }
  // Nothing names it: the filing of the same body and form whose text is most like its own.
  const prefix = contentKeyPrefix(identity);
  if (prefix && identity.orgKey && identity.signature) {
    let best: { id: number; similarity: number } | null = null;
    for (const row of st.contentKeyed.all(prefix, `${prefix}\uffff`) as (FilingRow & { signature: string })[]) {
      const similarity = signatureSimilarity(row.signature, identity.signature);
      if (similarity >= SAME_CONTENT && (!best || similarity > best.similarity)) best = { id: row.id, similarity };
    }
    if (best) return { id: best.id, created: false };
  }
  const candidates = st.byBase.all(identity.baseKey) as FilingRow[];
  const same = candidates.find((c) => sameAffair(c.affair_key, identity.affairKey));
  if (same) return { id: same.id, created: false };
  // Two affairs under one number: the second is keyed by its affair's name as well.
  const filingKey = candidates.length === 0 ? identity.baseKey : `${identity.baseKey}|affair:${identity.affairKey}`;
  const existing = st.byKey.get(filingKey) as FilingRow | undefined;
  if (existing) return { id: existing.id, created: false };
  const id = Number(
    st.insertFiling.run({
      filing_key: filingKey, base_key: identity.baseKey, org_key: identity.orgKey, form: identity.form,
      number: identity.number, affair_key: identity.affairKey, signature: identity.signature ?? null, first_seen: at,
    }).lastInsertRowid,
  );
  if (identity.form !== "changes" && identity.orgKey && identity.number && candidates.length === 0) {
    for (const { id: list } of st.amendments.all(identity.orgKey, identity.number) as { id: number }[]) mergeFiling(st, list, id);
    const unnumbered = (st.unnumberedOfOrg.all(identity.orgKey, identity.form) as FilingRow[]).filter(
      (f) => f.affair_key !== null && identity.affairKey !== null && sameAffair(f.affair_key, identity.affairKey),
    );
    for (const filing of unnumbered) mergeFiling(st, filing.id, id);
  }
  return { id, created: true };
}

/**
 * The filing and version of a new document (call inside the document's transaction). A
 * document without a 公表日 joins the version of a document of its filing that says the same.
 */
export function placeDocument(db: DB, identity: FilingIdentity, versionKey: string, publishedOn: string | null, fingerprint: string, at: string): Placement {
  const st = statementsOf(db);
  const filing = findOrMakeFiling(st, identity, at);
  // A filing first stored without its affair's name learns it (a cover without a number finds it by it).
  if (identity.affairKey !== null) st.learnAffair.run(identity.affairKey, filing.id);
  const version =
    (st.version.get(filing.id, versionKey) as { id: number } | undefined) ??
    (publishedOn === null ? (st.versionByContent.get(fingerprint, filing.id) as { id: number } | undefined) : undefined) ??
    // A filing nothing names was found by what it says: its undated version is this one's too.
    (publishedOn === null && identity.signature ? (st.undatedVersion.get(filing.id) as { id: number } | undefined) : undefined);
  if (version) return { filingId: filing.id, versionId: version.id, newFiling: false, newVersion: false };
  const versionId = Number(st.insertVersion.run(filing.id, versionKey, publishedOn, at).lastInsertRowid);
  return { filingId: filing.id, versionId, newFiling: filing.created, newVersion: !filing.created };
}

/** A document was seen at a path or URL: its first sighting there is kept, its last moved on. */
export function noteSighting(db: DB, documentId: number, source: string, at: string): void {
  statementsOf(db).sighting.run({ document_id: documentId, source, at });
}
