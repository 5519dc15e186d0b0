import type { HLine, TextPiece, VLine } from "./pdf-layout.js";

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
