import { describe, expect, it } from "vitest";
import { parseBand } from "../../normalizers/band.js";
import { resolveChecks } from "../../normalizers/checks.js";
import { resolveChoice, selectedText } from "../../normalizers/choice.js";
import { withoutSpill } from "../../normalizers/spill.js";
import { closeHeadingSpaces } from "../../normalizers/text.js";
import { findPhones, findPostalCodes } from "../../normalizers/contact.js";
import { parseDate, toIsoDate } from "../../normalizers/date.js";
import { resolveOrganization, namesInBody, stripOfficeTitle } from "../../normalizers/organization.js";
import { labelKey, normalizeText } from "../../normalizers/text.js";
import { BOX_GROUPS } from "../../data/options.js";
import { htmlToText } from "../../src/html/toText.js";

describe("Text", () => {
  it("applies NFKC but keeps circled numbers", () => {
    expect(normalizeText("①（フラッシュメモリを除く。）　ＡＢＣ１２")).toBe("①(フラッシュメモリを除く。) ABC12");
    expect(normalizeText("㉑と㊿")).toBe("㉑と㊿");
  });
  it("folds white space and turns empty markers into null", () => {
    expect(normalizeText("  a \n\n b\t c ")).toBe("a b c");
    for (const empty of ["", " ", "-", "—", "－"]) expect(normalizeText(empty)).toBeNull();
  });
  it("drops a converter's markdown list markers, escapes and heading marks but keeps the document's bullets", () => {
    expect(normalizeText("- ・住基情報\n- ・宛名情報")).toBe("・住基情報 ・宛名情報");
    expect(normalizeText("#### <事務室における措置>\n扶養\\_控除")).toBe("<事務室における措置> 扶養_控除");
  });
  it("makes label keys without numbering, ※ notes or spaces", () => {
    expect(labelKey("①入手元 ※")).toBe("入手元");
    expect(labelKey("**6. 評価実施機関における担当部署**")).toBe("評価実施機関における担当部署");
  });
});

describe("HTML cells", () => {
  it("resolves tags and entities and keeps the document's own angle brackets", () => {
    expect(normalizeText(htmlToText("<p>&lt;熊谷市における措置&gt;</p><ul><li>・一</li><li>・二</li></ul>"))).toBe("<熊谷市における措置> ・一 ・二");
    expect(normalizeText(htmlToText("<p><VRSにおける措置></p> <u>下線</u>部"))).toBe("<VRSにおける措置> 下線部");
  });
  it("turns inputs into box marks that Text drops", () => {
    const text = htmlToText('<input checked="" type="checkbox"/> 紙 <input type="checkbox"/> 専用線');
    expect(normalizeText(text)).toBe("紙 専用線");
    expect(resolveChecks(text, BOX_GROUPS.acquisitionMethods).checks.checked).toEqual(["紙"]);
  });
});

describe("era dates", () => {
  it.each([
    ["令和6年12月25日", "2024-12-25"],
    ["平成30年12月", "2018-12"],
    ["令和3年6月以降", "2021-06"],
    ["令和1年", "2019"],
    ["令和元年", "2019"],
    ["令和元年5月1日", "2019-05-01"],
    ["平成元年1月8日", "1989-01-08"],
    ["昭和64年1月7日", "1989-01-07"],
    ["令和 ５ 年 １０ 月 １ 日", "2023-10-01"],
    ["2023年4月1日", "2023-04-01"],
    ["平成27年13月", null],
    ["随時", null],
  ])("%s → %s", (raw, iso) => {
    expect(toIsoDate(raw)).toBe(iso);
  });
  it("keeps the raw text", () => {
    expect(parseDate("<p>平成30年12月1日</p>".replace(/<\/?p>/g, ""))).toEqual({ raw: "平成30年12月1日", iso: "2018-12-01" });
    expect(parseDate("—")).toBeNull();
  });
});

