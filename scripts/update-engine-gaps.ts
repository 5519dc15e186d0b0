/**
 * Rewrite the engine-gap ratchets (scripts/lib/gaps.ts): fixtures/pdf/engine-gaps.json and
 * fixtures/converters/engine-gaps.json, every difference not in the folder's ledger of losses.
 * Prints per case how many fields are gaps now, and the totals. Run after changing the engine;
 * review the diff: a gap that grows is a regression.
 * Usage: npx tsc -p tsconfig.json && node dist/scripts/update-engine-gaps.js
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { converterCases, differingPaths, pdfCases, readJson, type GapCase, type Gaps, type Ledger } from "./lib/gaps.js";

const root = join(import.meta.dirname, "..", "..");

async function update(folder: string, ledgerFile: string, cases: GapCase[]): Promise<void> {
  const ledger = readJson<Ledger>(join(root, folder, ledgerFile), {});
  const gaps: Gaps = {};
  let total = 0;
  for (const c of cases) {
    const losses = new Set((ledger[c.input] ?? []).map((d) => d.path));
    const open = (await differingPaths(root, c)).filter((p) => !losses.has(p));
    if (open.length > 0) gaps[c.input] = open;
    total += open.length;
    console.log(`${String(open.length).padStart(5)}  ${c.input}`);
  }
  const out = {
    $comment: "Engine gaps (scripts/lib/gaps.ts): fields of these fixtures the engine does not read right yet, beyond what the input really lacks. A ratchet: regenerate with node dist/scripts/update-engine-gaps.js, and never let it grow.",
    ...gaps,
  };
  writeFileSync(join(root, folder, "engine-gaps.json"), `${JSON.stringify(out, null, 2)}\n`);
  console.log(`${folder}: ${total} gaps over ${cases.length} fixtures\n`);
}

await update("fixtures/pdf", "known-differences.json", pdfCases(root));
await update("fixtures/converters", "losses.json", converterCases(root));
