/**
 * How many annotated fields come out equal: every `*.expected.json` under the folders given
 * (default: fixtures/) against the record of its input. Prints one line per filing and the total.
 * Usage: npm run score [-- DIR…] — point it at a folder of real filings with their annotations.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { compareRecords, wrongFields } from "../src/compare.js";
import { extractFile } from "../src/engine.js";
import { SUPPORTED_EXTENSIONS } from "../src/loaders/index.js";

const root = join(import.meta.dirname, "..", "..");
const dirs = process.argv.length > 2 ? process.argv.slice(2) : [join(root, "fixtures")];

function expectedFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? expectedFiles(path) : name.endsWith(".expected.json") ? [path] : [];
  });
}

let fields = 0;
let equal = 0;
const verbose = process.env.VERBOSE === "1";
for (const expectedPath of dirs.flatMap(expectedFiles).sort()) {
  const stem = expectedPath.slice(0, -".expected.json".length);
  const input = SUPPORTED_EXTENSIONS.map((ext) => stem + ext).find((p) => existsSync(p));
  if (!input) continue;
  const expected = JSON.parse(readFileSync(expectedPath, "utf8"));
  let comparison;
  try {
    comparison = compareRecords(expected, await extractFile(input), ["warnings", "source"]);
  } catch (error) {
    console.log(`${input}: failed: ${(error as Error).message}`);
    continue;
  }
  const wrong = wrongFields(comparison);
  fields += comparison.fields;
  equal += comparison.fields - wrong;
  console.log(`${input}: ${comparison.fields - wrong}/${comparison.fields} fields equal`);
  if (verbose) for (const d of comparison.differences) console.log(`    ${d.path}`);
}
console.log(`total: ${equal}/${fields} fields equal (${fields === 0 ? 0 : ((100 * equal) / fields).toFixed(1)}%)`);
