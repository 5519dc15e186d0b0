import type { PiaRecord } from "../record/schema.js";
import type { DB } from "./db.js";
import { resolveReference, VERSION_ORDER } from "./read.js";

/** Where one document was seen, and whether that URL is withdrawn. */
export interface Sighting {
  source: string;
  firstSeen: string;
  lastSeen: string;
  /** Since when this URL answers 404/410 (a crawled source only). */
  withdrawnAt: string | null;
}

export interface Rendering {
  id: number;
  sha256: string;
  format: string;
  warnings: number;
  importedAt: string;
  /** The rendering whose record stands for the version (fewest warnings, most values, seen last). */
  chosen: boolean;
  sources: Sighting[];
}

export interface Version {
  /** The order it came in: 1 for the first stored (FILING@N names it, whatever is published later). */
  number: number;
  id: number;
  key: string;
  publishedOn: string | null;
  firstSeen: string;
  current: boolean;
  documentId: number;
  documents: Rendering[];
}

/** One filing and its versions, oldest first (`pia history`). */
export interface History {
  filing: { id: number; key: string; form: string; organization: string | null; prefecture: string | null; title: string | null; affair: string | null };
  /** Since when every crawled source of the current version is gone; null while it is published. */
  withdrawnAt: string | null;
  versions: Version[];
}

interface HistoryRow {
  version_id: number;
  version_key: string;
  published_on: string | null;
  first_seen: string;
  chosen_id: number;
  document_id: number;
  sha256: string;
  format: string;
  warning_count: number;
  imported_at: string;
  source: string | null;
  source_first_seen: string | null;
  source_last_seen: string | null;
  withdrawn_at: string | null;
}

/** The history of the filing a reference names (resolveReference): one query for all of it. */
export function filingHistory(db: DB, reference: string): History | null {
  const resolved = resolveReference(db, reference);
  if (!resolved) return null;
  const filing = db.prepare("SELECT * FROM filings WHERE id = ?").get(resolved.filingId) as
    | { id: number; filing_key: string; form: string; org_name: string | null; org_prefecture: string | null; title: string | null; affair_name: string | null; current_version_id: number; withdrawn_at: string | null }
    | undefined;
  if (!filing) return null;
  const rows = db
    .prepare(
      `SELECT v.id AS version_id, v.version_key, v.published_on, v.first_seen, v.document_id AS chosen_id,
              d.id AS document_id, d.sha256, d.format, d.warning_count, d.imported_at,
              s.source, s.first_seen AS source_first_seen, s.last_seen AS source_last_seen, u.withdrawn_at
       FROM versions v
       JOIN documents d ON d.version_id = v.id
       LEFT JOIN document_sources s ON s.document_id = d.id
       LEFT JOIN crawl_urls u ON u.url = s.source
       WHERE v.filing_id = ? AND v.document_id IS NOT NULL
       ORDER BY ${VERSION_ORDER}, d.id, s.first_seen, s.source`,
    )
    .all(filing.id) as HistoryRow[];
  const versions: Version[] = [];
  for (const row of rows) {
    let version = versions[versions.length - 1];
    if (!version || version.id !== row.version_id) {
      version = {
        number: versions.length + 1, id: row.version_id, key: row.version_key, publishedOn: row.published_on, firstSeen: row.first_seen,
        current: row.version_id === filing.current_version_id, documentId: row.chosen_id, documents: [],
      };
      versions.push(version);
    }
    let rendering = version.documents[version.documents.length - 1];
    if (!rendering || rendering.id !== row.document_id) {
      rendering = { id: row.document_id, sha256: row.sha256, format: row.format, warnings: row.warning_count, importedAt: row.imported_at, chosen: row.document_id === row.chosen_id, sources: [] };
      version.documents.push(rendering);
    }
    if (row.source !== null) rendering.sources.push({ source: row.source, firstSeen: row.source_first_seen!, lastSeen: row.source_last_seen!, withdrawnAt: row.withdrawn_at });
  }
  // A version's number is the order it came in (never changes: FILING@N keeps naming it); the
  // list is in the order of publication.
  [...versions].sort((a, b) => (a.firstSeen < b.firstSeen ? -1 : a.firstSeen > b.firstSeen ? 1 : a.id - b.id)).forEach((v, i) => (v.number = i + 1));
  return {
    filing: {
      id: filing.id, key: filing.filing_key, form: filing.form, organization: filing.org_name, prefecture: filing.org_prefecture,
      title: filing.title, affair: filing.affair_name,
    },
    withdrawnAt: filing.withdrawn_at,
    versions,
  };
}

export interface FieldChange {
  path: string;
  before: unknown;
  after: unknown;
}

export interface RecordDiff {
  changed: FieldChange[];
  added: FieldChange[];
  removed: FieldChange[];
  /** What a reader asks first: which systems, vendors and files came or went, which ratings moved. */
  summary: {
    systems: { added: string[]; removed: string[] };
    contractors: { added: string[]; removed: string[] };
    files: { added: string[]; removed: string[] };
    ratings: FieldChange[];
  };
}

/** Every leaf by its path; `source` and `warnings` say how it was read, not what it says. */
function leaves(record: PiaRecord): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const walk = (value: unknown, path: string) => {
    if (Array.isArray(value)) return value.forEach((v, i) => walk(v, `${path}[${i}]`));
    if (value !== null && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
      return;
    }
    out.set(path, value);
  };
  const { source: _source, warnings: _warnings, ...content } = record;
  walk(content, "");
  return out;
}

function setDiff(before: string[], after: string[]) {
  return { added: after.filter((x) => !before.includes(x)), removed: before.filter((x) => !after.includes(x)) };
}

const names = <T>(list: T[], name: (t: T) => string | null) => list.map(name).filter((n): n is string => n !== null);

/** Field by field, what changed from record A to record B. */
export function diffRecords(a: PiaRecord, b: PiaRecord): RecordDiff {
  const left = leaves(a);
  const right = leaves(b);
  const diff: RecordDiff = {
    changed: [], added: [], removed: [],
    summary: {
      systems: setDiff(names(a.basic?.systems ?? [], (s) => s.name), names(b.basic?.systems ?? [], (s) => s.name)),
      contractors: setDiff(
        names(a.files.flatMap((f) => f.outsourcing.items), (i) => i.contractor),
        names(b.files.flatMap((f) => f.outsourcing.items), (i) => i.contractor),
      ),
      files: setDiff(names(a.files, (f) => f.name), names(b.files, (f) => f.name)),
      ratings: [],
    },
  };
  for (const [path, before] of left) {
    if (!right.has(path)) diff.removed.push({ path, before, after: undefined });
    else if (JSON.stringify(right.get(path)) !== JSON.stringify(before)) diff.changed.push({ path, before, after: right.get(path) });
  }
  for (const [path, after] of right) if (!left.has(path)) diff.added.push({ path, before: undefined, after });
  diff.summary.ratings = diff.changed.filter((c) => /\.rating\.value$/.test(c.path));
  return diff;
}
