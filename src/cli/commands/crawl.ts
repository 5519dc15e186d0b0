import { Command, Option } from "commander";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { crawl, CRAWL_DEFAULTS, CrawlUsageError, type CrawlEvent, type CrawlSummary } from "../../crawl/crawler.js";
import { startUrlProblem } from "../../crawl/links.js";
import { CrawlRunningError } from "../../crawl/lock.js";
import { openDatabase } from "../../store/db.js";
import { recordImportError } from "../../store/write.js";
import { writeMetadata } from "../../store/metadata.js";
import { dbOption, extractTimeoutOption, maxPagesOption, positiveInteger, seconds, wholeNumber } from "../options.js";

/** Exit status when another crawl holds the lock (sysexits' EX_TEMPFAIL: try again later). */
export const EXIT_CRAWL_RUNNING = 75;

interface CrawlCliOptions {
  from?: string;
  db: string;
  depth: number;
  allowOrigin: string[];
  allowPrivate?: boolean;
  contact?: string;
  delay: number;
  timeout: number;
  maxBytes: number;
  attempts: number;
  parallel: number;
  follow?: string;
  workers: number;
  maxPages: number;
  extractTimeout: number;
  json?: boolean;
}

/**
 * --from FILE: one URL a line; blank lines and # comments ignored. A line that is not an http(s)
 * URL is reported (FILE:LINE) and the others are crawled.
 */
function urlsFromFile(path: string): { urls: string[]; bad: { url: string; reason: string }[] } {
  let text: string;
  try {
    text = readFileSync(path === "-" ? 0 : path, "utf8");
  } catch (error) {
    throw new CrawlUsageError(`--from ${path}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message}`);
  }
  const urls: string[] = [];
  const bad: { url: string; reason: string }[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const value = line.replace(/#.*$/, "").trim();
    if (!value) return;
    const problem = startUrlProblem(value);
    if (problem) bad.push({ url: `${path}:${i + 1}`, reason: `${problem}: ${value}` });
    else urls.push(value);
  });
  return { urls, bad };
}

const LABELS: Record<CrawlEvent["outcome"], string> = {
  new: "new        ", "new-version": "new version", withdrawn: "withdrawn  ", restored: "restored   ",
  failed: "failed     ", skipped: "skipped    ", unchanged: "unchanged  ", index: "index      ",
};