describe("count bands", () => {
  it.each([
    ["1,000人未満", 0, 1000],
    ["1,000人以上1万人未満", 1000, 10000],
    ["10万人以上30万人未満", 100000, 300000],
    ["30万人以上", 300000, null],
    ["100項目以上", 100, null],
    ["1,000万人以上", 10000000, null],
    ["10人以上50人未満", 10, 50],
  ])("%s → %s–%s", (text, min, max) => {
    expect(parseBand(text)).toEqual({ min, maxExclusive: max });
  });
  it("gives null for text without a count", () => {
    expect(parseBand("特定個人情報ファイルの一部")).toBeNull();
  });
});

describe("selections", () => {
  const rating = ["rating"] as const;
  it.each([
    ["[ 十分である ] <選択肢> 1) 特に力を入れている 2) 十分である 3) 課題が残されている"],
    ["[十分である]＜選択肢＞1) 特に力を入れている"],
    ["<選択肢> 1) 特に力を入れている 2) 十分である 3) 課題が残されている [            十分である            ]"],
    [htmlToText('<input type="checkbox"/> 十分である <input type="checkbox"/> &lt;選択肢&gt; 1) 特に力を入れている')],
    ["十分である\n<選択肢>\n1) 特に力を入れている 2) 十分である\n3) 課題が残されている"],
    ["[ 十分である ] <選択肢> 1) 十分に力を入れている 2) 十分に力を入れている 3) 十分に力を入れている"],
  ])("reads %j", (plain) => {
    expect(resolveChoice(plain, rating).choice).toEqual({ value: "十分である", option: 2 });
  });
  it("reads a bracket half drawn as a box", () => {
    const plain = htmlToText('<input type="checkbox"/> 10人以上50人未満 ] <table><tr><td>1) 10人未満</td></tr></table>');
    expect(resolveChoice(plain, ["userCount"]).choice).toEqual({ value: "10人以上50人未満", option: 2 });
  });
  it("gives null for empty brackets", () => {
    expect(selectedText("[ ] <選択肢> 1) 定めている 2) 定めていない")).toBeNull();
    expect(selectedText(htmlToText('<input type="checkbox"/> [ ] <input type="checkbox"/> ]'))).toBeNull();
  });
  it("keeps a value outside the list, with an issue", () => {
    expect(resolveChoice("[ 検討中 ]", rating)).toMatchObject({ choice: { value: "検討中", option: null }, issue: "option-unknown" });
  });
  it("drops the spaces a converter put inside a narrow cell's value when the option it matches has none", () => {
    expect(resolveChoice("<選択肢> [ 1万 人以上 10万 人未満 ] 1) 1,000人未満", ["targetPopulation"]).choice).toEqual({ value: "1万人以上10万人未満", option: 3 });
    // A slip is not an exact match: the text stays as printed.
    expect(resolveChoice("[ 課題が 残されいる ]", rating).choice).toEqual({ value: "課題が 残されいる", option: 3 });
  });
  it("takes the value before an option list a converter printed inside the brackets", () => {
    expect(resolveChoice("[ 十分である <選択肢> 1 2) 十分である ] ) 特に力を入れている", rating).choice).toEqual({ value: "十分である", option: 2 });
  });
  it("tolerates a small slip", () => {
    expect(resolveChoice("[ 課題が残されいる ]", rating)).toMatchObject({ choice: { value: "課題が残されいる", option: 3 }, issue: "option-approximate" });
  });
  it("matches across width and spacing", () => {
    expect(resolveChoice("[ その他の電子ファイル（表計算ファイル等） ]", ["fileType"]).choice?.option).toBe(2);
  });
});

