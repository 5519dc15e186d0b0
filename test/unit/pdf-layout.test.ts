import { describe, expect, it } from "vitest";
import {
  apply, hiddenTextStarts, IDENTITY, multiply, rulesFromOperators, visiblePieces, type OperatorCodes, type TextOperatorCodes,
} from "../../src/loaders/pdf-geometry.js";
import {
  bands, baselines, boxColumns, cellText, cutEdges, joinLine, mergedCells, pageLines, splitAtEdges,
  type HLine, type PageLine, type TextPiece, type VLine,
} from "../../src/loaders/pdf-layout.js";
import {
  cellStart, continuesRow, documentLines, foldFirstColumn, furniture, joinAcrossPages, splitSectionCells,
} from "../../src/loaders/pdf-pages.js";

/** The PDF reader's layout on hand-made text pieces and rules (PDF points, y upwards). */

/** A text piece; its width defaults to a full em (10 pt) per character. */
function piece(text: string, x: number, y: number, width = [...text].length * 10, size = 10): TextPiece {
  return { text, x, y, width, size };
}

/** A table's rules: horizontal ones at `ys` from x1 to x2, vertical ones at `xs` over the table's height. */
function grid(ys: number[], xs: number[], x1 = xs[0]!, x2 = xs[xs.length - 1]!): { h: HLine[]; v: VLine[] } {
  const y1 = Math.min(...ys);
  const y2 = Math.max(...ys);
  return { h: ys.map((y) => ({ y, x1, x2 })), v: xs.map((x) => ({ x, y1, y2 })) };
}

const PAGE_WIDTH = 600;

describe("text on a baseline", () => {
  it("joins pieces left to right, a gap wider than a fifth of an em as a space", () => {
    expect(joinLine([piece("C", 40, 700), piece("B", 10, 700), piece("A", 0, 700)])).toBe("AB C");
  });

  it("groups pieces into baselines top to bottom, a slight offset staying on its line", () => {
    const lines = baselines([piece("below", 0, 680), piece("right", 50, 700), piece("left", 0, 700.5)]);
    expect(lines.map(joinLine)).toEqual(["left right", "below"]);
  });

  it("reads free text as one line per baseline ordered by x, a wide gap starting a cell", () => {
    const pieces = [piece("far", 300, 700, 15), piece("world", 130, 699.5, 25), piece("hello", 100, 700, 25), piece("next", 100, 650, 20)];
    expect(pageLines(pieces, { h: [], v: [] }, PAGE_WIDTH).map((l) => l.cells)).toEqual([["hello world", "far"], ["next"]]);
  });

  it("goes on with a paragraph line that ran to the right margin, but not into an item", () => {
    const pieces = [piece("一行目", 50, 700, 495), piece("二行目", 50, 686, 495), piece("・項目", 50, 672, 30)];
    expect(pageLines(pieces, { h: [], v: [] }, PAGE_WIDTH).map((l) => l.cells)).toEqual([["一行目二行目"], ["・項目"]]);
  });
});

describe("a row's cells at the page's end", () => {
  it("take a full last line for wrapped only when it reaches the cell's bottom", () => {
    const rules = grid([700, 640], [50, 150, 550]);
    // A label centred in a tall row: its line is full, but its text ends there.
    const centred = pageLines([piece("ラベルの名", 55, 668, 93), piece("値", 155, 688)], rules, PAGE_WIDTH);
    expect(centred[0]!.wrapped).toEqual([false, false]);
    const low = pageLines([piece("ラベルの名", 55, 645, 93), piece("値", 155, 688)], rules, PAGE_WIDTH);
    expect(low[0]!.wrapped).toEqual([true, false]);
  });
});

