import type { Statement } from "better-sqlite3";
import type { DB } from "./db.js";
import { sameAffair, type FilingIdentity } from "./identity.js";

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
  readonly amended: Statement;
  readonly amendments: Statement;
  readonly insertFiling: Statement;
  readonly adopt: Statement;
  readonly dropFiling: Statement;
  readonly version: Statement;
  readonly insertVersion: Statement;
  readonly sighting: Statement;

  constructor(db: DB) {
    this.byBase = db.prepare("SELECT id, filing_key, affair_key FROM filing_keys WHERE base_key = ? ORDER BY id");
    this.byKey = db.prepare("SELECT id, filing_key, affair_key FROM filing_keys WHERE filing_key = ?");
    this.amended = db.prepare("SELECT id, filing_key, affair_key FROM filing_keys WHERE org_key = ? AND number = ? AND form <> 'changes' ORDER BY id");
    this.amendments = db.prepare("SELECT id FROM filing_keys WHERE org_key = ? AND number = ? AND form = 'changes'");
    this.insertFiling = db.prepare(
      "INSERT INTO filing_keys (filing_key, base_key, org_key, form, number, affair_key, first_seen) VALUES (@filing_key, @base_key, @org_key, @form, @number, @affair_key, @first_seen)",
    );
    this.adopt = db.prepare("UPDATE versions SET filing_id = ? WHERE filing_id = ?");
    this.dropFiling = db.prepare("DELETE FROM filing_keys WHERE id = ?");
    this.version = db.prepare("SELECT id FROM versions WHERE filing_id = ? AND version_key = ?");
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
 * The filing a document with this identity belongs to. One number is one filing unless the
 * affair names show two affairs under it; a 変更箇所一覧 that names a number belongs to that
 * filing when it is stored, and a filing stored later takes in the lists that named it.
 */
function findOrMakeFiling(st: PlacementStatements, identity: FilingIdentity, at: string): { id: number; created: boolean } {
  if (identity.form === "changes" && identity.orgKey && identity.number) {
    const amended = st.amended.all(identity.orgKey, identity.number) as FilingRow[];
    if (amended.length === 1) return { id: amended[0]!.id, created: false };
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
      number: identity.number, affair_key: identity.affairKey, first_seen: at,
    }).lastInsertRowid,
  );
  if (identity.form !== "changes" && identity.orgKey && identity.number && candidates.length === 0) {
    for (const { id: lists } of st.amendments.all(identity.orgKey, identity.number) as { id: number }[]) {
      st.adopt.run(id, lists);
      st.dropFiling.run(lists);
    }
  }
  return { id, created: true };
}

/** The filing and version of a new document (call inside the document's transaction). */
export function placeDocument(db: DB, identity: FilingIdentity, versionKey: string, publishedOn: string | null, at: string): Placement {
  const st = statementsOf(db);
  const filing = findOrMakeFiling(st, identity, at);
  const version = st.version.get(filing.id, versionKey) as { id: number } | undefined;
  if (version) return { filingId: filing.id, versionId: version.id, newFiling: false, newVersion: false };
  const versionId = Number(st.insertVersion.run(filing.id, versionKey, publishedOn, at).lastInsertRowid);
  return { filingId: filing.id, versionId, newFiling: filing.created, newVersion: !filing.created };
}

/** A document was seen at a path or URL: its first sighting there is kept, its last moved on. */
export function noteSighting(db: DB, documentId: number, source: string, at: string): void {
  statementsOf(db).sighting.run({ document_id: documentId, source, at });
}
