import Database from "better-sqlite3";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import encoding from "encoding-japanese";
import { describe, expect, it } from "vitest";
import type { PiaRecord } from "../../src/record/schema.js";
import { importFiles } from "../../src/import/importer.js";
import { openDatabase, type DB } from "../../src/store/db.js";
import { filingHistory } from "../../src/store/history.js";
import { prepareRecord, storePrepared } from "../../src/store/write.js";

/** The database counts filings: one however many renderings, versions by 公表日, every source kept. */

const ROOT = join(import.meta.dirname, "..", "..");
const CLI = join(ROOT, "dist", "src", "cli", "main.js");
const SEEDS = join(ROOT, "fixtures", "seeds");
const SEED = { kumagaya: "001_2bd5f50bba1c40a6", shinjuku: "002_c9b8e852673af4a2", machida: "003_8b54a26bb57bd2b2" };

const tempDir = () => mkdtempSync(join(tmpdir(), "pia-filings-"));
const pia = (db: string, ...args: string[]) => spawnSync(process.execPath, [CLI, ...args, "--db", db], { cwd: ROOT, encoding: "utf8" });

/** SQLite's own checks, as any tool would run them: clean after every command. */
function assertConsistent(path: string): void {
  const db = new Database(path, { readonly: true });
  try {
    expect(db.pragma("foreign_key_check")).toEqual([]);
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    // Every version has its record, every filing its current version.
    expect(db.prepare("SELECT COUNT(*) AS n FROM versions WHERE document_id IS NULL").get()).toEqual({ n: 0 });
    expect(db.prepare("SELECT COUNT(*) AS n FROM filing_keys WHERE current_version_id IS NULL").get()).toEqual({ n: 0 });
  } finally {
    db.close();
  }
  // The full-text index holds exactly the fields' text (FTS5's check against its content table; it needs a writable connection).
  const writable = new Database(path);
  try {
    expect(() => writable.prepare("INSERT INTO fields_fts (fields_fts, rank) VALUES ('integrity-check', 1)").run()).not.toThrow();
  } finally {
    writable.close();
  }
}

