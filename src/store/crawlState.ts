import type { Statement } from "better-sqlite3";
import type { DB } from "./db.js";

/** A row of crawl_urls: what one URL answered last. */
export interface UrlState {
  url: string;
  final_url: string | null;
  found_via: string;
  kind: "index" | "filing" | "other" | null;
  status: number | null;
  etag: string | null;
  last_modified: string | null;
  sha256: string | null;
  document_id: number | null;
  first_seen: string;
  last_checked: string | null;
  last_changed: string | null;
  withdrawn_at: string | null;
  failure: string | null;
}

export type CrawlOutcome = "new" | "new-version" | "withdrawn" | "restored" | "failed" | "skipped";

export interface CrawlCounts {
  checked: number;
  unchanged: number;
  new: number;
  newVersions: number;
  withdrawn: number;
  restored: number;
  failed: number;
  skipped: number;
}

/** crawl_urls, crawl_runs and crawl_events: the crawl's memory between runs. */
export class CrawlState {
  private readonly get: Statement<unknown[]>;
  private readonly upsert: Statement<unknown[]>;
  private readonly event: Statement<unknown[]>;

  constructor(private readonly db: DB) {
    this.get = db.prepare("SELECT * FROM crawl_urls WHERE url = ?");
    this.upsert = db.prepare(`INSERT INTO crawl_urls (url, final_url, found_via, kind, status, etag, last_modified, sha256, document_id, first_seen, last_checked, last_changed, withdrawn_at, failure)
      VALUES (@url, @final_url, @found_via, @kind, @status, @etag, @last_modified, @sha256, @document_id, @first_seen, @last_checked, @last_changed, @withdrawn_at, @failure)
      ON CONFLICT (url) DO UPDATE SET final_url = excluded.final_url, found_via = excluded.found_via, kind = excluded.kind, status = excluded.status, etag = excluded.etag,
        last_modified = excluded.last_modified, sha256 = excluded.sha256, document_id = excluded.document_id, last_checked = excluded.last_checked,
        last_changed = excluded.last_changed, withdrawn_at = excluded.withdrawn_at, failure = excluded.failure`);
    this.event = db.prepare("INSERT INTO crawl_events (run_id, url, outcome, document_id, reason, at) VALUES (?, ?, ?, ?, ?, ?)");
  }

  url(url: string): UrlState | null {
    return (this.get.get(url) as UrlState | undefined) ?? null;
  }

  /** A URL's state as it will be after this check: the stored row (or a new one) with `changes` over it. */
  next(url: string, foundVia: string, at: string, changes: Partial<UrlState>): UrlState {
    const stored = this.url(url);
    const base: UrlState = stored ?? {
      url, final_url: null, found_via: foundVia, kind: null, status: null, etag: null, last_modified: null, sha256: null, document_id: null,
      first_seen: at, last_checked: null, last_changed: null, withdrawn_at: null, failure: null,
    };
    return { ...base, last_checked: at, failure: null, ...changes };
  }

  save(state: UrlState): void {
    this.upsert.run(state);
  }

  recordEvent(runId: number, url: string, outcome: CrawlOutcome, documentId: number | null, reason: string | null, at: string): void {
    this.event.run(runId, url, outcome, documentId, reason, at);
  }

  /** The filings and other downloads found from these start URLs before: checked again even if no longer linked. */
  knownDownloads(startUrls: string[]): string[] {
    const statement = this.db.prepare("SELECT url FROM crawl_urls WHERE found_via = ? AND kind IN ('filing', 'other') ORDER BY rowid");
    return startUrls.flatMap((start) => (statement.all(start) as { url: string }[]).map((r) => r.url));
  }

  startRun(startUrls: string[], at: string): number {
    return Number(this.db.prepare("INSERT INTO crawl_runs (started_at, start_urls) VALUES (?, ?)").run(at, JSON.stringify(startUrls)).lastInsertRowid);
  }

  finishRun(runId: number, counts: CrawlCounts, at: string): void {
    this.db
      .prepare(`UPDATE crawl_runs SET finished_at = ?, checked = ?, unchanged = ?, new = ?, new_versions = ?, withdrawn = ?, restored = ?, failed = ?, skipped = ? WHERE id = ?`)
      .run(at, counts.checked, counts.unchanged, counts.new, counts.newVersions, counts.withdrawn, counts.restored, counts.failed, counts.skipped, runId);
  }
}
