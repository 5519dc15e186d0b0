import { beforeAll, describe, expect, it } from "vitest";
import { KANA_KANJI_VARIANTS, OKURIGANA_VARIANTS } from "../../data/variants.js";
import { loadTokenizer, unvoiced, type Tokenizer } from "../../scripts/lib/readings.js";

/**
 * The variant table is data a reader checks; kuromoji's readings check it too: the spellings of
 * one group read alike (one reading is the start of the other: 取扱 トリアツカイ, 取り扱 トリアツカ),
 * wherever the dictionary reads every piece of both.
 */

let tokenizer: Tokenizer;

beforeAll(async () => {
  tokenizer = await loadTokenizer();
}, 30_000);

const toKatakana = (s: string) => s.replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));

/** The spelling's reading, or null where the dictionary does not know a piece of it. */
function reading(spelling: string): string | null {
  let out = "";
  for (const token of tokenizer.tokenize(spelling)) {
    if (/^[\u3041-\u3096\u30a1-\u30fa]+$/.test(token.surface_form)) out += toKatakana(token.surface_form);
    else if (token.reading && token.reading !== "*") out += token.reading;
    else return null;
  }
  return out;
}

/** Where IPAdic's reading is not the one the spelling stands for, said why (the table settles these). */
const DICTIONARY_READS_OTHERWISE: Record<string, string> = {
  漏洩: "IPAdic reads ロウセツ (the original reading); ロウエイ, as 漏えい writes it, is the usual one",
};

describe("data/variants.ts", () => {
  it("groups spellings that read alike", () => {
    let compared = 0;
    const unlike: string[] = [];
    // A stem without its 送り仮名 (取消, 取り消) is not a word the dictionary reads alone: the
    // spellings compared are the whole words (取り消し, 取消し), and every kana/kanji spelling.
    const wholeWords = OKURIGANA_VARIANTS.map((group) => group.filter((s) => /[\u3041-\u3096]$/.test(s)));
    for (const group of [...wholeWords, ...KANA_KANJI_VARIANTS]) {
      const readings = group.map(reading);
      for (let i = 0; i < group.length; i++) {
        for (let j = i + 1; j < group.length; j++) {
          const a = readings[i];
          const b = readings[j];
          if (a == null || b == null || group[i]! in DICTIONARY_READS_OTHERWISE || group[j]! in DICTIONARY_READS_OTHERWISE) continue;
          compared++;
          const [short, long] = a.length <= b.length ? [unvoiced(a), unvoiced(b)] : [unvoiced(b), unvoiced(a)];
          if (!long.startsWith(short.slice(0, -1))) unlike.push(`${group[i]} ${a} / ${group[j]} ${b}`);
        }
      }
    }
    expect(unlike).toEqual([]);
    expect(compared).toBeGreaterThan(60); // most pairs are read: the check is not vacuous
  });
});
