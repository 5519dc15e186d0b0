import { ALL_LABEL_KEYS } from "../../data/labels.js";
import { BLOCK_HEADING, RISK_HEADING } from "../../data/structure.js";
import { continuesFullLine, displayWidth, foldForMatch, labelKey, mustContinue, startsWithCircledNumber } from "../../normalizers/text.js";

/**
 * A form whose labels stand vertically centred beside their values (a spreadsheet's rows, as
 * Excel prints them): in `pdftotext -layout` a label is on the middle line of its value, the
 * value's first lines above it, after the row before. Each label is put back on its row's first
 * line. Which lines above a label are its own is read from the form's geometry: a row's label
 * has as many of its lines above it as below (one more or fewer where it fell between two), so
 * between two labels the lines split where both rows are balanced; where several splits balance,
 * the one that breaks no wrapped text and starts rows where the text's column changes. Only
 * where one reading is best, and the document's rows read so throughout, are lines moved.
 * Pure: lines in, lines out.
 */

export interface GridLine {
  line: number;
  page: number | null;
  cells: string[];
  lefts: number[];
  /** A section heading the loader made a line of its own: it stands beside the rows, in none. */
  heading?: boolean;
}

/** A label of the form, or the start of one its narrow cell wrapped (`③他のシステムとの`). */
function isLabelStart(text: string): boolean {
  // A numbered label the tables may not know is no sentence; a value's numbered item may be.
  if (startsWithCircledNumber(text) && !/[、。]/.test(text)) return true;
  const key = labelKey(text);
  if (ALL_LABEL_KEYS.has(key)) return true;
  return key.length >= MIN_LABEL_START && LABEL_KEYS.some((k) => k.length > key.length && k.startsWith(key));
}
const LABEL_KEYS = [...ALL_LABEL_KEYS];
const MIN_LABEL_START = 8;
/** A value's line this share of its block's widest ran to the cell's edge. */
const FULL = 0.9;

/** How far right of a label its value's lines begin at least. */
const VALUE_INDENT = 3;
/** A wrapped label's next line is short, and starts under the label. */
const LABEL_TAIL = 15;
const TAIL_SLACK = 2;

type Kind = "label" | "tail" | "value" | "break";

/**
 * Each line's part in the page's rows: a label, a wrapped label's next line, a value's line
 * (indented right of the labels around it), or none of them (a heading, text across the page).
 */
function kinds(page: GridLine[]): Kind[] {
  const labels = page.map((l) => isLabelStart(l.cells[0]!) && !BLOCK_HEADING.test(foldForMatch(l.cells[0]!)));
  const out: Kind[] = [];
  let last: number | null = null;
  page.forEach((l, i) => {
    const left = l.lefts[0]!;
    if (labels[i]) {
      last = left;
      out.push("label");
      return;
    }
    const previous = out[i - 1];
    const next = labels.indexOf(true, i);
    const column = last ?? (next >= 0 ? page[next]!.lefts[0]! : null);
    if (BLOCK_HEADING.test(foldForMatch(l.cells[0]!)) || column === null) out.push("break");
    else if ((previous === "label" || previous === "tail") && Math.abs(left - last!) <= TAIL_SLACK && [...l.cells[0]!].length <= LABEL_TAIL) out.push("tail");
    else if (left >= column + VALUE_INDENT) out.push("value");
    else {
      out.push("break");
      last = null;
    }
  });
  return out;
}

interface Row {
  /** Index of the label's first line, and how many lines the label takes. */
  at: number;
  height: number;
}

interface Block {
  /** Value lines before the first label, after each row's label. */
  gaps: number[];
  rows: Row[];
  start: number;
  /** Index of the block's last line. */
  end: number;
  /** The block begins at the page's top (its first lines may be the last page's row). */
  openStart: boolean;
  openEnd: boolean;
}

function blocksOf(k: Kind[]): Block[] {
  const blocks: Block[] = [];
  let block: Block | null = null;
  const close = (end: number, openEnd: boolean) => {
    if (block && block.rows.length > 0) blocks.push({ ...block, end, openEnd });
    block = null;
  };
  k.forEach((kind, i) => {
    if (kind === "break") return close(i - 1, false);
    block ??= { gaps: [0], rows: [], start: i, end: i, openStart: i === 0, openEnd: false };
    if (kind === "label") {
      block.rows.push({ at: i, height: 1 });
      block.gaps.push(0);
    } else if (kind === "tail" && block.rows.length > 0 && block.gaps[block.gaps.length - 1] === 0) {
      block.rows[block.rows.length - 1]!.height++;
    } else block.gaps[block.gaps.length - 1]!++;
  });
  close(k.length - 1, true);
  return blocks;
}

