import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";

/** Another crawl holds the lock: this one must not start. */
export class CrawlRunningError extends Error {}

interface LockContent {
  pid: number;
  host: string;
  startedAt: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // alive, someone else's
  }
}

/**
 * Take the crawl lock: a file created exclusively, holding our pid. A lock whose process is gone
 * (a crashed or killed run, on this host) is taken over; a live one stops us at once.
 * Gives the function that releases it.
 */
export function acquireLock(path: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, "wx");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      let holder: LockContent | null = null;
      try {
        holder = JSON.parse(readFileSync(path, "utf8")) as LockContent;
      } catch {
        // Unreadable: being written this instant, or garbage. Treat as held rather than race.
      }
      const stale = holder !== null && holder.host === hostname() && !isAlive(holder.pid);
      if (!stale) {
        const who = holder ? `pid ${holder.pid} on ${holder.host}, since ${holder.startedAt}` : "unknown process";
        throw new CrawlRunningError(`a crawl is already running (${who}); lock file ${path}`);
      }
      try {
        unlinkSync(path);
      } catch {
        // Another run took it over first; the next attempt finds its lock.
      }
      continue;
    }
    writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), startedAt: new Date().toISOString() } satisfies LockContent));
    closeSync(fd);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      process.off("exit", release);
      try {
        const holder = JSON.parse(readFileSync(path, "utf8")) as LockContent;
        if (holder.pid === process.pid) unlinkSync(path);
      } catch {
        // Already gone.
      }
    };
    // A run ended by process.exit (the CLI's signal handlers) still leaves no lock behind.
    process.on("exit", release);
    return release;
  }
  throw new CrawlRunningError(`a crawl is already running; lock file ${path}`);
}
