import Database from "better-sqlite3";
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { countLeaves } from "../../src/compare.js";
import { importFiles } from "../../src/import/importer.js";
import { MIGRATIONS } from "../../src/store/migrations.js";
import { openDatabase } from "../../src/store/db.js";

const ROOT = join(import.meta.dirname, "..", "..");
const CLI = join(ROOT, "dist", "src", "cli", "main.js");
const SEEDS = join(ROOT, "fixtures", "seeds");
const SEED_NAMES = ["001_2bd5f50bba1c40a6.txt", "002_c9b8e852673af4a2.txt", "003_8b54a26bb57bd2b2.txt"];

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "pia-store-"));
}

function seedsIn(dir: string): string[] {
  return SEED_NAMES.map((name) => {
    copyFileSync(join(SEEDS, name), join(dir, name));
    return join(dir, name);
  });
}

const TABLES = [
  "documents", "systems", "system_connections", "files", "file_boxes", "outsourcing_items", "recipients", "record_items",
  "risk_sections", "risks", "risk_items", "changes", "fields", "warnings", "import_errors",
];

function counts(dbPath: string): Record<string, number> {
  const db = new Database(dbPath, { readonly: true });
  const out = Object.fromEntries(TABLES.map((t) => [t, (db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n]));
  db.close();
  return out;
}

function pia(...args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: "utf8" });
}

/** Every stored filing is whole: its rows match its record. */
function assertWhole(dbPath: string): number {
  const db = new Database(dbPath, { readonly: true });
  const documents = db.prepare("SELECT id, record FROM documents").all() as { id: number; record: string }[];
  for (const { id, record } of documents) {
    const parsed = JSON.parse(record);
    const count = (sql: string) => (db.prepare(sql).get(id) as { n: number }).n;
    expect(count("SELECT COUNT(*) AS n FROM fields WHERE document_id = ?")).toBe(countLeaves(parsed) - emptyContainers(parsed));
    expect(count("SELECT COUNT(*) AS n FROM files WHERE document_id = ?")).toBe(parsed.files.length);
    expect(count("SELECT COUNT(*) AS n FROM changes WHERE document_id = ?")).toBe(parsed.changes.length);
    expect(count("SELECT COUNT(*) AS n FROM warnings WHERE document_id = ?")).toBe(parsed.warnings.length);
  }
  db.close();
  return documents.length;
}

/** countLeaves counts an empty list or object as one leaf; the fields table has no row for it. */
function emptyContainers(value: unknown): number {
  if (Array.isArray(value)) return value.length === 0 ? 1 : value.reduce((n: number, v) => n + emptyContainers(v), 0);
  if (value !== null && typeof value === "object") {
    const values = Object.values(value);
    return values.length === 0 ? 1 : values.reduce((n: number, v) => n + emptyContainers(v), 0);
  }
  return 0;
}

