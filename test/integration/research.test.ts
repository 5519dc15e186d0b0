import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

/** Search and read-only SQL over a database imported from the seeds and notation fixtures. */

const ROOT = join(import.meta.dirname, "..", "..");
const CLI = join(ROOT, "dist", "src", "cli", "main.js");
const dbPath = join(mkdtempSync(join(tmpdir(), "pia-research-")), "pia.sqlite");

function pia(...args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args, "--db", dbPath], { cwd: ROOT, encoding: "utf8" });
}

function hits(...words: string[]): { documentId: number; organization: string; snippet: string; path: string; section: string }[] {
  const result = pia("search", ...words, "--json", "--limit", "100000");
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout);
}

const fileSha = () => createHash("sha256").update(readFileSync(dbPath)).digest("hex");

beforeAll(() => {
  const result = spawnSync(process.execPath, [CLI, "import", "fixtures/seeds", "fixtures/notations", "--db", dbPath], { cwd: ROOT, encoding: "utf8" });
  expect(result.status, result.stderr).toBe(0);
}, 120_000);

describe("pia search", () => {
  it("finds two-character words inside longer ones, with a highlighted snippet", () => {
    const found = hits("生体");
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((h) => h.snippet.includes("【生体】"))).toBe(true);
    expect(found.some((h) => h.organization === "熊谷市" && h.snippet.includes("【生体】情報による認証"))).toBe(true);
  });

  it("finds a longer word as the words it is made of, in order", () => {
    const found = hits("中間サーバー・プラットフォーム");
    expect(found.length).toBeGreaterThan(0);
    for (const h of found) expect(h.snippet.replace(/[【】]/g, "")).toContain("中間サーバー・プラットフォーム");
  });

  it("keeps a quoted phrase together and excludes with NOT", () => {
    const phrase = hits('"課題が残されている"');
    expect(phrase.length).toBeGreaterThan(0);
    const withNot = hits("委託", "NOT", "再委託");
    const all = hits("委託");
    expect(withNot.length).toBeGreaterThan(0);
    expect(withNot.length).toBeLessThan(all.length);
    const excluded = new Set(hits("再委託").map((h) => `${h.documentId} ${h.path}`));
    for (const h of withNot) expect(excluded.has(`${h.documentId} ${h.path}`)).toBe(false);
  });

  it("filters by organization and section, and says where each hit stands", () => {
    const found = hits("中間サーバー", "--org", "町田市", "--section", "III");
    expect(found.length).toBeGreaterThan(0);
    for (const h of found) {
      expect(h.organization).toBe("町田市");
      expect(h.section).toContain("III");
    }
  });

  it("explains a query it cannot run", () => {
    const result = pia("search", "NOT", "委託");
    expect(result.status).toBe(1);
    expect(result.stderr).toBe("pia search: \"NOT\" needs a word before it\n");
  });
});

describe("pia query", () => {
  it("answers read-only SQL as a table, CSV, JSON and JSON lines, with parameters", () => {
    const table = pia("query", "SELECT org_name, form FROM documents WHERE org_code = :code ORDER BY id", "--param", "code=132098");
    expect(table.status).toBe(0);
    expect(table.stdout.split("\n")[0]).toMatch(/^org_name\s+form$/);
    expect(table.stdout).toContain("町田市");
    const csv = pia("query", "SELECT COUNT(*) AS n FROM documents WHERE form = ?", "--param", "changes", "--csv");
    expect(csv.stdout).toBe("n\n1\n");
    const json = JSON.parse(pia("query", "SELECT name FROM systems WHERE document_id = (SELECT id FROM documents WHERE org_code = '132098') ORDER BY system_no", "--json").stdout);
    expect(json.map((r: { name: string }) => r.name)).toEqual(["国民年金システム", "宛名システム兼連携システム", "中間サーバー"]);
    const jsonl = pia("query", "SELECT contractor, contractor_key FROM contractors WHERE org_name = '町田市' ORDER BY item_no", "--jsonl").stdout.trim().split("\n");
    expect(JSON.parse(jsonl[0]!)).toEqual({ contractor: "株式会社 アイネス", contractor_key: "アイネス" });
  });

  it("refuses a statement that writes, and leaves the file as it was", () => {
    const before = fileSha();
    for (const sql of ["DELETE FROM documents", "DROP TABLE fields", "UPDATE documents SET title = 'x'", "INSERT INTO import_errors (source, reason, at) VALUES ('a', 'b', 'c')"]) {
      const result = pia("query", sql);
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/^pia query: .*read-only/);
    }
    expect(fileSha()).toBe(before);
    expect(JSON.parse(pia("query", "SELECT COUNT(*) AS n FROM documents", "--json").stdout)[0].n).toBeGreaterThan(30);
  });

  it("says what is wrong with bad SQL", () => {
    const result = pia("query", "SELEC 1");
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^pia query: near "SELEC": syntax error/);
  });
});