/**
 * How far a row is from centred: none when the lines below are as many as above, or one more or
 * fewer (a label halfway between two lines goes with either). A row cut by the page's foot may
 * have more lines below on the next page; one the page's top cut, more above on the page before.
 */
function imbalance(above: number, below: number, cutBelow = false, cutAbove = false): number {
  const d = below - above;
  const low = cutBelow ? -Infinity : -1;
  const high = cutAbove ? Infinity : 1;
  return d < low ? low - d : d > high ? d - high : 0;
}

/**
 * How likely a row boundary is before a line, in the split's costs: a line can hardly begin a
 * row where the text before it runs on into it (`BREAK_IN_TEXT`); between two balanced splits the
 * one whose rows are more even wins (`UNEVEN` per row off by one); any imbalance outweighs all.
 */
const IMBALANCE = 10000;
const BREAK_IN_TEXT = 10;
const SAME_COLUMN = 3;
const UNEVEN = 1;

/**
 * The lines above each row's label (its own value's first lines) that balance every row best,
 * with the total imbalance, or null where two splits cost the same (the reading is unsure).
 * `breakCost(row, above)`: how unlikely row `row` begins `above` lines above its label.
 */
export function centredSplit(
  gaps: number[], openStart = false, openEnd = false, breakCost: (row: number, above: number) => number = () => 0,
): { above: number[]; imbalance: number } | null {
  const n = gaps.length - 1;
  type State = { cost: number; above: number[]; ties: boolean };
  // Keyed by the lines above the next row's label; the first row's are the lines before it.
  let states = new Map<number, State>([[gaps[0]!, { cost: 0, above: [gaps[0]!], ties: false }]]);
  for (let r = 0; r < n; r++) {
    const last = r === n - 1;
    const next = new Map<number, State>();
    for (const [a, state] of states) {
      for (const b of last ? [gaps[r + 1]!] : [...Array(gaps[r + 1]! + 1).keys()]) {
        const key = gaps[r + 1]! - b;
        const open = (last && openEnd) || (r === 0 && openStart);
        const cost =
          state.cost + IMBALANCE * imbalance(a, b, last && openEnd, r === 0 && openStart) + (open ? 0 : UNEVEN * Math.abs(b - a)) + (last ? 0 : breakCost(r + 1, key));
        const seen = next.get(key);
        const above = last ? state.above : [...state.above, key];
        if (!seen || cost < seen.cost) next.set(key, { cost, above, ties: state.ties });
        else if (cost === seen.cost) seen.ties = true;
      }
    }
    states = next;
  }
  const end = states.get(0);
  if (!end || end.ties) return null;
  return { above: end.above, imbalance: Math.floor(end.cost / IMBALANCE) };
}

/**
 * The lines with each label moved to its row's first line, where the page's rows read as centred
 * (every row balanced, one way only). A heading line the loader made (beside the rows) moves
 * before the row it stood in. Pages that do not read so are left as they are.
 */
export function centreLabels(lines: GridLine[]): GridLine[] {
  const pages = pagesOf(lines);
  if (!readsCentred(pages)) return lines;
  return pages.flatMap((page) => centrePage(page));
}

/**
 * Whether the document's labels stand centred at all: where labels stand at their rows' tops, no
 * value's line comes before the first label after a heading; a centred label leaves lines above it.
 */
function readsCentred(pages: GridLine[][]): boolean {
  let blocks = 0;
  let valueFirst = 0;
  for (const page of pages) {
    for (const block of blocksOf(kinds(page.filter((l) => !l.heading)))) {
      blocks++;
      if (!block.openStart && block.gaps[0]! > 0) valueFirst++;
    }
  }
  return valueFirst >= CENTRED_MIN && valueFirst >= blocks * CENTRED_SHARE;
}
const CENTRED_MIN = 3;
const CENTRED_SHARE = 0.1;

