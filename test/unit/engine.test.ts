import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { extractBytes } from "../../src/engine.js";
import { loadBytes } from "../../src/loaders/index.js";
import { segment } from "../../src/segment/segment.js";

const ROOT = join(import.meta.dirname, "..", "..");
const seed = (name: string) => readFileSync(join(ROOT, "fixtures", "seeds", name), "utf8");
const MACHIDA = seed("003_8b54a26bb57bd2b2.txt");
const KUMAGAYA = seed("001_2bd5f50bba1c40a6.txt");

const extractText = (text: string) => extractBytes("filing.txt", Buffer.from(text, "utf8"));

describe("each stage alone", () => {
  it("segments a filing into the form's parts, sections and blocks", () => {
    const tree = segment(loadBytes("filing.txt", Buffer.from(KUMAGAYA, "utf8")));
    expect(tree.parts.map((p) => p.kind)).toEqual([
      "cover", "basic", "fileOverview", "fileOverview", "fileOverview", "annex1", "risks", "disclosure", "procedure",
    ]);
    const systems = tree.parts[1]!.sections.find((s) => s.key === "systems")!;
    expect(systems.blocks.filter((b) => !b.placeholder).map((b) => b.no)).toEqual([1, 2, 3]);
    const risks = tree.parts.find((p) => p.kind === "risks")!;
    expect(risks.sections.map((s) => s.no)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const outsourcing = risks.sections.find((s) => s.key === "outsourcing")!;
    expect(outsourcing.headingRest).toBe("[○] 委託しない");
  });
});

describe("a filing with parts missing", () => {
  it("infers the organization from the body when the cover is missing, and says so", () => {
    const lines = MACHIDA.split("\n");
    const body = lines.slice(lines.findIndex((l) => l.startsWith("# I 基本情報"))).join("\n");
    const record = extractText(body);
    expect(record.header).toEqual({ assessmentNumber: null, title: null, organization: null, publishedOn: null, declaration: null, specialNotes: null });
    expect(record.organization).toEqual({ name: "町田市", prefecture: "東京都", lgCode: "132098", inferredFrom: "body" });
    expect(record.warnings.map((w) => w.code)).toContain("cover-missing");
    expect(record.basic?.affair.name).toBe("国民年金事務");
  });

  it("gives the record as far as it goes, with a warning for each part not found", () => {
    const lines = KUMAGAYA.split("\n");
    const cut = lines.findIndex((l) => l.startsWith("### Ⅲ リスク対策"));
    const record = extractText(lines.slice(0, cut).join("\n"));
    expect(record.files).toHaveLength(3);
    expect(record.risks?.sections).toEqual([]);
    const missing = record.warnings.filter((w) => w.code === "section-not-found").map((w) => w.path);
    expect(missing).toEqual(expect.arrayContaining(["risks", "disclosure", "procedure"]));
  });
});

describe("determinism", () => {
  it("gives the same record for the same input", () => {
    expect(JSON.stringify(extractText(KUMAGAYA))).toBe(JSON.stringify(extractText(KUMAGAYA)));
  });
});
