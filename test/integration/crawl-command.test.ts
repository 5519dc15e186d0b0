import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FilingServer } from "../../scripts/lib/filing-server.js";

const ROOT = join(import.meta.dirname, "..", "..");
const CLI = join(ROOT, "dist", "src", "cli", "main.js");
const SEED = readFileSync(join(ROOT, "fixtures", "seeds", "001_2bd5f50bba1c40a6.txt"));

describe("pia crawl (the command)", () => {
  const servers: FilingServer[] = [];
  afterEach(async () => Promise.all(servers.splice(0).map((s) => s.close())));

  /** Run the CLI without blocking this process, which serves the HTTP. */
  function pia(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string; ms: number }> {
    const started = Date.now();
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, PIA_CONTACT: "" } });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d) => (stdout += d));
      child.stderr.on("data", (d) => (stderr += d));
      child.on("close", (status) => resolve({ status, stdout, stderr, ms: Date.now() - started }));
    });
  }

  async function site() {
    const server = new FilingServer();
    servers.push(server);
    await server.start();
    server.put("/hyoka/001.txt", SEED);
    server.putIndex("/index.html", ["/hyoka/001.txt", "/hyoka/missing.txt"]);
    const dir = mkdtempSync(join(tmpdir(), "pia-crawl-cli-"));
    return { server, db: join(dir, "pia.sqlite"), dir };
  }

  it("prints what changed and a summary, as text or --json, and exits 1 when a URL failed", async () => {
    const { server, db, dir } = await site();
    const args = ["crawl", `${server.origin}/index.html`, "--db", db, "--contact", "tests@example.org", "--allow-private", "--delay", "0"];
    const text = await pia(args);
    expect(text.status).toBe(1); // /hyoka/missing.txt answers 404
    expect(text.stderr).toContain(`new          ${server.origin}/hyoka/001.txt #1`);
    expect(text.stderr).toContain(`failed       ${server.origin}/hyoka/missing.txt: HTTP 404`);
    expect(text.stderr).toMatch(/checked 3 \(1 index pages\), unchanged 0, new 1, new versions 0, withdrawn 0, restored 0, failed 1, skipped 0/);
    expect(readdirSync(join(dir, "raw"))).toHaveLength(2);
    expect(existsSync(`${db}.crawl-lock`)).toBe(false);

    server.putIndex("/index.html", ["/hyoka/001.txt"]);
    const list = join(dir, "sources.txt");
    writeFileSync(list, `# the bodies we follow\n\n${server.origin}/index.html\n`);
    const json = await pia(["crawl", "--from", list, ...args.slice(2), "--json"]);
    expect(json.status).toBe(0);
    expect(json.stdout.trim().split("\n")).toHaveLength(1); // one line a run: appended runs make JSON Lines
    expect(JSON.parse(json.stdout)).toMatchObject({ database: db, checked: 2, indexPages: 1, unchanged: 1, new: 0, failed: 0, failures: [] });

    // A bad line in the list is reported by file and line; the other start URLs are crawled.
    writeFileSync(list, `ftp://example.org/list\n${server.origin}/index.html\nnot a url\n`);
    const mixed = await pia(["crawl", "--from", list, ...args.slice(2), "--json"]);
    expect(mixed.status).toBe(1);
    expect(JSON.parse(mixed.stdout)).toMatchObject({
      checked: 2, unchanged: 1, failed: 2,
      failures: [
        { url: `${list}:1`, reason: "only http and https URLs are crawled: ftp://example.org/list" },
        { url: `${list}:3`, reason: "not a URL: not a url" },
      ],
    });
    expect(mixed.stderr).toContain(`failed       ${list}:3: not a URL: not a url`);
  });

  it("exits at once when another crawl of the same database is running", async () => {
    const { server, db } = await site();
    server.putIndex("/index.html", ["/hyoka/001.txt"]);
    // The index page is held back until the second crawl has ended, so the first is still running.
    let answerIndex!: () => void;
    const secondEnded = new Promise<void>((resolve) => (answerIndex = resolve));
    server.fault("/index.html", (_req, res, file) => void secondEnded.then(() => res.writeHead(200, { "content-type": "text/html" }).end(file!.body)));
    const args = ["crawl", `${server.origin}/index.html`, "--db", db, "--contact", "tests@example.org", "--allow-private", "--delay", "0"];
    const first = pia(args);
    while (!server.requestsFor("/index.html").length) await new Promise((r) => setTimeout(r, 20));
    const second = await pia(args);
    answerIndex();
    expect(second.status).toBe(75);
    expect(second.stderr).toMatch(/^pia crawl: a crawl is already running \(pid \d+ on .+, since .+\); lock file .+pia\.sqlite\.crawl-lock\n$/);
    expect((await first).status).toBe(0);
    expect(existsSync(`${db}.crawl-lock`)).toBe(false);
  });

  it("says what is missing: a URL, a contact", async () => {
    const missingUrl = await pia(["crawl", "--contact", "x@example.org"]);
    expect(missingUrl.status).toBe(2);
    expect(missingUrl.stderr).toBe("pia: no start URL: give one or more, or --from FILE\n");
    const missingContact = await pia(["crawl", "http://example.org/"]);
    expect(missingContact.status).toBe(2);
    expect(missingContact.stderr).toMatch(/^pia: --contact is required/);
    const badUrl = await pia(["crawl", "ftp://example.org/a.pdf", "--contact", "x@example.org", "--db", join(mkdtempSync(join(tmpdir(), "pia-")), "p.sqlite")]);
    expect(badUrl.stderr).toBe("pia: ftp://example.org/a.pdf: only http and https URLs are crawled\n");
  });
});
