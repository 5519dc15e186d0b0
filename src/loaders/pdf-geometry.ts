import { ALIGN, type HLine, type TextPiece, type VLine } from "./pdf-layout.js";

/**
 * A page's drawing operators → its ruling lines and drawn check boxes. Plain data in: the
 * operator list pdfjs gives, and pdfjs's operator codes (its OPS table), so that this needs no
 * pdfjs itself.
 */

/** What PDFPageProxy.getOperatorList() returns, as far as it is read here. */
export interface OperatorList {
  fnArray: ArrayLike<number>;
  argsArray: ArrayLike<unknown>;
}

/** The operator codes read here, by their names in pdfjs's OPS. */
export interface OperatorCodes {
  save: number;
  restore: number;
  transform: number;
  constructPath: number;
  fill: number;
  eoFill: number;
  fillStroke: number;
  eoFillStroke: number;
  closeFillStroke: number;
  closeEOFillStroke: number;
  stroke: number;
  closeStroke: number;
}

export interface PageRules {
  h: HLine[];
  v: VLine[];
  boxes: TextPiece[];
}

export type Matrix = [number, number, number, number, number, number];
export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

export function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[2] * n[1], m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3], m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4], m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}

export function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** pdfjs path drawing codes (DrawOPS). */
const MOVE_TO = 0, LINE_TO = 1, CURVE_TO = 2, QUAD_TO = 3, CLOSE = 4;

/**
 * The page's straight lines, and the small squares that are drawn check boxes (as text ■/□ at
 * their place, so that the box resolvers read them like glyph boxes).
 */
export function rulesFromOperators(ops: OperatorList, OPS: OperatorCodes): PageRules {
  const h: HLine[] = [];
  const v: VLine[] = [];
  const boxes: TextPiece[] = [];
  const stack: Matrix[] = [];
  let ctm: Matrix = IDENTITY;
  const fillOps = new Set<number>([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const paintOps = new Set<number>([...fillOps, OPS.stroke, OPS.closeStroke]);
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i]!;
    const args = ops.argsArray[i] as unknown[];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? IDENTITY;
    else if (fn === OPS.transform) ctm = multiply(ctm, args as unknown as Matrix);
    else if (fn === OPS.constructPath) {
      const [paint, [data]] = args as [number, [ArrayLike<number> | null]];
      if (!paintOps.has(paint) || !data) continue;
      const points: [number, number][][] = [];
      let current: [number, number][] = [];
      const values = Array.from(data as ArrayLike<number>);
      for (let k = 0; k < values.length; ) {
        const code = values[k]!;
        if (code === MOVE_TO) {
          if (current.length > 0) points.push(current);
          current = [apply(ctm, values[k + 1]!, values[k + 2]!)];
          k += 3;
        } else if (code === LINE_TO) {
          current.push(apply(ctm, values[k + 1]!, values[k + 2]!));
          k += 3;
        } else if (code === CURVE_TO) k += 7;
        else if (code === QUAD_TO) k += 5;
        else if (code === CLOSE) {
          if (current.length > 0) current.push(current[0]!);
          k += 1;
        } else break;
      }
      if (current.length > 0) points.push(current);
      for (const polyline of points) {
        // Loops, not Math.max(...xs): a path can hold more points than a call takes arguments.
        let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
        for (const [x, y] of polyline) {
          minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y);
        }
        const width = maxX - minX;
        const height = maxY - minY;
        // A thin filled rectangle is a rule; a small square is a box.
        if (polyline.length >= 4 && width < 2 && height > 4) v.push({ x: (maxX + minX) / 2, y1: minY, y2: maxY });
        else if (polyline.length >= 4 && height < 2 && width > 4) h.push({ y: (maxY + minY) / 2, x1: minX, x2: maxX });
        else if (polyline.length >= 4 && width >= 4 && width <= 14 && Math.abs(width - height) < 2) {
          boxes.push({ text: fillOps.has(paint) ? "■" : "□", x: minX, y: minY + 1, width, size: height });
          continue;
        }
        // A filled area that is not thin is shading, not ruling: a spreadsheet fills a run of
        // same-coloured cells (a section label and the item labels beside it) as one area, whose
        // outline crosses merged cells. Only what is stroked is a cell's border.
        if (paint === OPS.fill || paint === OPS.eoFill) continue;
        for (let k = 1; k < polyline.length; k++) {
          const [x1, y1] = polyline[k - 1]!;
          const [x2, y2] = polyline[k]!;
          if (Math.abs(y1 - y2) < 0.5 && Math.abs(x1 - x2) > 4) h.push({ y: y1, x1: Math.min(x1, x2), x2: Math.max(x1, x2) });
          else if (Math.abs(x1 - x2) < 0.5 && Math.abs(y1 - y2) > 4) v.push({ x: x1, y1: Math.min(y1, y2), y2: Math.max(y1, y2) });
        }
      }
    }
  }
  return { h, v, boxes };
}

/** The operator codes that place text and clip the page, by their names in pdfjs's OPS. */
export interface TextOperatorCodes {
  save: number;
  restore: number;
  transform: number;
  constructPath: number;
  clip: number;
  eoClip: number;
  beginText: number;
  setTextMatrix: number;
  moveText: number;
  setLeadingMoveText: number;
  nextLine: number;
  setLeading: number;
  setFont: number;
  setCharSpacing: number;
  setWordSpacing: number;
  setHScale: number;
  setTextRise: number;
  showText: number;
}

