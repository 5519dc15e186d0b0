import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");
const CLI = join(ROOT, "dist", "src", "cli", "main.js");
const SEED = join(ROOT, "fixtures", "seeds", "003_8b54a26bb57bd2b2.txt");

describe("pia history and pia diff", () => {
  it("list the versions of a source and name the fields that changed between two", () => {
    const dir = mkdtempSync(join(tmpdir(), "pia-history-"));
    const file = join(dir, "filing.txt");
    const db = join(dir, "pia.sqlite");
    const pia = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args, "--db", db], { encoding: "utf8" });
    copyFileSync(SEED, file);
    expect(pia("import", file).status).toBe(0);
    // Published again: a new 公表日, a new vendor for 委託事項1, and the 使用 risk now rated 課題が残されている.
    const lines = readFileSync(SEED, "utf8").replace("株式会社 アイネス", "株式会社 新ベンダー").replace("\n令和5年10月1日\n", "\n令和6年10月1日\n").split("\n");
    const risk = lines.findIndex((l) => l.startsWith("リスク1： 目的を超えた紐付け"));
    const rating = lines.findIndex((l, i) => i > risk && l.startsWith("リスクへの対策は十分か"));
    lines[rating] = lines[rating]!.replace("十分である", "課題が残されている");
    writeFileSync(file, lines.join("\n"));
    expect(pia("import", file).status).toBe(0);

    const history = JSON.parse(pia("history", file, "--json").stdout);
    expect(history.versions.map((v: { number: number; current: boolean; documentId: number }) => [v.number, v.current, v.documentId])).toEqual([
      [1, false, 1],
      [2, true, 2],
    ]);

    const diff = JSON.parse(pia("diff", "doc:1", "doc:2", "--json").stdout);
    expect(diff.summary.contractors).toEqual({ added: ["株式会社 新ベンダー"], removed: ["株式会社 アイネス"] });
    expect(diff.summary.ratings).toEqual([
      { path: "risks.sections[1].risks[0].rating.value", before: "十分である", after: "課題が残されている" },
    ]);
    expect(diff.changed.map((c: { path: string }) => c.path).sort()).toEqual([
      "files[0].outsourcing.items[0].contractor",
      "header.publishedOn.iso",
      "header.publishedOn.raw",
      "risks.sections[1].risks[0].rating.option",
      "risks.sections[1].risks[0].rating.value",
    ]);
    const readable = pia("diff", "1").stdout; // the filing's previous version → its current one
    expect(readable).toContain("+ contractors: 株式会社 新ベンダー");
    expect(readable).toContain("rating risks.sections[1].risks[0].rating.value: \"十分である\" → \"課題が残されている\"");
    expect(pia("diff", "1", "9").stderr).toBe(`9: no such filing in ${db}\n`);
    expect(pia("diff", "doc:1", "doc:9").stderr).toBe(`doc:9: no such document in ${db}\n`);
    expect(pia("diff", "1@1", "1@7").stderr).toBe(`1@7: filing 1 has 2 versions in ${db}\n`);
  });
});
