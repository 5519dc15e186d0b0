import { describe, expect, it } from "vitest";
import { extractBytes } from "../../src/engine.js";
import { markdownToLines } from "../../src/loaders/markdown.js";
import { pagedLines } from "../../src/loaders/pages.js";
import { isPositionedHtml, positionedHtmlToLines } from "../../src/loaders/positioned.js";
import { withTextTables } from "../../src/loaders/tables.js";
import { continuesFullLine, continuesWrappedLine } from "../../normalizers/text.js";
import { rebuildPrintedLines, splitRunTogether } from "../../src/segment/rebuild.js";
import { unwrapParagraph } from "../../src/segment/paragraphs.js";
import { classifyTableRows } from "../../src/segment/quoted.js";
import { extractAnnexFiles } from "../../extractors/annex1.js";
import { labelAndValueApart } from "../../extractors/risks.js";
import { bandOf, Extraction, textOf } from "../../extractors/context.js";
import type { Part } from "../../src/model.js";
import type { SourceLine } from "../../src/model.js";

/** The readers of what converters write (issue 11), each on small inputs made for the case. */

const lines = (...texts: string[]): SourceLine[] => texts.map((t, i) => ({ line: i + 1, page: null, cells: [t] }));
const cells = (ls: SourceLine[]) => ls.map((l) => l.cells);

describe("pages of a converter's text", () => {
  it("keeps each line's page and drops page numbers and a running header", () => {
    const page = (n: number, body: string) => `特定個人情報保護評価書\n${body}\n- ${n} -\n`;
    const text = [page(1, "I 基本情報"), page(2, "①事務の名称"), page(3, "国民年金事務")].join("\f");
    expect(pagedLines(text).map((l) => [l.page, l.text])).toEqual([[1, "I 基本情報"], [2, "①事務の名称"], [3, "国民年金事務"]]);
  });
});

