import type { Statement } from "better-sqlite3";
import PQueue from "p-queue";
import { isFiling } from "../engine.js";
import { WorkerPool } from "../import/pool.js";
import { decodeText } from "../loaders/decode.js";
import { isPdf, loadBytes } from "../loaders/index.js";
import { CrawlState, type CrawlCounts, type CrawlOutcome, type UrlState } from "../store/crawlState.js";
import type { DB } from "../store/db.js";
import { noteSeen, recordImportError, storePrepared } from "../store/write.js";
import { Fetcher, type Fetched, type FetchOptions, type RetryPolicy } from "./fetcher.js";
import { OriginGate } from "./gate.js";
import { isWebUrl, linksOf, mightBeFilingOrIndex, startUrlProblem } from "./links.js";
import { acquireLock, CrawlRunningError } from "./lock.js";
import { RawStore } from "./raw.js";
import { VERSION } from "../version.js";
import { ALLOW_ALL, DISALLOW_ALL, parseRobots, type RobotsRules } from "./robots.js";

export interface CrawlOptions {
  /** Index pages (or filings) to start from; their origins are the ones crawled. */
  startUrls: string[];
  /** An e-mail address or URL for the User-Agent, so that a site can reach whoever runs the crawl. */
  contact: string;
  /** Links followed from the start pages: 0 fetches only the start URLs, 1 also what they link to. */
  depth?: number;
  /** More origins whose links (and redirects) are followed. */
  allowOrigins?: string[];
  /** Reach private and loopback addresses (a test server, an intranet mirror). */
  allowPrivate?: boolean;
  /** Wait between two requests to one origin (a robots.txt Crawl-delay can make it longer). */
  delayMs?: number;
  /** The whole of one response must arrive within this. */
  timeoutMs?: number;
  /** A larger response is refused. */
  maxBytes?: number;
  retry?: Partial<RetryPolicy>;
  /** Only links whose URL matches are followed (start URLs and known filings always are). */
  follow?: RegExp;
  /** Where downloads are kept by sha256 (data/raw beside the default database). */
  rawDir: string;
  /** The lock file that keeps two crawls of one database apart. */
  lockPath: string;
  /** Origins fetched at the same time (each still one request at a time). */
  parallelOrigins?: number;
  /** Worker threads that extract downloaded filings. */
  workers?: number;
  /** One filing's extraction is given up after this (default: DEFAULT_JOB_TIMEOUT_MS). */
  extractTimeoutMs?: number;
  maxPages?: number;
  onEvent?: (event: CrawlEvent) => void;
}

/** What happened to one URL, for a progress display. */
export interface CrawlEvent {
  url: string;
  outcome: CrawlOutcome | "unchanged" | "index";
  documentId?: number | null;
  reason?: string;
}

export interface CrawlSummary extends CrawlCounts {
  runId: number;
  /** Pages of links read (not filings); counted in `checked`. */
  indexPages: number;
  /** HTTP requests made, robots.txt and retries included. */
  requests: number;
  /** Bytes of bodies received. */
  bytes: number;
  seconds: number;
  failures: { url: string; reason: string }[];
}

export const CRAWL_DEFAULTS = {
  depth: 1,
  delayMs: 1000,
  timeoutMs: 60_000,
  maxBytes: 50 * 1024 * 1024,
  retry: { attempts: 3, backoffMs: 1000, maxRetryAfterMs: 120_000 } satisfies RetryPolicy,
  parallelOrigins: 8,
  workers: 1,
};

/** The product token robots.txt groups are matched against. */
export const ROBOTS_TOKEN = "pia";
const MAX_REDIRECTS = 5;
const ROBOTS_MAX_BYTES = 512 * 1024; // RFC 9309 asks crawlers to read at least 500 KiB
const MAX_CRAWL_DELAY_MS = 120_000;
/** Filings waiting for a worker before downloads pause. */
const EXTRACTION_BACKLOG = 4;

export class CrawlUsageError extends Error {}

function userAgent(contact: string): string {
  return `pia/${VERSION} (crawler of published privacy impact assessments; contact: ${contact})`;
}

/**
 * One crawl: take the lock, check every start URL and what it links to (up to the depth) and
 * every filing found from them before, store new content as new versions, mark withdrawals,
 * and write a summary row. Throws CrawlRunningError when another crawl holds the lock.
 */
