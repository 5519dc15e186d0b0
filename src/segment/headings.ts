import {
  BLOCK_HEADING, BLOCK_KINDS, CHANGE_LIST_HEADER, CHANGE_LIST_TITLE, PART_TITLES, RISK_HEADING, ROMAN_NUMERALS,
  SECTION_TITLES, type PartKind,
} from "../../data/structure.js";
import { EMPTY_BOX_GLYPHS, MARKED_BOX_GLYPHS } from "../../data/options.js";
import type { BlockKind } from "../model.js";
import { foldForMatch, normalizeText } from "../../normalizers/text.js";

/**
 * Recognisers for the headings of the form, each a pure function of one cell's text. Used by the
 * segmenter, which also reads with them the headings a table part quotes (src/segment/quoted.ts).
 */

export interface PartHeading {
  kind: PartKind;
  title: string;
}

const ROMAN_PREFIX = /^(VI|IV|V|III|II|I|皿|lll|ll|l|1)(?![A-Za-z])[.．、]?/;
const ANNEX_PREFIX = /^\(?別添(\d)?\)?/;

/** `I 基本情報`, `Ⅲ リスク対策 ※(7. ②を除く。)`, `皿リスク対策`, `(別添2) 変更箇所`. */
export function parsePartHeading(text: string): PartHeading | null {
  const folded = foldForMatch(text).replace(/※.*$/, "");
  if (folded.length > 60) return null;
  const roman = ROMAN_PREFIX.exec(folded);
  const annex = ANNEX_PREFIX.exec(folded);
  for (const { kind, pattern, needs } of PART_TITLES) {
    if (needs === "roman" && roman && ROMAN_NUMERALS[roman[1]!] !== undefined) {
      const rest = folded.slice(roman[0].length);
      // OCR slips (l, 1) count only when the title is one of the form's.
      if (pattern.test(rest)) return { kind, title: normalizeText(text) ?? rest };
    }
    if (needs === "annex" && annex) {
      const rest = folded.slice(annex[0].length);
      if (pattern.test(rest)) return { kind, title: normalizeText(text) ?? rest };
    }
  }
  return null;
}

export function isChangeListTitle(text: string): boolean {
  return CHANGE_LIST_TITLE.test(foldForMatch(text));
}

export function isChangeListHeader(text: string): boolean {
  return CHANGE_LIST_HEADER.test(foldForMatch(text));
}

export interface SectionHeading {
  no: number;
  key: string;
  title: string;
  /** What the heading cell holds after its title: a box such as `[○] 委託しない`. */
  rest: string;
}

const SECTION_NUMBER = /^\s*(?:#{1,6}\s*)?(?:\*\*)?\s*(?:(\d{1,2})\s*[.．、]|\((\d{1,2})\)|（(\d{1,2})）)\s*/;
/** Where a heading's title ends and its box begins: a bracket or a box glyph (a form input's too). */
const BOX_START = new RegExp(`\\s*(?:\\[|[${MARKED_BOX_GLYPHS}${EMPTY_BOX_GLYPHS}])`);

/** `4. 特定個人情報ファイルの取扱いの委託 [○] 委託しない` in a part that has numbered sections. */
export function parseSectionHeading(part: PartKind, text: string): SectionHeading | null {
  const table = SECTION_TITLES[part];
  if (!table) return null;
  const normalized = text.normalize("NFKC").replace(/\*\*/g, "");
  const number = SECTION_NUMBER.exec(normalized);
  if (!number) return null;
  const afterNumber = normalized.slice(number[0].length);
  const boxAt = afterNumber.search(BOX_START);
  const titleText = boxAt >= 0 ? afterNumber.slice(0, boxAt) : afterNumber;
  const folded = foldForMatch(titleText).replace(/※.*$/, "");
  if (folded.length === 0 || folded.length > 70) return null;
  const no = Number(number[1] ?? number[2] ?? number[3]);
  // The title decides; the number only breaks ties (従業者 and 従業員 are both section 9).
  const matches = table.filter((s) => s.pattern.test(folded));
  const entry = matches.find((s) => s.no === no) ?? matches[0];
  if (!entry) return null;
  return {
    no, // the number the document prints: 基礎項目 numbers its IV sections unlike 重点項目's III
    key: entry.key,
    title: (normalizeText(titleText) ?? folded).replace(/\s*※.*$/, ""),
    rest: boxAt >= 0 ? afterNumber.slice(boxAt).trim() : "",
  };
}

export interface BlockHeading {
  kind: BlockKind;
  no: number | null;
  placeholder: boolean;
  /** A risk's name, or the text after a block's number in the same cell. */
  title: string | null;
}

/** `システム3`, `委託事項2～5` (a placeholder), `リスク1： 目的を超えた紐付け…`. */
export function parseBlockHeading(text: string): BlockHeading | null {
  const folded = foldForMatch(text);
  const block = BLOCK_HEADING.exec(folded);
  if (block) {
    const rest = folded.slice(block[0].length);
    // `提供先における用途` begins like a block but is a label.
    if (rest !== "" && !/^[:：]/.test(rest)) return null;
    return { kind: BLOCK_KINDS[block[1]!]!, no: Number(block[2]), placeholder: block[3] !== undefined, title: null };
  }
  const risk = RISK_HEADING.exec(folded.replace(/：/g, ":"));
  if (risk) {
    const name = normalizeText(text.normalize("NFKC").replace(/^[^リ]*リスク\s*\d*\s*[:：]\s*/, "")) ?? risk[2]!;
    return { kind: "risk", no: risk[1] ? Number(risk[1]) : null, placeholder: false, title: name };
  }
  return null;
}
