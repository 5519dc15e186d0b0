/**
 * Extraction speed: every fixture filing, extracted many times over on one core, in memory
 * (the file is read once, so the figure is the engine's, not the disk's).
 * Usage: npm run bench [-- ROUNDS]
 */
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { extractBytes } from "../src/engine.js";
import { expandPaths } from "../src/files.js";

const root = join(import.meta.dirname, "..", "..");
const rounds = Number(process.argv[2] ?? 20);
const { files } = await expandPaths([join(root, "fixtures", "seeds")]);
const inputs = files.map((path) => ({ path: relative(root, path), bytes: readFileSync(path) }));
const totalBytes = inputs.reduce((n, i) => n + i.bytes.length, 0);

for (const input of inputs) extractBytes(input.path, input.bytes); // warm-up: JIT and the code table

const perFile = new Map<string, number>();
const started = process.hrtime.bigint();
for (let round = 0; round < rounds; round++) {
  for (const input of inputs) {
    const t0 = process.hrtime.bigint();
    extractBytes(input.path, input.bytes);
    perFile.set(input.path, (perFile.get(input.path) ?? 0) + Number(process.hrtime.bigint() - t0) / 1e6);
  }
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const filings = rounds * inputs.length;
console.log(`extract: ${filings} filings (${inputs.length} files × ${rounds} rounds), ${(totalBytes * rounds / 1e6).toFixed(2)} MB in ${seconds.toFixed(2)} s`);
console.log(`  ${(filings / seconds).toFixed(1)} filings/s, ${(totalBytes * rounds / 1e6 / seconds).toFixed(2)} MB/s (one core)`);
for (const [path, ms] of perFile) console.log(`  ${path}: ${(ms / rounds).toFixed(1)} ms per extraction`);
console.log(`  peak RSS ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
