import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { isPrivateAddress } from "../src/crawl/addresses.js";
import { retryAfterMs } from "../src/crawl/fetcher.js";
import { linksOf, mightBeFilingOrIndex } from "../src/crawl/links.js";
import { acquireLock, CrawlRunningError } from "../src/crawl/lock.js";
import { RawStore } from "../src/crawl/raw.js";
import { parseRobots } from "../src/crawl/robots.js";
import { FilingServer } from "../scripts/lib/filing-server.js";

const ROOT = join(import.meta.dirname, "..");
const CLI = join(ROOT, "dist", "src", "cli", "main.js");
const SEED = readFileSync(join(ROOT, "fixtures", "seeds", "001_2bd5f50bba1c40a6.txt"));

describe("robots.txt", () => {
  const robots = `
# comments are ignored
User-agent: *
Disallow: /private/
Allow: /private/public-*.pdf$
Disallow: /*.cgi$

User-agent: otherbot
User-agent: PIA
Disallow: /only-for-others/
Crawl-delay: 5
`;
  it("uses the group naming our token, case-insensitively, else *", () => {
    const ours = parseRobots(robots, "pia");
    expect(ours.isAllowed("/private/x.pdf")).toBe(true); // the * group is not ours
    expect(ours.isAllowed("/only-for-others/x.pdf")).toBe(false);
    expect(ours.crawlDelay).toBe(5);
    const anyone = parseRobots(robots, "somebot");
    expect(anyone.isAllowed("/private/x.pdf")).toBe(false);
    expect(anyone.crawlDelay).toBeNull();
  });
  it("lets the longest match win, Allow on a tie, with * and $", () => {
    const rules = parseRobots(robots, "somebot");
    expect(rules.isAllowed("/private/public-1.pdf")).toBe(true);
    expect(rules.isAllowed("/private/public-1.pdf?x=1")).toBe(false); // $ anchors the end
    expect(rules.isAllowed("/search.cgi")).toBe(false);
    expect(rules.isAllowed("/search.cgi?q=1")).toBe(true);
    expect(rules.isAllowed("/robots.txt")).toBe(true);
    expect(parseRobots("User-agent: *\nDisallow: /a\nAllow: /a\n", "pia").isAllowed("/a/b")).toBe(true);
  });
  it("allows everything with an empty Disallow or no group at all, and compares percent-encodings", () => {
    expect(parseRobots("User-agent: *\nDisallow:\n", "pia").isAllowed("/x")).toBe(true);
    expect(parseRobots("", "pia").isAllowed("/x")).toBe(true);
    expect(parseRobots("\uFEFFUser-agent: *\r\nDisallow: /x\r\n", "pia").isAllowed("/x")).toBe(false); // a BOM, CRLF
    expect(parseRobots("User-agent: *\nDisallow: /評価書/\n", "pia").isAllowed("/%E8%A9%95%E4%BE%A1%E6%9B%B8/a.pdf")).toBe(false);
  });
});

describe("Retry-After", () => {
  it("reads seconds and HTTP dates, and nothing else", () => {
    expect(retryAfterMs("120")).toBe(120_000);
    expect(retryAfterMs("Wed, 21 Oct 2026 07:28:10 GMT", Date.parse("Wed, 21 Oct 2026 07:28:00 GMT"))).toBe(10_000);
    expect(retryAfterMs("Wed, 21 Oct 2026 07:28:00 GMT", Date.parse("Wed, 21 Oct 2026 08:00:00 GMT"))).toBe(0);
    expect(retryAfterMs("soon")).toBeNull();
    expect(retryAfterMs(undefined)).toBeNull();
  });
});

describe("addresses", () => {
  it("tells private, loopback and link-local addresses from public ones", () => {
    for (const a of ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "fd00::1", "fe80::1", "::ffff:127.0.0.1",
      "64:ff9b::a9fe:a9fe", "64:ff9b::10.0.0.1", "2002:7f00:1::1", "64:ff9b:1::8.8.8.8", "2001:0:4136:e378::1"]) {
      expect(isPrivateAddress(a), a).toBe(true);
    }
    for (const a of ["8.8.8.8", "203.104.0.1", "2001:4860:4860::8888", "172.32.0.1", "64:ff9b::8.8.8.8", "2002:0808:0808::1"]) expect(isPrivateAddress(a), a).toBe(false);
  });
});