describe("a cell's text", () => {
  it("joins a line that ran to the cell's edge with the next, without a break", () => {
    expect(cellText([piece("端まで届く行", 55, 690, 140), piece("続き", 55, 680, 20)], 200)).toEqual({ text: "端まで届く行続き", wrapped: false });
  });

  it("keeps a break after a short line, and before an item even after a full line", () => {
    expect(cellText([piece("短い", 55, 690), piece("次の行", 55, 680)], 200).text).toBe("短い\n次の行");
    expect(cellText([piece("端まで届く行", 55, 690, 140), piece("・項目", 55, 680)], 200).text).toBe("端まで届く行\n・項目");
  });

  it("says the cell was wrapped when its last line reaches the edge", () => {
    expect(cellText([piece("端まで", 55, 690, 140)], 200).wrapped).toBe(true);
  });
});

describe("a box grid in one cell", () => {
  // Two columns of `[ ] label` items, no rule between them; long items wrap within their column.
  const grid = [
    piece("[ ] 行政機関等 ( 日本年", 0, 700, 140), piece("[ ] 地方公共団体 ( 他", 150, 700, 140),
    piece("金機構 )", 0, 690, 40), piece("自治体 )", 150, 690, 40),
    piece("[ ] 民間", 0, 678, 40), piece("[ ] その他", 150, 678, 50),
  ];

  it("finds the columns where boxes begin after a gap on two or more baselines", () => {
    expect(boxColumns(baselines(grid))).toEqual([150]);
    // A line that runs across (text set with tabs) makes it no column.
    expect(boxColumns(baselines([...grid, piece("長い行がその下にある", 0, 666, 200)]))).toEqual([]);
  });

  it("reads the items one by one, row by row, each wrapped within its column", () => {
    expect(cellText(grid, 300).text).toBe("[ ] 行政機関等 ( 日本年金機構 )\n[ ] 地方公共団体 ( 他自治体 )\n[ ] 民間\n[ ] その他");
  });
});

describe("row bands", () => {
  it("gives a band between each two horizontal rules, joining pieces of one rule", () => {
    const h: HLine[] = [
      { y: 700.5, x1: 50, x2: 300 }, { y: 700, x1: 300, x2: 550 },
      { y: 680, x1: 50, x2: 550 }, { y: 660, x1: 50, x2: 550 },
    ];
    expect(bands(h)).toEqual([
      { top: 700.5, bottom: 680, x1: 50, x2: 550 },
      { top: 680, bottom: 660, x1: 50, x2: 550 },
    ]);
  });

  it("gives none between rules that share no x range or lie too close", () => {
    expect(bands([{ y: 700, x1: 50, x2: 300 }, { y: 680, x1: 310, x2: 550 }])).toEqual([]);
    expect(bands([{ y: 700, x1: 50, x2: 550 }, { y: 698, x1: 50, x2: 550 }])).toEqual([]);
  });
});

describe("a ruled table", () => {
  it("reads pieces in two ruled cells as a row of two cells", () => {
    const pieces = [piece("value", 205, 685, 25), piece("label", 55, 685, 25)];
    expect(pageLines(pieces, grid([700, 680], [50, 200, 550]), PAGE_WIDTH)).toEqual([
      { y: 700, cells: ["label", "value"], edges: [50, 200, 550], wrapped: [false, false] },
    ]);
  });

  it("needs two vertical rules for a row: text between horizontal rules alone is free text", () => {
    const lines = pageLines([piece("見出し", 55, 685)], { h: grid([700, 680], [50, 550]).h, v: [] }, PAGE_WIDTH);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.cells).toEqual(["見出し"]);
    expect(lines[0]!.edges).toBeUndefined();
  });

  it("splits a piece that straddles a vertical rule at it, by its characters' widths", () => {
    expect(splitAtEdges(piece("ABCD", 0, 700, 40), [20])).toEqual([
      { text: "AB", x: 0, y: 700, width: 20, size: 10 },
      { text: "CD", x: 20, y: 700, width: 20, size: 10 },
    ]);
    // Latin letters print half as wide as kanji.
    expect(splitAtEdges(piece("AB項目", 0, 700, 30), [10]).map((p) => [p.text, p.x, p.width])).toEqual([["AB", 0, 10], ["項目", 10, 20]]);
  });

  it("leaves a piece whole when no rule cuts into it", () => {
    const whole = piece("ABCD", 0, 700, 40);
    expect(splitAtEdges(whole, [0.5, 39.5, 100])).toEqual([whole]);
  });

  it("puts the two halves of a straddling piece into their cells", () => {
    const pieces = [piece("名前山田", 160, 685, 80, 20)];
    expect(pageLines(pieces, grid([700, 680], [50, 200, 550]), PAGE_WIDTH)[0]!.cells).toEqual(["名前", "山田"]);
  });
});

