import Encoding from "encoding-japanese";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { extractBytes } from "../../src/engine.js";
import { InputError } from "../../src/errors.js";
import { decodeText } from "../../src/loaders/decode.js";
import { loadBytes } from "../../src/loaders/index.js";

const ROOT = join(import.meta.dirname, "..", "..");
const SEED = "fixtures/seeds/003_8b54a26bb57bd2b2.txt";
/**
 * The seed as a municipal Shift_JIS file would hold it: characters JIS X 0208 lacks take their
 * JIS forms (no-break space → space, U+2014 — → U+2015 ―).
 */
const seedText = readFileSync(join(ROOT, SEED), "utf8").replace(/\u00a0/g, " ").replace(/\u2014/g, "\u2015");

function encode(text: string, to: "SJIS" | "EUCJP"): Uint8Array {
  return Uint8Array.from(Encoding.convert(Encoding.stringToCode(text), { to, from: "UNICODE" }));
}

function utf16(text: string, littleEndian: boolean, bom: boolean): Uint8Array {
  const body = Buffer.from(text, "utf16le");
  if (!littleEndian) body.swap16();
  const mark = bom ? (littleEndian ? [0xff, 0xfe] : [0xfe, 0xff]) : [];
  return Uint8Array.from([...mark, ...body]);
}

/** The record without what depends on the bytes rather than the text. */
function content(bytes: Uint8Array) {
  const { source: _source, ...rest } = extractBytes("filing.txt", bytes);
  return rest;
}

describe("encodings", () => {
  const reference = content(Buffer.from(seedText, "utf8"));

  it("reads the reference as a filing", () => {
    expect(reference.organization.name).toBe("町田市");
    expect(reference.files).toHaveLength(1);
  });

  it.each([
    ["UTF-8 with BOM", () => Uint8Array.from([0xef, 0xbb, 0xbf, ...Buffer.from(seedText, "utf8")]), "utf-8"],
    ["UTF-16LE with BOM", () => utf16(seedText, true, true), "utf-16le"],
    ["UTF-16BE with BOM", () => utf16(seedText, false, true), "utf-16be"],
    ["UTF-16LE without BOM", () => utf16(seedText, true, false), "utf-16le"],
    ["Shift_JIS", () => encode(seedText, "SJIS"), "shift_jis"],
    ["EUC-JP", () => encode(seedText, "EUCJP"), "euc-jp"],
  ])("%s gives the same record as UTF-8", (_name, make, encoding) => {
    const bytes = make();
    const decoded = decodeText(bytes);
    expect(decoded).toMatchObject({ ok: true, encoding });
    expect(decoded.ok && decoded.text).toBe(seedText);
    expect(content(bytes)).toEqual(reference);
  });

  it("keeps line numbers in any encoding", () => {
    const lines = loadBytes("f.txt", encode(seedText, "SJIS")).lines;
    expect(lines.find((l) => l.cells[0] === "町田市長")?.line).toBe(22);
  });
});

describe("bad input", () => {
  const reasonFor = (bytes: Uint8Array, path = "bad.txt") => {
    try {
      extractBytes(path, bytes);
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      return (error as InputError).message;
    }
    throw new Error("no error");
  };
  it("names the file and the reason, on one line", () => {
    const cases: [Uint8Array, RegExp][] = [
      [new Uint8Array(), /^bad\.txt: empty file$/],
      [Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 1, 2, 3]), /^bad\.txt: binary file/],
      [Uint8Array.from([0x41, 0xff, 0xfe, 0xfd, 0x80, 0x81, 0x42, 0xc0, 0xc1]), /^bad\.txt: undecodable text/],
      [Buffer.from("買い物リスト\n牛乳\t2本\n卵\t1パック\n", "utf8"), /^bad\.txt: not a 特定個人情報保護評価書/],
    ];
    for (const [bytes, pattern] of cases) {
      const message = reasonFor(bytes);
      expect(message).toMatch(pattern);
      expect(message).not.toContain("\n");
    }
  });
});

describe("HTML filings", () => {
  it("reads table rows as cells and headings as lines, with source line numbers", () => {
    const html = [
      "<!DOCTYPE html><html><head><title>評価書</title></head><body>",
      "<h1>特定個人情報保護評価書(重点項目評価書)</h1>",
      "<h2>評価実施機関名</h2><p>大阪府堺市長</p>",
      "<h2>I 基本情報</h2>",
      "<table>",
      "<tr><td>1. 特定個人情報ファイルを取り扱う事務</td></tr>",
      "<tr><td>①事務の名称</td><td>住民基本台帳に関する事務</td></tr>",
      "<tr><td>③対象人数</td><td>[ 30万人以上 ] <table><tr><td>&lt;選択肢&gt;</td></tr><tr><td>1) 1,000人未満</td></tr></table></td></tr>",
      "</table></body></html>",
    ].join("\n");
    const record = extractBytes("filing.html", Buffer.from(html, "utf8"));
    expect(record.source.format).toBe("html");
    expect(record.organization).toEqual({ name: "堺市", prefecture: "大阪府", lgCode: "271403", inferredFrom: "header" });
    expect(record.basic?.affair.name).toBe("住民基本台帳に関する事務");
    expect(record.basic?.affair.targetPopulation).toEqual({ value: "30万人以上", option: 5, min: 300000, maxExclusive: null });
    const lines = loadBytes("filing.html", Buffer.from(html, "utf8")).lines;
    expect(lines.find((l) => l.cells[0]?.includes("①事務の名称"))?.line).toBe(7);
  });
});