export async function crawl(db: DB, options: CrawlOptions): Promise<CrawlSummary> {
  if (options.startUrls.length === 0) throw new CrawlUsageError("no start URL given");
  for (const url of [...options.startUrls, ...(options.allowOrigins ?? [])]) {
    const problem = startUrlProblem(url);
    if (problem === "not a URL") throw new CrawlUsageError(`not a URL: ${url}`);
    if (problem) throw new CrawlUsageError(`${url}: ${problem}`);
  }
  if (!options.contact.trim()) throw new CrawlUsageError("a contact (e-mail or URL) is required: it goes into the User-Agent");
  // A header carries printable ASCII only.
  if (!/^[\x20-\x7e]+$/.test(options.contact)) throw new CrawlUsageError(`the contact must be printable ASCII (an e-mail address or URL): ${options.contact}`);
  let release: () => void;
  try {
    release = acquireLock(options.lockPath, (take) => db.transaction(take).immediate());
  } catch (error) {
    // The database stayed locked by another writer for the whole busy timeout: as good as running.
    if ((error as { code?: string }).code === "SQLITE_BUSY") throw new CrawlRunningError(`the database is busy (another crawl or import is writing it); lock file ${options.lockPath}`);
    throw error;
  }
  try {
    return await new Crawler(db, options).run();
  } finally {
    release();
  }
}

class Crawler {
  private readonly state: CrawlState;
  private readonly raw: RawStore;
  private readonly gate: OriginGate;
  private readonly fetcher: Fetcher;
  private readonly allowedOrigins: Set<string>;
  private readonly robots = new Map<string, Promise<{ rules: RobotsRules; failure: string | null }>>();
  private readonly seen = new Set<string>();
  private readonly tasks: Promise<void>[] = [];
  private readonly depth: number;
  private pool: WorkerPool | null = null;
  private readonly extractQueue: PQueue;
  /** Prepared once: an unchanged filing's check runs it on every crawl. */
  private readonly documentById: Statement;
  private runId = 0;
  private readonly summary: CrawlSummary = {
    runId: 0, checked: 0, unchanged: 0, new: 0, newVersions: 0, withdrawn: 0, restored: 0, failed: 0, skipped: 0,
    indexPages: 0, requests: 0, bytes: 0, seconds: 0, failures: [],
  };

  constructor(
    private readonly db: DB,
    private readonly options: CrawlOptions,
  ) {
    this.state = new CrawlState(db);
    this.documentById = db.prepare("SELECT sha256 FROM documents WHERE id = ?");
    this.raw = new RawStore(options.rawDir);
    this.gate = new OriginGate(options.delayMs ?? CRAWL_DEFAULTS.delayMs, options.parallelOrigins ?? CRAWL_DEFAULTS.parallelOrigins);
    this.depth = options.depth ?? CRAWL_DEFAULTS.depth;
    this.fetcher = new Fetcher(this.fetchOptions(options.maxBytes ?? CRAWL_DEFAULTS.maxBytes));
    this.extractQueue = new PQueue({ concurrency: options.workers ?? CRAWL_DEFAULTS.workers });
    this.allowedOrigins = new Set([...options.startUrls, ...(options.allowOrigins ?? [])].map((u) => new URL(u).origin));
  }

  private fetchOptions(maxBytes: number, overflow: "fail" | "truncate" = "fail"): FetchOptions {
    const retry = { ...CRAWL_DEFAULTS.retry, ...this.options.retry };
    return {
      userAgent: userAgent(this.options.contact),
      timeoutMs: this.options.timeoutMs ?? CRAWL_DEFAULTS.timeoutMs,
      maxBytes,
      overflow,
      allowPrivate: this.options.allowPrivate ?? false,
      // A retry never comes sooner than the next request would.
      retry: { ...retry, backoffMs: Math.max(retry.backoffMs, this.options.delayMs ?? CRAWL_DEFAULTS.delayMs) },
      slot: (request) => this.gate.slot(request),
    };
  }