describe("a print's wrapped lines", () => {
  it.each([
    ["特定個人情報ファイルの取扱いにあ", "たり、特定個人", true],
    ["…を行う", "。", true],
    ["給付(", "介護保険", true],
    ["…している。", "・次の措置", false],
    ["町田市情報セキュリティポリシー", "1 目的", false],
    ["接続先はVRS", "への接続", false],
    ["①事務の名称", "②事務の内容", false],
    ["…サーバー・", "プラットフォーム", true],
    ["…機能(※", ")により", true],
    ["令和5", "年10月1日", true],
    ["令和5", "10月1日", false],
    ["電話:048-524-111", "1 内線223", true],
    ["対象ファイル数 2", "年金関係情報", false],
    ["手順書3-1", "2) 運用の手順", false],
  ])("%s + %s → %s", (a, b, joins) => {
    expect(continuesWrappedLine(a, b)).toBe(joins);
  });

  it.each([
    ["…クラウド事業者が保有", "・管理する環境に設置し", true],
    ["…番号の利用等に関する法律", "(番号利用法)(平成25年法律第27号)", true],
    ["…主務省令で定める事務及び情報を定める命令第26", "条の3", true],
    ["…認証を受けたISO/IE", "C27018", false],
    ["…以下の措置を講じている。", "・新規採用職員に対する", false],
    ["…次のとおり定める", "(1) 秘密の保持", false],
    ["…次のとおり定める", "1. 秘密の保持", false],
    ["…の改正は令和5", "1. 概要", false],
  ])("a full line %s + %s → %s", (a, b, joins) => {
    expect(continuesFullLine(a, b)).toBe(joins);
  });

  it("completes a label wrapped in the first cell of a row of cells, from the first cells below it", () => {
    const rebuilt = rebuildPrintedLines([
      { line: 1, page: 1, cells: ["4.&nbsp;特定個人情報ファイルの取扱", "[&nbsp;]&nbsp;委託しない"] },
      { line: 2, page: 1, cells: ["いの委託"] },
      { line: 3, page: 1, cells: ["特定個人情報の提供・移転に関", "[ 定めている ]", "&lt;選択肢&gt; 1) 定"] },
      { line: 4, page: 1, cells: ["するルール", "めている"] },
    ]);
    expect(cells(rebuilt)).toEqual([
      ["4. 特定個人情報ファイルの取扱いの委託", "[&nbsp;]&nbsp;委託しない"],
      ["特定個人情報の提供・移転に関するルール", "[ 定めている ]", "&lt;選択肢&gt; 1) 定"],
      ["めている"],
    ]);
  });

  it("completes a wrapped heading and a label whose value and options came between its lines", () => {
    const rebuilt = rebuildPrintedLines(
      lines("4. 特定個人情報ファイルの取扱", "いの委託", "②過去3年以内に、評価実施機 [ 発生なし ]", "<選択肢> 1) 発生あり 2) 発生なし", "関において、個人情報に関する", "重大事故が発生したか", "その内容"),
    );
    expect(cells(rebuilt)).toEqual([
      ["4. 特定個人情報ファイルの取扱いの委託"],
      ["②過去3年以内に、評価実施機関において、個人情報に関する重大事故が発生したか", "[ 発生なし ]"],
      ["<選択肢> 1) 発生あり 2) 発生なし"],
      ["その内容"],
    ]);
  });

  it("takes a paragraph's full lines, joined by the converter with spaces, for one text", () => {
    const full = "町田市は「国民年金法」、「特別障害給付金の支給に関する法律」、「年金生活者支援給付";
    expect(unwrapParagraph(`${full} 金の支給に関する法律」の規定に従い取り扱う。 1 第1号被保険者の受付`)).toBe(`${full}金の支給に関する法律」の規定に従い取り扱う。 1 第1号被保険者の受付`);
    // A short line ended where the document broke it; a row of the form starts afresh.
    expect(unwrapParagraph("町田市情報セキュリティポリシーにより規定 人的安全管理措置として以下の措置を講じている。")).toBe("町田市情報セキュリティポリシーにより規定 人的安全管理措置として以下の措置を講じている。");
    expect(unwrapParagraph(`${full} ユーザ認証の管理`, (rest) => rest.startsWith("ユーザ認証の管理"))).toBe(`${full} ユーザ認証の管理`);
  });

  it("rejoins a label whose wrapped lines a converter joined with spaces, and splits a risk's name from its first label", () => {
    const rebuilt = rebuildPrintedLines(lines("委託契約書中の特定個人情報フ ァイルの取扱いに関する規定 [ 定めている ]", "リスク: 委託先における不正な使用等のリスク リスクに対する措置の内容 ・契約書に定める"), { paragraphs: true });
    expect(cells(rebuilt)).toEqual([
      ["委託契約書中の特定個人情報ファイルの取扱いに関する規定 [ 定めている ]"],
      ["リスク: 委託先における不正な使用等のリスク"],
      ["リスクに対する措置の内容 ・契約書に定める"],
    ]);
  });

  it("makes a block's heading and its title on one line two cells", () => {
    expect(cells(rebuildPrintedLines(lines("委託事項1 国民年金システムの保守業務", "システム2")))).toEqual([["委託事項1", "国民年金システムの保守業務"], ["システム2"]]);
  });

  it("does not take the next label's rest for its own", () => {
    const rebuilt = rebuildPrintedLines(lines("④移転する情報の対象となる本", "⑤移転する情報の対象となる本", "人の範囲", "人の数"));
    expect(cells(rebuilt)[0]).toEqual(["④移転する情報の対象となる本"]);
  });

  it("splits a paragraph that ran several rows of the print together, where they begin", () => {
    expect(splitRunTogether("2. 特定個人情報ファイルを取り扱う事務において使用するシステム システム1 ①システムの名称 国民年金システム")).toEqual([
      "2. 特定個人情報ファイルを取り扱う事務において使用するシステム", "システム1", "①システムの名称 国民年金システム",
    ]);
    // A whole heading and its first row's text; the heading's own box stays with it.
    expect(splitRunTogether("4. 特定個人情報ファイルの取扱いの委託 委託の有無 ※ [ 委託する ]")).toEqual(["4. 特定個人情報ファイルの取扱いの委託", "委託の有無 ※ [ 委託する ]"]);
    expect(splitRunTogether("4. 特定個人情報ファイルの取扱いの委託 [○] 委託しない")).toEqual(["4. 特定個人情報ファイルの取扱いの委託 [○] 委託しない"]);
    // 別添1's notation: a file, its groups with their numbered items.
    expect(splitRunTogether("7. 備考 (別添1) 特定個人情報ファイル記録項目 (1) 資格管理ファイル 【識別情報】 1.個人番号,2.宛名番号 【連絡先情報】 1.氏名")).toEqual([
      "7. 備考", "(別添1) 特定個人情報ファイル記録項目", "(1) 資格管理ファイル", "【識別情報】 1.個人番号,2.宛名番号", "【連絡先情報】 1.氏名",
    ]);
    // A mention is no row: ①… inside text is split only where a label of the form follows.
    expect(splitRunTogether("手順は ①申請 ②審査 による")).toEqual(["手順は ①申請 ②審査 による"]);
  });
});

