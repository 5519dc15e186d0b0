import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { converterCases, differingPaths, judge, readJson, type Gaps, type Ledger } from "../../scripts/lib/gaps.js";

/**
 * Other converters' text of the PDF and HTML fixtures (scripts/convert-fixtures.ts: pdftotext,
 * mutool, pdftohtml, pandoc), each against its filing's own record. A field that differs is
 * what the converter really loses (fixtures/converters/losses.json, with why) or an engine gap
 * (fixtures/converters/engine-gaps.json, a ratchet); anything else fails.
 */

const ROOT = join(import.meta.dirname, "..", "..");
const DIR = join(ROOT, "fixtures", "converters");
const losses = readJson<Ledger>(join(DIR, "losses.json"), {});
const gaps = readJson<Gaps>(join(DIR, "engine-gaps.json"), {});
const cases = converterCases(ROOT);

describe("converter fixtures", () => {
  it("cover every converter the issue names", () => {
    const manifest = JSON.parse(readFileSync(join(DIR, "manifest.json"), "utf8")) as { files: { converter: string }[] };
    const converters = new Set(manifest.files.map((f) => f.converter));
    for (const c of ["pdftotext", "pdftotext-raw", "pdftotext-layout", "mutool-txt", "mutool-html", "mutool-xhtml", "pdftohtml", "pandoc-gfm", "pandoc-plain"]) {
      expect(converters.has(c), c).toBe(true);
    }
  });

  for (const c of cases) {
    it(c.input, async () => {
      const differing = await differingPaths(ROOT, c);
      const { unexplained, closed } = judge(differing, (losses[c.input] ?? []).map((d) => d.path), gaps[c.input] ?? []);
      expect(unexplained, "new differences: a regression, or a loss to list with its reason").toEqual([]);
      expect(closed, "fixed or no longer lost: remove it (node dist/scripts/update-engine-gaps.js)").toEqual([]);
    });
  }
});