describe("links", () => {
  it("resolves links against the page (and its <base>), once each, without fragments, http(s) only", () => {
    const html = `<html><head><base href="/base/"></head><body>
      <a href="a.pdf#p2">A</a><a href="a.pdf">A again</a><area href="/map.html"><iframe src="frame.html"></iframe>
      <a href="mailto:x@example.jp">mail</a><a href="javascript:void(0)">js</a><a href="https://other.example/b.txt">B</a><a>none</a></body></html>`;
    expect(linksOf(html, "http://city.example/kojinjoho/index.html")).toEqual([
      "http://city.example/base/a.pdf", "http://city.example/map.html", "http://city.example/base/frame.html", "https://other.example/b.txt",
    ]);
  });
  it("does not ask for images, office files or archives", () => {
    expect(["/a.pdf", "/a.txt", "/page.html", "/list/", "/page.php?id=3"].every((p) => mightBeFilingOrIndex(`http://x${p}`))).toBe(true);
    expect(["/logo.PNG", "/a.xlsx", "/a.docx", "/a.zip", "/style.css"].some((p) => mightBeFilingOrIndex(`http://x${p}`))).toBe(false);
  });
});

describe("raw store", () => {
  it("names files by sha256, writes each once, and never overwrites", () => {
    const store = new RawStore(mkdtempSync(join(tmpdir(), "pia-raw-")));
    const first = store.put(Buffer.from("評価書"));
    expect(first.sha256).toBe(createHash("sha256").update("評価書").digest("hex"));
    expect(readFileSync(first.path, "utf8")).toBe("評価書");
    const mtime = statSync(first.path).mtimeMs;
    expect(store.put(Buffer.from("評価書")).path).toBe(first.path);
    expect(statSync(first.path).mtimeMs).toBe(mtime);
    expect(readdirSync(store.dir)).toEqual([first.sha256]); // no temporary file left
    expect(() => store.pathOf("../etc/passwd")).toThrow(/not a sha256/);
  });
});

describe("lock", () => {
  it("stops a second holder, takes over a dead one's lock, and is gone once released", () => {
    const path = join(mkdtempSync(join(tmpdir(), "pia-lock-")), "crawl.lock");
    const release = acquireLock(path);
    expect(() => acquireLock(path)).toThrow(CrawlRunningError);
    expect(() => acquireLock(path)).toThrow(new RegExp(`a crawl is already running \\(pid ${process.pid} on `));
    release();
    expect(existsSync(path)).toBe(false);
    const takesOver = (content: string) => {
      writeFileSync(path, content);
      const again = acquireLock(path);
      expect(JSON.parse(readFileSync(path, "utf8")).pid).toBe(process.pid);
      again();
    };
    const recently = new Date().toISOString();
    // A process that no longer exists; one from before this boot; another process given the same pid.
    takesOver(JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), startedAt: recently, processStart: null }));
    takesOver(JSON.stringify({ pid: process.pid, host: hostname(), startedAt: "2000-01-01T00:00:00Z", processStart: null }));
    takesOver(JSON.stringify({ pid: process.pid, host: hostname(), startedAt: recently, processStart: "1" }));
    // An empty lock (its writer died mid-write) is held for a while, then taken over.
    writeFileSync(path, "");
    expect(() => acquireLock(path)).toThrow(/a process that has not written its pid yet/);
    utimesSync(path, new Date(Date.now() - 3600_000), new Date(Date.now() - 3600_000));
    const afterEmpty = acquireLock(path);
    afterEmpty();
    // A live process on another host: we cannot tell, so it is held.
    writeFileSync(path, JSON.stringify({ pid: 1, host: "elsewhere", startedAt: recently, processStart: null }));
    expect(() => acquireLock(path)).toThrow(/pid 1 on elsewhere/);
  });
});

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
