import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { compareRecords } from "../../src/compare.js";
import { extractFile } from "../../src/engine.js";
import { SUPPORTED_EXTENSIONS } from "../../src/loaders/index.js";

/**
 * Golden tests: every `*.expected.json` under fixtures/ sits next to its input; the record
 * extracted from the input must equal it field by field (the expected file may state only
 * the fields it is about). Warnings are compared by code, path and line.
 */

const ROOT = join(import.meta.dirname, "..", "..");
const FIXTURES = join(ROOT, "fixtures");

function expectedFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return expectedFiles(path);
    return name.endsWith(".expected.json") ? [path] : [];
  });
}

function inputFor(expectedPath: string): string {
  const stem = expectedPath.slice(0, -".expected.json".length);
  const input = SUPPORTED_EXTENSIONS.map((ext) => stem + ext).find((p) => existsSync(p));
  if (!input) throw new Error(`${relative(ROOT, expectedPath)} has no input next to it`);
  return relative(ROOT, input);
}

const knownDifferences: Record<string, { path: string; reason: string }[]> = JSON.parse(
  readFileSync(join(FIXTURES, "known-differences.json"), "utf8"),
);

const cases = expectedFiles(FIXTURES).sort().map((path) => ({ expectedPath: path, input: inputFor(path) }));

describe("golden records", () => {
  it("finds the fixtures", () => {
    expect(cases.length).toBeGreaterThanOrEqual(3);
  });

  for (const { expectedPath, input } of cases) {
    it(input, async () => {
      process.chdir(ROOT);
      const expected = JSON.parse(readFileSync(expectedPath, "utf8"));
      const record = await extractFile(input);
      const comparison = compareRecords(expected, record, ["warnings"]);
      const differing = comparison.differences.map((d) => d.path);
      const known = (knownDifferences[input] ?? []).map((d) => d.path);
      const unexpected = comparison.differences.filter((d) => !known.includes(d.path));
      // Name every field that differs, with both values, so a failure says what to look at.
      expect(unexpected.map((d) => `${d.path}: expected ${JSON.stringify(d.expected)?.slice(0, 300)}, got ${JSON.stringify(d.actual)?.slice(0, 300)}`)).toEqual([]);
      expect(known.filter((p) => !differing.includes(p)), "a known difference is fixed: remove it from known-differences.json").toEqual([]);
      if (expected.warnings !== undefined) {
        const project = (ws: { code: string; path: string; line: number | null }[]) => ws.map((w) => `${w.code} ${w.path} @${w.line}`);
        expect(project(record.warnings)).toEqual(project(expected.warnings));
      }
    });
  }
});