describe("one filing however many renderings", () => {
  it("counts the seeds, their PDFs, an HTML and a Shift_JIS rendering, and a copy in a second folder, as three filings", () => {
    const dir = tempDir();
    const db = join(dir, "pia.sqlite");
    const sjis = join(dir, "sjis", `${SEED.kumagaya}.txt`);
    mkdirSync(join(dir, "sjis"));
    const text = readFileSync(join(SEEDS, `${SEED.kumagaya}.txt`), "utf8");
    writeFileSync(sjis, Buffer.from(encoding.convert(encoding.stringToCode(text), { to: "SJIS", from: "UNICODE" })));
    mkdirSync(join(dir, "again"));
    copyFileSync(join(SEEDS, `${SEED.machida}.txt`), join(dir, "again", "copy.txt"));
    const inputs = [SEEDS, join(ROOT, "fixtures", "pdf", "text-marks"), join(ROOT, "fixtures", "pdf", "glyph-marks"), join(ROOT, "fixtures", "html"), sjis, join(dir, "again", "copy.txt")];
    const imported = pia(db, "import", ...inputs, "--json");
    expect(imported.status, imported.stderr).toBe(0);
    // 3 seeds + 6 PDFs + 1 HTML + 1 Shift_JIS; the copy is bytes already stored.
    expect(JSON.parse(imported.stdout)).toMatchObject({ files: 12, imported: 3, newVersions: 0, newRenderings: 8, unchanged: 1, failed: 0 });
    assertConsistent(db);

    const q = (sql: string) => JSON.parse(pia(db, "query", sql, "--json").stdout) as Record<string, unknown>[];
    expect(q("SELECT COUNT(*) AS n FROM current_filings")).toEqual([{ n: 3 }]);
    expect(q("SELECT org_name, form, version_count, document_count FROM filings ORDER BY org_name")).toEqual([
      { org_name: "新宿区", form: "changes", version_count: 1, document_count: 3 },
      { org_name: "熊谷市", form: "juten", version_count: 1, document_count: 4 },
      { org_name: "町田市", form: "juten", version_count: 1, document_count: 4 },
    ]);
    const stats = JSON.parse(pia(db, "stats", "--json").stdout);
    expect(stats).toMatchObject({ filings: 3, versions: 3, documents: 11 });
    expect(stats.byPrefecture).toEqual([{ prefecture: "東京都", filings: 2 }, { prefecture: "埼玉県", filings: 1 }]);

    // Contractors: one filing's rows come from one document, each contractor counted once per filing.
    expect(q("SELECT filing_id, COUNT(DISTINCT document_id) AS documents FROM contractors GROUP BY filing_id").every((r) => r.documents === 1)).toBe(true);
    const written = q("SELECT d.record FROM filings f JOIN documents d ON d.id = f.current_document_id").flatMap((r) =>
      (JSON.parse(r.record as string) as PiaRecord).files.flatMap((f) => f.outsourcing.items.filter((i) => i.contractor !== null)),
    );
    expect(q("SELECT COUNT(*) AS n FROM contractors")).toEqual([{ n: written.length }]);
    for (const c of stats.topContractors) expect(c.filings).toBeLessThanOrEqual(2);

    // Search gives each field of a filing once, not once per rendering.
    const result = JSON.parse(pia(db, "search", "委託", "--json", "--limit", "500", "--fields", "all").stdout) as { filings: { filingId: number; fields: { path: string }[] }[] };
    expect(new Set(result.filings.map((f) => f.filingId)).size).toBe(result.filings.length);
    const hits = result.filings.flatMap((f) => f.fields.map((h) => ({ filingId: f.filingId, path: h.path })));
    expect(hits.length).toBeGreaterThan(0);
    expect(new Set(hits.map((h) => `${h.filingId} ${h.path}`)).size).toBe(hits.length);

    // Every path a document was seen at is kept, also for bytes already stored.
    const seenAt = q(`SELECT s.source FROM document_sources s JOIN documents d ON d.id = s.document_id WHERE d.source LIKE '%${SEED.machida}.txt' ORDER BY s.source`);
    expect(seenAt.map((r) => r.source)).toEqual([join(dir, "again", "copy.txt"), join(SEEDS, `${SEED.machida}.txt`)].sort());
    // pia show says which filing and version a document is, and lists the other renderings.
    const shown = pia(db, "show", join(dir, "again", "copy.txt")).stdout;
    expect(shown).toMatch(/filing +#\d+ 132098\|juten\|no:8/);
    expect(shown).toContain("version       1 of 1, published 2023-10-01 (current)");
    expect(shown.match(/^ {2}rendering /gm)).toHaveLength(3);
  });
});

describe("versions by publication", () => {
  it("takes a copy with a later 公表日 from a new path as the filing's second version; the old bytes again change no history", () => {
    const dir = tempDir();
    const db = join(dir, "pia.sqlite");
    const first = join(dir, "2023", "machida-8.txt");
    const later = join(dir, "2024", "machida-8-r6.txt");
    mkdirSync(join(dir, "2023"));
    mkdirSync(join(dir, "2024"));
    const text = readFileSync(join(SEEDS, `${SEED.machida}.txt`), "utf8");
    writeFileSync(first, text);
    writeFileSync(later, text.replace("\n令和5年10月1日\n", "\n令和6年4月1日\n").replace("株式会社 アイネス", "株式会社 新ベンダー"));
    expect(pia(db, "import", first).status).toBe(0);
    const second = pia(db, "import", later, "--json");
    expect(JSON.parse(second.stdout)).toMatchObject({ imported: 0, newVersions: 1 });
    assertConsistent(db);

    const history = JSON.parse(pia(db, "history", later, "--json").stdout);
    expect(history.filing).toMatchObject({ id: 1, key: "132098|juten|no:8" });
    expect(history.versions.map((v: { number: number; publishedOn: string; current: boolean; documentId: number }) => [v.number, v.publishedOn, v.current, v.documentId])).toEqual([
      [1, "2023-10-01", false, 1],
      [2, "2024-04-01", true, 2],
    ]);
    // The same history from the old path, the filing's id, or its key.
    for (const reference of [first, "1", "132098|juten|no:8"]) expect(JSON.parse(pia(db, "history", reference, "--json").stdout)).toEqual(history);

    const diff = JSON.parse(pia(db, "diff", "1", "--json").stdout);
    expect(diff.changed.map((c: { path: string }) => c.path)).toEqual([
      "header.publishedOn.raw", "header.publishedOn.iso", "files[0].outsourcing.items[0].contractor",
    ]);
    expect(diff.summary.contractors).toEqual({ added: ["株式会社 新ベンダー"], removed: ["株式会社 アイネス"] });
    expect(pia(db, "diff", "1@1", "1@2").stdout).toContain("+ contractors: 株式会社 新ベンダー");

    // The old bytes again, from the old path and from a third: no new version, nothing rewritten.
    const copy = join(dir, "copy.txt");
    writeFileSync(copy, text);
    const again = pia(db, "import", first, copy, "--json");
    expect(JSON.parse(again.stdout)).toMatchObject({ imported: 0, newVersions: 0, newRenderings: 0, unchanged: 2 });
    const after = JSON.parse(pia(db, "history", "1", "--json").stdout);
    const shape = (h: typeof history) => h.versions.map((v: { id: number; key: string; current: boolean; documents: { id: number }[] }) => [v.id, v.key, v.current, v.documents.map((d) => d.id)]);
    expect(shape(after)).toEqual(shape(history));
    expect(after.versions[0].documents[0].sources.map((s: { source: string }) => s.source)).toEqual([first, copy]);
    expect(pia(db, "diff", "1@1").stderr).toMatch(/no earlier version to compare it with/);
    assertConsistent(db);
  });
});

describe("a store that keeps itself consistent", () => {
  it("stays sound when another tool deletes a document: search and a new import still work", () => {
    const dir = tempDir();
    const db = join(dir, "pia.sqlite");
    expect(pia(db, "import", SEEDS).status).toBe(0);
    // As a sqlite3 or Datasette user would: a plain connection that knows nothing of pia.
    const other = new Database(db);
    other.pragma("foreign_keys = ON");
    other.prepare("DELETE FROM documents WHERE id = 1").run();
    other.close();
    assertConsistent(db);
    const found = pia(db, "search", "委託", "--json");
    expect(found.status, found.stderr).toBe(0);
    expect(JSON.parse(found.stdout).total.fields).toBeGreaterThan(0);
    const copy = join(dir, "kumagaya.txt");
    writeFileSync(copy, readFileSync(join(SEEDS, `${SEED.kumagaya}.txt`), "utf8").replace("\n令和6年12月25日\n", "\n令和7年1月10日\n"));
    const imported = pia(db, "import", copy, join(SEEDS, `${SEED.kumagaya}.txt`), "--json");
    expect(imported.status, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ imported: 1, newVersions: 1, failed: 0 });
    assertConsistent(db);
  });

  it("with the sqlite3 command, where it is installed", () => {
    const probe = spawnSync("sqlite3", ["--version"], { encoding: "utf8" });
    if (probe.status !== 0) return; // .ci/run installs it; a machine without it has the test above
    const dir = tempDir();
    const db = join(dir, "pia.sqlite");
    expect(pia(db, "import", SEEDS).status).toBe(0);
    const deleted = spawnSync("sqlite3", [db, "PRAGMA foreign_keys=ON; DELETE FROM documents WHERE id=1"], { encoding: "utf8" });
    expect(deleted.status, deleted.stderr).toBe(0);
    assertConsistent(db);
    expect(pia(db, "search", "委託").status).toBe(0);
    expect(pia(db, "import", join(SEEDS, `${SEED.kumagaya}.txt`)).status).toBe(0);
    assertConsistent(db);
  });
});

