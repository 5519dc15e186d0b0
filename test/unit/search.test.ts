import { describe, expect, it } from "vitest";
import { CHARACTER_VARIANTS, KANA_KANJI_VARIANTS, OKURIGANA_VARIANTS } from "../../data/variants.js";
import { fold, foldedOrNull, foldWithSpans, normalizeForSearch } from "../../src/search/fold.js";
import { parseQuery, positiveTerms, QueryError } from "../../src/search/query.js";
import { sectionMatches } from "../../src/search/section.js";
import { occurrences, printable, snippetOf } from "../../src/search/snippet.js";

const term = (text: string, exact = false) => {
  const parts = parseQuery(text, exact);
  return positiveTerms(parts)[0]!;
};

describe("folding notation variants", () => {
  it("drops a word-final 長音 after katakana, and keeps one inside a word", () => {
    expect(fold("中間サーバー・プラットフォーム")).toBe("中間サーバ・プラットフォーム");
    expect(fold("ユーザーID")).toBe("ユーザID");
    expect(fold("データセンターの")).toBe("データセンタの");
    expect(fold("サーバーラック")).toBe("サーバーラック");
    expect(fold("ー")).toBe("ー"); // not after katakana
  });

  it("folds 送り仮名, kana and kanji, and old character forms to one spelling", () => {
    expect(fold("取り扱い")).toBe(fold("取扱い"));
    expect(fold("取り扱う")).toBe(fold("取扱う"));
    expect(fold("漏洩")).toBe("漏えい");
    expect(fold("毀損")).toBe("き損");
    expect(fold("このほか所管課")).toBe("このほか所管課"); // か is no counter here: 箇所/か所 are not folded
    expect(fold("渡邊")).toBe("渡辺");
  });

  it("is idempotent over every spelling of the table, and leaves the first spelling as it is", () => {
    for (const group of [...OKURIGANA_VARIANTS, ...KANA_KANJI_VARIANTS, ...CHARACTER_VARIANTS]) {
      const first = normalizeForSearch(group[0]!);
      expect(fold(first), group.join("/")).toBe(first);
      for (const spelling of group) {
        const folded = fold(normalizeForSearch(spelling));
        expect(folded, spelling).toBe(first);
        expect(fold(folded)).toBe(folded);
      }
    }
  });

  it("keeps, for each folded character, the span it came from", () => {
    const text = "個人情報の漏洩とサーバー";
    const f = foldWithSpans(text);
    expect(f.text).toBe("個人情報の漏えいとサーバ");
    const at = f.text.indexOf("漏えい");
    expect(text.slice(f.starts[at]!, f.ends[at + 2]!)).toBe("漏洩");
    const server = f.text.indexOf("サーバ");
    expect(text.slice(f.starts[server]!, f.ends[server + 2]!)).toBe("サーバー");
    expect(foldedOrNull("変わらない文")).toBeNull();
  });

  it("normalizes a query as the record does: NFKC, white space folded, circled numbers kept", () => {
    expect(normalizeForSearch(" ＩＤ　と\tパスワード ")).toBe("ID と パスワード");
    expect(normalizeForSearch("①事務")).toBe("①事務");
  });
});

describe("queries", () => {
  it("splits terms, operators and quoted phrases, AND between terms", () => {
    const parts = parseQuery('委託 NOT 再委託 "課題が 残されている" サーバ*');
    expect(parts.map((p) => (p.kind === "term" ? p.term.text : p.operator))).toEqual(["委託", "NOT", "再委託", "AND", "課題が 残されている", "AND", "サーバ"]);
    expect(positiveTerms(parts).map((t) => t.text)).toEqual(["委託", "課題が 残されている", "サーバ"]);
  });

  it("searches a term's folded form too, unless exact", () => {
    expect(term("サーバー").forms).toEqual(["サーバー", "サーバ"]);
    expect(term("サーバー", true).forms).toEqual(["サーバー"]);
    expect(term("委託").forms).toEqual(["委託"]);
  });

  it("refuses what it cannot run, saying why", () => {
    expect(() => parseQuery("NOT 委託")).toThrow(new QueryError('"NOT" needs a word before it'));
    expect(() => parseQuery("   ")).toThrow(QueryError);
    expect(() => parseQuery("あ".repeat(201))).toThrow(/longer than 200/);
    expect(() => parseQuery(Array.from({ length: 40 }, (_, i) => `語${i}`).join(" "))).toThrow(/more than 32 terms/);
  });
});

