import {
  CHANGE_COLUMNS, CHANGE_DATE_START, CHANGE_ITEM_START, CHANGE_ROW_START, CONTINUED_MARK, DEFAULT_CHANGE_COLUMNS, PAGE_CELL, PAGE_THEN_REASON, SUBMISSION_WORD,
} from "../data/annex.js";
import { ALL_LABEL_KEYS, BLOCK_LABEL_GROUPS, BLOCK_SECTIONS, groupsOfLabel, LABELS, partsOfLabel, SECTION_LABEL_GROUPS } from "../data/labels.js";
import { FORM_OUTLINES } from "../data/outline.js";
import { OTHER_RISKS_LABEL, RISK_SECTION_KEYS, TITLED_BLOCKS, UNNUMBERED_RISK } from "../data/structure.js";
import type { Part, Row, TableEntry } from "../src/model.js";
import type { Change } from "../src/record/schema.js";
import { parseDate } from "../normalizers/date.js";
import { foldForMatch, labelKey, normalizeText, startsWithCircledNumber } from "../normalizers/text.js";
import { firstPiece } from "../src/segment/quoted.js";
import { isLabelLike } from "../src/segment/segment.js";
import type { PartKind } from "../data/structure.js";
import { readColumns } from "./columns.js";
import { cellsLost, Extraction } from "./context.js";

type Column = (typeof DEFAULT_CHANGE_COLUMNS)[number];

/** The annexes: a 変更箇所一覧 row may be a whole annex, its heading the row's item. */
const ANNEX_PART_KINDS: ReadonlySet<PartKind> = new Set(["annex1", "annexAffair", "annex2"]);

function emptyChange(): Change {
  return { date: null, item: null, before: null, after: null, submission: null, explanation: null, page: null, reason: null };
}

function joinText(a: string | null, b: string | null): string | null {
  return normalizeText([a, b].filter((t) => t !== null).join(" "));
}

/** 提出時期: 事前 or 事後. */
function submissionOf(text: string | null, path: string, ex: Extraction, row: Row): Change["submission"] {
  const t = normalizeText(text);
  if (t === null) return null;
  if (t.includes("事前")) return "事前";
  if (t.includes("事後")) return "事後";
  ex.warn("submission-unknown", path, `提出時期 「${t}」 is neither 事前 nor 事後`, { line: row.line, page: row.page });
  return null;
}

/**
 * (別添2) 変更箇所: a table of 変更日 · 項目 · 変更前の記載 · 変更後の記載 · 提出時期 · 提出時期に係る説明.
 * A row marked (続き) with no date and no item continues the previous row across a page break.
 */
export function extractChangeTable(parts: Part[], ex: Extraction, printed = false): Change[] {
  const entries = parts.flatMap((p) => p.table ?? []);
  const rows = entries.map((e) => e.row);
  // A print's rows hold the pieces of one printed line, not the table's columns: read by the
  // pieces' places where the converter kept them, else from the lines.
  if (printed || cellsLost(rows)) return changesFromColumns(rows, ex) ?? changesFromLines(rows, ex);
  let columns: Column[] = [...DEFAULT_CHANGE_COLUMNS];
  const changes: Change[] = [];
  for (const entry of entries) {
    const row = entry.row;
    const texts = row.texts.map((t) => normalizeText(t));
    const header = texts.map((t) => CHANGE_COLUMNS.find((c) => c.pattern.test(foldForMatch(t ?? "")))?.field ?? null);
    if (header.filter((h) => h !== null).length >= 3) {
      columns = header.map((h, i) => h ?? DEFAULT_CHANGE_COLUMNS[i] ?? "explanation");
      continue;
    }
    const cell = (column: Column) => {
      const index = columns.indexOf(column);
      return index >= 0 ? (texts[index] ?? null) : null;
    };
    const filled = texts.filter((t) => t !== null);
    if (filled.length === 0) continue;
    const previous = changes[changes.length - 1];
    const continued = cell("date") === null && cell("item") === null && filled.some((t) => CONTINUED_MARK.test(t!));
    if (continued && previous) {
      for (const column of ["before", "after", "explanation"] as const) previous[column] = joinText(previous[column], cell(column));
      continue;
    }
    // A row that only repeats a heading (`I 基本情報`) is not a change.
    if (entry.type === "part" && cell("date") === null) continue;
    const path = `changes[${changes.length}]`;
    const change = emptyChange();
    change.date = parseDate(cell("date"));
    if (change.date && change.date.iso === null) {
      ex.warn("date-unparsed", `${path}.date`, `「${change.date.raw}」 is not a date`, { line: row.line, page: row.page });
    }
    change.item = cell("item");
    change.before = cell("before");
    change.after = cell("after");
    change.submission = submissionOf(cell("submission"), `${path}.submission`, ex, row);
    change.explanation = cell("explanation");
    ex.noteRow(path, row, "(別添2) 変更箇所", "(別添2) 変更箇所");
    changes.push(change);
  }
  return changes;
}