describe("pia export", () => {
  it("exports the full records as JSONL that validates against the schema and equals the stored records", async () => {
    const { RecordSchema } = await import("../../src/record/schema.js");
    const result = pia("export", "records");
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split("\n");
    const count = JSON.parse(pia("query", "SELECT COUNT(*) AS n FROM filings", "--json").stdout)[0].n;
    expect(lines).toHaveLength(count);
    for (const line of lines) RecordSchema.parse(JSON.parse(line));
    const first = JSON.parse(lines[0]!);
    const shown = JSON.parse(pia("show", "1", "--json").stdout);
    expect(first).toEqual(shown);
  });

  it("exports a table as CSV and JSONL with every row, and every table to a folder", () => {
    const n = JSON.parse(pia("query", "SELECT COUNT(*) AS n FROM outsourcing_items", "--json").stdout)[0].n;
    const csv = pia("export", "outsourcing_items", "--format", "csv").stdout.trim().split("\n");
    expect(csv[0]).toBe("document_id,file_index,item_index,item_no,title,content,handler_count,handler_min,handler_max,contractor,subcontracting_status,subcontracting_permission,subcontracting_matters");
    const jsonl = pia("export", "outsourcing_items", "--format", "jsonl").stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(jsonl).toHaveLength(n);
    expect(jsonl.map((r) => r.contractor)).toContain("株式会社 アイネス");
    const out = mkdtempSync(join(tmpdir(), "pia-export-"));
    const all = pia("export", "all", "--format", "jsonl", "--out", out);
    expect(all.status).toBe(0);
    expect(readFileSync(join(out, "outsourcing_items.jsonl"), "utf8").trim().split("\n")).toHaveLength(n);
    expect(pia("export", "nothing").stderr).toMatch(/^pia export: "nothing" is not something to export/);
  });
});

describe("pia stats", () => {
  it("matches counts taken with plain SQL", () => {
    const stats = JSON.parse(pia("stats", "--json").stdout);
    const q = (sql: string) => {
      const result = pia("query", sql, "--json");
      expect(result.status, result.stderr).toBe(0);
      return JSON.parse(result.stdout);
    };
    // Over the current record of each filing: the documents its filing_keys row points at.
    const current = "SELECT v.document_id FROM filing_keys k JOIN versions v ON v.id = k.current_version_id";
    expect(stats.filings).toBe(q("SELECT COUNT(*) AS n FROM filing_keys")[0].n);
    expect(stats.documents).toBe(q("SELECT COUNT(*) AS n FROM documents")[0].n);
    expect(stats.byForm).toEqual(q("SELECT form, COUNT(*) AS filings FROM filing_keys GROUP BY form ORDER BY filings DESC, form"));
    const aines = stats.topContractors.find((c: { asWritten: string }) => c.asWritten === "株式会社 アイネス");
    expect(aines.filings).toBe(q(`SELECT COUNT(DISTINCT document_id) AS n FROM outsourcing_items WHERE replace(contractor, ' ', '') = '株式会社アイネス' AND document_id IN (${current})`)[0].n);
    const sumRatings = stats.ratings.reduce((n: number, r: { risks: number }) => n + r.risks, 0);
    expect(sumRatings).toBe(q(`SELECT COUNT(*) AS n FROM risks WHERE document_id IN (${current})`)[0].n);
    const warnings = stats.warnings.reduce((n: number, w: { count: number }) => n + w.count, 0);
    expect(warnings).toBe(q(`SELECT COUNT(*) AS n FROM warnings WHERE document_id IN (${current})`)[0].n);
    expect(pia("stats").stdout).toMatch(/^filings \d+ \(versions \d+, documents \d+, import errors \d+\)/);
  });

  it("writes metadata.json for generic tools beside the database on import", () => {
    const metadata = JSON.parse(readFileSync(join(dbPath, "..", "metadata.json"), "utf8"));
    const tables = metadata.databases.pia.tables;
    expect(tables.outsourcing_items.columns.contractor).toContain("委託先名");
    expect(Object.keys(tables)).toContain("fields_fts");
  });
});