describe("a label merged over rows", () => {
  // A label column 50–150 merged over two rows whose rules start at its right edge.
  const rules = {
    h: [{ y: 700, x1: 50, x2: 550 }, { y: 680, x1: 150, x2: 550 }, { y: 660, x1: 50, x2: 550 }],
    v: [50, 150, 350, 550].map((x) => ({ x, y1: 660, y2: 700 })),
  };
  const rows = [piece("a1", 155, 685), piece("b1", 355, 685), piece("a2", 155, 665), piece("b2", 355, 665)];
  const label = [piece("区分", 55, 678), piece("その他", 55, 666)];

  it("finds the label's cell: its rules, and the rows beside it", () => {
    const cells = mergedCells(label, rules, bands(rules.h));
    expect(cells).toEqual([{ top: 700, left: 50, right: 150, pieces: label }]);
    // With no row beside it, a ruled box is not a merged label.
    expect(mergedCells(label, rules, [])).toEqual([]);
  });

  it("finds a label cell that a page break cuts, closed by the cut edge and marked cut", () => {
    const withCuts = (r: { h: HLine[]; v: VLine[] }) => ({ h: [...r.h, ...cutEdges(r)], v: r.v });
    // Page bottom: the rows' last rule starts at the label's right edge; the label's sides end at 660.
    const cut = withCuts({ h: rules.h.slice(0, 2).concat({ y: 660, x1: 150, x2: 550 }), v: rules.v });
    expect(mergedCells(label, cut, bands(cut.h))).toEqual([{ top: 700, left: 50, right: 150, pieces: label, cutBelow: true }]);
    // Page top: the label goes on from the previous page, its sides start at 700.
    const top = withCuts({ h: [{ y: 700, x1: 150, x2: 550 }, ...rules.h.slice(1)], v: rules.v });
    expect(mergedCells(label, top, bands(top.h))).toEqual([{ top: 700, left: 50, right: 150, pieces: label, cutAbove: true }]);
    // A side that ends elsewhere (no rule across it either) closes nothing.
    const uneven = withCuts({ h: cut.h.filter((h) => !h.cut), v: rules.v.map((v) => (v.x === 50 ? { ...v, y1: 600 } : v)) });
    expect(mergedCells(label, uneven, bands(uneven.h))).toEqual([]);
  });

  it("finds the cell of a label line that the page's top edge cuts through (its baseline just below the rule)", () => {
    const top = { h: [{ y: 700, x1: 150, x2: 550 }, ...rules.h.slice(1)], v: rules.v };
    const cut = [piece("く。)", 55, 698)];
    expect(pageLines([...cut, piece("a1", 155, 685)], top, PAGE_WIDTH)[0]).toMatchObject({ cells: ["く。)"], span: [50, 150], cutAbove: true });
  });

  it("reads the label as one line of its own above the rows it spans; the first row says the cell begins beside it", () => {
    expect(pageLines([...label, ...rows], rules, PAGE_WIDTH)).toEqual([
      { y: 701.5, cells: ["区分\nその他"], wrapped: [false], span: [50, 150] },
      { y: 700, cells: ["a1", "b1"], edges: [150, 350, 550], wrapped: [false, false], ruledFrom: 50 },
      { y: 680, cells: ["a2", "b2"], edges: [150, 350, 550], wrapped: [false, false] },
    ]);
  });
});

