import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { extractBytes, extractFile } from "../../src/engine.js";
import { describeQuality, judgeQuality } from "../../src/record/quality.js";

/** quality (RECORD.md schemaVersion 2): how much of its form a record was read from. */

const ROOT = join(import.meta.dirname, "..", "..");
const seed = (name: string) => join(ROOT, "fixtures", "seeds", name);

describe("quality", () => {
  it("is whole for the form fixtures, which have every part and section of their form", async () => {
    for (const form of ["kiso", "zenkomoku"]) {
      expect((await extractFile(join(ROOT, "fixtures", "forms", `${form}.txt`))).quality, form).toEqual({ coverage: 1, missing: [] });
    }
  });

  it("names the sections a seed lacks, as its hand-checked warnings do", async () => {
    const kumagaya = await extractFile(seed("001_2bd5f50bba1c40a6.txt"));
    // The second file of II stops after 5. (the expected record warns of files[1].storage and .notes).
    expect(kumagaya.quality.missing).toEqual(["II 特定個人情報ファイルの概要 (2) > 6. 特定個人情報の保管・消去", "II 特定個人情報ファイルの概要 (2) > 7. 備考"]);
    // Its box groups whose marks the conversion lost (checks-no-mark) are not settled either.
    expect(kumagaya.quality.coverage).toBeGreaterThan(0.9);
    expect(kumagaya.quality.coverage).toBeLessThan(1);
    const machida = await extractFile(seed("003_8b54a26bb57bd2b2.txt"));
    expect(machida.quality.missing).toEqual(["II 特定個人情報ファイルの概要 > 5. 特定個人情報の提供・移転(委託に伴うものを除く。)"]);
  });

  it("falls with what is lost: a filing whose part II is gone", () => {
    const text = readFileSync(seed("003_8b54a26bb57bd2b2.txt"), "utf8");
    // The body's II (the cover's table of contents lists it first), up to the annex after it.
    const start = text.indexOf("\n## II 特定個人情報ファイルの概要");
    const end = text.indexOf("\n(別添1)", start);
    expect(start).toBeGreaterThan(0);
    expect(end).toBeGreaterThan(start);
    const record = extractBytes("cut.txt", Buffer.from(text.slice(0, start) + text.slice(end)));
    expect(record.quality.missing).toContain("II 特定個人情報ファイルの概要");
    expect(record.quality.coverage).toBeLessThan(0.9);
    // A whole part not found is reported, whatever the coverage.
    expect(judgeQuality(record.quality)).toMatchObject({ level: "low", message: expect.stringMatching(/^read poorly: \d+% of the form's labelled fields found; not found: II 特定個人情報ファイルの概要/) });
  });

  it("is the change table's for a 変更箇所一覧", async () => {
    expect((await extractFile(seed("002_c9b8e852673af4a2.txt"))).quality).toEqual({ coverage: 1, missing: [] });
  });

  it("is judged: refused below --min-quality, reported below 80%, else nothing", () => {
    const quality = (coverage: number, missing: string[] = []) => ({ coverage, missing });
    expect(judgeQuality(quality(0.95), 0.9)).toEqual({ level: "ok" });
    expect(judgeQuality(quality(0.85), 0.9)).toMatchObject({ level: "refused", message: expect.stringContaining("below --min-quality 90%") });
    expect(judgeQuality(quality(0.5))).toMatchObject({ level: "low" });
    expect(judgeQuality(quality(0.95, ["IV 開示請求、問合せ"]))).toMatchObject({ level: "low" });
    expect(judgeQuality(quality(0.95, ["II 特定個人情報ファイルの概要 > 7. 備考"]))).toEqual({ level: "ok" });
    expect(describeQuality(quality(0.5, ["A", "B", "C", "D", "E"]))).toBe("50% of the form's labelled fields found; not found: A; B; C (+2 more)");
  });
});
