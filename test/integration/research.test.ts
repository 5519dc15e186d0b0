import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { currentFields, measureRecall, randomPieces, RESEARCHER_TERMS } from "../../scripts/lib/search-recall.js";

/** Search and read-only SQL over a database imported from the seeds and notation fixtures. */

const ROOT = join(import.meta.dirname, "..", "..");
const CLI = join(ROOT, "dist", "src", "cli", "main.js");
const dbPath = join(mkdtempSync(join(tmpdir(), "pia-research-")), "pia.sqlite");

function pia(...args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args, "--db", dbPath], { cwd: ROOT, encoding: "utf8" });
}

interface Hit {
  filingId: number;
  organization: string;
  prefecture: string;
  fieldId: number;
  snippet: string;
  path: string;
  section: string;
  variants: string[];
}

/** Every field hit, flattened (the CLI groups them by filing). */
function hits(...words: string[]): Hit[] {
  const result = pia("search", ...words, "--json", "--limit", "100000", "--fields", "all");
  expect(result.status, result.stderr).toBe(0);
  const parsed = JSON.parse(result.stdout) as { filings: (Omit<Hit, "fieldId" | "snippet" | "path" | "section" | "variants"> & { fields: Hit[] })[] };
  return parsed.filings.flatMap((f) => f.fields.map((h) => ({ ...h, filingId: f.filingId, organization: f.organization, prefecture: f.prefecture })));
}

