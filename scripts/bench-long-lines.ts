/**
 * Long and many lines: the shapes of text a converter (or a stranger) can hand the engine that
 * made a stage quadratic once — one huge line, a paragraph of 60,000 pieces, a -layout grid, a
 * character-drawn table's row over 50,000 lines, a value wrapped over 50,000 printed lines.
 * Each is made in memory (seeded, about 1 MB) and extracted once; prints seconds and the
 * process's peak memory after each, so that a stage that grows faster than its input shows.
 * Usage: node dist/scripts/bench-long-lines.js [SCALE] (SCALE 1 ≈ 1 MB per input)
 */
import { extractBytes } from "../src/engine.js";
import { seededRandom } from "./lib/random.js";

const scale = Number(process.argv[2] ?? 1);
const random = seededRandom(7);
const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;

const pieces = ["特定個人情報", "リスク1: 目的外の入手が行われるリスク", "①事務の名称", "委託事項1", "【識別情報】 1.個人番号", "(別添1)", "令和5年10月1日", "[ 十分である ]", "・", "第26", "条の3", "048-524-111"];
const n = (count: number) => Math.round(count * scale);
const repeat = (count: number, make: () => string) => Array.from({ length: n(count) }, make);

const inputs: { name: string; path: string; text: string }[] = [
  { name: "one line of 60,000 pieces", path: "line.txt", text: `I 基本情報\n${repeat(60_000, () => pick(pieces)).join(" ")}\n` },
  { name: "-layout grid, 20,000 lines", path: "layout.txt", text: repeat(20_000, () => `  ${pick(pieces)}${" ".repeat(2 + Math.floor(random() * 6))}${pick(pieces)}`).join("\n") },
  {
    name: "paged xhtml paragraph of 60,000 pieces",
    path: "paged.html",
    text: `<?xml version="1.0"?><html><body><div id="page1"><p>${repeat(60_000, () => pick(pieces)).join(" ")}</p></div></body></html>`,
  },
  { name: "grid-table row over 50,000 lines", path: "grid.txt", text: `+----+----+\n${repeat(50_000, () => `| ${pick(pieces)} | ${pick(pieces)} |`).join("\n")}\n+----+----+\n` },
  { name: "simple table of 50,000 rows", path: "simple.txt", text: `  ---- ----\n${repeat(50_000, () => `  ${pick(pieces)}   ${pick(pieces)}`).join("\n")}\n  ---- ----\n` },
  { name: "a value wrapped over 50,000 lines", path: "wrapped.txt", text: ["I 基本情報", "②事務の内容", ...repeat(50_000, () => "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらり")].join("\n") },
];

for (const input of inputs) {
  // A form heading first, so that every input is read as a filing (the work measured is the reading).
  const bytes = Buffer.from(input.path.endsWith(".html") ? input.text.replace("<p>", "<p>I 基本情報</p><p>") : `I 基本情報\n${input.text}`);
  const t0 = process.hrtime.bigint();
  extractBytes(input.path, bytes);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const rss = process.resourceUsage().maxRSS / 1024;
  console.log(`${input.name.padEnd(40)} ${(bytes.length / 1e6).toFixed(2)} MB  ${seconds.toFixed(2)} s  peak RSS ${rss.toFixed(0)} MB`);
}
