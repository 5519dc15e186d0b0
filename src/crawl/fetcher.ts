import { Agents, exchange, FetchError, type HttpResponse } from "./http.js";
import { sleep } from "./gate.js";

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** The wait before the second attempt; it doubles for each one after. */
  backoffMs: number;
  /** A Retry-After longer than this is not waited for: the download fails. */
  maxRetryAfterMs: number;
}

export interface FetchOptions {
  userAgent: string;
  timeoutMs: number;
  maxBytes: number;
  overflow?: "fail" | "truncate";
  allowPrivate: boolean;
  retry: RetryPolicy;
  /** Runs each request (not the waits between attempts): the crawl's global limit on requests in flight. */
  slot?: <T>(request: () => Promise<T>) => Promise<T>;
}

/** The outcome of a GET after retries: an answer to act on, or why there is none. */
export type Fetched =
  | { kind: "ok"; response: HttpResponse; attempts: number }
  | { kind: "not-modified"; response: HttpResponse; attempts: number }
  | { kind: "gone"; status: number; attempts: number }
  | { kind: "redirect"; location: string; status: number; attempts: number }
  | { kind: "failed"; reason: string; attempts: number; status?: number; refused?: boolean };

/** Statuses worth another attempt: the server said "later" or broke (not 501/505: those will not change). */
const isRetryStatus = (status: number) => status === 408 || status === 425 || status === 429 || (status >= 500 && status !== 501 && status !== 505);

/** Retry-After as seconds or an HTTP date → milliseconds from now (null when absent or unreadable). */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | null {
  if (value === undefined) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * GET one URL with retries: 429, 5xx, resets, truncated bodies and timeouts are tried again
 * after a backoff (or the Retry-After the server asks for), up to `attempts` in all. Redirects
 * are returned, not followed, so that the caller checks where they lead.
 */
export class Fetcher {
  readonly agents: Agents;

  constructor(private readonly options: FetchOptions) {
    this.agents = new Agents(options.allowPrivate);
  }

  async get(url: string, conditional: Record<string, string> = {}): Promise<Fetched> {
    const { retry } = this.options;
    let lastReason = "";
    let lastStatus: number | undefined;
    for (let attempt = 1; attempt <= retry.attempts; attempt++) {
      let wait = retry.backoffMs * 2 ** (attempt - 1);
      try {
        const slot = this.options.slot ?? ((request) => request());
        const response = await slot(() => exchange(new URL(url), {
          headers: { "user-agent": this.options.userAgent, accept: "*/*", ...conditional },
          timeoutMs: this.options.timeoutMs,
          maxBytes: this.options.maxBytes,
          overflow: this.options.overflow,
          allowPrivate: this.options.allowPrivate,
          agents: this.agents,
        }));
        const status = response.status;
        if (status >= 200 && status < 300) return { kind: "ok", response, attempts: attempt };
        if (status === 304) return { kind: "not-modified", response, attempts: attempt };
        if (status === 404 || status === 410) return { kind: "gone", status, attempts: attempt };
        if ([301, 302, 303, 307, 308].includes(status)) {
          const location = response.headers.location;
          if (!location) return { kind: "failed", reason: `HTTP ${status} without a Location`, attempts: attempt };
          return { kind: "redirect", location: new URL(location, url).href, status, attempts: attempt };
        }
        lastReason = `HTTP ${status}`;
        lastStatus = status;
        if (!isRetryStatus(status)) return { kind: "failed", reason: lastReason, attempts: attempt, status };
        const asked = retryAfterMs(response.headers["retry-after"] as string | undefined);
        if (asked !== null) {
          if (asked > retry.maxRetryAfterMs) {
            return { kind: "failed", reason: `${lastReason}, asked to retry after ${Math.ceil(asked / 1000)} s (over the ${retry.maxRetryAfterMs / 1000} s we wait)`, attempts: attempt, status };
          }
          wait = Math.max(wait, asked);
        }
      } catch (error) {
        if (!(error instanceof FetchError)) throw error;
        lastReason = error.message;
        lastStatus = undefined;
        if (!error.retryable) return { kind: "failed", reason: lastReason, attempts: error.refused ? 0 : attempt, refused: error.refused };
      }
      if (attempt < retry.attempts) await sleep(wait);
    }
    return { kind: "failed", reason: `${lastReason} (after ${retry.attempts} attempts)`, attempts: retry.attempts, status: lastStatus };
  }

  close(): void {
    this.agents.destroy();
  }
}