describe("the database", () => {
  it("is created with every table of docs/schema.md, with exactly those columns", () => {
    const dbPath = join(tempDir(), "a.sqlite");
    const db = openDatabase(dbPath);
    const doc = readFileSync(join(ROOT, "docs", "schema.md"), "utf8");
    const documented = new Map<string, string[]>();
    for (const section of doc.split(/^## Views/m)[0]!.split(/^### /m).slice(1)) {
      const name = section.split("\n")[0]!.trim();
      const columns = [...section.matchAll(/^\| (\w+) \| (?:INTEGER|TEXT|REAL) \|/gm)].map((m) => m[1]!);
      documented.set(name, columns);
    }
    // FTS5 keeps its index in shadow tables (fields_fts_data, …): not the user's tables.
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT GLOB '*_fts_*' AND name NOT GLOB 'sqlite_*' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    expect([...documented.keys()].sort()).toEqual(tables);
    for (const [table, columns] of documented) {
      // table_xinfo: generated columns too (fields.search_text), but not a virtual table's hidden ones.
      const actual = (db.prepare(`PRAGMA table_xinfo(${table})`).all() as { name: string; hidden: number }[]).filter((c) => c.hidden !== 1).map((c) => c.name);
      expect(columns, table).toEqual(actual);
    }
    const views = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'view' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    for (const view of views) expect(doc.split(/^## Views/m)[1]).toContain(`\`${view}\``);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
    db.close();
  });

  it("upgrades an older database and refuses a newer one", () => {
    const dir = tempDir();
    const old = new Database(join(dir, "old.sqlite"));
    old.pragma("user_version = 0");
    old.close();
    const db = openDatabase(join(dir, "old.sqlite"));
    expect(db.pragma("user_version", { simple: true })).toBe(MIGRATIONS.length);
    db.close();
    const newer = new Database(join(dir, "new.sqlite"));
    newer.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    newer.close();
    expect(() => openDatabase(join(dir, "new.sqlite"))).toThrow(/newer pia/);
  });
});

describe("pia import", () => {
  it("imports every filing whole, and importing the same bytes again changes nothing", async () => {
    const dir = tempDir();
    const files = seedsIn(dir);
    const dbPath = join(dir, "pia.sqlite");
    const db = openDatabase(dbPath);
    const first = await importFiles(db, files, { workers: 2 });
    expect(first).toMatchObject({ imported: 3, unchanged: 0, newVersions: 0, failed: 0 });
    const before = counts(dbPath);
    const again = await importFiles(db, files, { workers: 2 });
    expect(again).toMatchObject({ imported: 0, unchanged: 3, newVersions: 0, failed: 0 });
    db.close();
    expect(counts(dbPath)).toEqual(before);
    expect(assertWhole(dbPath)).toBe(3);
  });

  it("takes changed bytes with the same 公表日 as another rendering, and a later 公表日 as a new version", async () => {
    const dir = tempDir();
    const [file] = seedsIn(dir);
    const dbPath = join(dir, "pia.sqlite");
    const db = openDatabase(dbPath);
    await importFiles(db, [file!], { workers: 1 });
    const original = readFileSync(file!, "utf8");
    writeFileSync(file!, original.replace("熊谷市総務部庶務課", "熊谷市総務部文書課"));
    expect(await importFiles(db, [file!], { workers: 1 })).toMatchObject({ imported: 0, newVersions: 0, newRenderings: 1 });
    writeFileSync(file!, original.replace("\n令和6年12月25日\n", "\n令和7年6月1日\n"));
    expect(await importFiles(db, [file!], { workers: 1 })).toMatchObject({ imported: 0, newVersions: 1, newRenderings: 0 });
    const rows = db.prepare("SELECT d.id, v.version_key, v.document_id = d.id AS chosen FROM documents d JOIN versions v ON v.id = d.version_id ORDER BY d.id").all();
    expect(rows).toEqual([
      { id: 1, version_key: "published:2024-12-25", chosen: 0 },
      { id: 2, version_key: "published:2024-12-25", chosen: 1 }, // seen there last
      { id: 3, version_key: "published:2025-06-01", chosen: 1 },
    ]);
    expect(db.prepare("SELECT current_document_id, version_count, document_count FROM filings").get()).toEqual({ current_document_id: 3, version_count: 2, document_count: 3 });
    db.close();
  });

  it("imports the good files of a batch with bad ones, and records each bad one", () => {
    const dir = tempDir();
    const files = seedsIn(dir);
    writeFileSync(join(dir, "empty.txt"), "");
    writeFileSync(join(dir, "binary.txt"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]));
    const seed = readFileSync(files[0]!);
    writeFileSync(join(dir, "truncated.txt"), seed.subarray(0, 1001)); // cut inside a character
    writeFileSync(join(dir, "minutes.txt"), "会議録\n出席者\t5名\n議題\t予算\n");
    const emptyFolder = join(dir, "no-filings");
    mkdirSync(emptyFolder);
    const dbPath = join(dir, "pia.sqlite");
    const result = pia("import", dir, emptyFolder, "--db", dbPath, "--json");
    expect(result.status).toBe(1);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ imported: 3, failed: 5 });
    const reasons = Object.fromEntries(summary.errors.map((e: { path: string; reason: string }) => [e.path.split("/").pop(), e.reason]));
    expect(reasons).toEqual({
      "empty.txt": "empty file",
      "binary.txt": "binary file (NUL bytes), not text",
      "truncated.txt": "undecodable text: not UTF-8, UTF-16, Shift_JIS or EUC-JP",
      "minutes.txt": "not a 特定個人情報保護評価書: none of the form's headings or cover labels found",
      "no-filings": "no filings found (supported: .pdf .txt .md .text .html .htm)",
    });
    // One line on stderr per bad file, naming it and the reason.
    const lines = result.stderr.trim().split("\n");
    for (const { path, reason } of summary.errors) expect(lines.filter((l: string) => l === `${path}: ${reason}`)).toHaveLength(1);
    const db = new Database(dbPath, { readonly: true });
    expect((db.prepare("SELECT COUNT(*) AS n FROM import_errors").get() as { n: number }).n).toBe(5);
    db.close();
  });

  it("leaves no partial filing when killed mid-batch, and a re-run completes the batch", async () => {
    const dir = tempDir();
    const seed = readFileSync(join(SEEDS, SEED_NAMES[0]!), "utf8");
    const total = 120;
    for (let i = 0; i < total; i++) writeFileSync(join(dir, `copy-${String(i).padStart(3, "0")}.txt`), `${seed}\n\n写し ${i}\n`);
    const dbPath = join(dir, "pia.sqlite");
    const child = spawn(process.execPath, [CLI, "import", dir, "--db", dbPath, "--workers", "2"], { stdio: "ignore" });
    // Kill it once some filings are in, while others are still being written.
    const deadline = Date.now() + 20_000;
    let stored = 0;
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
      if (!existsSync(dbPath)) continue;
      try {
        const db = new Database(dbPath, { readonly: true });
        stored = (db.prepare("SELECT COUNT(*) AS n FROM documents").get() as { n: number }).n;
        db.close();
      } catch {
        continue;
      }
      if (stored >= 5) break;
    }
    child.kill("SIGKILL");
    await new Promise((r) => child.on("exit", r));
    const afterKill = assertWhole(dbPath);
    expect(afterKill).toBeGreaterThanOrEqual(5);
    expect(afterKill).toBeLessThan(total);
    const rerun = pia("import", dir, "--db", dbPath, "--json");
    expect(rerun.status).toBe(0);
    // The copies are one filing (one 公表日): the first stored, the others its renderings.
    expect(JSON.parse(rerun.stdout)).toMatchObject({ unchanged: afterKill, imported: 0, newRenderings: total - afterKill, failed: 0 });
    expect(assertWhole(dbPath)).toBe(total);
  });
});

