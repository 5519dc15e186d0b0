import { CHARACTER_VARIANTS, KANA_KANJI_VARIANTS, OKURIGANA_VARIANTS } from "../../data/variants.js";
import { nfkcKeepingCircled } from "../../normalizers/text.js";

/**
 * Search text: what the index holds beside each field's own text, and what a query is turned
 * into, so that notation variants meet. Folding is a pure function of the text (no dictionary):
 * the variant groups of data/variants.ts go to their first spelling, and a word-final 長音 after
 * katakana goes (サーバー → サーバ, JIS Z 8301's word-final rule; ー inside a word stays:
 * データ). Each folded character keeps the span of the original it came from, so a hit can
 * show the words as the filing wrote them.
 */

/** The normalization the record uses: NFKC (circled numbers kept), white space folded. */
export function normalizeForSearch(text: string): string {
  return nfkcKeepingCircled(text).replace(/\s+/g, " ").trim();
}

const CANONICAL = new Map<string, string>();
for (const group of [...OKURIGANA_VARIANTS, ...KANA_KANJI_VARIANTS, ...CHARACTER_VARIANTS]) {
  const [first, ...rest] = group.map((spelling) => normalizeForSearch(spelling));
  for (const spelling of rest) if (spelling !== first) CANONICAL.set(spelling, first!);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** Katakana letters (ァ…ヺ, not ー), as a character-class body. */
export const KATAKANA = "\\u30A1-\\u30FA";
/** The spellings (longest first, so 取り扱い wins over 取り扱) and the word-final 長音. */
const FOLDED = new RegExp(
  [...[...CANONICAL.keys()].sort((a, b) => b.length - a.length).map(escape), `(?<=[${KATAKANA}])ー(?![${KATAKANA}ー])`].join("|"),
  "gu",
);

export interface Folded {
  text: string;
  /** For each UTF-16 unit of `text`, where the original span it came from starts and ends. */
  starts: number[];
  ends: number[];
}

/** The folded text, with where each of its units came from. */
export function foldWithSpans(text: string): Folded {
  const starts: number[] = [];
  const ends: number[] = [];
  let out = "";
  let last = 0;
  const keep = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      starts.push(i);
      ends.push(i + 1);
    }
    out += text.slice(from, to);
  };
  for (const m of text.matchAll(FOLDED)) {
    const at = m.index;
    keep(last, at);
    const replacement = CANONICAL.get(m[0]) ?? "";
    if (replacement === "") {
      // A dropped ー belongs to the character before it (the hit shows サーバー whole).
      if (ends.length > 0) ends[ends.length - 1] = at + m[0].length;
    } else {
      for (let i = 0; i < replacement.length; i++) {
        starts.push(at);
        ends.push(at + m[0].length);
      }
      out += replacement;
    }
    last = at + m[0].length;
  }
  keep(last, text.length);
  return { text: out, starts, ends };
}

/** The folded text alone. */
export function fold(text: string): string {
  return text.replace(FOLDED, (m) => CANONICAL.get(m) ?? "");
}

/** What the index holds beside a field's text: its folded form where that differs, else null. */
export function foldedOrNull(value: string | null): string | null {
  if (value === null) return null;
  const folded = fold(value);
  return folded === value ? null : folded;
}

/** The characters of the text (code points, not UTF-16 units). */
export function charCount(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