  async run(): Promise<CrawlSummary> {
    const started = process.hrtime.bigint();
    this.raw.sweep();
    this.runId = this.state.startRun(this.options.startUrls, now());
    this.summary.runId = this.runId;
    try {
      const starts = this.options.startUrls.map(withoutFragment);
      for (const url of starts) this.schedule(url, 0, url);
      // Filings found before are checked even when no page links them any more: that is how a
      // withdrawal (404/410) is seen.
      for (const start of starts) {
        for (const url of this.state.knownDownloads([start])) this.schedule(url, this.depth, start);
      }
      // Tasks schedule more tasks as pages are read; the loop sees them as they are added.
      for (let i = 0; i < this.tasks.length; i++) await this.tasks[i];
    } finally {
      this.fetcher.close();
      await this.pool?.close();
      this.summary.seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.state.finishRun(this.runId, this.summary, now());
    }
    return this.summary;
  }

  private schedule(url: string, depth: number, foundVia: string): void {
    if (this.seen.has(url)) return;
    this.seen.add(url);
    this.tasks.push(
      this.visit(url, depth, foundVia).catch((error: unknown) => {
        const reason = `crawl error: ${(error as Error).message}`;
        try {
          this.fail(url, foundVia, reason, null);
        } catch {
          // The database refuses even the failure (busy, disk full): it is still counted and shown.
          this.count("failed", url, null, reason);
        }
      }),
    );
  }

  private emit(event: CrawlEvent): void {
    this.options.onEvent?.(event);
  }

  private async visit(url: string, depth: number, foundVia: string): Promise<void> {
    const prior = this.state.url(url);
    const robots = await this.robotsFor(new URL(url).origin);
    if (robots.failure) return this.fail(url, foundVia, robots.failure, prior);
    if (!robots.rules.isAllowed(pathOf(url))) return this.skip(url, "robots.txt forbids it", prior?.document_id ?? null);

    // Ask "changed since?" only when the body we would compare with is on disk, and only of the
    // URL that gave it (after redirects): another URL's Last-Modified says nothing of this one.
    const conditional: { url: string; headers: Record<string, string> } = { url: prior?.final_url ?? url, headers: {} };
    if (prior?.sha256 && this.raw.has(prior.sha256)) {
      if (prior.etag) conditional.headers["if-none-match"] = prior.etag;
      if (prior.last_modified) conditional.headers["if-modified-since"] = prior.last_modified;
    }
    const fetched = await this.fetchFollowingRedirects(url, conditional);
    if (fetched.kind === "skipped") return this.skip(url, fetched.reason, prior?.document_id ?? null);
    this.summary.checked++;
    const at = now();
    switch (fetched.kind) {
      case "failed":
        return this.fail(url, foundVia, fetched.reason, prior, fetched.status ?? null);
      case "gone":
        return this.gone(url, foundVia, fetched.status, prior, at);
      case "not-modified": {
        if (!prior?.sha256) return this.fail(url, foundVia, "HTTP 304 to a request that asked for no comparison", prior, 304);
        const headers = fetched.response.headers;
        const validators = {
          etag: (headers.etag as string | undefined) ?? prior.etag,
          last_modified: (headers["last-modified"] as string | undefined) ?? prior.last_modified,
        };
        const sha256 = prior.sha256;
        return this.receive(url, depth, foundVia, prior, { sha256, path: this.raw.pathOf(sha256), finalUrl: fetched.finalUrl }, 304, validators, at);
      }
      case "ok": {
        this.summary.bytes += fetched.response.body.length;
        const headers = fetched.response.headers;
        const validators = { etag: (headers.etag as string | undefined) ?? null, last_modified: (headers["last-modified"] as string | undefined) ?? null };
        // From here on the body is read from raw/: the download's buffer is not kept while it waits for a worker.
        return this.receive(url, depth, foundVia, prior, { ...this.raw.put(fetched.response.body), finalUrl: fetched.finalUrl }, fetched.response.status, validators, at);
      }
    }
  }