describe("converters' tables and markup", () => {
  it("reads a grid table's rows, its cells wrapped over lines", () => {
    const text = ["+------+------+", "| ①事務の | 国民年 |", "| 名称 | 金事務 |", "+------+------+", "| ②事務の内容 | 町田市は |", "+------+------+"];
    expect(withTextTables(text.map((t, index) => ({ index, text: t }))).map((l) => l.cells)).toEqual([
      ["①事務の名称", "国民年金事務"],
      ["②事務の内容", "町田市は"],
    ]);
  });

  it("drops pandoc's list markers in a grid cell and starts a paragraph or item afresh", () => {
    const text = ["+------+------------------+", "| ②システムの機能 | 本 |", "| | システムの主な機能は次のとおり。 |", "| | |", "| | 1.  1 照会機能 |", "| | -   ・資格情報の |", "| | 照会 |", "| | - ・納付情報 |", "| | 10. 10. 保証 |", "+------+------------------+"];
    expect(withTextTables(text.map((t, index) => ({ index, text: t }))).map((l) => l.cells)).toEqual([["②システムの機能", "本システムの主な機能は次のとおり。 1 照会機能 ・資格情報の照会 ・納付情報 10. 保証"]]);
  });

  it("keeps a simple table's empty cell in its column, by the rule's columns and the text's display width", () => {
    const rule = "  ---------- -------------- ---------- ---------- --";
    const text = [rule, "  平成29年   I 基本情報 4" + " ".repeat(14) + "番号法別   事後", "  平成30年   I 関連情報 6   黒田 豊    岡林 得生  事後", rule];
    expect(withTextTables(text.map((t, index) => ({ index, text: t }))).map((l) => l.cells)).toEqual([
      ["平成29年", "I 基本情報 4", "", "番号法別", "事後"],
      ["平成30年", "I 関連情報 6", "黒田 豊", "岡林 得生", "事後"],
    ]);
  });

  it("reads a simple table by its runs of spaces", () => {
    const text = ["  ------ ------", "  評価書番号   評価書名", "  8            町田市 国民年金事務", "  ------ ------"];
    expect(withTextTables(text.map((t, index) => ({ index, text: t }))).map((l) => l.cells)).toEqual([["評価書番号", "評価書名"], ["8", "町田市 国民年金事務"]]);
  });

  it("parses Markdown: pipe tables, escapes, raw HTML tables over several lines", () => {
    const md = ["| ①事務の名称 | 国民年金事務 |", "|---|---|", "| 対象人数 | \\[ 10万人以上30万人未満 \\] |", "", "<table>", "<tr><td>システム1</td>", "<td>国民年金システム</td></tr>", "</table>"].join("\n");
    expect(markdownToLines(md).map((l) => l.cells)).toEqual([
      ["①事務の名称", "国民年金事務"],
      ["対象人数", "[ 10万人以上30万人未満 ]"],
      ["システム1", "国民年金システム"],
    ]);
  });

  it("drops positioned HTML's page numbers and running header at the pages' edges", () => {
    const p = (top: number, left: number, text: string) => `<p style="top:${top}pt;left:${left}pt;line-height:9pt">${text}</p>`;
    const page = (n: number, body: string[]) =>
      `<div id="page${n}">${[p(5, 40, "特定個人情報保護評価書"), ...body.map((t, i) => p(30 + i * 12, 40, t)), p(800, 300, `- ${n} -`)].join("")}</div>`;
    const html = [page(1, ["I 基本情報", "①事務の名称", "国民年金事務", "②事務の内容", "町田市は", "年金"]), page(2, ["II 特定個人情報ファイルの概要", "1. 特定個人情報ファイル名", "国民年金ファイル"]), page(3, ["III リスク対策", "リスク1", "措置", "十分である"])].join("");
    const texts = positionedHtmlToLines(html).map((l) => l.cells.join(" | "));
    expect(texts).not.toContain("特定個人情報保護評価書");
    expect(texts.some((t) => /- \d -/.test(t))).toBe(false);
    expect(texts).toContain("国民年金事務");
  });

  it("reads positioned HTML by position: pieces at one height are a row, left to right", () => {
    const p = (top: number, left: number, text: string) => `<p style="top:${top}pt;left:${left}pt;line-height:9pt">${text}</p>`;
    const html = `<div id="page1">${[p(10, 200, "国民年金事務"), p(10, 40, "①事務の名称"), p(30, 40, "②事務の内容"), ...Array.from({ length: 20 }, (_, i) => p(60 + i * 12, 40, `行${i}`))].join("")}</div>`;
    expect(isPositionedHtml(html)).toBe(true);
    expect(positionedHtmlToLines(html).slice(0, 2).map((l) => [l.page, ...l.cells])).toEqual([[1, "①事務の名称", "国民年金事務"], [1, "②事務の内容"]]);
  });
});

