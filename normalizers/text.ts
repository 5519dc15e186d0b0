/**
 * Text cleanup shared by every stage. Input is plain text (HTML already turned into text by
 * src/html); output follows RECORD.md's Text rule.
 */

import { BULLET_MARKS } from "../data/options.js";
import { NUMBER_COUNTER_START } from "../data/structure.js";
import { BULLETS_BUT_MIDDLE_DOT, INPUT_GLYPH } from "./glyphs.js";

/** Circled numbers ①…⑳, ㉑…㉟, ㊱…㊿: NFKC would turn them into digits, the record keeps them. */
export const CIRCLED_NUMBERS = "\\u2460-\\u2473\\u3251-\\u325F\\u32B1-\\u32BF";
const CIRCLED = new RegExp(`[${CIRCLED_NUMBERS}]`);
const CIRCLED_GLOBAL = new RegExp(`[${CIRCLED_NUMBERS}]`, "g");

export function nfkcKeepingCircled(s: string): string {
  if (!CIRCLED.test(s)) return s.normalize("NFKC");
  let out = "";
  let last = 0;
  for (const m of s.matchAll(CIRCLED_GLOBAL)) {
    out += s.slice(last, m.index).normalize("NFKC") + m[0];
    last = m.index + m[0].length;
  }
  return out + s.slice(last).normalize("NFKC");
}

/** Values that mean "nothing here" in a cell. */
const EMPTY_MARKERS = new Set(["", "-", "—", "－", "―", "ー", "‐", "–"]);


