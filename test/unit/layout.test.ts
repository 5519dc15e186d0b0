import { describe, expect, it } from "vitest";
import { extractBytes } from "../../src/engine.js";
import { loadBytes } from "../../src/loaders/index.js";
import { centredSplit, centreLabels, type GridLine } from "../../src/loaders/layout-centred.js";
import { isLayoutText, layoutCells, layoutLines } from "../../src/loaders/layout.js";
import { textToLines } from "../../src/loaders/text.js";

/** `pdftotext -layout` text on hand-made lines: the grid told, its lines split into cells with their columns. */

const text = (lines: string[]) => [...lines, ""].join("\n");
const numbered = (lines: string[]) => lines.map((t, index) => ({ index, page: 1, text: t }));
const cellsOf = (lines: { cells: string[] }[]) => lines.map((l) => l.cells);

/** A top-aligned form (labels on their rows' first lines), as pdftotext -layout prints it. */
const TOP_ALIGNED = [
  "I 基本情報",
  "1. 特定個人情報ファイルを取り扱う事務",
  "①事務の名称           国民年金事務",
  "②事務の内容           町田市は国民年金法の規定に従い、国民年金に関する事務において特定個人",
  "                 情報ファイルを取り扱う。",
  "③対象人数            [ 10万人以上30万人未満 ]         <選択肢>",
];

describe("telling -layout text", () => {
  it("tells a grid: gaps between a line's pieces and lines indented under a column", () => {
    expect(isLayoutText(text(TOP_ALIGNED))).toBe(true);
  });

  it("does not take pdftotext's default or -raw text (one space between pieces, no indent) for one", () => {
    const plain = ["I 基本情報", "1. 特定個人情報ファイルを取り扱う事務", "①事務の名称", "②事務の内容", "国民年金事務", "町田市は国民年金法の規定に従い、", "特定個人情報ファイルを取り扱う。"];
    expect(isLayoutText(text(plain))).toBe(false);
    expect(loadBytes("f.txt", Buffer.from(text(plain))).lines.every((l) => l.lefts === undefined)).toBe(true);
  });

  it("does not take tab-separated text for one, though its cells hold runs of spaces", () => {
    const seed = ["①事務の名称\t国民年金事務", "②事務の内容\t町田市は  国民年金法の", "    規定に従い", "③対象人数\t[ 10万人以上30万人未満 ]"];
    expect(isLayoutText(text(seed))).toBe(false);
    expect(textToLines(text(seed))[0]).toEqual({ line: 1, page: null, cells: ["①事務の名称", "国民年金事務"] });
  });
});

describe("a line's cells", () => {
  it("splits at runs of two spaces or more; each cell's left is its offset in characters", () => {
    expect(layoutCells("①事務の名称           国民年金事務")).toEqual({ cells: ["①事務の名称", "国民年金事務"], lefts: [0, 17] });
    expect(layoutCells("平成29年2月28日       I 基本情報 4             番号法別 事後")).toEqual({
      cells: ["平成29年2月28日", "I 基本情報 4", "番号法別 事後"],
      lefts: [0, 17, 38],
    });
  });

  it("keeps a selection whole though its brackets hold runs of spaces", () => {
    expect(layoutCells("リスクへの対策は十分か      [    十分である   ]   <選択肢> 1) 特に力を入れている").cells).toEqual([
      "リスクへの対策は十分か",
      "[    十分である   ]",
      "<選択肢> 1) 特に力を入れている",
    ]);
  });

  it("parts a label the tables know from its selection one space after it", () => {
    const [line] = layoutLines(numbered([" ①事故発生時手順の策定・周知 [ 十分に行っている ]     <選択肢> 1) 特に力を入れて行っている"]));
    expect(line).toMatchObject({ cells: ["①事故発生時手順の策定・周知", "[ 十分に行っている ]", "<選択肢> 1) 特に力を入れて行っている"], lefts: [1, 16, 33] });
    // Words that are no label keep their bracket: `[ ] 紙` is a box list's.
    expect(layoutLines(numbered(["                 情報提供 [ ] 紙 [ ] 電子メール"]))[0]!.cells).toEqual(["情報提供 [ ] 紙 [ ] 電子メール"]);
  });

  it("gives an indented line one cell at its column", () => {
    expect(layoutCells("                 情報ファイルを取り扱う。   ")).toEqual({ cells: ["情報ファイルを取り扱う。"], lefts: [17] });
  });
});

describe("a -layout filing read", () => {
  it("loads a label and its value on one line as two cells, a wrapped line under the value's column", () => {
    const document = loadBytes("f.txt", Buffer.from(text(TOP_ALIGNED)));
    expect(document.printed).toBe(true);
    expect(document.lines.slice(2, 5).map(({ cells, lefts }) => ({ cells, lefts }))).toEqual([
      { cells: ["①事務の名称", "国民年金事務"], lefts: [0, 17] },
      { cells: ["②事務の内容", "町田市は国民年金法の規定に従い、国民年金に関する事務において特定個人"], lefts: [0, 17] },
      { cells: ["情報ファイルを取り扱う。"], lefts: [17] },
    ]);
  });

  it("reads the fields: the wrapped value is one text, the selection its option", () => {
    const { basic } = extractBytes("f.txt", Buffer.from(text(TOP_ALIGNED)));
    expect(basic?.affair.name).toBe("国民年金事務");
    expect(basic?.affair.description).toBe("町田市は国民年金法の規定に従い、国民年金に関する事務において特定個人情報ファイルを取り扱う。");
    expect(basic?.affair.targetPopulation).toMatchObject({ value: "10万人以上30万人未満", option: 4 });
  });
});