describe("a print's cover and labels with their values on the line", () => {
  it("reads the number and title from one line under 評価書番号 評価書名, and a ※ label's value after its mark", () => {
    const record = extractBytes(
      "cover.txt",
      Buffer.from(["評価書番号 評価書名", "8 町田市 国民年金事務 重点項目評価書", "評価実施機関名", "町田市長", "II 特定個人情報ファイルの概要", "2. 基本情報", "①ファイルの種類 ※ [ システム用ファイル ] <選択肢> 1) システム用ファイル 2) その他の電子ファイル(表計算フ", "ァイル等)"].join("\n")),
    );
    expect([record.header.assessmentNumber, record.header.title]).toEqual(["8", "町田市 国民年金事務 重点項目評価書"]);
    expect(record.files[0]?.fileType?.value).toBe("システム用ファイル");
  });
});

describe("values a print moved or lost", () => {
  const filing = (lines: string[]) => extractBytes("print.txt", Buffer.from(["評価書番号", "3", "評価実施機関名", "熊谷市長", ...lines].join("\n")));

  it("gives no text for a field that holds only an option list, and says so", () => {
    const record = filing(["II 特定個人情報ファイルの概要", "3. 特定個人情報の入手・使用", "③使用目的 ※", "<選択肢> 1) 10人未満 2) 10人以上50人未満"]);
    expect(record.files[0]?.use.purpose).toBeNull();
    expect(record.warnings.map((w) => w.code)).toContain("option-list-as-text");
  });

  it("keeps a missed risk section's place: its number and title from the form, no risks", () => {
    const record = filing(["III リスク対策", "3. 特定個人情報の使用", "リスク1: 目的を超えた紐付け、事務に必要な情報との紐付けが行われるリスク", "リスクに対する措置の内容", "・制御している。"]);
    expect(record.risks?.sections.map((s) => [s.no, s.title, s.risks.length])).toEqual([
      [2, "特定個人情報の入手(情報提供ネットワークシステムを通じた入手を除く。)", 0],
      [3, "特定個人情報の使用", 1],
      [4, "特定個人情報ファイルの取扱いの委託", 0],
      [5, "特定個人情報の提供・移転(委託や情報提供ネットワークシステムを通じた提供を除く。)", 0],
      [6, "情報提供ネットワークシステムとの接続", 0],
      [7, "特定個人情報の保管・消去", 0],
    ]);
  });

  it("starts a change row at 皿リスク対策, a misread Ⅲ", () => {
    const record = filing(["III リスク対策", "1. 特定個人情報ファイル名", "国民年金ファイル", "(別添2) 変更箇所", "変更日", "項目", "令和2年9月30日", "皿リスク対策", "事後", "令和4年3月16日", "Ⅲリスク対策 4.", "事前"]);
    expect(record.changes.map((c) => [c.date?.iso, c.submission])).toEqual([["2020-09-30", "事後"], ["2022-03-16", "事前"]]);
  });
});

describe("a filing that does not outsource", () => {
  it("has no outsourced items, whatever stray fragments its empty 委託事項1 rows took", () => {
    const record = extractBytes(
      "print.txt",
      Buffer.from(["評価書番号", "3", "評価実施機関名", "熊谷市長", "II 特定個人情報ファイルの概要", "4. 特定個人情報ファイルの取扱いの委託", "委託の有無 ※", "[ 委託しない ] <選択肢> 1) 委託する 2) 委託しない", "委託事項1", "③委託先名", "の取扱いの委"].join("\n")),
    );
    expect(record.files[0]?.outsourcing.status?.value).toBe("委託しない");
    expect(record.files[0]?.outsourcing.items).toEqual([]);
  });
});

