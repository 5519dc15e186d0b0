import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { compareRecords } from "../../src/compare.js";
import { extractFile } from "../../src/engine.js";

/**
 * Fixtures that the engine does not yet read whole (a PDF style, a converter's output), each
 * against its filing's own record. Two ledgers per folder: what the input really lacks (with a
 * reason, for good), and the engine's gaps (paths only, a ratchet: a gap that closes must leave
 * the list, a new difference fails the test). `node dist/scripts/update-engine-gaps.js` rewrites
 * the gaps after an engine change; the ledger of losses is written by hand or by its script.
 */

export interface GapCase {
  /** The input, relative to the project root. */
  input: string;
  /** Its filing's expected record, relative to the project root. */
  expected: string;
}

/** A case whose extraction throws differs everywhere: one path stands for that. */
export const EXTRACTION_FAILS = "(extraction fails)";

/** The PDF fixtures: fixtures/pdf/<style>/<seed>.pdf against the seed's record. */
export function pdfCases(root: string): GapCase[] {
  const dir = join(root, "fixtures", "pdf");
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((style) => readdirSync(join(dir, style.name)).filter((f) => f.endsWith(".pdf")).map((f) => `fixtures/pdf/${style.name}/${f}`))
    .sort()
    .map((input) => ({ input, expected: input.replace(/^fixtures\/pdf\/[^/]+\//, "fixtures/seeds/").replace(/\.pdf$/, ".expected.json") }));
}

/** The converter fixtures, as fixtures/converters/manifest.json lists them. */
export function converterCases(root: string): GapCase[] {
  const manifest = JSON.parse(readFileSync(join(root, "fixtures", "converters", "manifest.json"), "utf8")) as { files: { path: string; expected: string }[] };
  return manifest.files.map((f) => ({ input: f.path, expected: f.expected })).sort((a, b) => (a.input < b.input ? -1 : 1));
}

/** The record paths where the engine's record of the input differs from the expected one. */
export async function differingPaths(root: string, c: GapCase): Promise<string[]> {
  const expected = JSON.parse(readFileSync(join(root, c.expected), "utf8"));
  try {
    const record = await extractFile(join(root, c.input));
    return compareRecords(expected, record, ["warnings", "source", "quality"]).differences.map((d) => d.path);
  } catch {
    return [EXTRACTION_FAILS];
  }
}

export type Ledger = Record<string, { path: string; reason: string }[]>;
export type Gaps = Record<string, string[]>;

export function readJson<T>(path: string, empty: T): T {
  return existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as T) : empty;
}

/** Whether a difference at `path` stands for the listed field (it, or a whole subtree or record that holds it). */
function covers(path: string, listed: string): boolean {
  return path === EXTRACTION_FAILS || listed === path || listed.startsWith(`${path}.`) || listed.startsWith(`${path}[`);
}

/** What a case's differences say against its ledgers: differences nobody listed, and listed ones that are gone. */
export function judge(differing: string[], losses: string[], gaps: string[]): { unexplained: string[]; closed: string[] } {
  const listed = new Set([...losses, ...gaps]);
  return {
    unexplained: differing.filter((p) => !listed.has(p)),
    closed: [...listed].filter((l) => !differing.some((p) => covers(p, l))),
  };
}