describe("a section heading in a narrow first column", () => {
  const lines = [
    "        ①事務の名称          国民年金事務",
    "1. 特定個人 ②事務の内容          町田市は国民年金法の規定に従い、",
    "情報ファイル                  特定個人情報ファイルを取り扱う。",
    "を取り扱う事                  1 資格取得の受付",
    "務                       2 年金相談の受付",
  ];

  it("joins its pieces into a line of its own, and leaves the rows their labels and values", () => {
    expect(cellsOf(layoutLines(numbered(lines)))).toEqual([
      ["①事務の名称", "国民年金事務"],
      ["1. 特定個人情報ファイルを取り扱う事務"],
      ["②事務の内容", "町田市は国民年金法の規定に従い、"],
      ["特定個人情報ファイルを取り扱う。"],
      ["1 資格取得の受付"],
      ["2 年金相談の受付"],
    ]);
  });

  it("leaves first-column pieces that make no heading of the forms where they are", () => {
    const other = ["1. 事務の    町田市は国民年金法の規定に従い、", "概要        特定個人情報ファイルを取り扱う。"];
    expect(cellsOf(layoutLines(numbered(other)))).toEqual([
      ["1. 事務の", "町田市は国民年金法の規定に従い、"],
      ["概要", "特定個人情報ファイルを取り扱う。"],
    ]);
  });
});

describe("labels centred beside their values", () => {
  /** A system's rows as a spreadsheet prints them: ② centred on its five lines, ③ on its one. */
  const centredSystem = (n: number) => [
    `        システム${n}`,
    "                        本システムの主な機能は次のとおり。",
    "                        1 照会機能",
    "        ②システムの機能        2 帳票作成機能",
    "                        3 連携機能",
    "                        4 統計機能",
    "        ③他のシステムとの接続      [ ○ ] 宛名システム等",
  ];
  const centred = ["I 基本情報", "2. 特定個人情報ファイルを取り扱う事務において使用するシステム", ...centredSystem(1), ...centredSystem(2), ...centredSystem(3)];

  it("splits the lines between two labels where both rows are balanced", () => {
    // Two lines above ②, its own, two below; none above or below ③.
    expect(centredSplit([2, 2, 0])).toEqual({ above: [2, 0], imbalance: 0 });
    // ① on one line, ② on the middle of its five, ③ with one line above and one below.
    expect(centredSplit([0, 2, 3, 1])?.above).toEqual([0, 2, 1]);
  });

  it("gives no split where two balance as well", () => {
    // ② may have three lines above and two below, or two above and three below.
    expect(centredSplit([0, 3, 3, 1])).toBeNull();
  });

  it("tells a row that cannot be balanced: four of its lines above the label, none below", () => {
    expect(centredSplit([4, 0])).toEqual({ above: [4], imbalance: 3 });
    // At the page's foot the row may go on below on the next page.
    expect(centredSplit([4, 0], false, true)).toEqual({ above: [4], imbalance: 0 });
  });

  it("puts each label on its row's first line", () => {
    const lines = loadBytes("f.txt", Buffer.from(text(centred))).lines;
    expect(cellsOf(lines.slice(2, 9))).toEqual([
      ["システム1"],
      ["②システムの機能", "本システムの主な機能は次のとおり。"],
      ["1 照会機能"],
      ["2 帳票作成機能"],
      ["3 連携機能"],
      ["4 統計機能"],
      ["③他のシステムとの接続", "[ ○ ] 宛名システム等"],
    ]);
    const { basic } = extractBytes("f.txt", Buffer.from(text(centred)));
    expect(basic?.systems.map((s) => s.functions)).toEqual(Array(3).fill("本システムの主な機能は次のとおり。 1 照会機能 2 帳票作成機能 3 連携機能 4 統計機能"));
  });

  it("puts a section heading centred beside its blocks before the first of them", () => {
    // The section's label, merged over システム1 to 3 in a narrow first column, prints beside システム2.
    const beside = ["2. 特定個人", "情報ファイル", "を取り扱う事", "務において使", "用するシステ", "ム"];
    const system2 = centredSystem(2).map((l, i) => (i >= 1 && i - 1 < beside.length ? beside[i - 1]! + l.slice([...beside[i - 1]!].length) : l));
    const lines = ["I 基本情報", ...centredSystem(1), ...system2, ...centredSystem(3)];
    const loaded = cellsOf(loadBytes("f.txt", Buffer.from(text(lines))).lines);
    expect(loaded.slice(0, 3)).toEqual([["I 基本情報"], ["2. 特定個人情報ファイルを取り扱う事務において使用するシステム"], ["システム1"]]);
    expect(loaded.slice(9, 11)).toEqual([["システム2"], ["②システムの機能", "本システムの主な機能は次のとおり。"]]);
    const { basic } = extractBytes("f.txt", Buffer.from(text(lines)));
    expect(basic?.systems.map((s) => s.no)).toEqual([1, 2, 3]);
    expect(new Set(basic?.systems.map((s) => s.functions))).toEqual(new Set(["本システムの主な機能は次のとおり。 1 照会機能 2 帳票作成機能 3 連携機能 4 統計機能"]));
  });

  it("moves nothing in a form whose labels stand at their rows' tops", () => {
    const topSystem = (n: number) => [
      `システム${n}`,
      "②システムの機能         本システムの主な機能は次のとおり。",
      "                 1 照会機能",
      "                 2 帳票作成機能",
      "③他のシステムとの接続      [ ○ ] 宛名システム等",
      "                 [ ] 税務システム",
    ];
    const lines: GridLine[] = [...topSystem(1), ...topSystem(2), ...topSystem(3)].map((t, i) => ({ line: i + 1, page: 1, ...layoutCells(t) }));
    expect(centreLabels(lines)).toEqual(lines);
  });
});