describe("a filing that only provides", () => {
  it("has no transfers from the form's empty 移転先 rows", () => {
    const record = extractBytes(
      "print.txt",
      Buffer.from(["評価書番号", "3", "評価実施機関名", "熊谷市長", "II 特定個人情報ファイルの概要", "5. 特定個人情報の提供・移転(委託に伴うものを除く。)", "提供・移転の有無", "[○] 提供を行っている ( 1 ) 件 [ ] 移転を行っている ( ) 件 [ ] 行っていない", "提供先1", "埼玉県知事", "②提供先における用途", "手帳事務", "移転先1", "⑤移転する情報の対象となる本人の範囲", "[ ] 庁内連携システム"].join("\n")),
    );
    expect(record.files[0]?.sharing.provisions.map((p) => p.name)).toEqual(["埼玉県知事"]);
    expect(record.files[0]?.sharing.transfers).toEqual([]);
  });
});

describe("a change table whose cells a print lost", () => {
  const filing = (annex: string[]) =>
    extractBytes(
      "print.txt",
      Buffer.from(
        ["評価書番号", "3", "評価実施機関名", "熊谷市長", "I 基本情報", "①事務の名称", "国民年金事務", "II 特定個人情報ファイルの概要", "1. 特定個人情報ファイル名", "国民年金ファイル", "(別添2) 変更箇所", ...annex].join("\n"),
      ),
    );

  it("gives each row's date and 提出時期, nothing it cannot tell apart, and says so", () => {
    const record = filing(["変更日", "項目", "令和5年10月1日", "I 基本情報 4", "番号法別 事後", "表第1の", "令和6年4月1日 II 特定個人情報ファイルの概要", "事前"]);
    expect(record.changes.map((c) => [c.date?.iso, c.submission, c.item, c.before, c.after])).toEqual([
      ["2023-10-01", "事後", null, null, null],
      ["2024-04-01", "事前", null, null, null],
    ]);
    expect(record.warnings.map((w) => w.code)).toContain("table-cells-lost");
  });

  it("takes a date inside a cell's text for text, not for a row", () => {
    const record = filing(["令和5年10月1日", "I 基本情報", "令和2年4月1日 から適用", "事後"]);
    expect(record.changes).toHaveLength(1);
    expect(record.changes[0]!.submission).toBe("事後");
  });
});

describe("a change table read from a print's lines", () => {
  const filing = (annex: string[]) =>
    extractBytes(
      "print.txt",
      Buffer.from(["評価書番号", "3", "評価実施機関名", "熊谷市長", "I 基本情報", "①事務の名称", "国民年金事務", "(別添2) 変更箇所", "変更日", "項目", ...annex].join("\n")),
    );

  it("takes a run of dates for rows whose cells come after it, their 提出時期 in order only when there is one each", () => {
    const record = filing(["令和2年9月30日", "令和4年3月16日", "II 特定個人", "情報ファイル", "事後", "事前", "令和5年10月1日", "Ⅲリスク対", "策 4. 特定個", "事後"]);
    expect(record.changes.map((c) => [c.date?.iso, c.submission])).toEqual([
      ["2020-09-30", "事後"],
      ["2022-03-16", "事前"],
      ["2023-10-01", "事後"],
    ]);
    const unsure = filing(["令和2年9月30日", "令和4年3月16日", "II 特定個人", "事後"]);
    expect(unsure.changes.map((c) => [c.date?.iso, c.submission])).toEqual([
      ["2020-09-30", null],
      ["2022-03-16", null],
    ]);
  });
});

