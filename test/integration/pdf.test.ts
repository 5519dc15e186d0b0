import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compareRecords } from "../../src/compare.js";
import { extractFile } from "../../src/engine.js";
import { InputError } from "../../src/errors.js";
import { importFiles } from "../../src/import/importer.js";
import { loadFile } from "../../src/loaders/index.js";
import { openDatabase } from "../../src/store/db.js";
import { judge, pdfCases, readJson, type Gaps } from "../../scripts/lib/gaps.js";

/**
 * PDF filings: the seeds printed as forms (scripts/make-pdf-fixtures.ts: two Writer styles;
 * scripts/make-calc-fixtures.ts: an Excel-like Calc grid) must give the seed's hand-checked
 * record, field by field; every field that differs is listed, with why, in
 * fixtures/pdf/known-differences.json, or is an engine gap (fixtures/pdf/engine-gaps.json).
 */

const ROOT = join(import.meta.dirname, "..", "..");
const PDFS = join(ROOT, "fixtures", "pdf");
const BAD = join(ROOT, "test", "data", "bad-pdf");
const known: Record<string, { path: string; reason: string }[]> = JSON.parse(readFileSync(join(PDFS, "known-differences.json"), "utf8"));
/** What the engine does not read yet (scripts/lib/gaps.ts): a ratchet, rewritten by scripts/update-engine-gaps.ts. */
const gaps = readJson<Gaps>(join(PDFS, "engine-gaps.json"), {});

const fixtures = pdfCases(ROOT);

describe("PDF fixtures", () => {
  it("come in three styles for each seed", () => {
    expect(fixtures.map((f) => f.input.split("/")[2]).filter((s, i, all) => all.indexOf(s) === i)).toEqual(["calc-grid", "glyph-marks", "text-marks"]);
    expect(fixtures.length).toBe(9);
  });

  for (const { input: pdf, expected } of fixtures) {
    it(`${pdf} gives its seed's record`, async () => {
      process.chdir(ROOT);
      const record = await extractFile(pdf);
      expect(record.source.format).toBe("pdf");
      expect(record.source.pages).toBeGreaterThan(1);
      const comparison = compareRecords(JSON.parse(readFileSync(join(ROOT, expected), "utf8")), record, ["warnings", "source", "quality"]);
      const listed = (known[pdf] ?? []).map((d) => d.path);
      const open = gaps[pdf] ?? [];
      const { unexplained, closed } = judge(comparison.differences.map((d) => d.path), listed, open);
      const shown = comparison.differences.filter((d) => unexplained.includes(d.path));
      expect(shown.map((d) => `${d.path}: expected ${JSON.stringify(d.expected)?.slice(0, 200)}, got ${JSON.stringify(d.actual)?.slice(0, 200)}`)).toEqual([]);
      expect(closed, "a listed difference or gap is gone: remove it (node dist/scripts/update-engine-gaps.js)").toEqual([]);
      // Beyond the engine's open gaps, most fields come through: the list stays a list of exceptions.
      expect((comparison.differences.length - open.length) / comparison.fields).toBeLessThan(0.08);
    });
  }

  it("reads a label cell merged over several rows as one cell, above the rows it spans", async () => {
    const document = await loadFile("fixtures/pdf/calc-grid/003_8b54a26bb57bd2b2.pdf");
    const at = document.lines.findIndex((l) => l.cells[0] === "1. 特定個人情報ファイルを取り扱う事務");
    expect(at).toBeGreaterThan(0);
    expect(document.lines[at + 1]!.cells).toEqual(["①事務の名称", "国民年金事務"]);
  });

  it("takes no page frame for a merged cell, and lifts no merged cell right of its row", async () => {
    // Hand-made PDFs (a reviewer's cases): a frame around a table and free lines; a 事由等 cell merged over rows 2-3.
    const framed = await loadFile(join(ROOT, "test", "data", "pdf-layout", "frame.pdf"));
    expect(framed.lines.map((l) => l.cells)).toEqual([["Heading One"], ["Label A", "Value A"], ["Label B", "Value B"], ["Free line one"], ["Free line two", "Right column text"]]);
    const right = await loadFile(join(ROOT, "test", "data", "pdf-layout", "merged-right.pdf"));
    expect(right.lines[0]!.cells).toEqual(["Label 1", "Value 1", "Page 6 R1"]);
    expect(right.lines.findIndex((l) => l.cells.join(" ") === "Reason 23")).toBeGreaterThan(1);
  });

  it("gives every line its page", async () => {
    const document = await loadFile("fixtures/pdf/text-marks/003_8b54a26bb57bd2b2.pdf");
    expect(document.lines.every((l) => l.page !== null && l.page >= 1 && l.page <= document.source.pages!)).toBe(true);
    // The form's table rows come back as label and value cells.
    expect(document.lines.find((l) => l.cells[0] === "③委託先名" || l.cells[0] === "③ 委託先名")?.cells[1]).toBe("株式会社 アイネス");
  });
});

describe("bad PDFs", () => {
  const reasons: Record<string, string> = {
    "corrupt.pdf": "corrupt or truncated PDF (no readable document structure)",
    "encrypted.pdf": "encrypted PDF (a password is needed to open it)",
    "no-text-layer.pdf": "no text layer (a scanned image?): OCR is not done",
    "not-a-filing.pdf": "not a 特定個人情報保護評価書: none of the form's headings or cover labels found",
    "truncated.pdf": "corrupt or truncated PDF (no readable document structure)",
  };

  for (const [file, reason] of Object.entries(reasons)) {
    it(`${file}: ${reason}`, async () => {
      await expect(extractFile(join(BAD, file))).rejects.toThrow(new InputError(join(BAD, file), reason));
    });
  }

  it("refuses a PDF over the page limit, and the flag raises it", async () => {
    const pdf = join(PDFS, "glyph-marks", "001_2bd5f50bba1c40a6.pdf");
    await expect(extractFile(pdf, { maxPages: 2 })).rejects.toThrow(/too many pages \(\d+; the limit is 2, raise it with --max-pages\)/);
    const cli = join(ROOT, "dist", "src", "cli", "main.js");
    const refused = spawnSync(process.execPath, [cli, "extract", pdf, "--max-pages", "2"], { encoding: "utf8" });
    expect(refused.status).toBe(1);
    expect(execFileSync(process.execPath, [cli, "extract", pdf, "--max-pages", "100", "--json"], { encoding: "utf8" })).toContain('"format": "pdf"');
  });

  it("are each recorded in import_errors while the batch goes on", async () => {
    const db = openDatabase(join(mkdtempSync(join(tmpdir(), "pia-pdf-")), "pia.sqlite"));
    const files = [...Object.keys(reasons).map((f) => join(BAD, f)), join(PDFS, "text-marks", "003_8b54a26bb57bd2b2.pdf")];
    const summary = await importFiles(db, files, { workers: 2 });
    expect(summary).toMatchObject({ imported: 1, failed: 5 });
    const rows = db.prepare("SELECT source, reason FROM import_errors ORDER BY source").all() as { source: string; reason: string }[];
    expect(rows).toEqual(Object.entries(reasons).map(([f, reason]) => ({ source: join(BAD, f), reason })));
    const stored = db.prepare("SELECT format, pages FROM documents").get() as { format: string; pages: number };
    expect(stored.format).toBe("pdf");
    const withPages = db.prepare("SELECT COUNT(*) AS n FROM fields WHERE page IS NOT NULL").get() as { n: number };
    expect(withPages.n).toBeGreaterThan(100);
    db.close();
  });
});
