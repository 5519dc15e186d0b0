import {
  ANNEX_FILE_HEADING, ANNEX_GROUP_HEADING, ANNEX_GROUP_WITH_ITEMS, ANNEX_ITEM_NUMBER, FILE_REGISTER_ITEM, FILE_REGISTER_ITEM_ROW_NUMBER, FILE_REGISTER_TITLE,
} from "../data/annex.js";
import { MARK_CHARS } from "../data/options.js";
import type { Part, Row } from "../src/model.js";
import type { FileRecord } from "../src/record/schema.js";
import { continuesWrappedLine, foldForMatch, normalizeText } from "../normalizers/text.js";
import { cellsLost } from "./context.js";

type RecordItems = FileRecord["recordItems"];

/** The first item of a numbered list: `1.個人番号`. */
const LIST_START = /^1[.．)]\s*\S/;

/** A list line the print wrapped after a separator, or inside the next item's number (`,1` + `2.氏名`). */
const LIST_GOES_ON = /[,、，]\s*(?:\d{1,3}[.．]?)?\s*$/;

export interface AnnexFile {
  name: string | null;
  groups: RecordItems;
}

function lineText(text: string): string {
  return (normalizeText(text) ?? "").replace(/^#{1,6}\s*/, "").replace(/^\*\*(.*)\*\*$/, "$1");
}

/** `1.個人番号,2.宛名番号` → [個人番号, 宛名番号]. */
export function splitItems(text: string): string[] {
  const t = text.normalize("NFKC");
  const pieces = ANNEX_ITEM_NUMBER.test(t) ? t.split(ANNEX_ITEM_NUMBER) : t.split(/[,，]/);
  ANNEX_ITEM_NUMBER.lastIndex = 0;
  return pieces.map((p) => normalizeText(p.replace(/[,、，]\s*$/, ""))).filter((p): p is string => p !== null);
}

/** `世帯番号、被災時住所、4情報(氏名、性別)` → its items: split at 、 and commas outside brackets. */
export function splitList(text: string): string[] {
  if (ANNEX_ITEM_NUMBER.test(text.normalize("NFKC"))) {
    ANNEX_ITEM_NUMBER.lastIndex = 0;
    return splitItems(text);
  }
  ANNEX_ITEM_NUMBER.lastIndex = 0;
  const items: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of text.normalize("NFKC")) {
    if ("(（[［【「".includes(ch)) depth++;
    if (")）]］】」".includes(ch)) depth = Math.max(0, depth - 1);
    if (depth === 0 && "、,，".includes(ch)) {
      items.push(current);
      current = "";
    } else current += ch;
  }
  items.push(current);
  return items.map((i) => normalizeText(i)).filter((i): i is string => i !== null);
}

/** A 個人情報ファイル簿 (row 5 lists the items, ○ where the file records them). */
function fromFileRegister(rows: Row[]): AnnexFile | null {
  const itemRows = rows.filter((r) => r.texts[0]?.trim() === FILE_REGISTER_ITEM_ROW_NUMBER && FILE_REGISTER_ITEM.test(r.texts[1]?.normalize("NFKC") ?? ""));
  if (itemRows.length === 0) return null;
  const groups: RecordItems = [];
  for (const row of itemRows) {
    const [, group, item] = FILE_REGISTER_ITEM.exec(row.texts[1]!.normalize("NFKC"))!;
    const marked = [...(row.texts[2] ?? "")].some((c) => MARK_CHARS.includes(c));
    if (!marked) continue;
    const last = groups[groups.length - 1];
    const name = normalizeText(item!)!;
    if (last && last.group === group) last.items.push(name);
    else groups.push({ group: group!, items: [name] });
  }
  return { name: null, groups };
}

/** The register's row after the record items' rows (5): 6 記録範囲. */
const NEXT_REGISTER_ROW = String(Number(FILE_REGISTER_ITEM_ROW_NUMBER) + 1);