/** A markdown backslash escape (`扶養\\_控除`): the converter's, not the document's. */
const MARKDOWN_ESCAPE = /\\([\\`*_{}\[\]()#+\-.!|<>~])/g;

/** A markdown heading mark a converter put before a line of a cell's text. */
const MARKDOWN_HEADING_MARK = /^#{1,6}\s+/;

/** A markdown list marker a converter put before the document's own bullet or text. */
const MARKDOWN_LIST_MARKER = /^(?:[-*+]\s+)+/;

/** RECORD.md Text: NFKC (circled numbers kept), white space folded, trimmed; empty → null. */
export function normalizeText(s: string | null | undefined): string | null {
  if (s == null) return null;
  const lines = nfkcKeepingCircled(s)
    .replace(INPUT_GLYPH, " ")
    .replace(MARKDOWN_ESCAPE, "$1")
    .split("\n")
    .map((line) => line.replace(/\s+/g, " ").trim().replace(MARKDOWN_HEADING_MARK, "").replace(MARKDOWN_LIST_MARKER, ""))
    .filter((line) => line !== "");
  const text = lines.join(" ").replace(/\s+/g, " ").trim();
  return EMPTY_MARKERS.has(text) ? null : text;
}

/** Markdown emphasis and heading marks that converters add around headings. */
const MARKDOWN_DECORATION = /^#{1,6}\s+|\*\*|__/g;

/**
 * A form of the text for matching headings and labels: NFKC, no markdown decoration,
 * no white space at all (converters and PDFs space Japanese text at random).
 */
export function foldForMatch(s: string): string {
  return nfkcKeepingCircled(s).replace(MARKDOWN_DECORATION, "").replace(/[\s\u200b]+/g, "");
}

/** The leading number of a label: ①, (1), 1., 1) — the form's numbering, not its words. */
const LABEL_NUMBERING = new RegExp(String.raw`^(?:[${CIRCLED_NUMBERS}]|\(\d{1,2}\)|\d{1,2}[.)](?!\d))+`);

/**
 * The key a label is looked up by: folded, without its numbering, without the form's
 * `※` note marker (and the note after it) and without a trailing colon.
 */
export function labelKey(s: string): string {
  return foldForMatch(s)
    .replace(/※.*$/, "")
    .replace(LABEL_NUMBERING, "")
    .replace(/[:：]$/, "");
}

/** Whether text starts with the form's item numbering (①…): a label even where no table knows it. */
export function startsWithCircledNumber(text: string): boolean {
  return LEADING_CIRCLED.test(text.trim());
}
const LEADING_CIRCLED = new RegExp(`^[${CIRCLED_NUMBERS}]`);

/** Strip a leading circled number or (N)/N. numbering from a piece of text. */
export function stripNumbering(s: string): string {
  return s.replace(LABEL_NUMBERING, "").trim();
}

/** Where a printed line ends and the next one starts, when the print wrapped Japanese text there. */
const WRAP_END = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々〆、。」』）)・]$/u;
/** A line that starts a new item rather than going on with the last one: a bullet, a list number, a bracket. */
const ITEM_START = new RegExp(String.raw`^\s*(?:[${BULLET_MARKS}<〈＜《【\[(（「『\-*]|\d{1,2}(?:[.．)）]|\s)|[${CIRCLED_NUMBERS}]|[^\s:：]{1,6}\d*[:：])`, "u");
const WRAP_START = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々]/u;
/** Marks a line cannot start with, or end with, by the rules of Japanese line breaking (禁則). */
const CLOSING_START = /^[、。，．：；？！）」』】〕〉》々ぁぃぅぇぉっゃゅょァィゥェォッャュョ)\]]/u;
const OPENING_END = /[（「『【〔〈《(]$/u;

/**
 * Whether a printed line goes on with the line before it: Japanese text wrapped by the print,
 * with no space in the document where the line broke. A line that starts with a closing mark, or
 * follows one that ends with an opening bracket, always does (a print never breaks there by its
 * own choice); a line that starts an item (a bullet, a list number) is a line of its own.
 */
export function continuesWrappedLine(previous: string, next: string): boolean {
  const before = tailOf(previous); // only its end decides (a field's text can be long)
  const after = next.slice(0, EDGE_CHARS).trim();
  if (before === "" || after === "") return false;
  if (CLOSING_START.test(after) || OPENING_END.test(before)) return true;
  // A number the print cut from its counter word (`令和5` + `年10月1日`, `第26` + `条の3`), or a
  // telephone number cut in its last group (`048-524-111` + `1 内線223`).
  if (/\d$/.test(before) && NUMBER_COUNTER_START.test(after)) return true;
  if (/\d-\d{1,3}$/.test(before) && /^\d{1,3}(?=\s|$|[^\d.．)）])/.test(after)) return true;
  return WRAP_END.test(before) && WRAP_START.test(after) && !ITEM_START.test(after);
}

/** Whether a line break can only be the print's: the next line starts with a closing mark, or this one ends with an opening bracket. */
export function mustContinue(previous: string, next: string): boolean {
  return CLOSING_START.test(next.slice(0, EDGE_CHARS).trim()) || OPENING_END.test(tailOf(previous));
}

/** How much of a line's end or start decides whether it goes on (bounds the work on long text). */
const EDGE_CHARS = 64;
function tailOf(text: string): string {
  return text.slice(-EDGE_CHARS).trimEnd();
}

/** How wide text prints, in full-width characters: ASCII and half-width kana count half. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u0020-\u007e\uff61-\uff9f]/.test(ch) ? 0.5 : 1;
  return width;
}

/** A line that ends a sentence: the next one starts afresh even after a full line. */
const SENTENCE_END = /[。．.!?！？:：]$/u;
/** What starts a numbered or marked item even mid-paragraph (the middle dot `・` is left out: it also joins words). */
const NUMBERED_START = new RegExp(String.raw`^\s*(?:[${BULLETS_BUT_MIDDLE_DOT}<〈＜《【\[\-*]|[(（]\s*\d{1,2}\s*[)）]|\d{1,2}(?:[.．)）]|\s)|[${CIRCLED_NUMBERS}]|[^\s:：]{1,6}\d*[:：])`, "u");

/**
 * Whether a line that ran to the print's full width goes on with the next one although the
 * characters alone do not say so: a print breaks Japanese text anywhere, before `・`, a bracket,
 * a digit (`第26` + `条の3`) or inside a Latin word. It does not when the line ended a sentence
 * or the next line starts a numbered item; Latin letters on both sides keep their space.
 */
export function continuesFullLine(previous: string, next: string): boolean {
  const before = tailOf(previous); // only its end decides (a field's text can be long)
  const after = next.slice(0, EDGE_CHARS).trim();
  if (before === "" || after === "") return false;
  if (continuesWrappedLine(before, after)) return true;
  if (SENTENCE_END.test(before)) return false;
  // A number the print broke inside its brackets (`別表第2(4` + `8)`), not a list number after a full line.
  if (/[(（]\d+$/.test(before) && /^\d+[)）]/.test(after)) return true;
  if (NUMBERED_START.test(after)) return false;
  if (/[A-Za-z]$/.test(before) && /^[A-Za-z]/.test(after)) return false;
  return true;
}

/**
 * A heading of the form without the spaces a converter put where a print wrapped it (`特定個人
 * 情報の使用`, `入手( 情報提供ネッ トワーク`): the form's titles have no space between two
 * Japanese characters, after an opening bracket or before a closing one. A space before an
 * opening bracket (`提供・移転 (委託や…`) is the document's and stays.
 */
export function closeHeadingSpaces(title: string): string {
  return title.replace(HEADING_SPACE, "$1");
}
const HEADING_SPACE = /([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々、。・(（「])\s+(?=([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々、。・)）」]))/gu;