/** The table read by its columns from positioned pieces (extractors/columns.ts), or null. */
function changesFromColumns(rows: Row[], ex: Extraction): Change[] | null {
  const table = readColumns(rows, CHANGE_COLUMNS, (text) => CHANGE_DATE_START.test(text.normalize("NFKC")));
  if (!table || table.length === 0) return null;
  return table.map(({ rows: from, cells }, i) => {
    const path = `changes[${i}]`;
    const row = from[0]!;
    const change = emptyChange();
    change.date = parseDate(normalizeText(cells.date ?? null));
    if (change.date && change.date.iso === null) ex.warn("date-unparsed", `${path}.date`, `「${change.date.raw}」 is not a date`, { line: row.line, page: row.page });
    change.item = normalizeText(cells.item ?? null);
    change.before = normalizeText(cells.before ?? null);
    change.after = normalizeText(cells.after ?? null);
    change.submission = submissionOf(cells.submission ?? null, `${path}.submission`, ex, row);
    change.explanation = normalizeText(cells.explanation ?? null);
    ex.noteRow(path, row, "(別添2) 変更箇所", "(別添2) 変更箇所");
    return change;
  });
}

/**
 * The table read from loose lines: a row starts at a line that starts with its 変更日; of the
 * lines up to the next row, only a 提出時期 standing alone can be told apart from the other
 * columns, which a converter interleaves line by line. They stay null, with one warning.
 */
function changesFromLines(rows: Row[], ex: Extraction): Change[] {
  const changes: { change: Change; text: string[]; run: number }[] = [];
  const texts = rows.map((row) => row.texts.join(" ").trim());
  const dateAlone = (i: number) => {
    const start = CHANGE_ROW_START.exec(texts[i] ?? "");
    return start !== null && start[0].trim() === (texts[i] ?? "").trim();
  };
  // A converter that reads the 変更日 column as one block prints its dates one under another
  // before the rows' other cells: each date of such a run is a row whose cells come later.
  // (A 変更前/変更後 that are both dates, each alone on its line, would read as a run too: left
  // as it is, as the runs' cells do not follow them in any order that could tell them apart.)
  let run = 0;
  rows.forEach((row, i) => {
    const text = texts[i]!;
    const start = CHANGE_ROW_START.exec(text);
    // The 項目 column begins with where in the form the change is (a part, the cover): a date
    // that is not followed by one is a date inside a cell's text.
    const after = text.slice(start?.[0].length ?? 0).trim() || (texts[i + 1] ?? "");
    const inRun = dateAlone(i) && (dateAlone(i + 1) || (run > 0 && dateAlone(i - 1)));
    if (start && (inRun || CHANGE_ITEM_START.test(after.normalize("NFKC")))) {
      run = inRun || (run > 0 && dateAlone(i - 1)) ? run + 1 : 0;
      const path = `changes[${changes.length}]`;
      const change = emptyChange();
      change.date = parseDate(start[1]!);
      ex.noteRow(path, row, "(別添2) 変更箇所", "(別添2) 変更箇所");
      changes.push({ change, text: [text.slice(start[0].length)], run });
    } else if (changes.length > 0) {
      changes[changes.length - 1]!.text.push(text);
    }
  });
  for (let i = 0; i < changes.length; i++) {
    const { change, text, run: position } = changes[i]!;
    const words = [...text.join(" ").matchAll(SUBMISSION_WORD)].map((m) => m[1] as "事前" | "事後");
    const endsRun = position > 0 && (changes[i + 1]?.run ?? 0) === 0;
    if (endsRun) {
      // The run's 提出時期 all follow its last date: theirs in order if there is one per row, else none.
      const members = changes.slice(i - position + 1, i + 1);
      members.forEach((m, k) => (m.change.submission = words.length === members.length ? words[k]! : null));
    } else if (position === 0) {
      change.submission = new Set(words).size === 1 ? words[0]! : null;
    }
  }
  if (changes.length > 0) {
    const at = rows[0]!;
    ex.warn("table-cells-lost", "changes", "the 変更箇所 table's cells came out as loose lines: only each row's date and 提出時期 are read", { line: at.line, page: at.page });
  }
  return changes.map((c) => c.change);
}