  /**
   * A body in raw/ (just downloaded, or the stored one a 304 confirmed): a page of links, a
   * filing, or neither. It is read only when needed: an unchanged filing costs no disk read
   * (an unchanged page of links is read back for its links).
   */
  private async receive(
    url: string, depth: number, foundVia: string, prior: UrlState | null, content: { sha256: string; path: string; finalUrl: string }, status: number,
    validators: { etag: string | null; last_modified: string | null }, at: string,
  ): Promise<void> {
    const { sha256, path } = content;
    const body = () => this.raw.read(sha256);
    const sameBody = prior?.sha256 === sha256;
    const base = {
      status, sha256, ...validators, final_url: content.finalUrl, withdrawn_at: null,
      last_changed: sameBody && !prior?.withdrawn_at ? prior!.last_changed : at,
    };
    const restored = prior?.withdrawn_at != null;

    if (sameBody && prior?.kind === "index") return this.readIndex(url, depth, foundVia, body(), { ...base, kind: "index" }, at, false);
    // The same bytes as last time, already stored (or already known not to be a filing).
    if (sameBody && ((prior?.kind === "filing" && this.isStored(prior.document_id, sha256)) || prior?.kind === "other")) {
      return this.settle(url, foundVia, { ...base, kind: prior.kind, document_id: prior.document_id }, at, restored ? "restored" : "unchanged", prior.document_id);
    }

    // A stored filing's URL that now answers something else (often a removed page sent to the
    // site's top page): the filing is withdrawn, and that page's links are not followed.
    const wasFiling = prior?.kind === "filing" && prior.document_id !== null;
    const notAFiling = (what: string) =>
      wasFiling
        ? this.withdraw(url, foundVia, prior, { ...base, kind: "filing", document_id: prior.document_id }, `answers ${what}, not the filing`, at)
        : this.settle(url, foundVia, { ...base, kind: "other", document_id: null }, at, "skipped", null, "not a 特定個人情報保護評価書");
    const bytes = body();
    const kind = this.classify(url, bytes);
    if (kind === "index") {
      if (wasFiling) return notAFiling("an HTML page");
      return this.readIndex(url, depth, foundVia, bytes, { ...base, kind: "index" }, at, !sameBody);
    }
    if (kind === "other") return notAFiling("a file that is not a 評価書");

    const extracted = await this.extract(path, url);
    if (!extracted.ok) {
      if (extracted.notAFiling) return notAFiling("a file that is not a 評価書");
      // The body and its validators are kept (the next run re-reads it from raw/ on a 304), and
      // the URL still points at its last stored version.
      return this.fail(url, foundVia, extracted.reason, prior, status, { ...base, kind: "filing", document_id: prior?.document_id ?? null });
    }
    // The filing, its URL's state and the run's event: one transaction. Which filing and version
    // the content is, is decided by what it says (src/store/filings.ts), wherever it was found.
    let outcome: CrawlOutcome | "unchanged";
    let documentId: number;
    try {
      [outcome, documentId] = this.db.transaction((): [CrawlOutcome | "unchanged", number] => {
        const stored = storePrepared(this.db, extracted.prepared, new Date());
        // For the URL: new content where it gave a filing before is a new version of what it serves.
        const changed = stored.outcome === "new-version" || (stored.outcome === "new-rendering" && wasFiling);
        const outcome = stored.outcome === "unchanged" ? (restored ? "restored" : "unchanged") : changed ? "new-version" : "new";
        this.record(url, foundVia, { ...base, kind: "filing", document_id: stored.documentId }, at, outcome, stored.documentId);
        return [outcome, stored.documentId];
      }).immediate();
    } catch (error) {
      return this.fail(url, foundVia, `not stored: ${(error as Error).message}`, prior, status);
    }
    this.count(outcome, url, documentId);
  }

  private document(documentId: number): { sha256: string } | undefined {
    return this.documentById.get(documentId) as { sha256: string } | undefined;
  }

  /** Whether a URL's document is the one with these bytes. */
  private isStored(documentId: number | null, sha256: string): boolean {
    return documentId !== null && this.document(documentId)?.sha256 === sha256;
  }

  /** A filing (PDF, text, or HTML that reads as one), a page of links (other HTML), or neither. */
  private classify(url: string, body: Buffer): "filing" | "index" | "other" {
    if (isPdf(url, body)) return "filing"; // read by a worker
    let document;
    try {
      document = loadBytes(url, body);
    } catch {
      return "filing"; // undecodable bytes: for the worker to report
    }
    if (document.source.format !== "html") return "filing";
    return isFiling(document) ? "filing" : "index";
  }

  private readIndex(url: string, depth: number, foundVia: string, body: Buffer, state: Partial<UrlState>, at: string, changed: boolean): void {
    this.summary.indexPages++;
    this.save(url, foundVia, { ...state, document_id: null, last_changed: changed ? at : (state.last_changed ?? null) }, at);
    this.emit({ url, outcome: "index" });
    if (depth >= this.depth) return;
    const decoded = decodeText(body);
    const links = decoded.ok ? linksOf(decoded.text, url) : [];
    for (const link of links) {
      if (!this.allowedOrigins.has(new URL(link).origin) || !mightBeFilingOrIndex(link)) continue;
      if (this.options.follow && !this.options.follow.test(link)) continue;
      this.schedule(link, depth + 1, foundVia);
    }
  }

