import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isPrivateAddress } from "../../src/crawl/addresses.js";
import { retryAfterMs } from "../../src/crawl/fetcher.js";
import { linksOf, mightBeFilingOrIndex } from "../../src/crawl/links.js";
import { acquireLock, CrawlRunningError } from "../../src/crawl/lock.js";
import { RawStore } from "../../src/crawl/raw.js";
import { parseRobots } from "../../src/crawl/robots.js";


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