describe("box groups", () => {
  const audit = BOX_GROUPS.audit;
  it.each([
    ["[○] 自己点検 [ ] 内部監査 [ ] 外部監査"],
    ["[ ○ ] 自己点検 [] 内部監査 [    ] 外部監査"],
    ["[O] 自己点検 □ 内部監査 □ 外部監査"],
    ["[〇] 自己点検 [ ] 内部監査 [ ] 外部監査"],
    ["[●] 自己点検 [ ] 内部監査 [ ] 外部監査"],
    ["■ 自己点検 □ 内部監査 □ 外部監査"],
    ["☑ 自己点検 ☐ 内部監査 ☐ 外部監査"],
    [htmlToText('<input checked="" type="checkbox"/> 自己点検 <input type="checkbox"/> 内部監査 <input type="checkbox"/> 外部監査')],
    [htmlToText('<input checked="" type="radio"/> 自己点検 <input type="checkbox"/> 内部監査 <input type="checkbox"/> 外部監査')],
    [htmlToText('[ <input type="radio"/> ] 自己点検 [ ] 内部監査 [ ] 外部監査')],
    [htmlToText('[ <input checked="" type="checkbox"/> ] 自己点検 [ ] 内部監査 [ ] 外部監査')],
  ])("marks only 自己点検 in %j", (plain) => {
    const result = resolveChecks(plain, audit);
    expect(result.checks.checked).toEqual(["自己点検"]);
    expect(result.noMark).toBe(false);
  });
  it("reports a group with no mark", () => {
    expect(resolveChecks("自己点検\n内部監査\n外部監査", audit)).toMatchObject({ checks: { checked: [] }, noMark: true });
  });
  it("finds short labels apart from long ones, in any order", () => {
    const plain = "[ ] 電子記録媒体(フラッシュメモリを除く。) [○] フラッシュメモリ [○] 紙 [ ] その他 ( 中間サーバー )";
    const result = resolveChecks(plain, BOX_GROUPS.acquisitionMethods);
    expect(result.checks).toEqual({ checked: ["紙", "フラッシュメモリ"], details: { "その他": "中間サーバー" } });
  });
  it("keeps details of an unmarked option and reads counts", () => {
    const result = resolveChecks("[○] 提供を行っている ( 3 ) 件 [ ] 移転を行っている ( ) 件 [ ] 行っていない", BOX_GROUPS.sharingStatus);
    expect(result.checks).toEqual({ checked: ["提供を行っている"], details: {} });
    expect(result.found.map((f) => f.count)).toEqual([3, null, null]);
  });
  it("reads a detail whose ) the converter moved to another cell", () => {
    const plain = htmlToText('<input checked="" type="checkbox"/> その他（宛名システム\t<input type="checkbox"/> 税務システム )');
    expect(resolveChecks(plain, BOX_GROUPS.connections).checks).toEqual({ checked: ["その他"], details: { "その他": "宛名システム" } });
  });
});

describe("contacts", () => {
  it("finds postal codes and telephone numbers, not fax numbers", () => {
    const text = "郵便番号194-8520 東京都町田市森野2-2-22 電話:042-724-8407 FAX:050-3085-3142 〒360-8601 TEL 048(524)1111";
    expect(findPostalCodes(text)).toEqual(["194-8520", "360-8601"]);
    expect(findPhones(text)).toEqual(["042-724-8407", "048-524-1111"]);
  });
});

