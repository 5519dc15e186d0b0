import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { extractBytes } from "../../src/engine.js";
import { namesInBody } from "../../normalizers/organization.js";
import { parseSectionHeading } from "../../src/segment/headings.js";
import { EMPTY_INPUT, MARKED_INPUT } from "../../data/options.js";

/** Layouts of seed-style text that issue 11 names (the seeds themselves are edited into them). */

const ROOT = join(import.meta.dirname, "..", "..");
const seed = (name: string) => readFileSync(join(ROOT, "fixtures", "seeds", name), "utf8");
const extract = (text: string) => extractBytes("variant.txt", Buffer.from(text));

describe("seed-style text laid out otherwise", () => {
  it("finds the body in an address whose city has 村 inside its name (東村山市)", () => {
    expect(namesInBody(["〒189-8501 東京都東村山市本町1-2-3"])).toEqual(["東京都東村山市"]);
  });

  it("reads a group heading in square brackets with its items on the same line", () => {
    const text = seed("001_2bd5f50bba1c40a6.txt").replace("#### 【識別情報】\n\n1.個人番号,2.宛名番号", "[世帯詳細情報]世帯番号、被災時住所、4情報(氏名、性別)");
    expect(extract(text).files[0]!.recordItems[0]).toEqual({ group: "世帯詳細情報", items: ["世帯番号", "被災時住所", "4情報(氏名、性別)"] });
  });

  it("takes a 委託事項's title on its own row as its title", () => {
    const text = seed("003_8b54a26bb57bd2b2.txt").replace("委託事項1\t国民年金システムの保守業務\t\n", "委託事項1\t\n国民年金システムの保守業務\t\n");
    const item = extract(text).files[0]!.outsourcing.items[0]!;
    expect([item.title, item.contractor]).toEqual(["国民年金システムの保守業務", "株式会社 アイネス"]);
  });

  it("starts a file's record items at a line that is the file's name, without numbering", () => {
    const text = seed("001_2bd5f50bba1c40a6.txt").replace("### (1) 資格管理ファイル", "資格管理ファイル");
    expect(extract(text).files.map((f) => f.recordItems.length)).toEqual([3, 3, 3]);
  });

  it("keeps a heading's box drawn as a form input", () => {
    expect(parseSectionHeading("risks", `4. 特定個人情報ファイルの取扱いの委託 ${MARKED_INPUT} 委託しない`)).toMatchObject({ key: "outsourcing", rest: `${MARKED_INPUT} 委託しない` });
    expect(parseSectionHeading("risks", `6. 情報提供ネットワークシステムとの接続 ${EMPTY_INPUT} 接続しない(入手)`)).toMatchObject({ key: "network" });
  });
});
