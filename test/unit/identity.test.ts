import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { PiaRecord } from "../../src/record/schema.js";
import { contentFingerprint, filingIdentity, filledFields, sameAffair, versionKey } from "../../src/store/identity.js";

const ROOT = join(import.meta.dirname, "..", "..");
/** The hand-checked records of the seeds: the identity is computed from what a filing says. */
const expected = (name: string) => JSON.parse(readFileSync(join(ROOT, "fixtures", name), "utf8")) as PiaRecord;
const kumagaya = () => expected("seeds/001_2bd5f50bba1c40a6.expected.json");
const shinjuku = () => expected("seeds/002_c9b8e852673af4a2.expected.json");

describe("a filing's identity", () => {
  it("is the body's code, the form and the 評価書番号", () => {
    expect(filingIdentity(kumagaya())).toEqual({ baseKey: "112020|juten|no:2", orgKey: "112020", form: "juten", number: "2", affairKey: "障害者福祉に関する事務" });
  });

  it("does not depend on how the number or the names are printed", () => {
    const record = kumagaya();
    record.header.assessmentNumber = "０２";
    record.basic!.affair.name = "障害者福祉に関する 事務";
    expect(filingIdentity(record)).toMatchObject({ baseKey: "112020|juten|no:2", affairKey: "障害者福祉に関する事務" });
  });

  it("takes the number's digits when a conversion ran the next cell into it", () => {
    const record = kumagaya();
    record.header.assessmentNumber = "2 障害者福祉に関する事務 基礎項目評価書";
    expect(filingIdentity(record).number).toBe("2");
  });

  it("keeps an office other than the head apart (教育委員会 numbers its own filings)", () => {
    const record = kumagaya();
    record.header.organization = "熊谷市教育委員会";
    expect(filingIdentity(record).baseKey).toBe("112020/教育委員会|juten|no:2");
    record.header.organization = "熊谷市長";
    expect(filingIdentity(record).baseKey).toBe("112020|juten|no:2");
  });

  it("falls back to the normalized name without a code, and to the affair without a number", () => {
    const record = kumagaya();
    record.organization.lgCode = null;
    expect(filingIdentity(record).baseKey).toBe("埼玉県熊谷市|juten|no:2");
    record.header.assessmentNumber = null;
    expect(filingIdentity(record).baseKey).toBe("埼玉県熊谷市|juten|affair:障害者福祉に関する事務");
  });

  it("is the content where nothing names the filing (a 変更箇所一覧 alone)", () => {
    const key = filingIdentity(shinjuku()).baseKey;
    expect(key).toMatch(/^131041\|changes\|content:[0-9a-f]{16}$/);
    const other = shinjuku();
    other.changes[0]!.after = "別の変更";
    expect(filingIdentity(other).baseKey).not.toBe(key);
  });
});

describe("a version", () => {
  it("is its 公表日; without one, its content; a 変更箇所一覧 never shares a full version's key", () => {
    expect(versionKey(kumagaya())).toBe("published:2024-12-25");
    const undated = kumagaya();
    undated.header.publishedOn = null;
    expect(versionKey(undated)).toBe(`content:${contentFingerprint(undated)}`);
    const list = shinjuku();
    list.header.publishedOn = { raw: "令和6年12月25日", iso: "2024-12-25" };
    expect(versionKey(list)).toBe("changes:published:2024-12-25");
  });

  it("reads alike from renderings that differ in white space, box marks and where they came from", () => {
    const a = shinjuku();
    const b = structuredClone(a);
    b.source = { path: "/elsewhere/x.pdf", sha256: "0".repeat(64), format: "pdf", pages: 12 };
    b.warnings = [{ code: "x", path: "changes", message: "m", line: null, page: null }];
    b.changes[0]!.after = `□ ${a.changes[0]!.after!.replace(/ /g, "")} ■`;
    expect(contentFingerprint(b)).toBe(contentFingerprint(a));
    b.changes[0]!.after = `${a.changes[0]!.after}。`;
    expect(contentFingerprint(b)).not.toBe(contentFingerprint(a));
  });

  it("counts the values a rendering holds (the tie-break between renderings)", () => {
    const a = kumagaya();
    const n = filledFields(a);
    a.header.specialNotes = null;
    expect(filledFields(a)).toBe(n - 1);
  });
});

describe("one affair or two under one number", () => {
  it.each([
    ["児童手当の支給に関する事務", "児童手当に関する事務", true],
    ["国民年金事務", "国民年金に関する事務", true],
    ["住民基本台帳に関する事務", "住民基本台帳事務", true],
    ["住民基本台帳に関する事務", "予防接種に関する事務", false],
    ["障害者福祉に関する事務", "地方税の賦課徴収に関する事務", false],
  ])("%s / %s → %s", (a, b, same) => {
    expect(sameAffair(a, b)).toBe(same);
  });
});

describe("a filing nothing names", () => {
  it("has a signature that renderings reading a little differently share far more than other filings do", async () => {
    const { contentSignature, signatureSimilarity } = await import("../../src/store/identity.js");
    const a = shinjuku();
    const b = structuredClone(a);
    // Another reading: a few cells cut differently, a box mark kept, white space moved.
    b.changes[0]!.after = `${b.changes[0]!.after} ■`;
    b.changes[3]!.reason = null;
    b.changes.splice(5, 1);
    const other = kumagaya();
    expect(signatureSimilarity(contentSignature(a), contentSignature(b))).toBeGreaterThanOrEqual(0.75);
    expect(signatureSimilarity(contentSignature(a), contentSignature(other))).toBeLessThan(0.3);
  });
});