describe("organizations", () => {
  it("strips the office title", () => {
    expect(stripOfficeTitle("熊谷市長")).toBe("熊谷市");
    expect(stripOfficeTitle("埼玉県知事")).toBe("埼玉県");
    expect(stripOfficeTitle("新宿区長")).toBe("新宿区");
    expect(stripOfficeTitle("熊谷市教育委員会")).toBe("熊谷市");
  });
  it.each([
    ["熊谷市長", "熊谷市", "埼玉県", "112020"],
    ["大阪府堺市長", "堺市", "大阪府", "271403"],
    ["埼玉県知事", "埼玉県", "埼玉県", "110001"],
    ["新宿区長", "新宿区", "東京都", "131041"],
    ["町田市長", "町田市", "東京都", "132098"],
  ])("%s → %s (%s, %s)", (text, name, prefecture, lgCode) => {
    expect(resolveOrganization(text).government).toEqual({ name, prefecture, lgCode });
  });
  it("tells namesakes apart by the prefecture the filing names, or says it cannot", () => {
    expect(resolveOrganization("府中市長").issue).toBe("organization-ambiguous");
    expect(resolveOrganization("府中市長", "広島県府中市府川町315").government?.lgCode).toBe("342084");
  });
  it("finds the body's name for itself", () => {
    expect(namesInBody(["<新宿区における措置> ・…", "<中間サーバー・プラットフォームにおける措置>", "〈新宿区における措置〉"])).toEqual(["新宿区"]);
    expect(namesInBody(["郵便番号194-8520 東京都町田市森野2-2-22 担当課:総務部"])).toEqual(["東京都町田市"]);
    expect(resolveOrganization("東京都町田市").government?.lgCode).toBe("132098");
  });
});

describe("box and bracket glyph classes (normalizers/glyphs.ts, from data/options.ts)", () => {
  it("know every box glyph of the tables, and read a selection between any bracket glyph", async () => {
    const { EMPTY_BOX_GLYPHS, MARKED_BOX_GLYPHS, BULLET_MARKS } = await import("../../data/options.js");
    const glyphs = await import("../../normalizers/glyphs.js");
    for (const g of MARKED_BOX_GLYPHS + EMPTY_BOX_GLYPHS) expect(glyphs.BOX_START.test(`${g} 委託しない`), g).toBe(true);
    expect(glyphs.BOX_START.test("委託しない")).toBe(false);
    for (const g of glyphs.BRACKET_GLYPHS) expect([...`${g} 十分である ${g}`.matchAll(new RegExp(glyphs.SELECTION.source, "g"))][0]?.[1]?.trim(), g).toBe("十分である");
    expect("①事務の名称 [ 十分 ]".search(glyphs.VALUE_START)).toBe(6);
    expect(glyphs.BULLETS_BUT_MIDDLE_DOT.length).toBe(BULLET_MARKS.length - 1);
  });
});

describe("a text field's end that a converter took from the next rows", () => {
  it.each([
    ["資格管理ファイル <選択肢>", "資格管理ファイル"],
    ["各事業関係情報であって主務省令で定めるもの ＜選択肢＞ 1) 1万人未満", "各事業関係情報であって主務省令で定めるもの"],
    ["福祉部 障害福祉課 [ ] 本人又は本人の代理人 [ ○ ] 評価実施機関内の他部署 ( )", "福祉部 障害福祉課"],
    ["熊谷市の障害福祉台帳掲載者 [ ] 情報提供ネットワークシステム [ ] 専用線", "熊谷市の障害福祉台帳掲載者"],
  ])("%s → %s", (text, kept) => {
    expect(withoutSpill(text)).toBe(kept);
  });

  it("keeps a text with one box in it, boxes glued to a word, and ■/□ (bullets too)", () => {
    for (const text of ["その他 [ ○ ] を選択した場合", "・[ ]欄[ ]欄", "■ 物理的対策 □ 技術的対策"]) expect(withoutSpill(text)).toBe(text);
  });
});

describe("a print's heading wrapped in its narrow cell", () => {
  it.each([
    ["特定個人 情報の使用", "特定個人情報の使用"],
    ["特定個人 情報の入手( 情報提供ネッ トワークシス テムを通じた 入手を除く。)", "特定個人情報の入手(情報提供ネットワークシステムを通じた入手を除く。)"],
    ["特定個人情報の提供・移転 (委託や情報提供ネットワークシステムを通じた提供を除く。)", "特定個人情報の提供・移転 (委託や情報提供ネットワークシステムを通じた提供を除く。)"],
    ["ISO 27001 の認証", "ISO 27001 の認証"],
  ])("%s → %s", (title, closed) => {
    expect(closeHeadingSpaces(title)).toBe(closed);
  });
});
