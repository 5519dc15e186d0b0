import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { crawl, type CrawlOptions } from "../../src/crawl/crawler.js";
import { openDatabase, type DB } from "../../src/store/db.js";
import { diffRecords, filingHistory } from "../../src/store/history.js";
import type { PiaRecord } from "../../src/record/schema.js";
import { faults, FilingServer } from "../../scripts/lib/filing-server.js";

const ROOT = join(import.meta.dirname, "..", "..");
const SEED = (n: string) => readFileSync(join(ROOT, "fixtures", "seeds", readdirSync(join(ROOT, "fixtures", "seeds")).find((f) => f.startsWith(n) && f.endsWith(".txt"))!));
const PDF = readFileSync(join(ROOT, "fixtures", "pdf", "text-marks", "001_2bd5f50bba1c40a6.pdf"));
const HTML_FILING = readFileSync(join(ROOT, "fixtures", "html", "003_8b54a26bb57bd2b2.html"));

const servers: FilingServer[] = [];
const databases: DB[] = [];
afterEach(async () => {
  for (const db of databases.splice(0)) db.close();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function startServer(host = "127.0.0.1"): Promise<FilingServer> {
  const server = new FilingServer();
  servers.push(server);
  await server.start(host);
  return server;
}

/** A database in a fresh folder, and crawl options fast enough for a test (no delay, short backoff). */
function workspace() {
  const dir = mkdtempSync(join(tmpdir(), "pia-crawl-"));
  const db = openDatabase(join(dir, "pia.sqlite"));
  databases.push(db);
  const options = (startUrls: string[], more: Partial<CrawlOptions> = {}): CrawlOptions => ({
    startUrls, contact: "tests@example.org", allowPrivate: true, delayMs: 0, timeoutMs: 2000,
    retry: { backoffMs: 20 }, rawDir: join(dir, "raw"), lockPath: join(dir, "crawl.lock"), ...more,
  });
  return { dir, db, options, raw: () => readdirSync(join(dir, "raw")).filter((f) => !f.startsWith(".")) };
}

const count = (db: DB, sql: string) => (db.prepare(sql).get() as { n: number }).n;

/** The index page links to three text filings, a PDF, an HTML filing, and things never fetched. */
function publish(server: FilingServer): string[] {
  server.put("/hyoka/001.txt", SEED("001"));
  server.put("/hyoka/002.txt", SEED("002"));
  server.put("/hyoka/003.txt", SEED("003"));
  server.put("/hyoka/001.pdf", PDF);
  server.put("/hyoka/003.html", HTML_FILING);
  const filings = ["/hyoka/001.txt", "/hyoka/002.txt", "/hyoka/003.txt", "/hyoka/001.pdf", "/hyoka/003.html"];
  server.putIndex("/kojinjoho/index.html", [
    ...filings.map((p) => p.replace("/hyoka/", "../hyoka/")), // relative links
    "/images/logo.png", "mailto:kojinjoho@example.lg.jp", "https://elsewhere.example.com/other.pdf", "#top",
  ]);
  return filings;
}

describe("pia crawl: versions over three runs", () => {
  it("imports everything, then costs one 304 a filing, then stores one new version and one withdrawal", async () => {
    const server = await startServer();
    const filings = publish(server);
    const { db, options, raw } = workspace();
    const index = `${server.origin}/kojinjoho/index.html`;

    // 1: everything is new.
    const first = await crawl(db, options([index]));
    expect(first).toMatchObject({ checked: 6, indexPages: 1, new: 5, newVersions: 0, unchanged: 0, withdrawn: 0, failed: 0, skipped: 0 });
    expect(count(db, "SELECT COUNT(*) AS n FROM documents")).toBe(5);
    expect((db.prepare("SELECT source FROM documents ORDER BY source").all() as { source: string }[]).map((r) => r.source)).toEqual(
      filings.map((p) => `${server.origin}${p}`).sort(),
    );
    expect(raw()).toHaveLength(6); // the index page and five filings, by sha256
    expect(server.log.some((r) => /logo|other\.pdf|mailto/.test(r.path))).toBe(false);
    expect(server.log[0]!.path).toBe("/robots.txt");
    expect(server.log.every((r) => /^pia\/\S+ \(.*contact: tests@example\.org\)$/.test(String(r.headers["user-agent"])))).toBe(true);

    // 2: nothing changed: every request is answered 304, nothing is downloaded or written.
    server.log.length = 0;
    const second = await crawl(db, options([index]));
    expect(second).toMatchObject({ checked: 6, indexPages: 1, new: 0, newVersions: 0, unchanged: 5, withdrawn: 0, failed: 0, bytes: 0 });
    expect(server.log.filter((r) => r.path !== "/robots.txt").map((r) => r.status)).toEqual([304, 304, 304, 304, 304, 304]);
    expect(count(db, "SELECT COUNT(*) AS n FROM documents")).toBe(5);
    expect(raw()).toHaveLength(6);

    // 3: one filing is published again (a new 公表日, a new vendor), one disappears.
    server.put("/hyoka/003.txt", SEED("003").toString("utf8").replace("株式会社 アイネス", "株式会社 新ベンダー").replace("\n令和5年10月1日\n", "\n令和6年4月1日\n"));
    server.remove("/hyoka/002.txt", 410);
    const third = await crawl(db, options([index]));
    expect(third).toMatchObject({ checked: 6, new: 0, newVersions: 1, unchanged: 3, withdrawn: 1, failed: 0 });
    expect(count(db, "SELECT COUNT(*) AS n FROM documents")).toBe(6); // nothing deleted
    const withdrawn = db.prepare("SELECT source, withdrawn_at FROM current_filings WHERE withdrawn_at IS NOT NULL").all() as { source: string }[];
    expect(withdrawn.map((r) => r.source)).toEqual([`${server.origin}/hyoka/002.txt`]);
    expect(filingHistory(db, `${server.origin}/hyoka/002.txt`)).toMatchObject({ withdrawnAt: expect.any(String), versions: [{ current: true }] });
    const events = db.prepare("SELECT outcome, url FROM crawl_events WHERE run_id = ? ORDER BY outcome").all(third.runId);
    expect(events).toEqual([
      { outcome: "new-version", url: `${server.origin}/hyoka/003.txt` },
      { outcome: "withdrawn", url: `${server.origin}/hyoka/002.txt` },
    ]);

    // What changed, from the history of that URL.
    const history = filingHistory(db, `${server.origin}/hyoka/003.txt`)!;
    expect(history.versions.map((v) => [v.publishedOn, v.current])).toEqual([["2023-10-01", false], ["2024-04-01", true]]);
    const record = (id: number) => JSON.parse((db.prepare("SELECT record FROM documents WHERE id = ?").get(id) as { record: string }).record) as PiaRecord;
    const diff = diffRecords(record(history.versions[0]!.documentId), record(history.versions[1]!.documentId));
    expect(diff.changed.map((c) => c.path)).toEqual(["header.publishedOn.raw", "header.publishedOn.iso", "files[0].outsourcing.items[0].contractor"]);
    expect(diff.summary.contractors).toEqual({ added: ["株式会社 新ベンダー"], removed: ["株式会社 アイネス"] });

    // 4: the withdrawn filing, no longer linked but known, comes back with the same bytes.
    server.putIndex("/kojinjoho/index.html", filings.filter((p) => p !== "/hyoka/002.txt"));
    server.put("/hyoka/002.txt", SEED("002"));
    const fourth = await crawl(db, options([index]));
    expect(fourth).toMatchObject({ new: 0, newVersions: 0, withdrawn: 0, restored: 1, failed: 0, unchanged: 4 });
    expect(count(db, "SELECT COUNT(*) AS n FROM filings WHERE withdrawn_at IS NOT NULL")).toBe(0);
    expect(db.prepare("SELECT outcome FROM crawl_events WHERE run_id = ?").all(fourth.runId)).toEqual([{ outcome: "restored" }]);
    const runs = db.prepare("SELECT checked, new, new_versions, withdrawn, failed FROM crawl_runs ORDER BY id").all();
    expect(runs).toEqual([
      { checked: 6, new: 5, new_versions: 0, withdrawn: 0, failed: 0 },
      { checked: 6, new: 0, new_versions: 0, withdrawn: 0, failed: 0 },
      { checked: 6, new: 0, new_versions: 1, withdrawn: 1, failed: 0 },
      { checked: 6, new: 0, new_versions: 0, withdrawn: 0, failed: 0 },
    ]);
  });
});

describe("pia crawl: faults end as the rules say, with nothing corrupt stored", () => {
  /** A server with one filing at /f.txt, and a crawl that starts from it directly. */
  async function oneFiling() {
    const server = await startServer();
    server.put("/f.txt", SEED("001"));
    return { server, url: `${server.origin}/f.txt`, ...workspace() };
  }

  it("retries a 500 and stores the answer that follows", async () => {
    const { server, url, db, options } = await oneFiling();
    server.fault("/f.txt", faults.status(500), faults.status(503));
    const summary = await crawl(db, options([url]));
    expect(summary).toMatchObject({ new: 1, failed: 0 });
    expect(server.requestsFor("/f.txt").map((r) => r.status)).toEqual([500, 503, 200]);
  });

  it("fails after three attempts in all, keeping nothing", async () => {
    const { server, url, db, options, raw } = await oneFiling();
    server.fault("/f.txt", faults.status(502), faults.status(502), faults.status(502));
    const summary = await crawl(db, options([url]));
    expect(summary).toMatchObject({ new: 0, failed: 1, failures: [{ url, reason: "HTTP 502 (after 3 attempts)" }] });
    expect(server.requestsFor("/f.txt")).toHaveLength(3);
    expect(count(db, "SELECT COUNT(*) AS n FROM documents")).toBe(0);
    expect(raw()).toEqual([]);
    expect(db.prepare("SELECT source, reason FROM import_errors").all()).toEqual([{ source: url, reason: "HTTP 502 (after 3 attempts)" }]);
  });

  it("waits as long as a 429's Retry-After asks", async () => {
    const { server, url, db, options } = await oneFiling();
    server.fault("/f.txt", faults.status(429, { "retry-after": "1" }));
    const summary = await crawl(db, options([url]));
    expect(summary).toMatchObject({ new: 1, failed: 0 });
    const [refused, served] = server.requestsFor("/f.txt");
    expect([refused!.status, served!.status]).toEqual([429, 200]);
    expect(served!.at - refused!.at).toBeGreaterThanOrEqual(950); // asked for 1 s; the backoff alone is 20 ms
  });

  it("gives up at once on a Retry-After longer than it waits", async () => {
    const { server, url, db, options } = await oneFiling();
    server.fault("/f.txt", faults.status(503, { "retry-after": "3600" }));
    const summary = await crawl(db, options([url], { retry: { backoffMs: 20, maxRetryAfterMs: 60_000 } }));
    expect(summary.failures).toEqual([{ url, reason: "HTTP 503, asked to retry after 3600 s (over the 60 s we wait)" }]);
    expect(server.requestsFor("/f.txt")).toHaveLength(1);
  });

  it("never stores a body shorter than its Content-Length", async () => {
    const { server, url, db, options, raw } = await oneFiling();
    server.fault("/f.txt", faults.truncate(), faults.truncate(), faults.truncate());
    const summary = await crawl(db, options([url]));
    expect(summary.failed).toBe(1);
    expect(summary.failures[0]!.reason).toMatch(/^the body ended early: \d+ bytes of the \d+ announced \(after 3 attempts\)$/);
    expect(count(db, "SELECT COUNT(*) AS n FROM documents")).toBe(0);
    expect(raw()).toEqual([]);
    expect(db.prepare("SELECT sha256, etag, failure IS NOT NULL AS failed FROM crawl_urls WHERE url = ?").get(url)).toEqual({ sha256: null, etag: null, failed: 1 });

    // Once whole, it is stored, and only the whole one.
    server.fault("/f.txt", faults.truncate());
    expect(await crawl(db, options([url]))).toMatchObject({ new: 1, failed: 0 });
    expect(raw()).toHaveLength(1);
    expect(readFileSync(join(options([]).rawDir, raw()[0]!))).toEqual(SEED("001"));
  });

  it("fails a response slower than the time limit", async () => {
    const { server, url, db, options } = await oneFiling();
    server.fault("/f.txt", faults.stall(3000), faults.stall(3000));
    const summary = await crawl(db, options([url], { timeoutMs: 300, retry: { attempts: 2, backoffMs: 20 } }));
    expect(summary.failures).toEqual([{ url, reason: "no complete answer within 0.3 s (after 2 attempts)" }]);
    expect(count(db, "SELECT COUNT(*) AS n FROM documents")).toBe(0);
  });

  it("refuses a response over the size limit", async () => {
    const { url, db, options, raw } = await oneFiling();
    const summary = await crawl(db, options([url], { maxBytes: 1000 }));
    expect(summary.failures[0]!.reason).toMatch(/^the answer is \d+ bytes, over the limit of 1000$/);
    expect(raw()).toEqual([]);
  });

  it("follows a redirect within the origin, and not one to another origin unless allowed", async () => {
    const server = await startServer();
    server.put("/f.txt", SEED("001"));
    const other = `http://localhost:${new URL(server.origin).port}`; // the same server, another origin
    server.fault("/old.txt", faults.redirect("/f.txt", 301));
    server.fault("/moved.txt", faults.redirect(`${other}/f.txt`), faults.redirect(`${other}/f.txt`));
    const { db, options } = workspace();

    const within = await crawl(db, options([`${server.origin}/old.txt`]));
    expect(within).toMatchObject({ new: 1, failed: 0 });
    expect(db.prepare("SELECT source FROM documents").all()).toEqual([{ source: `${server.origin}/old.txt` }]);

    const outside = await crawl(db, options([`${server.origin}/moved.txt`]));
    expect(outside.failures).toEqual([
      { url: `${server.origin}/moved.txt`, reason: `redirected to ${other}/f.txt, outside the allowed origins (add --allow-origin ${other} to follow it)` },
    ]);
    expect(server.log.filter((r) => r.host.startsWith("localhost"))).toEqual([]);

    const allowed = await crawl(db, options([`${server.origin}/moved.txt`], { allowOrigins: [other] }));
    expect(allowed).toMatchObject({ failed: 0, unchanged: 1 }); // the same bytes as /old.txt: stored once
    expect(server.log.filter((r) => r.host.startsWith("localhost")).map((r) => r.path)).toEqual(["/robots.txt", "/f.txt"]);
  });

  it("obeys robots.txt: a forbidden path is never requested", async () => {
    const server = await startServer();
    server.robots = "User-agent: *\nDisallow: /private/\n\nUser-agent: otherbot\nDisallow: /\n";
    server.put("/private/f.txt", SEED("001"));
    server.put("/public/f.txt", SEED("002"));
    server.putIndex("/index.html", ["/private/f.txt", "/public/f.txt"]);
    const { db, options } = workspace();
    const summary = await crawl(db, options([`${server.origin}/index.html`]));
    expect(summary).toMatchObject({ new: 1, skipped: 1, failed: 0 });
    expect(server.requestsFor("/private/f.txt")).toEqual([]);
    expect(db.prepare("SELECT url, reason FROM crawl_events WHERE outcome = 'skipped'").all()).toEqual([
      { url: `${server.origin}/private/f.txt`, reason: "robots.txt forbids it" },
    ]);
  });

  it("stays away from an origin whose robots.txt answers 5xx", async () => {
    const server = await startServer();
    server.put("/f.txt", SEED("001"));
    server.fault("/robots.txt", faults.status(503), faults.status(503), faults.status(503));
    const { db, options } = workspace();
    const summary = await crawl(db, options([`${server.origin}/f.txt`]));
    expect(summary.failed).toBe(1);
    expect(summary.failures[0]!.reason).toMatch(/robots\.txt could not be read \(HTTP 503 \(after 3 attempts\)\): the origin is not crawled$/);
    expect(server.requestsFor("/f.txt")).toEqual([]);
  });

  it("refuses loopback and private addresses unless allowed", async () => {
    const server = await startServer();
    server.put("/f.txt", SEED("001"));
    const { db, options } = workspace();
    const port = new URL(server.origin).port;
    const summary = await crawl(db, options([`${server.origin}/f.txt`, `http://localhost:${port}/f.txt`], { allowPrivate: false }));
    expect(summary.failed).toBe(2);
    expect(summary.failures.map((f) => f.reason)).toEqual([
      "127.0.0.1 is a private or loopback address; pass --allow-private to crawl it",
      expect.stringMatching(/^localhost resolves to a private or loopback address \((127\.0\.0\.1|::1)(, [^)]+)?\); pass --allow-private to crawl it$/),
    ]);
    expect(summary.requests).toBe(0);
    expect(server.log).toEqual([]);
  });

  it("skips a download that is not a filing, and a page of links is not imported", async () => {
    const server = await startServer();
    server.put("/notes.txt", "買い物リスト\n牛乳\n");
    server.putIndex("/index.html", ["/notes.txt"]);
    const { db, options } = workspace();
    const summary = await crawl(db, options([`${server.origin}/index.html`]));
    expect(summary).toMatchObject({ checked: 2, indexPages: 1, skipped: 1, failed: 0, new: 0 });
    expect(count(db, "SELECT COUNT(*) AS n FROM documents")).toBe(0);
  });
});

describe("pia crawl: the HTTP it speaks", () => {
  it("sends one request at a time to an origin, with the delay between them", async () => {
    const server = await startServer();
    publish(server);
    const { db, options } = workspace();
    await crawl(db, options([`${server.origin}/kojinjoho/index.html`], { delayMs: 150 }));
    const log = [...server.log].sort((a, b) => a.at - b.at);
    expect(log).toHaveLength(7); // robots.txt, the index page, five filings
    for (let i = 1; i < log.length; i++) {
      expect(log[i]!.at, `${log[i]!.path} after ${log[i - 1]!.path}`).toBeGreaterThanOrEqual(log[i - 1]!.end + 145);
    }
  });

  it("takes a 304 that announces a length or an encoding, and a gzip body", async () => {
    const server = await startServer();
    server.put("/f.txt", SEED("001"), undefined, true);
    const { db, options } = workspace();
    const url = `${server.origin}/f.txt`;
    expect(await crawl(db, options([url]))).toMatchObject({ new: 1, failed: 0 });
    const record = JSON.parse((db.prepare("SELECT record FROM documents").get() as { record: string }).record) as PiaRecord;
    expect(record.source.sha256).toBe(createHash("sha256").update(SEED("001")).digest("hex")); // stored decompressed
    const file = server.files.get("/f.txt")!;
    server.fault("/f.txt", (_req, res) => void res.writeHead(304, { etag: file.etag!, "content-length": String(file.body.length), "content-encoding": "gzip" }).end());
    expect(await crawl(db, options([url]))).toMatchObject({ unchanged: 1, failed: 0 });
  });

  it("refuses a body that decompresses past the size limit", async () => {
    const server = await startServer();
    server.put("/bomb.txt", Buffer.alloc(5_000_000, 0x20), undefined, true); // 5 MB of spaces, ~5 KB compressed
    const { db, options, raw } = workspace();
    const summary = await crawl(db, options([`${server.origin}/bomb.txt`], { maxBytes: 1_000_000 }));
    expect(summary.failures.map((f) => f.reason)).toEqual(["the body is over the limit of 1000000 bytes once decompressed"]);
    expect(raw()).toEqual([]);
  });

  it("re-asks with If-Modified-Since when the server gives no ETag", async () => {
    const server = await startServer();
    server.etags = false;
    server.put("/f.txt", SEED("001"));
    const { db, options } = workspace();
    const url = `${server.origin}/f.txt`;
    await crawl(db, options([url]));
    const second = await crawl(db, options([url]));
    expect(second).toMatchObject({ unchanged: 1, bytes: 0 });
    const last = server.requestsFor("/f.txt").at(-1)!;
    expect([last.status, last.headers["if-modified-since"], last.headers["if-none-match"]]).toEqual([304, server.files.get("/f.txt")!.lastModified, undefined]);
  });

  it("retries any 5xx that may pass (507), not one that will not (501)", async () => {
    const server = await startServer();
    server.put("/a.txt", SEED("001"));
    server.put("/b.txt", SEED("002"));
    server.fault("/a.txt", faults.status(507));
    server.fault("/b.txt", faults.status(501));
    const { db, options } = workspace();
    const summary = await crawl(db, options([`${server.origin}/a.txt`, `${server.origin}/b.txt`]));
    expect(summary).toMatchObject({ new: 1, failed: 1, failures: [{ url: `${server.origin}/b.txt`, reason: "HTTP 501" }] });
    expect(server.requestsFor("/a.txt").map((r) => r.status)).toEqual([507, 200]);
  });

  it("stays away from an origin whose robots.txt still answers 429, and reads the first 512 KiB of a huge one", async () => {
    const server = await startServer();
    server.put("/f.txt", SEED("001"));
    server.fault("/robots.txt", faults.status(429), faults.status(429), faults.status(429));
    const { db, options } = workspace();
    expect((await crawl(db, options([`${server.origin}/f.txt`]))).failures[0]!.reason).toMatch(/robots\.txt could not be read \(HTTP 429/);
    expect(server.requestsFor("/f.txt")).toEqual([]);

    server.robots = `User-agent: *\nDisallow: /f.txt\n${"# padding\n".repeat(60_000)}`;
    const huge = await crawl(db, options([`${server.origin}/f.txt`]));
    expect(huge).toMatchObject({ skipped: 1, failed: 0 });
    expect(server.requestsFor("/f.txt")).toEqual([]);
  });
});

describe("pia crawl: state across runs", () => {
  it("re-reads a download whose import failed from raw/ on a 304, and does not fetch it again", async () => {
    const server = await startServer();
    server.put("/broken.pdf", readFileSync(join(ROOT, "test", "data", "bad-pdf", "truncated.pdf")));
    const { db, options } = workspace();
    const url = `${server.origin}/broken.pdf`;
    const first = await crawl(db, options([url]));
    expect(first.failed).toBe(1);
    const second = await crawl(db, options([url]));
    expect(second.failures.map((f) => f.reason)).toEqual(first.failures.map((f) => f.reason));
    expect(server.requestsFor("/broken.pdf").map((r) => r.status)).toEqual([200, 304]);
    // Gone before it was ever stored: nothing to withdraw, and not a failure night after night.
    server.remove("/broken.pdf");
    expect(await crawl(db, options([url]))).toMatchObject({ failed: 0, withdrawn: 0, unchanged: 1 });
    expect(await crawl(db, options([url]))).toMatchObject({ failed: 0, withdrawn: 0, unchanged: 1 });
  });

  it("a download that was not a filing and then disappears does not fail every night", async () => {
    const server = await startServer();
    server.put("/notes.txt", "買い物リスト\n牛乳\n");
    server.putIndex("/index.html", ["/notes.txt"]);
    const { db, options } = workspace();
    const index = `${server.origin}/index.html`;
    expect(await crawl(db, options([index]))).toMatchObject({ skipped: 1, failed: 0 });
    server.remove("/notes.txt");
    server.putIndex("/index.html", []);
    expect(await crawl(db, options([index]))).toMatchObject({ failed: 0, unchanged: 1 });
    expect(await crawl(db, options([index]))).toMatchObject({ failed: 0, unchanged: 1 });
  });

  it("a filing that moves to a new address is not withdrawn, and can be looked up at either", async () => {
    const server = await startServer();
    server.put("/2024/f.txt", SEED("001"));
    server.putIndex("/index.html", ["/2024/f.txt"]);
    const { db, options } = workspace();
    const index = `${server.origin}/index.html`;
    await crawl(db, options([index]));
    server.remove("/2024/f.txt");
    server.put("/2025/f.txt", SEED("001"));
    server.putIndex("/index.html", ["/2025/f.txt"]);
    const moved = await crawl(db, options([index]));
    expect(moved).toMatchObject({ new: 0, unchanged: 1, withdrawn: 1, failed: 0 }); // the old URL is gone; the filing is not
    expect(db.prepare("SELECT id, withdrawn_at FROM current_filings").all()).toEqual([{ id: 1, withdrawn_at: null }]);
    const sources = (h: ReturnType<typeof filingHistory>) => h!.versions.map((v) => v.documents.map((d) => [d.id, d.sources.map((s) => [s.source, s.withdrawnAt !== null])]));
    expect(sources(filingHistory(db, `${server.origin}/2025/f.txt`))).toEqual([
      [[1, [[`${server.origin}/2024/f.txt`, true], [`${server.origin}/2025/f.txt`, false]]]],
    ]);
    expect(filingHistory(db, `${server.origin}/2025/f.txt`)!.withdrawnAt).toBeNull(); // history agrees with the view
    // Published again at its new address: a new version of the same filing, not a new filing.
    server.put("/2025/f.txt", SEED("001").toString("utf8").replace("\n令和6年12月25日\n", "\n令和7年3月1日\n"));
    expect(await crawl(db, options([index]))).toMatchObject({ new: 0, newVersions: 1, failed: 0 });
    expect(db.prepare("SELECT id, filing_id, version_count, withdrawn_at FROM current_filings").all()).toEqual([{ id: 2, filing_id: 1, version_count: 2, withdrawn_at: null }]);
    expect(filingHistory(db, `${server.origin}/2025/f.txt`)!.versions.map((v) => [v.documentId, v.publishedOn, v.current])).toEqual([
      [1, "2024-12-25", false],
      [2, "2025-03-01", true],
    ]);
    // Once the new address is gone as well, the filing is withdrawn.
    server.remove("/2025/f.txt");
    await crawl(db, options([index]));
    expect(db.prepare("SELECT id, withdrawn_at IS NOT NULL AS withdrawn FROM current_filings").all()).toEqual([{ id: 2, withdrawn: 1 }]);
  });

  it("a filing whose URL now answers the site's top page is withdrawn, and that page's links are not followed", async () => {
    const server = await startServer();
    server.put("/f.txt", SEED("001"));
    server.putIndex("/index.html", ["/f.txt"]);
    server.putIndex("/top.html", ["/news/1.html", "/news/2.html"]);
    const { db, options } = workspace();
    const index = `${server.origin}/index.html`;
    await crawl(db, options([index], { depth: 3 }));
    server.files.delete("/f.txt");
    server.fault("/f.txt", faults.redirect("/top.html", 301), faults.redirect("/top.html", 301));
    const third = await crawl(db, options([index], { depth: 3 }));
    expect(third).toMatchObject({ withdrawn: 1, failed: 0, indexPages: 1 });
    expect(db.prepare("SELECT reason FROM crawl_events WHERE outcome = 'withdrawn'").all()).toEqual([{ reason: "answers an HTML page, not the filing" }]);
    expect(server.log.some((r) => r.path.startsWith("/news/"))).toBe(false);
    expect(db.prepare("SELECT kind, document_id FROM crawl_urls WHERE url = ?").get(`${server.origin}/f.txt`)).toEqual({ kind: "filing", document_id: 1 });
    // Still so the next night: still withdrawn, nothing new, and the URL still checked.
    expect(await crawl(db, options([index], { depth: 3 }))).toMatchObject({ withdrawn: 0, unchanged: 1, failed: 0 });
    expect(server.requestsFor("/f.txt")).toHaveLength(3);
  });

  it("a broken link fails the night it is found, and is only noted after", async () => {
    const server = await startServer();
    server.putIndex("/index.html", ["/missing.txt"]);
    const { db, options } = workspace();
    const index = `${server.origin}/index.html`;
    expect(await crawl(db, options([index]))).toMatchObject({ failed: 1, failures: [{ url: `${server.origin}/missing.txt`, reason: "HTTP 404" }] });
    expect(await crawl(db, options([index]))).toMatchObject({ failed: 0, skipped: 1 });
  });

  it("pauses downloads while filings wait for the extraction worker", async () => {
    const server = await startServer();
    const paths = Array.from({ length: 12 }, (_, i) => `/hyoka/${i}.txt`);
    paths.forEach((p, i) => server.put(p, `${SEED("001").toString("utf8")}\n写し ${i}\n`));
    server.putIndex("/index.html", paths);
    const { db, options } = workspace();
    let downloadedBeforeFirstStored: number | null = null;
    const summary = await crawl(db, options([`${server.origin}/index.html`], {
      workers: 1,
      onEvent: (event) => {
        if (event.outcome === "new" && downloadedBeforeFirstStored === null) {
          downloadedBeforeFirstStored = server.log.filter((r) => r.path.startsWith("/hyoka/") && r.status === 200).length;
        }
      },
    }));
    expect(summary.new).toBe(12);
    // One being extracted, fewer than four waiting, one download that had passed the check.
    expect(downloadedBeforeFirstStored).toBeLessThanOrEqual(6);
  });

  it("an origin waiting out a Retry-After does not hold up the others", async () => {
    const server = await startServer();
    server.put("/a.txt", SEED("001"));
    server.put("/b.txt", SEED("002"));
    server.fault("/a.txt", faults.status(429, { "retry-after": "1" }));
    const other = `http://localhost:${new URL(server.origin).port}`;
    const { db, options } = workspace();
    const summary = await crawl(db, options([`${server.origin}/a.txt`, `${other}/b.txt`], { parallelOrigins: 1 }));
    expect(summary).toMatchObject({ new: 2, failed: 0 });
    const [refused, served] = server.requestsFor("/a.txt");
    const b = server.requestsFor("/b.txt")[0]!;
    expect(b.at).toBeGreaterThanOrEqual(refused!.end);
    expect(b.end).toBeLessThanOrEqual(served!.at); // b.txt was fetched while a.txt's origin waited
  });
});