/** Records as the store gets them, made from the hand-checked expected records (no extraction). */
function store(db: DB, record: PiaRecord, sha: string, path: string) {
  const r = structuredClone(record);
  r.source = { ...r.source, path, sha256: sha.repeat(64).slice(0, 64) };
  return storePrepared(db, prepareRecord(r, new Map(), 1000));
}
function expected(seed: string): PiaRecord {
  const record = JSON.parse(readFileSync(join(SEEDS, `${seed}.expected.json`), "utf8")) as PiaRecord;
  // The expected files note a warning's code, path and line; the store wants the whole warning.
  record.warnings = record.warnings.map((w) => ({ code: w.code, path: w.path, message: w.message ?? w.code, line: w.line ?? null, page: w.page ?? null }));
  record.quality = { coverage: 1, missing: [] };
  return record;
}

describe("the identity rule at the store", () => {
  it("picks the rendering with the fewest warnings as the version's record, and another when that one is deleted", () => {
    const db = openDatabase(join(tempDir(), "pia.sqlite"));
    const clean = expected(SEED.kumagaya);
    const noisy = structuredClone(clean);
    noisy.warnings.push({ code: "selection-outside-options", path: "files[0]", message: "m", line: null, page: null });
    const a = store(db, noisy, "a", "/x/a.pdf");
    const b = store(db, clean, "b", "/x/b.txt");
    expect([a.outcome, b.outcome]).toEqual(["imported", "new-rendering"]);
    expect(db.prepare("SELECT current_document_id FROM filings").pluck().get()).toBe(b.documentId);
    db.prepare("DELETE FROM documents WHERE id = ?").run(b.documentId);
    expect(db.prepare("SELECT current_document_id FROM filings").pluck().get()).toBe(a.documentId);
    db.prepare("DELETE FROM documents WHERE id = ?").run(a.documentId);
    expect(db.prepare("SELECT COUNT(*) FROM filing_keys").pluck().get()).toBe(0);
    db.close();
  });

  it("makes a file that goes back to earlier bytes seen there last, without a cycle or a new version", () => {
    const db = openDatabase(join(tempDir(), "pia.sqlite"));
    const one = expected(SEED.machida);
    const two = structuredClone(one);
    two.files[0]!.outsourcing.items[0]!.contractor = "株式会社 新ベンダー";
    const at = (iso: string, r: PiaRecord, sha: string) => storePrepared(db, prepareRecord({ ...structuredClone(r), source: { ...r.source, path: "/f.txt", sha256: sha.repeat(64) } }, new Map(), 1), new Date(iso));
    expect(at("2026-01-01T00:00:00Z", one, "1").outcome).toBe("imported");
    expect(at("2026-02-01T00:00:00Z", two, "2").outcome).toBe("new-rendering"); // the same 公表日
    expect(db.prepare("SELECT current_document_id FROM filings").pluck().get()).toBe(2);
    expect(at("2026-03-01T00:00:00Z", one, "1").outcome).toBe("unchanged");
    expect(db.prepare("SELECT current_document_id FROM filings").pluck().get()).toBe(1);
    expect(db.prepare("SELECT COUNT(*) FROM versions").pluck().get()).toBe(1);
    db.close();
  });

  it("orders versions by 公表日, not by when they were imported", () => {
    const db = openDatabase(join(tempDir(), "pia.sqlite"));
    const later = expected(SEED.kumagaya);
    const earlier = structuredClone(later);
    earlier.header.publishedOn = { raw: "令和5年12月25日", iso: "2023-12-25" };
    store(db, later, "1", "/new.txt");
    expect(store(db, earlier, "2", "/old.txt").outcome).toBe("new-version");
    const history = filingHistory(db, "1")!;
    expect(history.versions.map((v) => [v.publishedOn, v.current, v.documentId])).toEqual([["2023-12-25", false, 2], ["2024-12-25", true, 1]]);
    db.close();
  });

  it("keeps two affairs under one number apart, and a renamed affair together", () => {
    const db = openDatabase(join(tempDir(), "pia.sqlite"));
    const base = expected(SEED.kumagaya);
    const renamed = structuredClone(base);
    renamed.basic!.affair.name = "障害者福祉の事務";
    renamed.header.publishedOn = { raw: "令和7年4月1日", iso: "2025-04-01" };
    const other = structuredClone(base);
    other.basic!.affair.name = "地方税の賦課徴収に関する事務";
    store(db, base, "1", "/a.txt");
    expect(store(db, renamed, "2", "/b.txt").outcome).toBe("new-version");
    expect(store(db, other, "3", "/c.txt").outcome).toBe("imported");
    expect(db.prepare("SELECT filing_key, version_count FROM filings ORDER BY id").all()).toEqual([
      { filing_key: "112020|juten|no:2", version_count: 2 },
      { filing_key: "112020|juten|no:2|affair:地方税の賦課徴収に関する事務", version_count: 1 },
    ]);
    db.close();
  });

  it("files a 変更箇所一覧 that names its 評価書番号 with that filing, in either order, and never as its current version", () => {
    const full = expected(SEED.kumagaya);
    const list = expected(SEED.shinjuku);
    list.organization = { ...full.organization };
    list.header.assessmentNumber = "2";
    list.header.publishedOn = { raw: "令和7年1月10日", iso: "2025-01-10" };
    for (const order of [["full", "list"], ["list", "full"]]) {
      const db = openDatabase(join(tempDir(), "pia.sqlite"));
      for (const which of order) store(db, which === "full" ? full : list, which === "full" ? "f" : "1", `/${which}.txt`);
      expect(db.prepare("SELECT filing_key, form, version_count FROM filings").all()).toEqual([{ filing_key: "112020|juten|no:2", form: "juten", version_count: 2 }]);
      expect(db.prepare("SELECT d.form FROM filings f JOIN documents d ON d.id = f.current_document_id").pluck().get()).toBe("juten");
      db.close();
    }
  });

  it("takes a cover whose 評価書番号 was not read as its numbered filing's, in either order", () => {
    const numbered = expected(SEED.machida);
    const unnumbered = structuredClone(numbered);
    unnumbered.header.assessmentNumber = null;
    unnumbered.files[0]!.notes = "読み違いのある写し";
    for (const order of [["numbered", "unnumbered"], ["unnumbered", "numbered"]]) {
      const db = openDatabase(join(tempDir(), "pia.sqlite"));
      for (const which of order) store(db, which === "numbered" ? numbered : unnumbered, which === "numbered" ? "1" : "2", `/${which}.txt`);
      expect(db.prepare("SELECT filing_key, version_count, document_count FROM filings").all(), order.join(" then ")).toEqual([
        { filing_key: "132098|juten|no:8", version_count: 1, document_count: 2 },
      ]);
      db.close();
    }
  });

  it("never lets a rendering whose 公表日 was not read be the current version, and files it with the version it reads as", () => {
    const db = openDatabase(join(tempDir(), "pia.sqlite"));
    const dated = expected(SEED.kumagaya);
    const undated = structuredClone(dated);
    undated.header.publishedOn = null;
    store(db, dated, "1", "/dated.txt");
    // The same content without its date: the same version, not a new one.
    expect(store(db, undated, "2", "/undated.txt").outcome).toBe("new-rendering");
    // Other content and no date: a version of its own, listed, but not current.
    const other = structuredClone(undated);
    other.files[0]!.notes = "別の内容";
    expect(store(db, other, "3", "/other.txt").outcome).toBe("new-version");
    expect(db.prepare("SELECT version_count, current_document_id FROM filings").get()).toEqual({ version_count: 2, current_document_id: 1 });
    db.close();
  });

  it("keeps a version's record when renderings that read alike are seen again", () => {
    const db = openDatabase(join(tempDir(), "pia.sqlite"));
    const record = expected(SEED.machida);
    const at = (iso: string, sha: string, path: string) =>
      storePrepared(db, prepareRecord({ ...structuredClone(record), source: { ...record.source, path, sha256: sha.repeat(64) } }, new Map(), 1), new Date(iso));
    at("2026-01-01T00:00:00Z", "a", "/a.pdf");
    at("2026-01-02T00:00:00Z", "b", "/b.html");
    const chosen = db.prepare("SELECT current_document_id FROM filings").pluck().get();
    at("2026-02-01T00:00:00Z", "b", "/b.html");
    at("2026-03-01T00:00:00Z", "a", "/a.pdf");
    at("2026-04-01T00:00:00Z", "b", "/b.html");
    expect(db.prepare("SELECT current_document_id FROM filings").pluck().get()).toBe(chosen);
    db.close();
  });

  it("compares a filing's version with its previous assessment, not with a 変更箇所一覧 between them", () => {
    const dir = tempDir();
    const dbPath = join(dir, "pia.sqlite");
    const db = openDatabase(dbPath);
    const first = expected(SEED.kumagaya);
    const list = expected(SEED.shinjuku);
    list.organization = { ...first.organization };
    list.header.assessmentNumber = "2";
    list.header.publishedOn = { raw: "令和7年1月10日", iso: "2025-01-10" };
    const later = structuredClone(first);
    later.header.publishedOn = { raw: "令和7年6月1日", iso: "2025-06-01" };
    later.files[0]!.notes = "変更後";
    store(db, first, "1", "/v1.txt");
    store(db, list, "2", "/list.txt");
    store(db, later, "3", "/v2.txt");
    db.close();
    const diff = JSON.parse(pia(dbPath, "diff", "1", "--json").stdout);
    expect([diff.from.documentId, diff.to.documentId]).toEqual([1, 3]);
    expect(pia(dbPath, "history", "1").stdout).toMatch(/v2 +published 2025-01-10 +変更箇所一覧/);
  });

  it("stays whole when another tool deletes with foreign keys off or moves a document, and never reuses an id", () => {
    const dbPath = join(tempDir(), "pia.sqlite");
    const db = openDatabase(dbPath);
    const a = store(db, expected(SEED.kumagaya), "1", "/a.txt");
    store(db, expected(SEED.machida), "2", "/b.txt");
    db.close();
    const other = new Database(dbPath);
    other.pragma("foreign_keys = OFF"); // sqlite3's and Datasette's default
    other.prepare("DELETE FROM documents WHERE id = 2").run();
    other.close();
    assertConsistent(dbPath);
    const again = openDatabase(dbPath);
    const c = store(again, expected(SEED.machida), "3", "/c.txt");
    expect(c.documentId).toBe(3);
    expect(c.filingId).toBe(3);
    const moved = store(again, { ...expected(SEED.machida), header: { ...expected(SEED.machida).header, publishedOn: { raw: "令和6年1月1日", iso: "2024-01-01" } } }, "4", "/d.txt");
    again.close();
    // Moving filing 1's only document into another filing's version leaves no empty filing behind.
    const mover = new Database(dbPath);
    mover.prepare("UPDATE documents SET version_id = ? WHERE id = ?").run(moved.versionId, a.documentId);
    mover.close();
    assertConsistent(dbPath);
  });
});