/**
 * A 変更箇所一覧 read from a print's lines: the pieces of a line are not the list's columns, so
 * of each labelled row only its item (the path of headings to it) is read; ページ and 事由等 and
 * the changed text stay null, with one warning.
 */
function changeListFromLines(part: Part, ex: Extraction): Change[] {
  const context: Context = { part: null, partKind: null, section: null, block: null };
  const changes: Change[] = [];
  const lines = (part.table ?? [])
    .map((entry) => ({ entry, first: firstPiece(entry.row) }))
    .filter((l): l is { entry: TableEntry; first: string } => l.first !== null);
  // A heading the next line does not go under (it is followed by text, not by a label or a
  // heading) is itself a changed row: `委託事項3` with its new text, a whole (別添2).
  const headsRow = (i: number) => {
    const next = lines[i + 1];
    return next !== undefined && !startsStructure(next.entry, next.first);
  };
  // Each row found, with where it stands (filled in later when a print put a heading after its rows)
  // and its own last piece of the item (null: where it stands is not told, its item is not guessed).
  const found: Found[] = [];
  const push = (row: Row, leaf: string | null, label: string, at: Context = context) => {
    found.push({ row, label, at: { ...at }, leaf });
  };
  /** Where the current part's rows start in `found`. */
  let partStart = 0;
  // Which section and block the context is in, by the form's keys (for telling a misplaced label).
  let sectionKey: string | null = null;
  let blockKind: string | null = null;
  for (const [i, { entry, first }] of lines.entries()) {
    const row = entry.row;
    if (entry.type === "part") {
      Object.assign(context, { part: entry.title, partKind: entry.kind, section: null, block: null });
      sectionKey = blockKind = null;
      partStart = found.length;
      if (ANNEX_PART_KINDS.has(entry.kind) && headsRow(i)) push(row, "", entry.title);
      continue;
    }
    if (entry.type === "section") {
      const section = `${entry.no}. ${entry.title}`;
      // III's risks stand in its numbered sections: risks read before any section's heading are
      // the first risk section's when its heading is the one that comes (a print centres the
      // heading in its tall merged cell, after its first rows), and the risk it came in stays
      // open. After a later section's heading they stay unplaced: the first one's was lost.
      if (context.partKind === "risks" && context.section === null && context.block !== null && entry.key === RISK_SECTION_KEYS[0]) {
        for (const f of found.slice(partStart)) if (f.at.section === null) f.at.section = section;
        context.section = section;
        sectionKey = entry.key;
        continue;
      }
      Object.assign(context, { section, block: null });
      sectionKey = entry.key;
      blockKind = null;
      continue;
    }
    // `委託事項3` alone, or with its new text after it on the line (`委託事項3 新型コロナ…`).
    if (entry.type === "block") {
      const { title, kind } = entry;
      context.block = title;
      blockKind = kind;
      // A block stands in one section of its part (システムN in I 2.): a print that lost the section's heading still says where.
      if (context.section === null) {
        context.section = impliedSection(context.partKind, kind);
        sectionKey = context.partKind ? (BLOCK_SECTIONS[context.partKind]?.[kind] ?? null) : null;
      }
      // Only a block with a title of its own (委託事項3 and its task) can be a row; a risk or a
      // システムN is only where the labels under it stand.
      const withTitle = entry.rest !== "" || row.texts.filter((t) => t.trim() !== "").length > 1;
      if (TITLED_BLOCKS.has(kind) && (withTitle || headsRow(i))) push(row, "", title);
      continue;
    }
    // A row of the list starts with one of the form's labels (wrapped in its narrow cell, it
    // goes on at the start of the next line); any other line is a cell's text.
    const label = rowLabel(first) ?? wrappedLabel(first, lines[i + 1]?.first);
    if (label === null) {
      // III 4 names its risks without numbers, over lines of their own, above the labels they hold.
      const names = unnumberedRisks(lines.slice(i).map((l) => l.entry), context.partKind);
      if (names !== null && (i === 0 || riskNamesOf(lines[i - 1]!.entry) === null)) {
        context.block = names;
        blockKind = null;
      }
      continue;
    }
    // The section's closing row (…におけるその他のリスク及び…) stands after its risks, in none of them.
    if (OTHER_RISKS_LABEL.test(labelKey(label))) {
      context.block = null;
      blockKind = null;
    }
    // A label under no part, or under a part it does not stand in, is where a print scrambled
    // the list: the row is kept (the rows after it stay in place), its item is not guessed.
    const place = placeLabel(labelKey(label), context.partKind, sectionKey, blockKind);
    if (place === "outsideBlock") {
      context.block = null;
      blockKind = null;
    }
    push(row, place !== "misplaced" ? itemLabel(label) : null, label);
  }
  const rows = found.map((f) => {
    // A row of III under no section: the print lost the section's heading, where it stands is not told.
    const unplaced = f.leaf !== null && f.at.partKind === "risks" && f.at.section === null;
    if (unplaced) ex.warn("place-unknown", "changes", `「${f.label}」 stands under no section of III: its item is not read`, { line: f.row.line, page: f.row.page });
    const item = f.leaf === null || unplaced ? null : [f.at.part, f.at.section, f.at.block, f.leaf].filter((p) => p !== null && p !== "").join(" > ");
    return { row: f.row, label: f.label, item, where: [f.at.part, f.at.section, f.at.block].filter((p) => p !== null).join(" > ") };
  });
  // A label under a heading it cannot stand under means the print scrambled the list's order: no
  // row's place is told then (a misplaced label may be a row of its own or a piece of another's
  // cell printed apart), so no item is read, only the rows.
  const misplaced = found.find((f) => f.leaf === null);
  if (misplaced) {
    ex.warn("place-unknown", "changes", `「${misplaced.label}」 stands under a heading it cannot stand under: the print scrambled the list, no row's item is read`, { line: misplaced.row.line, page: misplaced.row.page });
    for (const r of rows) r.item = null;
  }
  let previous: { label: string; where: string; item: string | null } | null = null;
  for (const { row, item, label, where } of inFormOrder(rows)) {
    // A label a print wrote twice (its merged cell cut by a page break, or drawn again beside a
    // tall row) is one row: two changes to the same field would each name what changed, apart.
    // (The same label at the same place: also when where that is was not told and the item is null.)
    if (previous !== null && labelKey(previous.label) === labelKey(label) && previous.where === where && (item !== null || previous.item === null)) continue;
    previous = { label, where, item };
    ex.noteRow(`changes[${changes.length}]`, row, label, where);
    changes.push({ ...emptyChange(), item });
  }
  const at = part.table?.[0]?.row;
  ex.warn("table-cells-lost", "changes", "the 変更箇所一覧's cells came out as loose lines: only each row's item is read", { line: at?.line ?? null, page: at?.page ?? null });
  if (changes.length === 0) ex.warn("section-not-found", "changes", "no change rows found in the 変更箇所一覧");
  return changes;
}