describe("a 変更箇所一覧 read from a print's lines", () => {
  const list = (lines: string[]) => extractBytes("list.txt", Buffer.from(["変更箇所一覧", "変更または追記した箇所", "ページ", "事由等", ...lines].join("\n")));

  it("gives a row for a label with its value on the line, a wrapped label, a block heading with text and a whole annex", () => {
    const record = list([
      "I 基本情報",
      "2. 特定個人情報ファイルを取り扱う事務において使用するシステム",
      "システム5",
      "①システムの名称 ワクチン接種記録シス",
      "テム (VRS)",
      "II 特定個人情報ファイルの概要",
      "4. 特定個人情報ファイルの取扱いの委託",
      "委託事項3 新型コロナウイルス感染症対策に係る予防接種事務",
      "①委託内容",
      "予防接種事務の管理等",
      "III 特定個人情報ファイルの取扱いプロセスにおけるリスク対策",
      "2. 特定個人情報の入手(情報提供ネットワークシステムを通じた入手を除く。)",
      "リスク1: 目的外の入手が行われるリスク",
      "対象者以外の情報の入手を防止 <新型インフルエンザ 19",
      "するための措置の内容",
      "(別添2) 特定個人情報ファイル記録項目",
      "●予防接種情報ファイル",
    ]);
    expect(record.changes.map((c) => c.item)).toEqual([
      "I 基本情報 > 2. 特定個人情報ファイルを取り扱う事務において使用するシステム > システム5 > ①システムの名称",
      "II 特定個人情報ファイルの概要 > 4. 特定個人情報ファイルの取扱いの委託 > 委託事項3",
      "II 特定個人情報ファイルの概要 > 4. 特定個人情報ファイルの取扱いの委託 > 委託事項3 > ①委託内容",
      "III 特定個人情報ファイルの取扱いプロセスにおけるリスク対策 > 2. 特定個人情報の入手(情報提供ネットワークシステムを通じた入手を除く。) > リスク1: 目的外の入手が行われるリスク > 対象者以外の情報の入手を防止するための措置の内容",
      "(別添2) 特定個人情報ファイル記録項目",
    ]);
  });
});

describe("a 変更箇所一覧 whose narrow cells a print scrambled", () => {
  const list = (lines: string[]) => extractBytes("list.txt", Buffer.from(["変更箇所一覧", "変更または追記した箇所", "ページ", "事由等", ...lines].join("\n")));

  it("puts a block's rows back in form order, under the section the block stands in, and a label printed again once", () => {
    const record = list(["I 基本情報", "システム5", "ワクチン接種記録システム (VRS", "②システムの機能", "1. 接種記録の管理", "③他のシステムとの接続", "[ ] 庁内連携システム", "①システムの名称", "①システムの名称"]);
    const section = "I 基本情報 > 2. 特定個人情報ファイルを取り扱う事務において使用するシステム > システム5";
    expect(record.changes.map((c) => c.item)).toEqual([`${section} > ①システムの名称`, `${section} > ②システムの機能`, `${section} > ③他のシステムとの接続`]);
  });
});

describe("a 変更箇所一覧's risks in III read from a print's lines", () => {
  const list = (lines: string[]) => extractBytes("list.txt", Buffer.from(["変更箇所一覧", "変更または追記した箇所", "ページ", "事由等", ...lines].join("\n")));
  const III = "III 特定個人情報ファイルの取扱いプロセスにおけるリスク対策";

  it("takes III 4's unnumbered risk names, wrapped over lines, as the heading of the rows under them, and closes a risk at the section's その他のリスク row", () => {
    const record = list([
      III,
      "4. 特定個人情報ファイルの取扱いの委託",
      "委託先による特定個人情報の不正入手・不正な使用に関するリスク 委託先による特定個人情報の不正な提供に関するリスク",
      "委託契約終了後の不正な使用等のリスク 再委託に関するリスク",
      "情報保護管理体制の確認 契約書の個人情報保護",
      "5. 特定個人情報の提供・移転(委託や情報提供ネットワークシステムを通じた提供を除く。)",
      "リスク3: 誤った情報を提供・移転してしまうリスク",
      "リスクに対する措置の内容",
      "<措置>",
      "特定個人情報の提供・移転(委託や情報提供ネットワークシステムを通じた提供を除く。)におけるその他のリスク及びそのリスクに対する措置",
    ]);
    const five = `${III} > 5. 特定個人情報の提供・移転(委託や情報提供ネットワークシステムを通じた提供を除く。)`;
    expect(record.changes.map((c) => c.item)).toEqual([
      `${III} > 4. 特定個人情報ファイルの取扱いの委託 > 委託先による特定個人情報の不正入手・不正な使用に関するリスク 委託先による特定個人情報の不正な提供に関するリスク 委託契約終了後の不正な使用等のリスク 再委託に関するリスク > 情報保護管理体制の確認`,
      `${five} > リスク3: 誤った情報を提供・移転してしまうリスク > リスクに対する措置の内容`,
      `${five} > 特定個人情報の提供・移転(委託や情報提供ネットワークシステムを通じた提供を除く。)におけるその他のリスク及びそのリスクに対する措置`,
    ]);
  });

  it("puts risks read before III's first heading under the first risk section when its heading comes next (centred in its cell), the risk staying open", () => {
    const record = list([
      III,
      "リスク3: 入手した特定個人情報が不正確であるリスク",
      "入手の際の本人確認の措置の内容",
      "2. 特定個人情報の入手(情報提供ネットワークシステムを通じた入手を除く。)",
      "特定個人情報の正確性確保の措置の内容",
    ]);
    const risk = `${III} > 2. 特定個人情報の入手(情報提供ネットワークシステムを通じた入手を除く。) > リスク3: 入手した特定個人情報が不正確であるリスク`;
    expect(record.changes.map((c) => c.item)).toEqual([`${risk} > 入手の際の本人確認の措置の内容`, `${risk} > 特定個人情報の正確性確保の措置の内容`]);
    expect(record.warnings.filter((w) => w.code === "place-unknown")).toEqual([]);
  });

  it("keeps a risk's rows but not their items when the heading that comes is a later section's (the first one's was lost), and a label printed twice there once", () => {
    const record = list([
      III,
      "リスク1: 目的外の入手が行われるリスク",
      "対象者以外の情報の入手を防止するための措置の内容",
      "対象者以外の情報の入手を防止するための措置の内容",
      "4. 特定個人情報ファイルの取扱いの委託",
      "委託先による特定個人情報の不正入手・不正な使用に関するリスク",
      "情報保護管理体制の確認",
    ]);
    expect(record.changes.map((c) => c.item)).toEqual([null, `${III} > 4. 特定個人情報ファイルの取扱いの委託 > 委託先による特定個人情報の不正入手・不正な使用に関するリスク > 情報保護管理体制の確認`]);
    expect(record.warnings.filter((w) => w.code === "place-unknown").map((w) => w.path)).toEqual(["changes", "changes"]);
  });

  it("reads no row's item when a label stands under a heading it cannot (the print scrambled the list)", () => {
    const record = list(["II 特定個人情報ファイルの概要", "3. 特定個人情報の入手・使用", "⑤本人への明示", "I 基本情報", "②入手方法", "①システムの名称"]);
    expect(record.changes.map((c) => c.item)).toEqual([null, null, null]);
    expect(record.warnings.some((w) => w.code === "place-unknown")).toBe(true);
  });
});

