import type { PiaRecord } from "../record/schema.js";
import type { DB } from "./db.js";
import { findDocument } from "./read.js";

/** The versions of one filing's source, oldest first (`pia history`). */
export interface Version {
  id: number;
  /** Where this version was read from (a filing that moved has versions from two URLs). */
  source: string;
  importedAt: string;
  sha256: string;
  supersedes: number | null;
  supersededBy: number | null;
  current: boolean;
}

export interface History {
  source: string;
  /** Since when the source (a crawled URL) answers 404/410; null while it is published. */
  withdrawnAt: string | null;
  versions: Version[];
}

export function versionsOf(db: DB, reference: string): History | null {
  const stored = findDocument(db, reference);
  if (!stored) return null;
  // The versions are those of the source, and those linked to them by supersedes (a crawled
  // filing that moved to another URL and changed there continues the same history).
  const bySource = db.prepare("SELECT id FROM documents WHERE source = ?");
  const links = db.prepare("SELECT supersedes, superseded_by FROM documents WHERE id = ?");
  const ids = new Set<number>([stored.id, ...(bySource.all(stored.source) as { id: number }[]).map((r) => r.id)]);
  const pending = [...ids];
  while (pending.length > 0) {
    const row = links.get(pending.pop()!) as { supersedes: number | null; superseded_by: number | null } | undefined;
    for (const next of [row?.supersedes, row?.superseded_by]) {
      if (next != null && !ids.has(next)) {
        ids.add(next);
        pending.push(next);
      }
    }
  }
  const rows = db
    .prepare(`SELECT id, source, imported_at, sha256, supersedes, superseded_by FROM documents WHERE id IN (${[...ids].join(",")}) ORDER BY id`)
    .all() as { id: number; source: string; imported_at: string; sha256: string; supersedes: number | null; superseded_by: number | null }[];
  const current = rows.find((r) => r.superseded_by === null);
  // Withdrawn by the same rule as current_documents: every crawled URL that gave it is gone.
  const withdrawn = current ? (db.prepare("SELECT withdrawn_at FROM current_documents WHERE id = ?").get(current.id) as { withdrawn_at: string | null }) : null;
  return {
    source: stored.source,
    withdrawnAt: withdrawn?.withdrawn_at ?? null,
    versions: rows.map((r) => ({
      id: r.id, source: r.source, importedAt: r.imported_at, sha256: r.sha256, supersedes: r.supersedes, supersededBy: r.superseded_by, current: r.superseded_by === null,
    })),
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