/**
 * The list follows the form: within one block its rows go by their labels' circled numbers. A
 * print that centres a narrow label cell puts `①` after `③`; its rows are put back in order (a
 * row with no number keeps its place after the numbered row before it).
 */
function inFormOrder<T extends { label: string; where: string }>(rows: T[]): T[] {
  const out: T[] = [];
  for (let start = 0; start < rows.length; ) {
    let end = start;
    while (end < rows.length && rows[end]!.where === rows[start]!.where) end++;
    let inherited = 0;
    const run = rows.slice(start, end).map((row, index) => {
      inherited = circledValue(row.label) ?? inherited;
      return { row, index, number: inherited };
    });
    out.push(...run.sort((a, b) => a.number - b.number || a.index - b.index).map((r) => r.row));
    start = end;
  }
  return out;
}

/** ① → 1, ㉑ → 21; null for a label with no circled number. */
function circledValue(label: string): number | null {
  const code = label.trim().codePointAt(0) ?? 0;
  if (code >= 0x2460 && code <= 0x2473) return code - 0x2460 + 1;
  if (code >= 0x3251 && code <= 0x325f) return code - 0x3251 + 21;
  if (code >= 0x32b1 && code <= 0x32bf) return code - 0x32b1 + 36;
  return null;
}

/**
 * Where a label stands against the list's headings: in the block that holds its group
 * ("fits"), after the block in the section that holds it ("outsideBlock": the block is closed),
 * or where it cannot be ("misplaced": under no part, another part, another section, or a block
 * label outside its block). A label the vocabulary does not place fits anywhere under a part.
 */