describe("別添1 read from a print's lines", () => {
  const part = (texts: string[]): Part[] => {
    const rows = texts.map((t, i) => ({ line: i + 1, page: 1, cells: [t], texts: [t] }));
    const field = { label: "", key: "", group: null, values: [], sectionPath: "", line: 1, page: 1, rows };
    return [{ kind: "annex1", title: "(別添1)", fields: [field], sections: [], table: classifyTableRows(rows, true), line: 1, page: 1 }];
  };

  it("reads a 個人情報ファイル簿's rows from lines: a wrapped group name and item name, and the register's next row ending the last", () => {
    const files = extractAnnexFiles(
      part(["個人情報ファイル簿", "5", "(1) 基本的項目 世帯主", "との続柄", "○", "5", "(3) 社会的地位等に関", "する項目 職業・職歴", "○", "5", "(3) 社会的地位等に関する項目 賞罰", "6", "記録範囲", "国民年金被保険者", "9", "記録情報の経常的提供", "先"]),
      true,
    );
    expect(files.map((f) => f.groups)).toEqual([[{ group: "基本的項目", items: ["世帯主との続柄"] }, { group: "社会的地位等に関する項目", items: ["職業・職歴"] }]]);
  });

  it("takes a list that starts again at 1 for the next group, and a list wrapped inside an item's number for one", () => {
    const files = extractAnnexFiles(part(["(1) 資格管理ファイル", "1.個人番号,2.宛名番号", "1.氏名,2.生年月日,3.性別,1", "0.住所", "1.業務区分,2.申請年月日,17.", "進達番号"]), true);
    expect(files.map((f) => [f.name, f.groups.map((g) => [g.group, g.items])])).toEqual([
      ["資格管理ファイル", [[null, ["個人番号", "宛名番号"]], [null, ["氏名", "生年月日", "性別", "住所"]], [null, ["業務区分", "申請年月日", "進達番号"]]]],
    ]);
  });
});