describe("a merged label that goes on from the previous page", () => {
  const row = (cells: string[], edges: number[], extra: Partial<PageLine> = {}): PageLine => ({ y: 700, cells, edges, wrapped: cells.map(() => false), ...extra });
  const label = (text: string, extra: Partial<PageLine> = {}): PageLine => ({ y: 801.5, cells: [text], span: [50, 150], cutAbove: true, ...extra });
  const heading = row(["見出し"], [50, 550]);

  it("goes back over the rows beside it to the row where its cell begins", () => {
    const before = [heading, row(["a1", "b1"], [150, 350, 550], { ruledFrom: 50 }), row(["a2", "b2"], [150, 350, 550])];
    expect(cellStart(before, label("区分"))).toEqual({ at: 1, part: false, holding: [] });
    // Past a row that is not beside it (one that spans its column), it is not found.
    expect(cellStart([heading, row(["a2", "b2"], [150, 350, 550])], label("区分"))).toBeNull();
  });

  it("takes a cut row that holds the cell's column, empty, for the cell's first row, the column for the cell's", () => {
    const before = [heading, row(["", "a1"], [50, 150, 550], { cutBelow: true })];
    expect(cellStart(before, label("区分"))).toEqual({ at: 1, part: false, holding: [1] });
  });

  it("joins the label's part printed on the previous page, above its first row or further down", () => {
    const part = label("区分の", { cutAbove: undefined, cutBelow: true });
    expect(cellStart([heading, part, row(["a1"], [150, 550])], label("続き"))).toEqual({ at: 1, part: true, holding: [] });
    expect(cellStart([heading, part, row(["a1"], [150, 550], { ruledFrom: 50 })], label("続き"))).toEqual({ at: 1, part: true, holding: [] });
    // Joined without a break when the part's last line ran to the cell's edge.
    const pages = [
      { height: 842, lines: [heading, { ...part, wrapped: [true] }, row(["a1"], [150, 550], { ruledFrom: 50, cutBelow: true })] },
      { height: 842, lines: [label("く。)"), row(["a2"], [150, 550], { cutAbove: true })] },
    ];
    expect(documentLines(pages).map((l) => l.cells)).toEqual([["見出し"], ["区分のく。)"], ["a1\na2"]]);
  });

  it("joins a label cut by two page breaks part by part, each join by the part before it", () => {
    const cut = { cutAbove: true, cutBelow: true };
    const pages = [
      { height: 842, lines: [heading, label("一行目", { cutAbove: undefined, cutBelow: true }), row(["a1"], [150, 550], { ruledFrom: 50, cutBelow: true })] },
      { height: 842, lines: [label("端まで届く行", { ...cut, wrapped: [true] }), row(["a2"], [150, 550], cut)] },
      { height: 842, lines: [label("続き"), row(["a3"], [150, 550], { cutAbove: true })] },
    ];
    expect(documentLines(pages).map((l) => l.cells)).toEqual([["見出し"], ["一行目\n端まで届く行続き"], ["a1\na2\na3"]]);
  });

  it("puts the label before its rows and joins the row the page break cut", () => {
    const pages = [
      { height: 842, lines: [heading, row(["", "前半"], [50, 150, 550], { cutBelow: true })] },
      { height: 842, lines: [label("区分"), row(["後半"], [150, 550], { cutAbove: true })] },
    ];
    expect(documentLines(pages)).toEqual([
      { line: 1, page: 1, cells: ["見出し"] },
      { line: 2, page: 1, cells: ["区分"] },
      { line: 3, page: 1, cells: ["前半\n後半"] },
    ]);
  });
});