function placeLabel(key: string, partKind: PartKind | null, sectionKey: string | null, blockKind: string | null): "fits" | "outsideBlock" | "misplaced" {
  if (partKind === null) return "misplaced";
  const groups = groupsOfLabel(key);
  if (groups.length === 0) return "fits";
  if (!partsOfLabel(key).has(partKind)) return "misplaced";
  if (blockKind !== null) {
    const held = BLOCK_LABEL_GROUPS[blockKind] ?? [];
    if (groups.some((g) => held.includes(g))) return "fits";
    if (groups.every((g) => BLOCK_GROUPS.has(g))) return "misplaced";
    return sectionHolds(groups, partKind, sectionKey) ? "outsideBlock" : "misplaced";
  }
  if (groups.every((g) => BLOCK_GROUPS.has(g) && g !== "riskItems" && g !== "risk")) return "misplaced";
  return sectionHolds(groups, partKind, sectionKey) ? "fits" : "misplaced";
}

type LabelGroup = keyof typeof LABELS;

/** The label groups that belong in a block of some kind. */
const BLOCK_GROUPS: ReadonlySet<LabelGroup> = new Set(Object.values(BLOCK_LABEL_GROUPS).flat());

/** Whether the section can hold a label of these groups (a label bound to no section can stand in any). */
function sectionHolds(groups: readonly LabelGroup[], partKind: PartKind, sectionKey: string | null): boolean {
  const table = SECTION_LABEL_GROUPS[partKind];
  if (!table || sectionKey === null) return true;
  const bound = new Set(Object.values(table).flat());
  if (!groups.every((g) => bound.has(g))) return true;
  const own = table[sectionKey];
  return own !== undefined && groups.some((g) => own.includes(g));
}

/** The section a block of this kind stands in, as the item path names it (`2. 特定個人情報ファイルを…システム`). */
function impliedSection(partKind: PartKind | null, blockKind: string): string | null {
  const key = partKind ? BLOCK_SECTIONS[partKind]?.[blockKind] : undefined;
  if (!key) return null;
  for (const parts of Object.values(FORM_OUTLINES)) {
    const section = parts.find((p) => p.kind === partKind)?.sections.find((s) => s.key === key);
    if (section) return section.title;
  }
  return null;
}

