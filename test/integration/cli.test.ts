import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compareRecords } from "../../src/compare.js";
import { RecordSchema } from "../../src/record/schema.js";

/** The built command, run as a user runs it (npm test builds it first). */
const ROOT = join(import.meta.dirname, "..", "..");
const CLI = join(ROOT, "dist", "src", "cli", "main.js");
const SEED = "fixtures/seeds/001_2bd5f50bba1c40a6.txt";

function pia(...args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: "utf8" });
}

describe("pia extract", () => {
  it("prints the record as JSON that validates and equals the expected record", () => {
    const result = pia("extract", SEED, "--json");
    expect(result.status).toBe(0);
    const record = RecordSchema.parse(JSON.parse(result.stdout));
    const expected = JSON.parse(readFileSync(join(ROOT, SEED.replace(".txt", ".expected.json")), "utf8"));
    expect(compareRecords(expected, record, ["warnings"]).differences).toEqual([]);
  });

  it("gives the same bytes every time", () => {
    expect(pia("extract", SEED, "--json").stdout).toBe(pia("extract", SEED, "--json").stdout);
  });

  it("prints a readable summary without --json", () => {
    const result = pia("extract", SEED);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("重点項目評価書 (juten)");
    expect(result.stdout).toContain("熊谷市 (埼玉県, 112020)");
    expect(result.stdout).toContain("checks-no-mark");
  });

  it("reads a folder as one JSON object per line", () => {
    const result = pia("extract", "fixtures/seeds", "--json");
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split("\n");
    expect(lines).toHaveLength(3);
    for (const line of lines) RecordSchema.parse(JSON.parse(line));
  });

  it("names each bad file with its reason on one line, goes on, and exits 1", () => {
    const dir = mkdtempSync(join(tmpdir(), "pia-"));
    writeFileSync(join(dir, "a-empty.txt"), "");
    writeFileSync(join(dir, "b-binary.txt"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]));
    writeFileSync(join(dir, "c-notes.txt"), "会議メモ\n出席者\t5名\n");
    writeFileSync(join(dir, "d-filing.txt"), readFileSync(join(ROOT, SEED)));
    const result = pia("extract", dir, join(dir, "missing.txt"), "--json");
    expect(result.status).toBe(1);
    const errors = result.stderr.trim().split("\n");
    expect(errors).toEqual([
      `${join(dir, "missing.txt")}: no such file or folder`,
      `${join(dir, "a-empty.txt")}: empty file`,
      `${join(dir, "b-binary.txt")}: binary file (NUL bytes), not text`,
      `${join(dir, "c-notes.txt")}: not a 特定個人情報保護評価書: none of the form's headings or cover labels found`,
    ]);
    expect(JSON.parse(result.stdout.trim()).organization.name).toBe("熊谷市");
  });

  it("says so when a folder holds no filings", () => {
    const dir = mkdtempSync(join(tmpdir(), "pia-"));
    const result = pia("extract", dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/no filings found/);
  });

  it("explains itself in --help", () => {
    const help = execFileSync(process.execPath, [CLI, "extract", "--help"], { encoding: "utf8" });
    expect(help).toContain("--json");
    expect(help.replace(/\s+/g, " ")).toContain("one file gives one JSON object, several give one object per line");
    expect(help).toContain("Examples:");
  });
});