/**
 * A 個人情報ファイル簿 whose cells came out as loose lines: each row starts at a line `5`; its
 * first line after that is `(1) group item`, and of the lines that follow, a mark alone is the
 * row's ○ and a fragment of one to three characters the rest of an item name the print wrapped
 * (`個人番` … `号`). The 備考 column's text is left out.
 */
function fromFileRegisterLines(rows: Row[]): AnnexFile | null {
  // `5 (1) 基本的項目 氏名` (the row number and the item on one line) is `5` then the item.
  const lines = rows
    .map((r) => r.texts.join(" ").normalize("NFKC").trim())
    .filter((t) => t !== "")
    .flatMap((t) => {
      const m = new RegExp(`^${FILE_REGISTER_ITEM_ROW_NUMBER}\\s+(\\(\\d.*)$`).exec(t);
      return m ? [FILE_REGISTER_ITEM_ROW_NUMBER, m[1]!] : [t];
    });
  const groups: RecordItems = [];
  let found = 0;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== FILE_REGISTER_ITEM_ROW_NUMBER) continue;
    // The group's name may wrap in its cell (`(3) 社会的地位等に関` + `する項目 職業・職歴`).
    const wrappedGroup = !FILE_REGISTER_ITEM.test(lines[i + 1] ?? "") && /^\(\d{1,2}\)\s*\S+$/.test(lines[i + 1] ?? "");
    const headLine = wrappedGroup ? (lines[i + 1] ?? "") + (lines[i + 2] ?? "") : (lines[i + 1] ?? "");
    const head = FILE_REGISTER_ITEM.exec(headLine);
    if (!head) continue;
    found++;
    const first = i + (wrappedGroup ? 3 : 2);
    // The row ends where the register's next row begins: 5 again, or the register's row 6.
    const end = lines.findIndex((l, j) => j >= first && (l === FILE_REGISTER_ITEM_ROW_NUMBER || l === NEXT_REGISTER_ROW));
    const rest = lines.slice(first, end < 0 ? lines.length : end);
    const isMark = (t: string) => t.length === 1 && MARK_CHARS.includes(t);
    const words = head[2]!.split(/\s+/);
    let marked = words.length > 1 && isMark(words[words.length - 1]!);
    if (marked) words.pop();
    let name = words.join(" ");
    for (const [k, line] of rest.entries()) {
      if (isMark(line)) marked = true;
      // The rest of a wrapped item name stands right under it (`個人番` + `号`, `住民記` + `録システム注意情報`);
      // a short line further down may be a 備考.
      // (only right above the row's mark or its end: a 備考 comes after the mark)
      else if (k === 0 && (rest.length === 1 || isMark(rest[1]!)) && /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー・※]{1,12}$/u.test(line)) name += line;
      else if (/^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]{1,3}$/u.test(line)) return null;
    }
    if (!marked) continue;
    const group = head[1]!;
    const last = groups[groups.length - 1];
    const item = normalizeText(name)!;
    if (last && last.group === group) last.items.push(item);
    else groups.push({ group, items: [item] });
  }
  // Every row (each starts at a `5`) must have given its item, or the register is not read whole.
  const rowsStarted = lines.filter((l) => l === FILE_REGISTER_ITEM_ROW_NUMBER).length;
  if (found === 0 || found !== rowsStarted) return null;
  return { name: null, groups };
}

/** A numbered list (`…,115.就労継続支援A型雇用区分,116.体験利`) goes on in a line that does not start its own item. */
function listRunsOn(previous: string, next: string): boolean {
  const numbers = previous.normalize("NFKC").match(/(?:^|[,、，])\s*\d{1,3}[.．]/g) ?? [];
  return numbers.length >= 2 && !/^\s*\d{1,3}[.．]/.test(next.normalize("NFKC")) && !LIST_START.test(next.normalize("NFKC"));
}

