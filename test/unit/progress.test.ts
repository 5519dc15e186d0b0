import { describe, expect, it } from "vitest";
import { Progress } from "../../src/cli/progress.js";

/** A stream that records what is written to it. */
function recorder(isTTY: boolean) {
  const chunks: string[] = [];
  const stream = { isTTY, columns: 80, write: (chunk: string) => chunks.push(chunk) } as unknown as NodeJS.WriteStream;
  return { stream, chunks };
}

describe("import progress", () => {
  it("on a terminal, redraws one line with the count, the rate and the current file", () => {
    const { stream, chunks } = recorder(true);
    const progress = new Progress(2, stream);
    progress.start("a.txt");
    progress.event({ path: "a.txt", outcome: "imported", documentId: 1, done: 1, total: 2 });
    progress.start("b.txt");
    progress.event({ path: "b.txt", outcome: "failed", reason: "empty file", done: 2, total: 2 });
    progress.finish();
    const out = chunks.join("");
    expect(out).toContain("\r\x1b[2K[0/2]");
    expect(out).toMatch(/\[1\/2\] [\d.]+ files\/s {2}b\.txt/);
    expect(out).toContain("b.txt: empty file\n");
    expect(out.endsWith("\r\x1b[2K")).toBe(true);
  });

  it("elsewhere, writes one plain line per file", () => {
    const { stream, chunks } = recorder(false);
    const progress = new Progress(2, stream);
    progress.start("a.txt");
    progress.event({ path: "a.txt", outcome: "new-version", documentId: 3, filingId: 1, done: 1, total: 2 });
    progress.event({ path: "b.txt", outcome: "failed", reason: "binary file", done: 2, total: 2 });
    progress.finish();
    expect(chunks.join("")).toBe("new-version #3 a.txt (filing #1)\nb.txt: binary file\n");
  });
});
