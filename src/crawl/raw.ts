import { createHash, randomBytes } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, readdirSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Downloads kept as they came, named by their sha256 (never by the URL, which the site
 * controls). A file is written whole under a temporary name and then linked into place, so a
 * name is never half-written, and an existing one is never overwritten.
 */
export class RawStore {
  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
    return join(this.dir, sha256);
  }

  /** Store bytes; gives their sha256 and path. The same bytes again are not written twice. */
  put(bytes: Uint8Array): { sha256: string; path: string } {
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    const path = this.pathOf(sha256);
    if (this.has(sha256)) return { sha256, path };
    const temporary = join(this.dir, `.partial-${process.pid}-${randomBytes(6).toString("hex")}`);
    writeFileSync(temporary, bytes, { flag: "wx", mode: 0o444 });
    try {
      linkSync(temporary, path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    } finally {
      unlinkSync(temporary);
    }
    return { sha256, path };
  }

  has(sha256: string): boolean {
    try {
      return statSync(this.pathOf(sha256)).isFile();
    } catch {
      return false;
    }
  }

  read(sha256: string): Buffer {
    return readFileSync(this.pathOf(sha256));
  }

  /** Temporary files a killed run left behind (older than an hour, so never a live run's). */
  sweep(now = Date.now()): void {
    for (const name of readdirSync(this.dir)) {
      if (!name.startsWith(".partial-")) continue;
      const path = join(this.dir, name);
      if (now - statSync(path).mtimeMs > 3600_000) unlinkSync(path);
    }
  }
}