interface Box { x1: number; y1: number; x2: number; y2: number }

/**
 * Where text is drawn outside the clip in force: the start of each such run, as pdfjs's text
 * items give it (their transform's translation). A spreadsheet prints a merged cell that a page
 * break cuts on both pages, each clipped to its part, so the cell's text is also drawn, unseen,
 * beyond the page's table edge; read, it would be a label twice, or a line out of place. Glyph
 * advances are taken at 1/1000 em (every font but Type 3): a run placed otherwise is not found,
 * and its text is kept.
 */
export function hiddenTextStarts(ops: OperatorList, OPS: TextOperatorCodes): [number, number][] {
  const hidden: [number, number][] = [];
  type State = { ctm: Matrix; clip: Box | null };
  const stack: State[] = [];
  let state: State = { ctm: IDENTITY, clip: null };
  let clipNext = false;
  let tm: Matrix = IDENTITY;
  let line: Matrix = IDENTITY;
  let size = 0, charSpacing = 0, wordSpacing = 0, hScale = 1, rise = 0, leading = 0;
  const move = (tx: number, ty: number) => {
    line = multiply(line, [1, 0, 0, 1, tx, ty]);
    tm = line;
  };
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i]!;
    const args = (ops.argsArray[i] ?? []) as unknown[];
    const n = (k: number) => Number(args[k]);
    if (fn === OPS.save) stack.push(state);
    else if (fn === OPS.restore) state = stack.pop() ?? { ctm: IDENTITY, clip: null };
    else if (fn === OPS.transform) state = { ...state, ctm: multiply(state.ctm, args as unknown as Matrix) };
    else if (fn === OPS.clip || fn === OPS.eoClip) clipNext = true;
    else if (fn === OPS.constructPath) {
      if (!clipNext) continue;
      clipNext = false;
      // The clip's bounding box: a cell's clip is a rectangle.
      const data = Array.from(((args[1] as unknown[] | undefined)?.[0] ?? []) as ArrayLike<number>);
      const box: Box = { x1: Infinity, y1: Infinity, x2: -Infinity, y2: -Infinity };
      for (let k = 0; k < data.length; ) {
        const code = data[k]!;
        if (code === MOVE_TO || code === LINE_TO) {
          const [x, y] = apply(state.ctm, data[k + 1]!, data[k + 2]!);
          box.x1 = Math.min(box.x1, x); box.x2 = Math.max(box.x2, x); box.y1 = Math.min(box.y1, y); box.y2 = Math.max(box.y2, y);
          k += 3;
        } else if (code === CURVE_TO) k += 7;
        else if (code === QUAD_TO) k += 5;
        else if (code === CLOSE) k += 1;
        else break;
      }
      if (box.x1 > box.x2) continue;
      const c = state.clip;
      state = { ...state, clip: c ? { x1: Math.max(c.x1, box.x1), y1: Math.max(c.y1, box.y1), x2: Math.min(c.x2, box.x2), y2: Math.min(c.y2, box.y2) } : box };
    } else if (fn === OPS.beginText) tm = line = IDENTITY;
    else if (fn === OPS.setTextMatrix) {
      const m = (args.length === 6 ? args : Array.from(args[0] as ArrayLike<number>)).map(Number);
      tm = line = m as Matrix;
    } else if (fn === OPS.moveText) move(n(0), n(1));
    else if (fn === OPS.setLeadingMoveText) {
      leading = -n(1);
      move(n(0), n(1));
    } else if (fn === OPS.nextLine) move(0, -leading);
    else if (fn === OPS.setLeading) leading = n(0);
    else if (fn === OPS.setFont) size = n(1);
    else if (fn === OPS.setCharSpacing) charSpacing = n(0);
    else if (fn === OPS.setWordSpacing) wordSpacing = n(0);
    else if (fn === OPS.setHScale) hScale = n(0) / 100;
    else if (fn === OPS.setTextRise) rise = n(0);
    else if (fn === OPS.showText) {
      const [x, y] = apply(multiply(state.ctm, tm), 0, rise);
      const c = state.clip;
      if (c && (x < c.x1 - ALIGN || x > c.x2 + ALIGN || y < c.y1 - ALIGN || y > c.y2 + ALIGN)) hidden.push([x, y]);
      let advance = 0;
      for (const glyph of (args[0] ?? []) as unknown[]) {
        if (typeof glyph === "number") advance -= (glyph * size) / 1000;
        else if (glyph && typeof glyph === "object") {
          const g = glyph as { width?: number; isSpace?: boolean };
          advance += ((g.width ?? 0) * size) / 1000 + charSpacing + (g.isSpace ? wordSpacing : 0);
        }
      }
      tm = multiply(tm, [1, 0, 0, 1, advance * hScale, 0]);
    }
  }
  return hidden;
}

/** The pieces a reader sees: those that start where text was drawn outside its clip are dropped. */
export function visiblePieces(pieces: TextPiece[], hidden: [number, number][]): TextPiece[] {
  if (hidden.length === 0) return pieces;
  return pieces.filter((p) => !hidden.some(([x, y]) => Math.abs(p.x - x) < 0.5 && Math.abs(p.y - y) < 0.5));
}
