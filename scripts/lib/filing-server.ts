import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";

/**
 * A small publisher of filings for the crawl's tests and benchmark: files with ETag and
 * Last-Modified (answering 304 to a matching If-None-Match / If-Modified-Since), robots.txt,
 * files that disappear (404/410), and one-shot faults queued per path.
 */

export interface ServedFile {
  body: Buffer;
  contentType: string;
  etag: string | null;
  lastModified: string;
  /** Sent gzip-compressed (with Content-Encoding: gzip). */
  gzip: boolean;
}

/** Answers one request in place of the file (a fault); it is used once. */
export type Fault = (request: IncomingMessage, response: ServerResponse, file: ServedFile | undefined) => void;

export interface LoggedRequest {
  path: string;
  host: string;
  status: number;
  /** When the request arrived, and when its answer was sent (ms since the epoch). */
  at: number;
  end: number;
  headers: IncomingMessage["headers"];
}

const TYPES: Record<string, string> = { ".html": "text/html; charset=utf-8", ".txt": "text/plain; charset=utf-8", ".pdf": "application/pdf" };

export class FilingServer {
  readonly files = new Map<string, ServedFile>();
  readonly gone = new Map<string, 404 | 410>();
  readonly faults = new Map<string, Fault[]>();
  readonly log: LoggedRequest[] = [];
  robots: string | null = null;
  /** Off: files carry only Last-Modified, and conditional requests rely on If-Modified-Since. */
  etags = true;
  origin = "";
  private server: Server | null = null;
  private clock = Date.UTC(2026, 0, 1);

  async start(host = "127.0.0.1"): Promise<string> {
    this.server = createServer((request, response) => this.answer(request, response));
    this.server.keepAliveTimeout = 10_000;
    await new Promise<void>((resolve) => this.server!.listen(0, host, resolve));
    this.origin = `http://${host}:${(this.server.address() as AddressInfo).port}`;
    return this.origin;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.server) return resolve();
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }

  /** Publish (or re-publish) a file; a new body gets a new ETag and a later Last-Modified. */
  put(path: string, body: Buffer | string, contentType?: string, gzip = false): void {
    const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body, "utf8");
    this.clock += 86_400_000;
    const extension = path.match(/\.[a-z]+$/)?.[0] ?? ".html";
    this.files.set(path, {
      body: bytes,
      contentType: contentType ?? TYPES[extension] ?? "application/octet-stream",
      etag: this.etags ? `"${createHash("sha256").update(bytes).digest("hex").slice(0, 16)}"` : null,
      lastModified: new Date(this.clock).toUTCString(),
      gzip,
    });
    this.gone.delete(path);
  }

  /** An index page linking to these paths (or URLs). */
  putIndex(path: string, links: string[]): void {
    const items = links.map((l) => `<li><a href="${l}">${l}</a></li>`).join("\n");
    this.put(path, `<!DOCTYPE html><html><head><meta charset="utf-8"><title>特定個人情報保護評価書の公表</title></head><body><ul>\n${items}\n</ul></body></html>`);
  }

  remove(path: string, status: 404 | 410 = 404): void {
    this.files.delete(path);
    this.gone.set(path, status);
  }

  fault(path: string, ...faults: Fault[]): void {
    this.faults.set(path, [...(this.faults.get(path) ?? []), ...faults]);
  }

  requestsFor(path: string): LoggedRequest[] {
    return this.log.filter((r) => r.path === path);
  }

  private answer(request: IncomingMessage, response: ServerResponse): void {
    const path = new URL(request.url ?? "/", "http://x").pathname;
    const entry: LoggedRequest = { path, host: request.headers.host ?? "", status: 0, at: Date.now(), end: 0, headers: request.headers };
    this.log.push(entry);
    const ended = () => {
      entry.status ||= response.statusCode;
      entry.end ||= Date.now();
    };
    response.on("finish", ended);
    response.on("close", ended);
    const file = this.files.get(path);
    const fault = this.faults.get(path)?.shift();
    if (fault) return fault(request, response, file);
    if (path === "/robots.txt") {
      if (this.robots === null) return void response.writeHead(404).end();
      return void response.writeHead(200, { "content-type": "text/plain" }).end(this.robots);
    }
    if (!file) return void response.writeHead(this.gone.get(path) ?? 404).end();
    const validators: Record<string, string> = { "last-modified": file.lastModified, ...(file.etag ? { etag: file.etag } : {}) };
    const ifNoneMatch = request.headers["if-none-match"];
    const ifModifiedSince = request.headers["if-modified-since"];
    const notModified = ifNoneMatch !== undefined ? ifNoneMatch === file.etag : ifModifiedSince !== undefined && Date.parse(ifModifiedSince) >= Date.parse(file.lastModified);
    if (notModified) return void response.writeHead(304, validators).end();
    const body = file.gzip ? gzipSync(file.body) : file.body;
    const encoding = file.gzip ? { "content-encoding": "gzip" } : {};
    response.writeHead(200, { ...validators, ...encoding, "content-type": file.contentType, "content-length": body.length }).end(body);
  }
}

/** Faults, each used once. */
export const faults = {
  status: (code: number, headers: Record<string, string> = {}): Fault => (_req, res) => void res.writeHead(code, headers).end(),
  /** Announce the whole body, send half, and drop the connection. */
  truncate: (): Fault => (_req, res, file) => {
    const body = file?.body ?? Buffer.from("x".repeat(1000));
    res.writeHead(200, { "content-length": body.length, "content-type": file?.contentType ?? "text/plain" });
    res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.destroy());
  },
  /** Send the headers, then nothing for `ms`. */
  stall: (ms: number): Fault => (_req, res, file) => {
    res.writeHead(200, { "content-length": file?.body.length ?? 10, "content-type": file?.contentType ?? "text/plain" });
    const timer = setTimeout(() => res.end(file?.body ?? "0123456789"), ms);
    res.on("close", () => clearTimeout(timer));
  },
  redirect: (location: string, code = 302): Fault => (_req, res) => void res.writeHead(code, { location }).end(),
};