describe("--section", () => {
  const risk = "III リスク対策 ※(7. ②を除く。) > 4. 特定個人情報ファイルの取扱いの委託 > リスク: 委託先における不正な使用等のリスク";
  const overview = "II 特定個人情報ファイルの概要 > 4. 特定個人情報ファイルの取扱いの委託";
  it("matches a numbered heading by its number only (II is not III)", () => {
    expect(sectionMatches(overview, "II")).toBe(true);
    expect(sectionMatches(risk, "II")).toBe(false);
    expect(sectionMatches(risk, "III")).toBe(true);
    expect(sectionMatches(risk, "Ⅲ")).toBe(true);
  });
  it("matches steps in order, by number, text, or both", () => {
    expect(sectionMatches(risk, "III > 4.")).toBe(true);
    expect(sectionMatches(risk, "II > 4")).toBe(false);
    expect(sectionMatches(risk, "4. 委託")).toBe(true);
    expect(sectionMatches(risk, "5. 委託")).toBe(false);
    expect(sectionMatches(overview, "委託")).toBe(true);
    expect(sectionMatches(null, "III")).toBe(false);
  });
});

describe("occurrences and snippets", () => {
  it("marks a variant with the spelling the filing used, replacing the piece of it that matched as written", () => {
    const found = occurrences("中間サーバーに保存", term("サーバ"), false);
    expect(found).toEqual([{ start: 2, end: 6, variant: "サーバー", whole: true }]);
    expect(occurrences("中間サーバーに保存", term("サーバ", true), true)).toEqual([{ start: 2, end: 5, variant: null, whole: false }]);
    const leak = occurrences("情報漏洩の防止", term("漏えい"), false);
    expect(leak.map((o) => o.variant)).toEqual(["漏洩"]);
  });

  it("does not take a piece of a folded spelling, or a shortened 長音 inside a word, for a variant", () => {
    const text = "個人情報の漏洩を防ぐ。取り扱い手順。";
    expect(occurrences(text, term("えい"), false)).toEqual([]);
    expect(occurrences(text, term("扱"), false)).toEqual([{ start: 13, end: 14, variant: null, whole: true }]);
    expect(term("キー").forms).toEqual(["キー"]); // キ alone would match inside セキュリティ
    expect(occurrences("ユーザビリティとユーザの管理", term("ユーザー"), false).map((o) => o.variant)).toEqual(["ユーザ"]);
  });

  it("counts a whole word above a piece of a longer one", () => {
    const [inWord] = occurrences("カタログ", term("ログ"), false);
    const [whole] = occurrences("操作ログを取得", term("ログ"), false);
    expect(inWord!.whole).toBe(false);
    expect(whole!.whole).toBe(true);
  });

  it("finds the term as written inside a folded word (り扱 in 取り扱い)", () => {
    expect(occurrences("特定個人情報の取り扱い", term("り扱"), false)).toEqual([{ start: 8, end: 10, variant: null, whole: true }]);
  });

  it("cuts a snippet around the first occurrence and shows nothing a terminal would obey", () => {
    const text = `${"前".repeat(100)}委託${"後".repeat(200)}`;
    const snippet = snippetOf(text, occurrences(text, term("委託"), false));
    expect(snippet.startsWith("…")).toBe(true);
    expect(snippet).toContain("【委託】");
    expect(snippet.length).toBeLessThan(140);
    expect(printable("a\u001b[31mb\u202ec")).toBe("a [31mb c");
  });
});