  private async extract(path: string, url: string) {
    this.pool ??= new WorkerPool(this.options.workers ?? CRAWL_DEFAULTS.workers, this.options.extractTimeoutMs);
    const pool = this.pool;
    return (await this.extractQueue.add(() => pool.extract(path, this.options.maxPages, url)))!;
  }

  /** GET through the origin's gate, following redirects that stay on allowed origins and robots.txt. */
  private async fetchFollowingRedirects(
    url: string, conditional: { url: string; headers: Record<string, string> },
  ): Promise<(Fetched & { finalUrl: string }) | { kind: "skipped"; reason: string }> {
    let current = url;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      const target = new URL(current);
      if (hop > 0) {
        if (!isWebUrl(target)) return { kind: "failed", reason: `redirected to ${current}: http and https only`, attempts: 0, finalUrl: current };
        if (!this.allowedOrigins.has(target.origin)) {
          return { kind: "failed", reason: `redirected to ${current}, outside the allowed origins (add --allow-origin ${target.origin} to follow it)`, attempts: 0, finalUrl: current };
        }
        const robots = await this.robotsFor(target.origin);
        if (robots.failure) return { kind: "failed", reason: robots.failure, attempts: 0, finalUrl: current };
        if (!robots.rules.isAllowed(pathOf(current))) return { kind: "skipped", reason: `redirected to ${current}, which robots.txt forbids` };
      }
      const headers = current === conditional.url ? conditional.headers : {};
      // Downloads wait, in their origin's turn, while filings queue for the extraction workers.
      const ready = hop === 0 ? () => this.extractQueue.onSizeLessThan(EXTRACTION_BACKLOG) : undefined;
      const fetched = await this.gate.run(target.origin, () => this.fetcher.get(current, headers), ready);
      this.summary.requests += fetched.attempts;
      if (fetched.kind !== "redirect") return { ...fetched, finalUrl: current };
      current = fetched.location;
    }
    return { kind: "failed", reason: `more than ${MAX_REDIRECTS} redirects`, attempts: 0, finalUrl: current };
  }

  /** robots.txt of an origin, read once per crawl: 4xx allows all; no answer (5xx, network) forbids all. */
  private robotsFor(origin: string): Promise<{ rules: RobotsRules; failure: string | null }> {
    let cached = this.robots.get(origin);
    if (!cached) {
      cached = this.readRobots(origin);
      this.robots.set(origin, cached);
    }
    return cached;
  }

  private async readRobots(origin: string): Promise<{ rules: RobotsRules; failure: string | null }> {
    const robotsFetcher = new Fetcher(this.fetchOptions(ROBOTS_MAX_BYTES, "truncate"));
    try {
      let url = `${origin}/robots.txt`;
      for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
        const fetched = await this.gate.run(new URL(url).origin, () => robotsFetcher.get(url));
        this.summary.requests += fetched.attempts;
        switch (fetched.kind) {
          case "ok":
          case "not-modified": {
            const rules = parseRobots(fetched.response.body.toString("utf8"), ROBOTS_TOKEN);
            if (rules.crawlDelay !== null) this.gate.slowDown(origin, Math.min(rules.crawlDelay * 1000, MAX_CRAWL_DELAY_MS));
            return { rules, failure: null };
          }
          case "gone":
            return { rules: ALLOW_ALL, failure: null };
          case "redirect":
            url = fetched.location;
            continue;
          case "failed":
            // Not asked at all (a refused address): that is the reason, not robots.txt.
            if (fetched.refused) return { rules: DISALLOW_ALL, failure: fetched.reason };
            // "Unavailable" (4xx) means no rules; "unreachable" (5xx, network) means stay away, and
            // so does a 429 that outlasted the retries: the site asked us to slow down.
            if (fetched.status !== undefined && fetched.status >= 400 && fetched.status < 500 && fetched.status !== 429) return { rules: ALLOW_ALL, failure: null };
            return { rules: DISALLOW_ALL, failure: `${origin}/robots.txt could not be read (${fetched.reason}): the origin is not crawled` };
        }
      }
      return { rules: ALLOW_ALL, failure: null };
    } finally {
      robotsFetcher.close();
    }
  }

  private gone(url: string, foundVia: string, status: number, prior: UrlState | null, at: string): void {
    if (prior?.document_id != null) return this.withdraw(url, foundVia, prior, { status }, `HTTP ${status}`, at);
    if (prior?.withdrawn_at != null || prior?.kind === "other" || prior?.kind === "filing") {
      // Gone before it was ever stored (a page that was not a filing, a filing that never
      // imported): nothing in the corpus changes, and nothing is wrong.
      return this.settle(url, foundVia, { status, withdrawn_at: prior.withdrawn_at ?? at }, at, "unchanged", null);
    }
    if (prior?.status === status) {
      // A link to nothing, reported as failed the first time it was seen: now only noted, so
      // that one broken link on a site does not fail every night's run.
      return this.settle(url, foundVia, { status }, at, "skipped", null, `still HTTP ${status}: a broken link, reported when first seen`);
    }
    // A link to nothing (never stored): the page that links it is broken, and the user should know.
    this.fail(url, foundVia, `HTTP ${status}`, prior, status);
  }

  /** A stored filing's URL no longer gives it: withdrawn (once; later runs find it still withdrawn). */
  private withdraw(url: string, foundVia: string, prior: UrlState, state: Partial<UrlState>, reason: string, at: string): void {
    if (prior.withdrawn_at !== null) return this.settle(url, foundVia, { ...state, withdrawn_at: prior.withdrawn_at }, at, "unchanged", prior.document_id);
    this.settle(url, foundVia, { ...state, withdrawn_at: at, last_changed: at }, at, "withdrawn", prior.document_id, reason);
  }

  /** One URL's new state and the run's event for it, in one transaction; counted once it is committed. */
  private settle(url: string, foundVia: string, state: Partial<UrlState>, at: string, outcome: CrawlOutcome | "unchanged", documentId: number | null, reason?: string): void {
    this.db.transaction(() => this.record(url, foundVia, state, at, outcome, documentId, reason))();
    this.count(outcome, url, documentId, reason);
  }

  /** The writes of settle (inside the caller's transaction). */
  private record(url: string, foundVia: string, state: Partial<UrlState>, at: string, outcome: CrawlOutcome | "unchanged", documentId: number | null, reason?: string): void {
    this.save(url, foundVia, state, at);
    // A stored filing that the URL still gives: seen there again.
    if (state.kind === "filing" && !state.withdrawn_at && documentId !== null && (outcome === "unchanged" || outcome === "restored")) noteSeen(this.db, documentId, url, new Date(at));
    if (outcome !== "unchanged") this.state.recordEvent(this.runId, url, outcome, documentId, reason ?? null, at);
  }

  private count(outcome: CrawlOutcome | "unchanged", url: string, documentId: number | null, reason?: string): void {
    const key = ({ new: "new", "new-version": "newVersions", withdrawn: "withdrawn", restored: "restored", failed: "failed", skipped: "skipped", unchanged: "unchanged" } as const)[outcome];
    this.summary[key]++;
    if (outcome === "failed") this.summary.failures.push({ url, reason: reason ?? "" });
    this.emit({ url, outcome, documentId, reason });
  }

  private skip(url: string, reason: string, documentId: number | null): void {
    this.state.recordEvent(this.runId, url, "skipped", documentId, reason, now());
    this.count("skipped", url, documentId, reason);
  }

  private fail(url: string, foundVia: string, reason: string, prior: UrlState | null, status: number | null = null, state: Partial<UrlState> = {}): void {
    const at = now();
    this.db.transaction(() => {
      // A failed check keeps what was known (validators, body, document); it only says why.
      this.save(url, foundVia, { status: status ?? prior?.status ?? null, ...state, failure: reason }, at);
      this.state.recordEvent(this.runId, url, "failed", prior?.document_id ?? null, reason, at);
      recordImportError(this.db, url, reason);
    })();
    this.count("failed", url, prior?.document_id ?? null, reason);
  }

  private save(url: string, foundVia: string, changes: Partial<UrlState>, at: string): void {
    this.state.save(this.state.next(url, foundVia, at, changes));
  }
}

const now = () => new Date().toISOString();

function withoutFragment(url: string): string {
  const parsed = new URL(url);
  parsed.hash = "";
  return parsed.href;
}

function pathOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}
