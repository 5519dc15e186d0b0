import http, { type IncomingHttpHeaders, type IncomingMessage } from "node:http";
import https from "node:https";
import zlib from "node:zlib";
import { guardedLookup, literalAddressRefusal } from "./addresses.js";
import { isWebUrl } from "./links.js";

/** One HTTP exchange, whole: the body is complete and checked, or the exchange failed. */
export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * Why an exchange failed. `retryable`: a transient fault (reset, timeout, truncation) worth
 * another attempt; the rest (too large, refused address, bad URL) would fail the same way again.
 */
export class FetchError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    /** The address (or scheme) is refused: no request was made at all. */
    readonly refused = false,
  ) {
    super(message);
    this.name = "FetchError";
  }
}

export interface ExchangeOptions {
  headers: Record<string, string>;
  /** The whole exchange, from connecting to the last byte, must end within this. */
  timeoutMs: number;
  /** A body larger than this (as sent, or once decompressed) is refused. */
  maxBytes: number;
  /** Over maxBytes: fail (a filing), or keep the first maxBytes (robots.txt, RFC 9309 §2.5). */
  overflow?: "fail" | "truncate";
  allowPrivate: boolean;
  agents: Agents;
}

/** Keep-alive connections, one pool per scheme, closed with the crawl. */
export class Agents {
  readonly http: http.Agent;
  readonly https: https.Agent;
  constructor(allowPrivate: boolean) {
    const lookup = guardedLookup(allowPrivate) as unknown as http.AgentOptions["lookup"];
    // Kept alive for the next request to the same origin (a delay away), then closed, so that a
    // crawl of many origins does not hold a socket open for each.
    const options = { keepAlive: true, maxSockets: 1, timeout: IDLE_SOCKET_MS, lookup };
    this.http = new http.Agent(options);
    this.https = new https.Agent(options);
  }
  destroy(): void {
    this.http.destroy();
    this.https.destroy();
  }
}

const IDLE_SOCKET_MS = 5000;

const TRANSIENT_CODES = new Set(["ECONNRESET", "ECONNREFUSED", "ECONNABORTED", "EPIPE", "ETIMEDOUT", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND"]);

/** One GET, no redirects followed, no retries: those are the fetcher's. */
export function exchange(url: URL, options: ExchangeOptions): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    if (!isWebUrl(url)) return reject(new FetchError(`${url.protocol} is not crawled: http and https only`, false, true));
    const refusal = literalAddressRefusal(url, options.allowPrivate);
    if (refusal) return reject(new FetchError(refusal, false, true));
    const client = url.protocol === "https:" ? https : http;
    let settled = false;
    const fail = (error: FetchError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      reject(error);
    };
    const request = client.get(url, {
      headers: { "accept-encoding": "gzip, deflate, br", ...options.headers },
      agent: url.protocol === "https:" ? options.agents.https : options.agents.http,
    });
    const timer = setTimeout(() => fail(new FetchError(`no complete answer within ${options.timeoutMs / 1000} s`, true)), options.timeoutMs);
    request.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EPRIVATE") return fail(new FetchError(error.message, false, true));
      const transient = error.code !== undefined && TRANSIENT_CODES.has(error.code);
      fail(new FetchError(error.code === "ECONNRESET" ? "the connection was reset" : error.message, transient || error.code === undefined));
    });
    request.on("response", (response: IncomingMessage) => {
      const status = response.statusCode ?? 0;
      // 1xx, 204 and 304 have no body, whatever their headers announce (RFC 9110 §6.4.1, §8.6).
      const bodiless = status === 204 || status === 304 || (status >= 100 && status < 200);
      const length = Number(response.headers["content-length"] ?? Number.NaN);
      const declared = bodiless || !Number.isSafeInteger(length) || length < 0 ? null : length; // an unreadable length is no promise
      const truncate = options.overflow === "truncate";
      if (declared !== null && declared > options.maxBytes && !truncate) {
        return fail(new FetchError(`the answer is ${declared} bytes, over the limit of ${options.maxBytes}`, false));
      }
      const chunks: Buffer[] = [];
      let received = 0;
      const finish = (body: Buffer) => {
        settled = true;
        clearTimeout(timer);
        resolve({ status, headers: response.headers, body });
      };
      response.on("data", (chunk: Buffer) => {
        if (settled) return;
        received += chunk.length;
        if (received > options.maxBytes) {
          if (!truncate) return fail(new FetchError(`the answer is over the limit of ${options.maxBytes} bytes`, false));
          chunks.push(chunk.subarray(0, chunk.length - (received - options.maxBytes)));
          finish(Buffer.concat(chunks, options.maxBytes));
          return request.destroy();
        }
        chunks.push(chunk);
      });
      response.on("aborted", () => fail(truncated(received, declared)));
      response.on("error", () => fail(truncated(received, declared)));
      response.on("end", () => {
        if (settled) return;
        // A body shorter than its Content-Length is a failed download, never a file.
        if (!response.complete || (declared !== null && received !== declared)) return fail(truncated(received, declared));
        let body: Buffer = Buffer.concat(chunks, received);
        if (body.length === 0) return finish(body); // nothing to decompress (a 304, an empty 404)
        try {
          body = decode(body, response.headers["content-encoding"], options.maxBytes);
        } catch (error) {
          return fail(error instanceof FetchError ? error : new FetchError(`the body could not be decompressed: ${(error as Error).message}`, true));
        }
        finish(body);
      });
    });
  });
}

function truncated(received: number, declared: number | null): FetchError {
  return new FetchError(`the body ended early: ${received} bytes${declared !== null ? ` of the ${declared} announced` : ""}`, true);
}

function decode(body: Buffer, encoding: string | undefined, maxBytes: number): Buffer {
  const name = (encoding ?? "identity").trim().toLowerCase();
  const limits = { maxOutputLength: maxBytes };
  try {
    if (name === "gzip" || name === "x-gzip") return zlib.gunzipSync(body, limits);
    if (name === "deflate") return zlib.inflateSync(body, limits);
    if (name === "br") return zlib.brotliDecompressSync(body, limits);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") throw new FetchError(`the body is over the limit of ${maxBytes} bytes once decompressed`, false);
    throw error;
  }
  if (name === "identity" || name === "") return body;
  throw new FetchError(`unknown Content-Encoding: ${encoding}`, false);
}