/**
 * The risks III names without numbers (`委託先による…リスク 再委託に関するリスク`), when the lines
 * from the first of these entries are such names, one or more lines of them, and the line after
 * them is a labelled row (the names are the heading of the rows under them): the names joined,
 * else null. Only under the risks part, and only whole lines (a cell's text that ends with リスク
 * is followed by more text, not by a label).
 */
export function unnumberedRisks(entries: readonly TableEntry[], partKind: PartKind | null): string | null {
  if (partKind !== "risks") return null;
  const names: string[] = [];
  for (const entry of entries) {
    const line = riskNamesOf(entry);
    if (line !== null) {
      names.push(line);
      continue;
    }
    const text = entry.type === "row" ? normalizeText(entry.row.texts.join(" ")) : null;
    return names.length > 0 && text !== null && rowLabel(text) !== null ? names.join(" ") : null;
  }
  return null;
}

/** A row that is a line of unnumbered risk names (not a label): its text, else null. */
function riskNamesOf(entry: TableEntry): string | null {
  const text = entry.type === "row" ? normalizeText(entry.row.texts.join(" ")) : null;
  return text !== null && rowLabel(text) === null && UNNUMBERED_RISK.test(foldForMatch(text)) ? text : null;
}

/** A line that opens a part, a section, a block (its heading the whole piece) or a labelled row of the form. */
function startsStructure(entry: TableEntry, first: string): boolean {
  const heading = entry.type === "part" || entry.type === "section" || (entry.type === "block" && entry.rest === "");
  return heading || rowLabel(first) !== null;
}

/**
 * The form's label a line of the list starts with: the whole line, or as many of its first
 * words as make a label (`①システムの名称 ワクチン接種記録シス`: a converter put the value on the line).
 */
function rowLabel(text: string): string | null {
  const words = text.trim().split(/\s+/);
  for (let n = 1; n < words.length; n++) {
    const head = words.slice(0, n).join(" ");
    if (ALL_LABEL_KEYS.has(labelKey(head)) || OTHER_RISKS_LABEL.test(labelKey(head))) return head;
  }
  if (isFormLabel(text)) return text;
  return words.length > 1 && isFormLabel(words[0]!) ? words[0]! : null;
}

/** A label the cell wrapped: the line's first word and the next line's make one of the form's labels. */
function wrappedLabel(text: string, next: string | undefined): string | null {
  if (next === undefined) return null;
  const head = /^\S+/.exec(text)?.[0] ?? "";
  const tail = /^\S+/.exec(next)?.[0] ?? "";
  if (head.length < 4 || tail === "") return null;
  const joined = head + tail;
  return ALL_LABEL_KEYS.has(labelKey(joined)) ? joined : null;
}

/** Where a 変更箇所一覧 row stands in the form: part > section > block. */
interface Context {
  part: string | null;
  partKind: PartKind | null;
  section: string | null;
  block: string | null;
}

/** A row of a 変更箇所一覧 read from lines: where it stands and the last piece of its item (null: not guessed). */
interface Found {
  row: Row;
  label: string;
  at: Context;
  leaf: string | null;
}

/** A label the form has, standing alone on its row. */
function isFormLabel(text: string): boolean {
  const key = labelKey(text);
  return ALL_LABEL_KEYS.has(key) || OTHER_RISKS_LABEL.test(key) || startsWithCircledNumber(text);
}

/** The row's label as an item of the path: its `※` note dropped. */
function itemLabel(text: string): string {
  return text.replace(/\s*※.*$/, "");
}

