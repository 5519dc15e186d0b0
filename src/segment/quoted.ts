import type { PartKind } from "../../data/structure.js";
import { normalizeText } from "../../normalizers/text.js";
import type { Row, TableEntry } from "../model.js";
import { parseBlockHeading, parsePartHeading, parseSectionHeading, type SectionHeading } from "./headings.js";

/**
 * The headings a table part quotes (the 変更箇所一覧 and (別添2) 変更箇所 name where in the form
 * each change is: `I 基本情報`, `4. 特定個人情報ファイルの取扱いの委託`, `委託事項3`), told apart
 * from its other rows once, so that the extractors read them as entries instead of re-parsing.
 * Pure: the same rows give the same entries.
 */

/** The part kinds a quoted section heading is tried under after the part it is quoted in. */
const QUOTED_SECTION_PARTS: readonly PartKind[] = ["basic", "fileOverview", "risks", "otherRisks", "disclosure", "procedure"];

/** A section heading of any part: the list quotes them all, the part it is under decides first. */
export function quotedSectionHeading(partKind: PartKind | null, text: string): SectionHeading | null {
  for (const kind of [partKind ?? "fileOverview", ...QUOTED_SECTION_PARTS]) {
    const heading = parseSectionHeading(kind, text);
    if (heading) return heading;
  }
  return null;
}

/**
 * The table part's rows as entries. A print's line heads by its first piece, whatever follows it
 * (`委託事項3 新型コロナ…` is a block and its new text); a table's row heads by its first cell, and
 * a part heading only by a cell standing alone (a heading with other cells is a quoted row).
 * Every part heading read so far says which part a section heading after it is quoted from.
 */
export function classifyTableRows(rows: readonly Row[], printed: boolean): TableEntry[] {
  let partKind: PartKind | null = null;
  return rows.map((row) => {
    const entry = printed ? printedEntry(row, partKind) : tableEntry(row, partKind);
    // A part heading a table's row holds in a later cell is no part of the list's path.
    if (entry.type === "part" && (printed || entry.cell === 0)) partKind = entry.kind;
    return entry;
  });
}

/** A table's row: a part heading alone in the row, else a section or block heading in its first cell. */
function tableEntry(row: Row, partKind: PartKind | null): TableEntry {
  const texts = row.texts.map((t) => normalizeText(t));
  const filled = texts.flatMap((t, cell) => (t === null ? [] : [{ text: t, cell }]));
  const only = filled.length === 1 ? filled[0]! : null;
  const part = only ? parsePartHeading(only.text) : null;
  if (part && only) return { type: "part", kind: part.kind, title: part.title, cell: only.cell, row };
  const first = texts[0] ?? null;
  if (first === null) return { type: "row", row };
  const section = quotedSectionHeading(partKind, first);
  if (section) return { type: "section", no: section.no, key: section.key, title: section.title, row };
  const block = parseBlockHeading(first);
  if (block) return { type: "block", kind: block.kind, no: block.no, title: first, rest: "", row };
  return { type: "row", row };
}

/** The text a print's line begins with: its first piece with any text, or null. */
export function firstPiece(row: Row): string | null {
  return normalizeText(row.texts.find((t) => t.trim() !== "") ?? null);
}

/** A print's line, by its first piece: a heading, or a block heading that its text follows on the line. */
function printedEntry(row: Row, partKind: PartKind | null): TableEntry {
  const first = firstPiece(row);
  if (first === null) return { type: "row", row };
  const cell = row.texts.findIndex((t) => t.trim() !== "");
  const part = parsePartHeading(first);
  if (part) return { type: "part", kind: part.kind, title: part.title, cell, row };
  const section = quotedSectionHeading(partKind, first);
  if (section) return { type: "section", no: section.no, key: section.key, title: section.title, row };
  const whole = parseBlockHeading(first);
  if (whole) return { type: "block", kind: whole.kind, no: whole.no, title: first, rest: "", row };
  // `委託事項3 新型コロナ…`: the block's word, then its text; a risk's name is a heading only whole.
  const word = /^\S+/.exec(first)?.[0] ?? first;
  const leading = word !== first ? parseBlockHeading(word) : null;
  if (leading && leading.kind !== "risk") {
    return { type: "block", kind: leading.kind, no: leading.no, title: word, rest: first.slice(word.length).trim(), row };
  }
  return { type: "row", row };
}