export function crawlCommand(): Command {
  return new Command("crawl")
    .description("Fetch published filings from index pages, import what is new or changed, mark what was withdrawn.")
    .argument("[urls...]", "index pages (or filings) to start from")
    .addOption(new Option("--from <file>", "read start URLs from a file, one a line (- for standard input)"))
    .addOption(new Option("--contact <email-or-url>", "how the sites can reach you; goes into the User-Agent (required)").env("PIA_CONTACT"))
    .addOption(new Option("--depth <n>", "links followed from the start pages (0: the start URLs only)").default(CRAWL_DEFAULTS.depth).argParser(wholeNumber("--depth")))
    .addOption(new Option("--allow-origin <origin>", "also follow links and redirects to this origin (repeatable)").default([]).argParser((v: string, list: string[]) => [...list, v]))
    .addOption(new Option("--follow <regex>", "follow only links whose URL matches (start URLs and known filings are always checked)"))
    .addOption(new Option("--allow-private", "allow private and loopback addresses (refused by default)"))
    .addOption(new Option("--delay <seconds>", "wait between two requests to one origin").default(CRAWL_DEFAULTS.delayMs / 1000).argParser(seconds("--delay")))
    .addOption(new Option("--timeout <seconds>", "time limit for each response, whole").default(CRAWL_DEFAULTS.timeoutMs / 1000).argParser(seconds("--timeout")))
    .addOption(new Option("--max-bytes <n>", "size limit for each response").default(CRAWL_DEFAULTS.maxBytes).argParser(positiveInteger("--max-bytes")))
    .addOption(new Option("--attempts <n>", "attempts per request, on 429, 5xx, resets and timeouts").default(CRAWL_DEFAULTS.retry.attempts).argParser(positiveInteger("--attempts")))
    .addOption(new Option("--parallel <n>", "origins fetched at the same time (each one request at a time)").default(CRAWL_DEFAULTS.parallelOrigins).argParser(positiveInteger("--parallel")))
    .addOption(new Option("--workers <n>", "worker threads that extract downloaded filings").default(CRAWL_DEFAULTS.workers).argParser(positiveInteger("--workers")))
    .addOption(maxPagesOption())
    .addOption(extractTimeoutOption())
    .addOption(dbOption())
    .addOption(new Option("--json", "print the summary as one line of JSON on stdout"))
    .addHelpText(
      "after",
      `
What it does: each start URL is fetched; an HTML page that is not a filing is read as a page of
links, and the links on the same origins (plus --allow-origin) are followed up to --depth.
Every download is kept under raw/ beside the database, named by its sha256, and imported:
new content at a known URL becomes a new version (the old one stays); a filing whose URL now
answers 404 or 410 is marked withdrawn, never deleted. Filings found from a start URL before
are checked again on every crawl of it, linked or not.

Polite by default: robots.txt is obeyed (product token "pia"), one request at a time per
origin with --delay between them (a longer Crawl-delay is honoured), If-None-Match and
If-Modified-Since from the last run (an unchanged filing costs one 304), and 429, 5xx,
resets and timeouts retried with backoff and Retry-After (up to --attempts in all).

Safe: http and https only; redirects followed only within the allowed origins; private and
loopback addresses refused unless --allow-private; a body shorter than its Content-Length
or over --max-bytes is never stored.

Cron: a lock file beside the database (DB.crawl-lock) keeps two crawls of it apart: a second
one exits at once with status ${EXIT_CRAWL_RUNNING}. Exit status 1 when any URL (or --from line) failed, 2 on
a usage error.
See docs/crawl.md for a crontab line and a systemd timer.

Examples:
  pia crawl https://www.city.example.lg.jp/kojinjoho/hyoka.html --contact research@example.org
  pia crawl --from sources.txt --contact https://example.org/pia --json > crawl.json`,
    )
    .action(async (urls: string[], options: CrawlCliOptions) => {
      const listed = options.from ? urlsFromFile(options.from) : { urls: [], bad: [] };
      const startUrls = [...urls, ...listed.urls];
      if (startUrls.length === 0 && listed.bad.length === 0) throw new CrawlUsageError("no start URL: give one or more, or --from FILE");
      if (!options.contact) throw new CrawlUsageError("--contact is required: an e-mail address or URL the sites you crawl can reach you at");
      let follow: RegExp | undefined;
      try {
        follow = options.follow ? new RegExp(options.follow) : undefined;
      } catch (error) {
        throw new CrawlUsageError(`--follow: ${(error as Error).message}`);
      }
      const dataDir = dirname(options.db);
      const db = openDatabase(options.db);
      for (const { url, reason } of listed.bad) {
        recordImportError(db, url, reason);
        process.stderr.write(`${LABELS.failed}  ${url}: ${reason}\n`);
      }
      if (startUrls.length === 0) {
        db.close();
        process.exitCode = 1;
        return;
      }
      // Killed by cron or Ctrl-C: every write so far is a whole transaction; exit releases the lock.
      const stop = (signal: NodeJS.Signals) => {
        process.stderr.write(`pia crawl: stopped by ${signal}\n`);
        db.close();
        process.exit(signal === "SIGINT" ? 130 : 143);
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
      let summary: CrawlSummary;
      try {
        summary = await crawl(db, {
          startUrls, contact: options.contact, depth: options.depth, allowOrigins: options.allowOrigin, allowPrivate: options.allowPrivate,
          delayMs: options.delay * 1000, timeoutMs: options.timeout * 1000, maxBytes: options.maxBytes,
          retry: { attempts: options.attempts }, follow, rawDir: join(dataDir, "raw"), lockPath: `${options.db}.crawl-lock`,
          parallelOrigins: options.parallel, workers: options.workers, maxPages: options.maxPages, extractTimeoutMs: options.extractTimeout * 1000,
          onEvent: (event) => {
            if (event.outcome === "unchanged" || event.outcome === "index") return;
            const document = event.documentId != null ? ` #${event.documentId}` : "";
            process.stderr.write(`${LABELS[event.outcome]}  ${event.url}${document}${event.reason ? `: ${event.reason}` : ""}\n`);
          },
        });
      } catch (error) {
        if (error instanceof CrawlRunningError) {
          process.stderr.write(`pia crawl: ${error.message}\n`);
          process.exitCode = EXIT_CRAWL_RUNNING;
          return;
        }
        throw error;
      } finally {
        process.off("SIGINT", stop);
        process.off("SIGTERM", stop);
        db.close();
      }
      writeMetadata(options.db);
      summary.failed += listed.bad.length;
      summary.failures.unshift(...listed.bad);
      // One line, so that nightly runs appended to one file make JSON Lines.
      if (options.json) process.stdout.write(`${JSON.stringify({ database: options.db, ...summary })}\n`);
      else {
        process.stderr.write(
          `${options.db}: checked ${summary.checked} (${summary.indexPages} index pages), unchanged ${summary.unchanged}, new ${summary.new}, ` +
            `new versions ${summary.newVersions}, withdrawn ${summary.withdrawn}, restored ${summary.restored}, failed ${summary.failed}, skipped ${summary.skipped}` +
            ` — ${summary.requests} requests in ${summary.seconds.toFixed(1)} s\n`,
        );
      }
      if (summary.failed > 0) process.exitCode = 1;
    });
}
