import { describe, expect, it } from "vitest";
import type { Row } from "../../src/model.js";
import { classifyTableRows, quotedSectionHeading } from "../../src/segment/quoted.js";

let line = 0;
const row = (...texts: string[]): Row => ({ line: ++line, page: 1, cells: texts, texts });
const types = (rows: Row[], printed: boolean) => classifyTableRows(rows, printed).map((e) => e.type);

describe("a table part's rows as entries (src/segment/quoted.ts)", () => {
  it("tells a part heading, a section quoted under it, a block and its title, and a row", () => {
    const rows = [
      row("II 特定個人情報ファイルの概要"),
      row("4. 特定個人情報ファイルの取扱いの委託"),
      row("委託事項3", "新型コロナウイルス感染症対策に係る予防接種事務"),
      row("①委託内容", "接種記録の管理", "p.12", "委託先の追加"),
    ];
    const [part, section, block, plain] = classifyTableRows(rows, false);
    expect(part).toEqual({ type: "part", kind: "fileOverview", title: "II 特定個人情報ファイルの概要", cell: 0, row: rows[0] });
    expect(section).toMatchObject({ type: "section", no: 4, key: "outsourcing", title: "特定個人情報ファイルの取扱いの委託", row: rows[1] });
    expect(block).toEqual({ type: "block", kind: "outsourcing", no: 3, title: "委託事項3", rest: "", row: rows[2] });
    expect(plain).toEqual({ type: "row", row: rows[3] });
  });

  it("parses a quoted section heading under the part quoted before it", () => {
    // `1. 特定個人情報ファイル名` is I's fileNames and II's name; with no part quoted yet, II's.
    const heading = "1. 特定個人情報ファイル名";
    expect(quotedSectionHeading(null, heading)?.key).toBe("name");
    expect(quotedSectionHeading("basic", heading)?.key).toBe("fileNames");
    const [, underBasic] = classifyTableRows([row("I 基本情報"), row(heading)], false);
    expect(underBasic).toMatchObject({ type: "section", no: 1, key: "fileNames", title: "特定個人情報ファイル名" });
    // A part heading with other cells in its table row is a quoted row: the part stays unset.
    const [quoted, underNone] = classifyTableRows([row("I 基本情報", "p.1"), row(heading)], false);
    expect(quoted!.type).toBe("row");
    expect(underNone).toMatchObject({ type: "section", key: "name" });
    // On a print's line the first piece heads whatever follows it.
    expect(classifyTableRows([row("I 基本情報", "p.1"), row(heading)], true)[1]).toMatchObject({ key: "fileNames" });
  });

  it("in a table, marks a part heading alone in a later cell, which does not set the part", () => {
    const [part, section] = classifyTableRows([row("", "I 基本情報"), row("1. 特定個人情報ファイル名")], false);
    expect(part).toMatchObject({ type: "part", kind: "basic", cell: 1 });
    expect(section).toMatchObject({ type: "section", key: "name" });
  });

  it("on a print's line, reads the first piece: a heading with text after it, a block word and its new text", () => {
    const [part, block, risk] = classifyTableRows([
      row("I 基本情報", "p.1"),
      row("委託事項3 新型コロナウイルス感染症対策に係る予防接種事務"),
      row("リスク1 目的を超えた紐付け"),
    ], true);
    expect(part).toMatchObject({ type: "part", kind: "basic" });
    expect(block).toMatchObject({ type: "block", kind: "outsourcing", no: 3, title: "委託事項3", rest: "新型コロナウイルス感染症対策に係る予防接種事務" });
    // A risk's name is a heading only as a whole (`リスク1: …`).
    expect(risk).toMatchObject({ type: "row" });
    // A table's first cell is a block only as a whole.
    expect(types([row("委託事項3 新型コロナウイルス感染症対策")], false)).toEqual(["row"]);
  });
});
