/**
 * Scores the engine on converter outputs: every file in fixtures/converters/manifest.json
 * (scripts/convert-fixtures.ts) is extracted with the library and compared, field by field, with
 * the record of the filing it was converted from (scripts/lib/converter-score.ts: precision,
 * recall, F1 over the leaves). Prints one line per file, one per converter and the total.
 * A file whose extraction throws counts as all-missing; the error is printed.
 * Usage: node dist/scripts/score-converters.js [--json] [--verbose] [--losses] [FILTER…]
 *   --json     the same as JSON
 *   --verbose  the wrong, missing and extra paths of each file (wrong: expected → actual)
 *   --losses   leave out the fields fixtures/converters/losses.json lists for a file (what the
 *              converter's text really lacks), so the score is the engine's own
 *   FILTER     only files whose path contains one of these strings (e.g. mutool-txt, 003_)
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { extractFile } from "../src/engine.js";
import { addCounts, isEmpty, rates, scoreRecord, zeroCounts, type FieldCounts, type ScoredDifference } from "./lib/converter-score.js";

const root = join(import.meta.dirname, "..", "..");
process.chdir(root);

const args = process.argv.slice(2);
const json = args.includes("--json");
const verbose = args.includes("--verbose");
const useLosses = args.includes("--losses");
const filters = args.filter((a) => !a.startsWith("--"));

interface Entry {
  path: string;
  converter: string;
  expected: string;
}
const manifestPath = "fixtures/converters/manifest.json";
if (!existsSync(manifestPath)) {
  console.error(`${manifestPath} not found: run node dist/scripts/convert-fixtures.js first`);
  process.exit(2);
}
const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { files: Entry[] };
const losses: Record<string, { path: string }[]> =
  useLosses && existsSync("fixtures/converters/losses.json") ? JSON.parse(readFileSync("fixtures/converters/losses.json", "utf8")) : {};

/**
 * The ledger's fields are the converter's loss, not the engine's: a listed field that differs is
 * taken out of the counts (as if the expected record did not have it). A listed field that comes
 * out right stays right, and is reported: the ledger is wrong there.
 */
function leaveOut(score: ReturnType<typeof scoreRecord>, listed: Set<string>): { score: ReturnType<typeof scoreRecord>; rightButListed: string[] } {
  const out = { ...score, differences: [] as ScoredDifference[] };
  for (const d of score.differences) {
    if (!listed.has(d.path) || d.kind === "extra") {
      out.differences.push(d);
      continue;
    }
    if (isEmpty(d.expected)) {
      out.differences.push(d); // the ledger only lists values the filing has
      continue;
    }
    out.fields -= 1;
    out.expectedNonEmpty -= 1;
    if (d.kind === "missing") out.missing -= 1;
    else {
      out.wrong -= 1;
      out.wrongWhereExpected -= 1;
    }
  }
  const differing = new Set(score.differences.map((d) => d.path));
  return { score: { ...out, ...rates(out) }, rightButListed: [...listed].filter((p) => !differing.has(p)) };
}

interface FileResult extends FieldCounts {
  path: string;
  converter: string;
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
  error?: string;
  seconds: number;
  differences?: Omit<ScoredDifference, "leaves">[];
}

const results: FileResult[] = [];
const started = Date.now();
for (const entry of manifest.files) {
  if (filters.length > 0 && !filters.some((f) => entry.path.includes(f))) continue;
  const expectedRaw = JSON.parse(readFileSync(entry.expected, "utf8"));
  const listed = new Set((losses[entry.path] ?? []).map((l) => l.path));
  const t0 = Date.now();
  let actual: unknown = null;
  let error: string | undefined;
  try {
    actual = await extractFile(entry.path);
  } catch (e) {
    error = `${(e as Error).name}: ${(e as Error).message}`;
  }
  const left = leaveOut(scoreRecord(expectedRaw, actual), listed);
  const score = left.score;
  if (left.rightButListed.length > 0 && !json) console.error(`${entry.path}: listed in losses.json but right: ${left.rightButListed.join(", ")}`);
  const { differences, ...counts } = score;
  results.push({
    path: entry.path,
    converter: entry.converter,
    ...counts,
    ...(error ? { error } : {}),
    seconds: (Date.now() - t0) / 1000,
    ...(verbose ? { differences: differences.map(({ path, kind, expected, actual }) => ({ path, kind, expected, actual })) } : {}),
  });
}

const converters = [...new Set(results.map((r) => r.converter))];
const summarise = (rs: FileResult[]) => {
  const counts = rs.reduce<FieldCounts>((sum, r) => addCounts(sum, r), zeroCounts());
  return { files: rs.length, errors: rs.filter((r) => r.error).length, ...counts, ...rates(counts) };
};
const perConverter = converters.map((c) => ({ converter: c, ...summarise(results.filter((r) => r.converter === c)) }));
const total = summarise(results);

if (json) {
  console.log(JSON.stringify({ losses: useLosses, files: results, converters: perConverter, total }, null, 2));
} else {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`.padStart(6);
  const num = (x: number, w = 5) => String(x).padStart(w);
  const width = Math.max(...results.map((r) => r.path.length), 30);
  const head = (name: string, w: number) =>
    `${name.padEnd(w)} ${"fields".padStart(6)} ${"right".padStart(5)} ${"wrong".padStart(5)} ${"miss".padStart(5)} ${"extra".padStart(5)}  ${"prec".padStart(6)} ${"recall".padStart(6)} ${"F1".padStart(6)} ${"right%".padStart(6)}`;
  const row = (name: string, w: number, r: FieldCounts & { precision: number; recall: number; f1: number; accuracy: number }) =>
    `${name.padEnd(w)} ${num(r.fields, 6)} ${num(r.right)} ${num(r.wrong)} ${num(r.missing)} ${num(r.extra)}  ${pct(r.precision)} ${pct(r.recall)} ${pct(r.f1)} ${pct(r.accuracy)}`;
  console.log(head("file", width));
  for (const r of results) {
    console.log(row(r.path, width, r) + (r.error ? `  FAILED: ${r.error}` : ""));
    if (verbose && r.differences) {
      for (const d of r.differences) {
        const show = (v: unknown) => (v === undefined ? "(absent)" : JSON.stringify(v)).slice(0, 160);
        console.log(`    ${d.kind.padEnd(7)} ${d.path}: ${d.kind === "extra" ? show(d.actual) : `${show(d.expected)} → ${show(d.actual)}`}`);
      }
    }
  }
  console.log("");
  const cw = Math.max(...converters.map((c) => c.length), 10) + 9;
  console.log(head("converter (files)", cw));
  for (const c of perConverter) console.log(row(`${c.converter} (${c.files}${c.errors ? `, ${c.errors} failed` : ""})`, cw, c));
  console.log(row(`total (${total.files}${total.errors ? `, ${total.errors} failed` : ""})`, cw, total));
  console.log(`\n${useLosses ? "ledger losses left out; " : ""}precision = right / emitted values (wrong and extra included), recall = right / expected non-empty fields; right% = right / fields (nulls included, as the issue's table); ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