describe("a table cut by a page break", () => {
  // Two rows; the page ends at 640 with no rule drawn there: the column rules just end.
  const v = [50, 150, 550].map((x) => ({ x, y1: 640, y2: 700 }));
  const h = [{ y: 700, x1: 50, x2: 550 }, { y: 680, x1: 50, x2: 550 }];

  it("takes the edge where the column rules end together, undrawn, for a cut rule", () => {
    expect(cutEdges({ h, v })).toEqual([{ y: 640, x1: 50, x2: 550, cut: true }]);
    // Drawn there (a table that ends), or one rule ending alone: no cut.
    expect(cutEdges({ h: [...h, { y: 640, x1: 50, x2: 550 }], v })).toEqual([]);
    expect(cutEdges({ h, v: [...v.slice(0, 2).map((r) => ({ ...r, y1: 680 })), v[2]!] })).toEqual([]);
  });

  it("reads the cut row as a row, marked cut below, and one at the page's top marked cut above", () => {
    const bottom = pageLines([piece("label", 55, 685), piece("前半", 155, 665)], { h, v }, PAGE_WIDTH);
    expect(bottom.map((l) => [l.cells, l.cutBelow ?? false])).toEqual([[["label", ""], false], [["", "前半"], true]]);
    const top = pageLines([piece("後半", 155, 690)], { h: [{ y: 680, x1: 50, x2: 550 }], v: v.map((r) => ({ ...r, y1: 680 })) }, PAGE_WIDTH);
    expect(top.map((l) => [l.cells, l.cutAbove ?? false])).toEqual([[["", "後半"], true]]);
  });

  it("a drawn rule at the page's edge is not a cut", () => {
    const rows = bands([{ y: 700, x1: 50, x2: 550 }, { y: 640.5, x1: 50, x2: 550, cut: true }, { y: 640, x1: 100, x2: 550 }]);
    expect(rows).toEqual([{ top: 700, bottom: 640.5, x1: 50, x2: 550 }]);
  });
});

describe("a merged cell in a table's first column", () => {
  const row = (cells: string[], edges: number[]): PageLine => ({ y: 700, cells, edges, wrapped: cells.map(() => false) });
  const cell = (text: string): PageLine => ({ y: 701.5, cells: [text], span: [50, 150] });
  const header = row(["変更日", "項目", "内容"], [50, 150, 300, 550]);

  it("is the first cell of the rows beside it when the row above has that column", () => {
    const lines = [header, cell("令和5年10月1日"), row(["項目A", "前半"], [150, 300, 550]), row(["", "(続き)"], [150, 300, 550]), row(["令和6年1月1日", "項目B", "後"], [50, 150, 300, 550])];
    expect(foldFirstColumn(lines).map((l) => l.cells)).toEqual([
      ["変更日", "項目", "内容"], ["令和5年10月1日", "項目A", "前半"], ["", "", "(続き)"], ["令和6年1月1日", "項目B", "後"],
    ]);
  });

  it("stays a line of its own under another table's row, or when it starts an item (a section's label)", () => {
    const beside = () => row(["①名称", "値"], [150, 300, 550]);
    expect(foldFirstColumn([row(["見出し"], [50, 550]), cell("区分"), beside()])).toHaveLength(3);
    expect(foldFirstColumn([header, cell("2. 特定個人情報の入手"), beside()])).toHaveLength(3);
  });
});

describe("a section label over a single row", () => {
  const row = (cells: string[], edges: number[]): PageLine => ({ y: 700, cells, edges, wrapped: cells.map(() => false) });
  const section = (text: string): PageLine => ({ y: 701.5, cells: [text], span: [50, 100] });

  it("is split off its row, in the column where the document's section labels stand", () => {
    const lines = [section("3. 特定個人情報の入手"), row(["①入手元", "本人"], [100, 200, 550]), row(["4. 個人番号の利用", "法令上の根拠", "番号法"], [50, 100, 200, 550])];
    expect(splitSectionCells(lines).map((l) => [l.cells, l.edges])).toEqual([
      [["3. 特定個人情報の入手"], undefined], [["①入手元", "本人"], [100, 200, 550]],
      [["4. 個人番号の利用"], undefined], [["法令上の根拠", "番号法"], [100, 200, 550]],
    ]);
  });

  it("stays in its row in another column, with no merged section label, or alone with an empty cell", () => {
    const numbered = row(["4. 個人番号の利用", "法令上の根拠", "番号法"], [50, 100, 200, 550]);
    expect(splitSectionCells([section("3. 入手"), { ...numbered, edges: [50, 120, 200, 550] }])).toHaveLength(2);
    expect(splitSectionCells([{ ...numbered }])).toHaveLength(1);
    expect(splitSectionCells([section("3. 入手"), row(["4. 委託", "", "[ ] 委託しない"], [50, 100, 200, 550])])).toHaveLength(2);
  });
});