const hasCommand = (name: string) => spawnSync("sh", ["-c", `command -v ${name}`]).status === 0;

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

  it("finds any piece of the text, across word edges, and one character alone", () => {
    for (const piece of ["宛名シ", "生年月", "報の漏え"]) {
      const found = hits(piece);
      expect(found.length, piece).toBeGreaterThan(0);
      for (const h of found) expect(h.snippet.replace(/[【】]/g, "")).toContain(piece);
    }
    const one = hits("漏");
    expect(one.length).toBeGreaterThan(0);
    expect(one.every((h) => h.snippet.includes("【漏】"))).toBe(true);
  });

  it("finds every field that contains a researcher's term or a random piece of the text (against a substring scan)", () => {
    const db = new Database(dbPath, { readonly: true });
    try {
      const fields = currentFields(db);
      for (const queries of [RESEARCHER_TERMS, randomPieces(fields, 300)]) {
        const report = measureRecall(db, queries, fields);
        expect(report.containing).toBeGreaterThan(100);
        expect(report.recall, JSON.stringify(report.missed)).toBeGreaterThanOrEqual(0.995);
      }
    } finally {
      db.close();
    }
  });

  it("finds notation variants and marks them as such; --exact does not", () => {
    const db = new Database(dbPath, { readonly: true });
    const containing = (text: string) =>
      new Set((db.prepare("SELECT f.id FROM fields f JOIN versions v ON v.document_id = f.document_id JOIN filing_keys k ON k.current_version_id = v.id WHERE f.search_text IS NOT NULL AND instr(f.value, ?) > 0").pluck().all(text) as number[]));
    const long = containing("サーバー");
    const leak = containing("漏えい");
    db.close();
    expect(long.size).toBeGreaterThan(10);
    const server = hits("サーバ");
    for (const id of long) expect(server.find((h) => h.fieldId === id)?.variants).toContain("サーバー");
    const leakHits = hits("漏洩");
    for (const id of leak) expect(leakHits.find((h) => h.fieldId === id)?.variants).toContain("漏えい");
    expect(leakHits.every((h) => h.snippet.includes("【漏えい】") || h.snippet.includes("【漏洩】"))).toBe(true);
    expect(pia("search", "漏洩", "--exact").status).toBe(1); // no filing writes 漏洩
    expect(hits("取り扱い").some((h) => h.variants.includes("取扱い"))).toBe(true);
  });

  it("ranks a whole word above a piece of a longer one", () => {
    const result = JSON.parse(pia("search", "ログ", "--json", "--fields", "all", "--limit", "1000").stdout);
    const fields = result.filings.flatMap((f: { fields: { snippet: string; score: number }[] }) => f.fields);
    const whole = fields.filter((f: { snippet: string }) => /操作【ログ】/.test(f.snippet));
    const inner = fields.filter((f: { snippet: string }) => /【ログ】イン/.test(f.snippet));
    expect(whole.length).toBeGreaterThan(0);
    expect(inner.length).toBeGreaterThan(0);
    expect(Math.max(...whole.map((f: { score: number }) => f.score))).toBeGreaterThan(Math.max(...inner.map((f: { score: number }) => f.score)));
  });

  it("keeps a quoted phrase together and excludes with NOT", () => {
    const phrase = hits('"課題が残されている"');
    expect(phrase.length).toBeGreaterThan(0);
    const withNot = hits("委託", "NOT", "再委託");
    const all = hits("委託");
    expect(withNot.length).toBeGreaterThan(0);
    expect(withNot.length).toBeLessThan(all.length);
    const excluded = new Set(hits("再委託").map((h) => h.fieldId));
    for (const h of withNot) expect(excluded.has(h.fieldId)).toBe(false);
    const either = new Set(hits("生体認証", "OR", "暗号化").map((h) => h.fieldId));
    for (const h of [...hits("生体認証"), ...hits("暗号化")]) expect(either.has(h.fieldId)).toBe(true);
  });

  it("says how many of how many, one line per filing with its best fields under it", () => {
    const result = pia("search", "委託", "--limit", "2");
    expect(result.status).toBe(0);
    const json = JSON.parse(pia("search", "委託", "--json").stdout);
    const first = result.stdout.split("\n")[0];
    expect(first).toBe(`2 of ${json.total.filings} filings (${json.filings.slice(0, 2).reduce((n: number, f: { fields: unknown[] }) => n + f.fields.length, 0)} of ${json.total.fields} fields) for 委託`);
    expect(result.stdout.match(/^#\d+ /gm)).toHaveLength(2);
    expect(json.filings.every((f: { fields: unknown[] }) => f.fields.length <= 3)).toBe(true);
    // One filing once, whatever its renderings (seed 003 is imported as text and as HTML).
    const ids = json.filings.map((f: { filingId: number }) => f.filingId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(json.total.filings).toBe(json.filings.length);
  });

  it("filters by organization and prefecture by their starts, and by section (II is not III)", () => {
    const machida = hits("中間サーバー", "--org", "町田", "--section", "III");
    expect(machida.length).toBeGreaterThan(0);
    for (const h of machida) {
      expect(h.organization).toBe("町田市");
      expect(h.section).toMatch(/^III /);
    }
    expect(hits("委託", "--org", "132098").every((h) => h.organization === "町田市")).toBe(true);
    const tokyo = hits("委託", "--prefecture", "東京");
    expect(tokyo.length).toBeGreaterThan(0);
    expect(tokyo.every((h) => h.prefecture === "東京都")).toBe(true);
    const two = hits("委託", "--section", "II");
    expect(two.length).toBeGreaterThan(0);
    expect(two.every((h) => h.section.startsWith("II "))).toBe(true);
  });

  it("says when nothing matches a filter itself, and exits 1 when nothing is found", () => {
    const noOrg = pia("search", "委託", "--org", "渋谷");
    expect(noOrg.status).toBe(1);
    expect(noOrg.stderr).toBe("pia search: no filing in the database matches --org 渋谷\n");
    const none = pia("search", "該当しない語句です");
    expect(none.status).toBe(1);
    expect(none.stdout).toBe("0 of 0 filings (0 of 0 fields) for 該当しない語句です\n");
    expect(none.stderr).toBe("pia search: nothing found\n");
  });

  it("explains a query it cannot run", () => {
    const result = pia("search", "NOT", "委託");
    expect(result.status).toBe(1);
    expect(result.stderr).toBe("pia search: \"NOT\" needs a word before it\n");
  });

  it.runIf(hasCommand("sqlite-utils"))("is an index sqlite-utils finds and searches", () => {
    const result = spawnSync("sqlite-utils", ["search", dbPath, "fields", "生体認証", "--csv", "-c", "path", "-c", "value"], { encoding: "utf8" });
    expect(result.status, result.stderr).toBe(0);
    const lines = result.stdout.trim().split(/\r?\n/);
    expect(lines[0]).toBe("path,value");
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(1).every((l) => l.includes("生体認証"))).toBe(true);
  });

  it("is searched from plain SQL, and checked and rebuilt by pia index", () => {
    const sql = pia("query", "SELECT count(*) AS n FROM fields_fts WHERE fields_fts MATCH '生体認証'", "--csv");
    expect(Number(sql.stdout.split("\n")[1])).toBeGreaterThan(0);
    const check = pia("index", "--check");
    expect(check.status, check.stderr).toBe(0);
    expect(check.stdout).toMatch(/index consistent with the fields; 0 fields with out-of-date folded forms/);
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
    const lines = result.stdout.trim().split(/\r?\n/);
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