function centrePage(page: GridLine[]): GridLine[] {
  const items = page.filter((l) => !l.heading);
  const k = kinds(items);
  // Each line's value text: a label line's cells after the label.
  const valueTexts = items.map((l, i) => (k[i] === "label" || k[i] === "tail" ? l.cells.slice(1) : l.cells).join(" "));
  const valueLefts = items.map((l, i) => (k[i] === "label" || k[i] === "tail" ? l.lefts[1] : l.lefts[0]) ?? null);
  const out = items.map((l) => ({ ...l, cells: [...l.cells], lefts: [...l.lefts] }));
  /** For each item, the first item of the row it belongs to (where a row was read). */
  const rowStart = new Map<number, number>();
  for (const block of blocksOf(k)) {
    const width = valueTexts.slice(block.start, block.end + 1).reduce((m, t) => Math.max(m, displayWidth(t)), 0);
    // A row can hardly begin where the line before it (its label `above` lines down) ran to the value's edge and goes on into it.
    const breakCost = (r: number, above: number) => {
      const first = block.rows[r]!.at - above;
      const before = valueTexts[first - 1] ?? "";
      const after = valueTexts[first] ?? "";
      const inText = mustContinue(before, after) || (displayWidth(before) >= width * FULL && continuesFullLine(before, after));
      // A row's value is a cell of its own: where the text's column changes, a row more likely begins.
      const sameColumn = first > 0 && valueLefts[first - 1] === valueLefts[first];
      return (inText ? BREAK_IN_TEXT : 0) + (sameColumn ? SAME_COLUMN : 0);
    };
    const split = centredSplit(block.gaps, block.openStart, block.openEnd, breakCost);
    if (!split || split.imbalance > 0) continue;
    block.rows.forEach((row, r) => {
      const above = split.above[r]!;
      const first = row.at - above;
      const end = (block.rows[r + 1]?.at ?? block.end + 1) - (split.above[r + 1] ?? 0);
      for (let i = first; i < end; i++) rowStart.set(i, first);
      if (above === 0) return;
      // The label's lines go to the row's first lines, in order; its value cells stay.
      for (let h = 0; h < row.height && h < above; h++) {
        const from = out[row.at + h]!;
        const to = out[first + h]!;
        out[first + h] = { ...to, cells: [from.cells[0]!, ...to.cells], lefts: [from.lefts[0]!, ...to.lefts] };
        out[row.at + h] = { ...from, cells: from.cells.slice(1), lefts: from.lefts.slice(1) };
      }
    });
  }
  // Put the heading lines back: before the row they stood in, else where they stood; a block
  // (システムN, リスクN: …) is one section's, so a heading inside blocks goes before their first.
  const result: GridLine[] = [];
  const before = new Map<number, GridLine[]>();
  let item = 0;
  for (const line of page) {
    if (!line.heading) {
      item++;
      continue;
    }
    let start = item > 0 && rowStart.has(item - 1) && rowStart.get(item - 1) === rowStart.get(item) ? rowStart.get(item)! : item;
    // Back over the blocks of one kind before it (リスク2, リスク1), up to any other line across the rows.
    // (lastIndexOf with a negative index would search from the end: stop at the page's first line.)
    const breakBefore = (at: number) => (at > 0 ? k.lastIndexOf("break", at - 1) : -1);
    const kind = blockKind(items[breakBefore(start)]?.cells[0] ?? "");
    for (let opening = breakBefore(start); kind !== null && opening >= 0; opening = breakBefore(opening)) {
      if (blockKind(items[opening]!.cells[0]!) !== kind || before.has(opening)) break;
      start = opening;
    }
    before.set(start, [...(before.get(start) ?? []), line]);
  }
  out.forEach((line, i) => {
    result.push(...(before.get(i) ?? []));
    if (line.cells.length > 0) result.push(line);
  });
  result.push(...(before.get(out.length) ?? []));
  return result;
}

/** The kind of block a line heads: システムN, 委託事項N, 提供先N, 移転先N (by their word), リスクN: …; or null. */
function blockKind(text: string): string | null {
  const folded = foldForMatch(text);
  return BLOCK_HEADING.exec(folded)?.[1] ?? (RISK_HEADING.test(folded) ? "risk" : null);
}

function pagesOf(lines: GridLine[]): GridLine[][] {
  const pages: GridLine[][] = [];
  for (const line of lines) {
    const last = pages[pages.length - 1];
    if (last && last[0]!.page === line.page) last.push(line);
    else pages.push([line]);
  }
  return pages;
}