describe("page furniture", () => {
  const HEIGHT = 800;
  const page = (n: number, extra: PageLine[] = []) => ({
    height: HEIGHT,
    lines: [{ y: 780, cells: [`特定個人情報保護評価書 ${n}`] }, ...extra, { y: 400, cells: ["本文"] }, { y: 20, cells: [`- ${n} -`] }],
  });

  it("is a running header repeated at the top of most pages, and a page number", () => {
    const pages = [page(1, [{ y: 770, cells: ["基本情報"] }]), page(2), page(3)];
    const isFurniture = furniture(pages);
    expect(isFurniture({ y: 780, cells: ["特定個人情報保護評価書 2"] }, HEIGHT)).toBe(true);
    expect(isFurniture({ y: 20, cells: ["- 2 -"] }, HEIGHT)).toBe(true);
    // At the top of one page only, or repeated away from the edge: the filing's text.
    expect(isFurniture({ y: 770, cells: ["基本情報"] }, HEIGHT)).toBe(false);
    expect(isFurniture({ y: 400, cells: ["本文"] }, HEIGHT)).toBe(false);
  });

  it("takes no repeated line for a header in a document of two pages", () => {
    const isFurniture = furniture([page(1), page(2)]);
    expect(isFurniture({ y: 780, cells: ["特定個人情報保護評価書 2"] }, HEIGHT)).toBe(false);
    expect(isFurniture({ y: 20, cells: ["- 2 -"] }, HEIGHT)).toBe(true);
  });
});

describe("a row cut by a page break", () => {
  const edges = [50, 150, 550];
  const row = (cells: string[], wrapped: boolean[] = [false, false], at = edges): PageLine => ({ y: 700, cells, edges: at, wrapped });
  const text = (cell: string, wrapped: boolean): PageLine => ({ y: 700, cells: [cell], wrapped: [wrapped] });

  it("continues when the new page's row has the same columns and an empty first cell", () => {
    expect(continuesRow(row(["備考", "前半"]), row(["", "後半"], undefined, [50, 151, 550]))).toBe(true);
  });

  it("continues under a label when the label cell itself ran to its edge", () => {
    expect(continuesRow(row(["長いラベル", "前半"], [true, false]), row(["の続き", "後半"]))).toBe(true);
  });

  it("continues a row the print left open at both pages' edges, its label printed on the new page", () => {
    const cut = (cells: string[], side: "cutAbove" | "cutBelow"): PageLine => ({ ...row(cells), [side]: true });
    expect(continuesRow(cut(["", "前半"], "cutBelow"), cut(["備考", "後半"], "cutAbove"))).toBe(true);
    // Open at one edge only: a new labelled row.
    expect(continuesRow(row(["", "前半"]), cut(["備考", "後半"], "cutAbove"))).toBe(false);
  });

  it("does not continue for a new labelled row, other columns, an empty row, or a table after text", () => {
    expect(continuesRow(row(["備考", "前半"]), row(["次", "別の行"]))).toBe(false);
    expect(continuesRow(row(["備考", "前半"]), row(["", "後半"], undefined, [50, 200, 550]))).toBe(false);
    expect(continuesRow(row(["備考", "前半"]), row(["", ""]))).toBe(false);
    expect(continuesRow(text("段落", true), row(["", "後半"]))).toBe(false);
  });

  it("continues a paragraph whose last line ran to the margin, unless the next starts an item", () => {
    expect(continuesRow(text("段落の前半", true), text("後半", false))).toBe(true);
    expect(continuesRow(text("段落の前半", true), text("・次の項目", false))).toBe(false);
    expect(continuesRow(text("段落の終わり。", false), text("次の段落", false))).toBe(false);
  });

  it("joins a cell's halves without a break when it was wrapped", () => {
    expect(joinAcrossPages("前半", "後半", true)).toBe("前半後半");
    expect(joinAcrossPages("前半", "後半", false)).toBe("前半\n後半");
    expect(joinAcrossPages("前半", "・項目", true)).toBe("前半\n・項目");
    expect(joinAcrossPages("備考", "", false)).toBe("備考");
  });

  it("joins the first row of a page with the last of the previous page, and drops page numbers", () => {
    const pages = [
      { height: 800, lines: [row(["項目", "内容"]), row(["備考", "前半の文"], [false, true]), { y: 20, cells: ["1"] }] },
      {
        height: 800,
        lines: [row(["", "後半の文"]), row(["次", "別の行"]), row(["", "補足"]), { y: 20, cells: ["2"] }],
      },
    ];
    expect(documentLines(pages)).toEqual([
      { line: 1, page: 1, cells: ["項目", "内容"] },
      { line: 2, page: 1, cells: ["備考", "前半の文後半の文"] },
      { line: 3, page: 2, cells: ["次", "別の行"] },
      // Only a page's first line goes on with the previous page.
      { line: 4, page: 2, cells: ["", "補足"] },
    ]);
  });
});

