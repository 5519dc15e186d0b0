import { describe, expect, it } from "vitest";
import { joinCellLines, readColumns } from "../../extractors/columns.js";
import type { Row } from "../../src/model.js";

/** The column reader (extractors/columns.ts) on pieces placed by hand, as positioned HTML gives them. */

const row = (line: number, ...pieces: [number, string][]): Row => ({
  line,
  page: 1,
  cells: pieces.map(([, t]) => t),
  texts: pieces.map(([, t]) => t.replace(/&#160;/g, "\u00a0").trim()),
  lefts: pieces.map(([l]) => l),
});

const specs = [
  { field: "date" as const, pattern: /^変更日/ },
  { field: "item" as const, pattern: /^項目/ },
  { field: "before" as const, pattern: /^変更前/ },
  { field: "after" as const, pattern: /^変更後/ },
  { field: "submission" as const, pattern: /^提出時期$/ },
];
const isDate = (t: string) => /^(令和|平成)\d+年/.test(t);

describe("a table read by where its pieces stand", () => {
  it("names the columns from a header wrapped over two lines and gives each row its cells' lines", () => {
    const rows = [
      row(1, [66, "変更日"], [265, "項目"], [349, "変更前の"], [420, "変更後の"], [481, "提出時"]),
      row(2, [349, "記載"], [420, "記載"], [481, "期"]),
      row(3, [66, "平成29年2月28日"], [265, "I&#160;基本情報&#160;4&#160;"], [349, "平成27年1"], [420, "番号法別"], [481, "事後"]),
      row(4, [265, "法令上の根"], [349, "0月予定"], [420, "表第1の"]),
      row(5, [265, "拠"], [420, "主務省令"]),
      row(6, [66, "令和2年9月30日"], [265, "I&#160;基本情報&#160;5&#160;"], [349, "実施する&#160;実施しな"], [481, "事前"]),
      row(7, [265, "実施の有無"], [420, "い"]),
    ];
    const table = readColumns(rows, specs, isDate);
    expect(table?.map((r) => r.cells)).toEqual([
      { date: "平成29年2月28日", item: "I 基本情報 4 法令上の根拠", before: "平成27年10月予定", after: "番号法別表第1の主務省令", submission: "事後" },
      // A piece that ran over into the next column is split at its space.
      { date: "令和2年9月30日", item: "I 基本情報 5 実施の有無", before: "実施する", after: "実施しない", submission: "事前" },
    ]);
    expect(table?.map((r) => r.rows.map((x) => x.line))).toEqual([[3, 4, 5], [6, 7]]);
  });

  it("does not read a print whose cells are centred vertically (a row's text above its first cell)", () => {
    const rows = [
      row(1, [66, "変更日"], [265, "項目"], [349, "変更前の記載"], [420, "変更後の記載"], [481, "提出時期"]),
      row(2, [265, "I 基本情報"]),
      row(3, [66, "平成29年2月28日"], [420, "削除"], [481, "事後"]),
    ];
    expect(readColumns(rows, specs, isDate)).toBeNull();
  });

  it("does not read a table one of whose cells begins below its row's first line (a centred cell)", () => {
    const rows = [
      row(1, [66, "変更日"], [265, "項目"], [349, "変更前の記載"], [420, "変更後の記載"], [481, "提出時期"]),
      row(2, [66, "平成29年2月28日"], [265, "I 基本情報 4"], [481, "事後"]),
      row(3, [265, "法令上の根拠"], [420, "削除"]),
    ];
    expect(readColumns(rows, specs, isDate)).toBeNull();
  });

  it("is no table without a header naming its columns, or without positions", () => {
    expect(readColumns([row(1, [66, "平成29年2月28日"], [265, "I 基本情報"])], specs, isDate)).toBeNull();
    expect(readColumns([{ line: 1, page: 1, cells: ["変更日"], texts: ["変更日"] }], specs, isDate)).toBeNull();
  });
});

describe("a cell's printed lines joined", () => {
  it("runs full lines on, keeps a space the converter kept, and a break after a short line", () => {
    const lines = (...ls: [string, boolean][]) => ls.map(([text, spaceAfter]) => ({ text, spaceAfter }));
    expect(joinCellLines(lines(["番号法別", false], ["表第1の", false], ["別表第2(4", false], ["8)条", false]), 4)).toBe("番号法別表第1の別表第2(48)条");
    expect(joinCellLines(lines(["I 基本情報 4", true], ["法令上の根", false], ["拠", false]), 5)).toBe("I 基本情報 4 法令上の根拠");
    expect(joinCellLines(lines(["規定", false], ["・関係者以外立ち入り禁止", false]), 20)).toBe("規定 ・関係者以外立ち入り禁止");
  });
});