describe("a risk's rows read from a print's lines", () => {
  const risks = (lines: string[]) =>
    extractBytes("risks.txt", Buffer.from(["III 特定個人情報ファイルの取扱いプロセスにおけるリスク対策", "7. 特定個人情報の保管・消去", "リスク1: 特定個人情報の漏えい・滅失・毀損リスク", ...lines].join("\n"))).risks!.sections.find((s) => s.no === 7)!.risks[0]!;

  it("does not take the risk's rating row printed twice, or a piece of a wrapped option, for items", () => {
    const risk = risks([
      "①事故発生時手順の策定・周知",
      "[ 十分に行っている ] <選択肢> 1) 特に力を入れて行っている 2) 十分に行っている 3) 十分に行っていない",
      "リスクへの対策は十分か",
      "[ 十分である ] <選択肢> 1) 特に力を",
      "入れている",
      "2) 十分である 3) 課題が残されている",
      "リスクへの対策は十分か",
    ]);
    expect(risk.items.map((i) => [i.label, i.choice?.value ?? i.text])).toEqual([["①事故発生時手順の策定・周知", "十分に行っている"]]);
    expect(risk.rating).toEqual({ value: "十分である", option: 2 });
  });

  it("parts a label and the selection a print put on its line (its option list alone after it)", () => {
    const field = { label: "①事故発生時手順の策定・周知 [ 十分に行っている ]", key: "事故発生時手順の策定・周知[十分に行っている]", group: null, values: ["<選択肢> 1) 特に力を入れて行っている"], sectionPath: "", line: 1, page: 1, rows: [] };
    expect(labelAndValueApart(field)).toMatchObject({ label: "①事故発生時手順の策定・周知", key: "事故発生時手順の策定・周知", values: ["[ 十分に行っている ] <選択肢> 1) 特に力を入れて行っている"] });
    // Text after it, or a label the form does not have: left as it is.
    for (const other of [{ ...field, values: ["・手順書を定めている"] }, { ...field, label: "①手順 [ 十分に行っている ]" }]) expect(labelAndValueApart(other)).toBe(other);
  });
});

describe("values a converter printed out of their rows", () => {
  const field = (label: string, value: string) => ({ label, key: label, group: null, values: [value], sectionPath: "", line: 1, page: 1, rows: [] });

  it("a text field that holds a selection or boxes is null, with value-out-of-place", () => {
    for (const value of ["[ 1万人以上10万人未満 ]", "[ ] 情報提供ネットワークシステム [ ] 専用線"]) {
      const ex = new Extraction();
      expect(textOf(field("提供する情報", value), "info", ex)).toBeNull();
      expect(ex.warnings.map((w) => w.code)).toEqual(["value-out-of-place"]);
    }
    expect(textOf(field("提供する情報", "各事業関係情報 [ 参考 ]"), "info", new Extraction())).toBe("各事業関係情報 [ 参考 ]");
  });

  it("a count band whose text has no number is no band; one with a fragment of numbers keeps its text", () => {
    expect(bandOf(field("対象となる本人の数", "情報提供ネットワークシステム"), "subjectCount", "n", new Extraction())).toBeNull();
    expect(bandOf(field("対象となる本人の数", "人以上1,000人未満"), "subjectCount", "n", new Extraction())).toMatchObject({ value: "人以上1,000人未満", option: null });
  });

  it("a 提供先 whose row holds another row's value gives none of its texts", () => {
    const record = extractBytes(
      "shift.txt",
      Buffer.from(
        [
          "評価書番号", "3", "評価実施機関名", "熊谷市長",
          "II 特定個人情報ファイルの概要",
          "5. 特定個人情報の提供・移転(委託に伴うものを除く。)",
          "提供・移転の有無", "[○] 提供を行っている ( 1 ) 件 [ ] 移転を行っている ( ) 件 [ ] 行っていない",
          // Each row shows the next one's value: the name is ①'s, ① is ②'s, ③ holds ④'s selection.
          "提供先1", "1. 番号利用法第19条第8号",
          "①法令上の根拠", "障害者手帳事務",
          "②提供先における用途", "各事業関係情報",
          "③提供する情報", "[ 1万人以上10万人未満 ]",
          "④提供する情報の対象となる本人の数", "[ 1万人以上10万人未満 ] <選択肢> 1) 1万人未満",
        ].join("\n"),
      ),
    );
    const provision = record.files[0]!.sharing.provisions[0]!;
    expect([provision.name, provision.legalBasis, provision.purpose, provision.info]).toEqual([null, null, null, null]);
    expect(provision.subjectCount?.option).toBe(2);
    expect(record.warnings.some((w) => w.code === "value-out-of-place")).toBe(true);
  });
});