describe("rules from the drawing", () => {
  const OPS: OperatorCodes = {
    save: 10, restore: 11, transform: 12, constructPath: 91,
    fill: 22, eoFill: 23, fillStroke: 24, eoFillStroke: 25, closeFillStroke: 26, closeEOFillStroke: 27,
    stroke: 20, closeStroke: 21,
  };
  const MOVE_TO = 0, LINE_TO = 1, CLOSE = 4;
  const path = (paint: number, data: number[]) => ({ fn: OPS.constructPath, args: [paint, [data]] });
  const list = (...ops: { fn: number; args: unknown }[]) => ({ fnArray: ops.map((o) => o.fn), argsArray: ops.map((o) => o.args) });
  const rectangle = (x: number, y: number, w: number, h: number) =>
    [MOVE_TO, x, y, LINE_TO, x + w, y, LINE_TO, x + w, y + h, LINE_TO, x, y + h, CLOSE];

  it("composes transforms, the later one applied first", () => {
    const scale: [number, number, number, number, number, number] = [2, 0, 0, 2, 0, 0];
    expect(apply(multiply(scale, [1, 0, 0, 1, 5, 5]), 1, 1)).toEqual([12, 12]);
    expect(apply(IDENTITY, 3, 4)).toEqual([3, 4]);
  });

  it("turns stroked straight segments into horizontal and vertical rules, in the current transform", () => {
    const rules = rulesFromOperators(list(
      path(OPS.stroke, [MOVE_TO, 550, 700, LINE_TO, 50, 700]),
      { fn: OPS.save, args: [] },
      { fn: OPS.transform, args: [1, 0, 0, 1, 10, 20] },
      path(OPS.stroke, [MOVE_TO, 100, 50, LINE_TO, 100, 0]),
      { fn: OPS.restore, args: [] },
      path(OPS.stroke, [MOVE_TO, 0, 0, LINE_TO, 30, 30]),
    ), OPS);
    expect(rules).toEqual({ h: [{ y: 700, x1: 50, x2: 550 }], v: [{ x: 110, y1: 20, y2: 70 }], boxes: [] });
  });

  it("takes a thin filled rectangle for a rule along its middle", () => {
    const { v } = rulesFromOperators(list(path(OPS.fill, rectangle(100, 600, 1, 100))), OPS);
    expect(v[0]).toEqual({ x: 100.5, y1: 600, y2: 700 });
  });

  it("takes a small square for a check box, filled ■ or empty □, and not for rules", () => {
    const rules = rulesFromOperators(list(path(OPS.fill, rectangle(100, 600, 10, 10)), path(OPS.stroke, rectangle(200, 600, 10, 10))), OPS);
    expect(rules).toEqual({
      h: [], v: [],
      boxes: [{ text: "■", x: 100, y: 601, width: 10, size: 10 }, { text: "□", x: 200, y: 601, width: 10, size: 10 }],
    });
  });

  it("takes no rules from a filled area: shading's outline is no cell's border", () => {
    // A spreadsheet fills a section label and the item labels beside it as one area.
    const area = [MOVE_TO, 50, 600, LINE_TO, 200, 600, LINE_TO, 200, 700, LINE_TO, 100, 700, LINE_TO, 100, 720, LINE_TO, 50, 720, CLOSE];
    expect(rulesFromOperators(list(path(OPS.fill, area), path(OPS.eoFill, rectangle(50, 500, 300, 50))), OPS)).toEqual({ h: [], v: [], boxes: [] });
    // Stroked, the same outline is ruling.
    expect(rulesFromOperators(list(path(OPS.stroke, rectangle(50, 500, 300, 50))), OPS).h).toHaveLength(2);
  });

  describe("text drawn outside its clip", () => {
    const T: TextOperatorCodes = {
      save: 10, restore: 11, transform: 12, constructPath: 91, clip: 29, eoClip: 30, beginText: 31, setTextMatrix: 42,
      moveText: 40, setLeadingMoveText: 41, nextLine: 43, setLeading: 36, setFont: 37, setCharSpacing: 33,
      setWordSpacing: 34, setHScale: 35, setTextRise: 39, showText: 44,
    };
    const ENDPATH = 28;
    const glyphs = (text: string) => [[...text].map((unicode) => ({ unicode, width: 1000, isSpace: unicode === " " }))];
    const op = (fn: number, args: unknown = null) => ({ fn, args });
    const text = (x: number, y: number, s: string) => [op(T.beginText), op(T.moveText, [x, y]), op(T.setFont, ["f", 9]), op(T.showText, glyphs(s))];

    it("finds the runs a cell's clip hides: a merged label printed again beyond the page's table edge", () => {
      const ops = list(
        op(T.save), op(T.eoClip), path(ENDPATH, rectangle(42, 450, 57, 350)),
        ...text(44, 846.8, "情報の入手・"), ...text(44, 700, "使用"),
        op(T.restore),
        ...text(44, 846.8, "見出し"), // no clip in force: seen
      );
      expect(hiddenTextStarts(ops, T)).toEqual([[44, 846.8]]);
      const pieces = [piece("情報の入手・", 44, 846.8), piece("使用", 44, 700)];
      expect(visiblePieces(pieces, [[44, 846.8]])).toEqual([pieces[1]]);
    });

    it("follows the text position along a line: a run after another starts at its advance", () => {
      const ops = list(
        op(T.save), op(T.clip), path(ENDPATH, rectangle(0, 0, 100, 800)),
        op(T.beginText), op(T.setTextMatrix, [[1, 0, 0, 1, 80, 700]]), op(T.setFont, ["f", 10]),
        op(T.showText, [[...glyphs("AB")[0]!, -1000]]), op(T.showText, glyphs("C")),
        op(T.restore),
      );
      // 80 + 2 glyphs of 10 = 100 (the clip's edge, seen); then 10 more for the -1000 spacing: hidden.
      expect(hiddenTextStarts(ops, T)).toEqual([[110, 700]]);
    });
  });

  it("ignores a path that is not painted", () => {
    expect(rulesFromOperators(list(path(99, [MOVE_TO, 50, 700, LINE_TO, 550, 700])), OPS)).toEqual({ h: [], v: [], boxes: [] });
  });
});
