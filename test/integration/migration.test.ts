import Database from "better-sqlite3";
import { spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importFiles } from "../../src/import/importer.js";
import { search } from "../../src/search/search.js";
import { openDatabase } from "../../src/store/db.js";
import { filingHistory } from "../../src/store/history.js";
import { MIGRATIONS } from "../../src/store/migrations.js";

/**
 * test/data/schema2.sqlite was written by the pia of schema 2 (before filings): the seeds
 * imported from /tmp/s2, seed 003 changed at its path (a new version), then changed back (the
 * two-row cycle in supersedes/superseded_by), seed 001 again from a second folder (recorded
 * nowhere), and one crawled URL for seed 002.
 */
const ROOT = join(import.meta.dirname, "..", "..");
const SCHEMA2 = join(ROOT, "test", "data", "schema2.sqlite");

function upgraded(): string {
  const path = join(mkdtempSync(join(tmpdir(), "pia-upgrade-")), "pia.sqlite");
  copyFileSync(SCHEMA2, path);
  return path;
}

describe("migration 3 upgrades a schema-2 database with data in it", () => {
  it("starts from what schema 2 held", () => {
    const old = new Database(SCHEMA2, { readonly: true });
    expect(old.pragma("user_version", { simple: true })).toBe(2);
    expect(old.prepare("SELECT id, supersedes, superseded_by FROM documents ORDER BY id").all()).toEqual([
      { id: 1, supersedes: null, superseded_by: null },
      { id: 2, supersedes: null, superseded_by: null },
      { id: 3, supersedes: null, superseded_by: null },
      { id: 4, supersedes: 3, superseded_by: 3 },
    ]);
    old.close();
  });

  it("places every document in its filing and version, keeps every row, and leaves a sound database", async () => {
    const path = upgraded();
    const before = new Database(path, { readonly: true });
    const count = (db: Database.Database, table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    const children = ["systems", "system_connections", "files", "file_boxes", "outsourcing_items", "recipients", "record_items", "risk_sections", "risks", "risk_items", "changes", "fields", "warnings", "crawl_urls", "crawl_events"];
    const counts = Object.fromEntries(children.map((t) => [t, count(before, t)]));
    before.close();

    const db = openDatabase(path);
    expect(db.pragma("user_version", { simple: true })).toBe(MIGRATIONS.length);
    expect(db.pragma("foreign_key_check")).toEqual([]);
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    for (const table of children) expect(count(db, table), table).toBe(counts[table]);
    // The word index became the trigram index over the fields (migration 4): it holds exactly their text.
    expect(() => db.prepare("INSERT INTO fields_fts (fields_fts, rank) VALUES ('integrity-check', 1)").run()).not.toThrow();
    expect(db.prepare("SELECT count(*) FROM fields WHERE folded IS NOT NULL").pluck().get()).toBeGreaterThan(0);
    const columns = (db.prepare("PRAGMA table_info(documents)").all() as { name: string }[]).map((c) => c.name);
    expect(columns).not.toContain("supersedes");
    expect(columns).not.toContain("superseded_by");

    // Three filings; seed 003's two contents are one version (one 公表日) with two renderings.
    expect(db.prepare("SELECT filing_key, form, version_count, document_count FROM filings ORDER BY id").all()).toEqual([
      { filing_key: "112020|juten|no:2", form: "juten", version_count: 1, document_count: 1 },
      { filing_key: expect.stringMatching(/^131041\|changes\|content:[0-9a-f]{16}$/), form: "changes", version_count: 1, document_count: 1 },
      { filing_key: "132098|juten|no:8", form: "juten", version_count: 1, document_count: 2 },
    ]);
    // Seed 003's record is the bytes its path gives now (schema 2: document 3, changed back to).
    expect(db.prepare("SELECT current_document_id FROM filings WHERE filing_key = '132098|juten|no:8'").pluck().get()).toBe(3);
    // Where each document was seen: its source, and the crawled URL of seed 002.
    expect(db.prepare("SELECT document_id, source FROM document_sources WHERE source LIKE 'http%'").all()).toEqual([
      { document_id: 2, source: "https://www.city.example.jp/pia/henko.txt" },
    ]);
    expect(db.prepare("SELECT COUNT(*) FROM document_sources").pluck().get()).toBe(5);

    // It reads and takes new imports as a new database does.
    expect(search(db, "委託").total.fields).toBeGreaterThan(0);
    const dir = mkdtempSync(join(tmpdir(), "pia-upgrade-import-"));
    const later = join(dir, "machida-r6.txt");
    writeFileSync(later, readFileSync(join(ROOT, "fixtures", "seeds", "003_8b54a26bb57bd2b2.txt"), "utf8").replace("\n令和5年10月1日\n", "\n令和6年10月1日\n"));
    expect(await importFiles(db, [later], { workers: 1 })).toMatchObject({ newVersions: 1, failed: 0 });
    expect(filingHistory(db, later)!.versions.map((v) => [v.publishedOn, v.current, v.documents.length])).toEqual([
      ["2023-10-01", false, 2],
      ["2024-10-01", true, 1],
    ]);
    expect(db.pragma("foreign_key_check")).toEqual([]);
    db.close();
  });

  it("is applied once, also by processes that open the old database at the same moment", async () => {
    const path = upgraded();
    // Four processes, each opening (and so upgrading) the same schema-2 file.
    const script = `import("${join(ROOT, "dist", "src", "store", "db.js")}").then(({ openDatabase }) => { openDatabase(process.argv[1]).close(); })`;
    const runs = await Promise.all(
      [0, 1, 2, 3].map(
        () =>
          new Promise<{ code: number | null; stderr: string }>((resolve) => {
            const child = spawn(process.execPath, ["-e", script, path], { stdio: ["ignore", "ignore", "pipe"] });
            let stderr = "";
            child.stderr.on("data", (d) => (stderr += d));
            child.on("exit", (code) => resolve({ code, stderr }));
          }),
      ),
    );
    for (const run of runs) expect(run, run.stderr).toMatchObject({ code: 0 });
    const db = new Database(path, { readonly: true });
    expect(db.pragma("user_version", { simple: true })).toBe(MIGRATIONS.length);
    expect(db.prepare("SELECT COUNT(*) FROM filing_keys").pluck().get()).toBe(3);
    expect(db.prepare("SELECT COUNT(*) FROM documents").pluck().get()).toBe(4);
    db.close();
  });
});