/** The record items of every file that the annex lists, in order. */
export function extractAnnexFiles(parts: Part[], printed = false, fileNames: (string | null)[] = []): AnnexFile[] {
  // A line that is one of II's file names (without the numbering a heading has) starts that file's items.
  const names = new Set(fileNames.filter((n): n is string => n !== null).map((n) => foldForMatch(n)));
  const rows = parts.flatMap((p) => (p.table ?? []).map((e) => e.row));
  const loose = printed || cellsLost(rows);
  const register = loose ? fromFileRegisterLines(rows) : fromFileRegister(rows);
  if (register) return [register];
  // A 個人情報ファイル簿 whose rows could not be told apart gives no items rather than its cells as items.
  if (loose && rows.some((r) => r.texts.join("").includes(FILE_REGISTER_TITLE))) return [];
  const files: AnnexFile[] = [];
  let file: AnnexFile | null = null;
  let group: RecordItems[number] | null = null;
  // Only a print wraps a list over lines; a conversion's lines are the document's own.
  let previous = "";
  for (const row of printed ? joinWrapped(rows) : rows) {
    const text = lineText(row.texts.filter((t) => t !== "").join(" "));
    if (text === "") continue;
    const before = previous;
    previous = text;
    const heading = ANNEX_FILE_HEADING.exec(text) ?? (names.has(foldForMatch(text)) ? [text, undefined, undefined, text] : null);
    if (heading) {
      file = { name: normalizeText(heading[3]!), groups: [] };
      files.push(file);
      group = null;
      continue;
    }
    if (!file) {
      file = { name: null, groups: [] };
      files.push(file);
    }
    const groupWithItems = ANNEX_GROUP_WITH_ITEMS.exec(text);
    if (groupWithItems) {
      group = { group: normalizeText(groupWithItems.slice(1, 4).find((g) => g !== undefined) ?? null), items: splitList(groupWithItems[4]!) };
      file.groups.push(group);
      continue;
    }
    const groupHeading = ANNEX_GROUP_HEADING.exec(text);
    if (groupHeading) {
      group = { group: normalizeText(groupHeading.slice(1).find((g) => g !== undefined) ?? null), items: [] };
      file.groups.push(group);
      continue;
    }
    const items = splitItems(text);
    if (items.length === 0) continue;
    // A numbered list that starts again at 1 is the next group, even where its name was printed
    // elsewhere (a converter that reads the group column apart from the items): one group each.
    if (group && group.items.length > 0 && LIST_START.test(text.normalize("NFKC")) && !LIST_GOES_ON.test(before)) {
      group = { group: null, items: [] };
      file.groups.push(group);
    }
    if (!group) {
      group = { group: null, items: [] };
      file.groups.push(group);
    }
    group.items.push(...items);
  }
  return files.filter((f) => f.groups.some((g) => g.items.length > 0));
}

/** A print's lines joined where the print wrapped a list (`…,16.申` + `請年月日,17.…`). */
function joinWrapped(rows: Row[]): Row[] {
  const out: Row[] = [];
  for (const row of rows) {
    const text = row.texts.join(" ");
    const last = out[out.length - 1];
    const lastText = last?.texts.join(" ") ?? "";
    const starts = text.normalize("NFKC").trim();
    const item = ANNEX_FILE_HEADING.test(starts) || ANNEX_GROUP_HEADING.test(starts) || ANNEX_GROUP_WITH_ITEMS.test(starts);
    if (last && !item && !ANNEX_GROUP_HEADING.test(lastText.normalize("NFKC").trim()) && (continuesWrappedLine(lastText, text) || LIST_GOES_ON.test(lastText) || listRunsOn(lastText, text))) {
      out[out.length - 1] = { ...last, texts: [lastText.trimEnd() + text.trim()] };
    } else {
      out.push(row);
    }
  }
  return out;
}

/** Give each file of II its annex entry: by name where the annex names files, else in order. */
export function attachRecordItems(files: FileRecord[], annex: AnnexFile[]): void {
  const byName = (name: string | null) =>
    name === null ? undefined : annex.find((a) => a.name !== null && foldForMatch(a.name).includes(foldForMatch(name)));
  files.forEach((file, i) => {
    const entry = byName(file.name) ?? (annex.every((a) => a.name === null) || annex.length === files.length ? annex[i] : undefined);
    file.recordItems = entry?.groups ?? [];
  });
}