/** Split the last cells of a row into ページ and 事由等, however the converter merged them. */
function pageAndReason(cells: (string | null)[]): { page: string | null; reason: string | null; rest: (string | null)[] } {
  const last = cells.length - 1;
  const lastText = cells[last] ?? null;
  const beforeLast = cells[last - 1] ?? null;
  if (last >= 2 && beforeLast !== null && PAGE_CELL.test(beforeLast)) {
    return { page: beforeLast, reason: lastText, rest: cells.slice(0, last - 1) };
  }
  if (lastText !== null && last >= 1) {
    const merged = PAGE_THEN_REASON.exec(lastText);
    if (merged) return { page: merged[1]!, reason: normalizeText(merged[2]!), rest: cells.slice(0, last) };
    if (PAGE_CELL.test(lastText)) return { page: lastText, reason: null, rest: cells.slice(0, last) };
    if (last >= 2 && beforeLast === null) return { page: null, reason: lastText, rest: cells.slice(0, last) };
  }
  return { page: null, reason: null, rest: cells };
}

/**
 * A 変更箇所一覧 filing: rows of 変更または追記した箇所 · ページ · 事由等 under the headings of the
 * amended form. Each labelled row with content is a change, its item the path of headings to it.
 * Headings (and the boxes they carry) are context. A row whose first cell is not a label is the
 * text of the change before it, which the converter split off; a lone line after a change that
 * has nothing yet is its 事由等 broken over lines.
 */
export function extractChangeList(part: Part | undefined, ex: Extraction, printed = false): Change[] {
  if (!part) return [];
  if (printed) return changeListFromLines(part, ex);
  const context: Context = { part: null, partKind: null, section: null, block: null };
  const changes: Change[] = [];
  /** The last change, while it can still take text from the rows after it. */
  let open: Change | null = null;
  const itemPath = (label: string | null) =>
    [context.part, context.section, context.block, label === null ? null : itemLabel(label)].filter((p) => p !== null && p !== "").join(" > ") || null;

  for (const entry of part.table ?? []) {
    const row = entry.row;
    const texts = row.texts.map((t) => normalizeText(t));
    const first = texts[0] ?? null;
    const filledCount = texts.filter((t) => t !== null).length;
    if (filledCount === 0) continue;
    const onlyFirst = first !== null && filledCount === 1;

    // A heading in a later cell is not the row's label: the row is read as any other.
    if (entry.type === "part" && entry.cell === 0) {
      Object.assign(context, { part: entry.title, partKind: entry.kind, section: null, block: null });
      open = null;
      continue;
    }
    const { page, reason, rest } = pageAndReason(texts);
    // A section heading with a page is a changed row: the section's own text changed.
    if (entry.type === "section" && page === null) {
      Object.assign(context, { section: `${entry.no}. ${entry.title}`, block: null });
      open = null;
      continue;
    }
    if (onlyFirst && !isFormLabel(first)) {
      if (open && open.after === null && open.page === null) {
        open.reason = joinText(open.reason, first);
      } else if (open && !isLabelLike(first)) {
        open.after = joinText(open.after, first); // text, not a heading: the open row's, carried over
      } else {
        context.block = first; // システムN, リスクN: …, or a heading the form does not number
        open = null;
      }
      continue;
    }

    const [label = null, ...values] = rest;
    const after = normalizeText(values.filter((v) => v !== null).join(" "));
    const block = entry.type === "block" ? entry : null;
    const isLabel = label !== null && (isLabelLike(label) || block !== null);
    if (!isLabel && open && open.after === null) {
      open.after = joinText(label, after);
      open.page ??= page;
      open.reason ??= reason;
      continue;
    }
    if (label !== null && OTHER_RISKS_LABEL.test(labelKey(label))) context.block = null; // a section's own row
    const change: Change = {
      ...emptyChange(),
      item: itemPath(isLabel ? label : null),
      after: isLabel ? after : joinText(label, after),
      page,
      reason,
    };
    if (block) context.block = label;
    ex.noteRow(`changes[${changes.length}]`, row, label ?? "", [context.part, context.section, context.block].filter((p) => p !== null).join(" > "));
    changes.push(change);
    open = change;
  }
  if (changes.length === 0) ex.warn("section-not-found", "changes", "no change rows found in the 変更箇所一覧");
  return changes;
}
