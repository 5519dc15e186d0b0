/**
 * `npm run variants -- DB`: spellings of one word that the variant table (data/variants.ts)
 * does not fold together yet, found in a database's text with kuromoji: words that read alike
 * and have the same kanji but differ in their 送り仮名 (取扱い/取り扱い), printed most frequent
 * first, for a person to judge and add to the table. Prints; changes nothing.
 */
import { fold } from "../src/search/fold.js";
import { openDatabase } from "../src/store/db.js";
import { loadTokenizer, unvoiced } from "./lib/readings.js";

const path = process.argv[2] ?? "data/pia.sqlite";
const limit = Number(process.argv[3] ?? 5000);
const db = openDatabase(path, { readonly: true });
const tokenizer = await loadTokenizer();

/** Spellings by (reading, kanji): a word is a content word and the 送り仮名 that follow it. */
const groups = new Map<string, Map<string, number>>();
const texts = db.prepare("SELECT DISTINCT value FROM fields WHERE search_text IS NOT NULL LIMIT ?").pluck().all(limit) as string[];
for (const text of texts) {
  const tokens = tokenizer.tokenize(text.slice(0, 20_000));
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.pos !== "動詞" && token.pos !== "名詞") continue;
    if (!/\p{Script=Han}/u.test(token.surface_form) || !token.reading || token.reading === "*") continue;
    const next = tokens[i + 1];
    const word = token.surface_form + (next && next.pos === "動詞" && /\p{Script=Han}/u.test(next.surface_form) ? next.surface_form : "");
    const kanji = [...word].filter((c) => /\p{Script=Han}/u.test(c)).join("");
    if (kanji.length < 2) continue;
    const key = `${kanji} ${unvoiced(token.reading)}`;
    const spellings = groups.get(key) ?? new Map<string, number>();
    spellings.set(word, (spellings.get(word) ?? 0) + 1);
    groups.set(key, spellings);
  }
}
const found = [...groups.values()]
  .map((spellings) => [...spellings.entries()].sort((a, b) => b[1] - a[1]))
  .filter((spellings) => spellings.length > 1 && new Set(spellings.map(([s]) => fold(s))).size > 1)
  .sort((a, b) => b.reduce((n, [, c]) => n + c, 0) - a.reduce((n, [, c]) => n + c, 0));
for (const spellings of found.slice(0, 100)) console.log(spellings.map(([s, n]) => `${s} (${n})`).join(" / "));
console.log(`${found.length} groups of spellings not folded together, from ${texts.length} distinct texts of ${path}`);
db.close();