describe("pia show", () => {
  it("prints the stored record, equal to what pia extract --json gives", () => {
    const dir = tempDir();
    const dbPath = join(dir, "pia.sqlite");
    const seed = "fixtures/seeds/003_8b54a26bb57bd2b2.txt";
    expect(pia("import", seed, "--db", dbPath).status).toBe(0);
    const extracted = pia("extract", seed, "--json").stdout;
    expect(pia("show", "1", "--db", dbPath, "--json").stdout).toBe(extracted);
    expect(pia("show", seed, "--db", dbPath, "--json").stdout).toBe(extracted);
    const summary = pia("show", "1", "--db", dbPath);
    expect(summary.stdout).toContain("町田市 (東京都, 132098)");
    expect(summary.stdout).toContain("株式会社 アイネス");
    expect(summary.stdout).toContain("filing        #1 132098|juten|no:8");
    expect(summary.stdout).toContain("document      doc:1, text");
  });

  it("says so when the filing is not there", () => {
    const dir = tempDir();
    const dbPath = join(dir, "pia.sqlite");
    pia("import", "fixtures/seeds/002_c9b8e852673af4a2.txt", "--db", dbPath);
    const result = pia("show", "99", "--db", dbPath);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`99: no such filing in ${dbPath}\n`);
  });
});

describe("odd filings", () => {
  it("stores a filing that prints one number twice (システム1 twice)", async () => {
    const dir = tempDir();
    const text = readFileSync(join(SEEDS, SEED_NAMES[0]!), "utf8").replace(/^システム2\t/m, "システム1\t");
    writeFileSync(join(dir, "twice.txt"), text);
    const db = openDatabase(join(dir, "pia.sqlite"));
    const summary = await importFiles(db, [join(dir, "twice.txt")], { workers: 1 });
    expect(summary).toMatchObject({ imported: 1, failed: 0 });
    const numbers = (db.prepare("SELECT system_no FROM systems ORDER BY system_index").all() as { system_no: number }[]).map((r) => r.system_no);
    expect(numbers).toEqual([1, 1, 3]);
    db.close();
  });

  it("takes a file that goes back to earlier bytes as seen there again: no cycle, no new version", async () => {
    const dir = tempDir();
    const [file] = seedsIn(dir);
    const original = readFileSync(file!);
    const db = openDatabase(join(dir, "pia.sqlite"));
    await importFiles(db, [file!], { workers: 1 });
    writeFileSync(file!, original.toString("utf8").replace("熊谷市総務部庶務課", "熊谷市総務部文書課"));
    await importFiles(db, [file!], { workers: 1 });
    expect(db.prepare("SELECT current_document_id FROM filings").pluck().get()).toBe(2);
    writeFileSync(file!, original);
    const back = await importFiles(db, [file!], { workers: 1 });
    expect(back).toMatchObject({ unchanged: 1, newVersions: 0, newRenderings: 0 });
    expect(db.prepare("SELECT current_document_id, version_count FROM filings").get()).toEqual({ current_document_id: 1, version_count: 1 });
    db.close();
  });
});
