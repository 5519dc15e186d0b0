import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from "node:fs";
import { hostname, uptime } from "node:os";

/** Another crawl holds the lock: this one must not start. */
export class CrawlRunningError extends Error {}

interface LockContent {
  pid: number;
  host: string;
  startedAt: string;
  /** The holder's start time as Linux counts it (/proc/PID/stat), to tell it from a later process given the same pid. */
  processStart: string | null;
}

/** A lock that is empty or unreadable for this long was left by a writer that died mid-write. */
const UNREADABLE_STALE_MS = 10 * 60_000;

function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Field 22 (starttime), counted after the parenthesised command name, which may hold spaces.
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // alive, someone else's
  }
}

/** Whether the lock's holder is certainly gone: the lock is safe to take over. */
function isStale(path: string, holder: LockContent | null, now = Date.now()): boolean {
  if (holder === null) {
    try {
      return now - statSync(path).mtimeMs > UNREADABLE_STALE_MS;
    } catch {
      return true; // gone meanwhile
    }
  }
  if (holder.host !== hostname()) return false; // another machine's process: we cannot tell
  if (Date.parse(holder.startedAt) < now - uptime() * 1000 - 5000) return true; // from before this boot
  if (!isAlive(holder.pid)) return true;
  // The pid is alive, but is it the same process? (pids are reused.)
  const start = processStart(holder.pid);
  return holder.processStart !== null && start !== null && start !== holder.processStart;
}

function readHolder(path: string): LockContent | null {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as LockContent;
  } catch {
    return null; // being written this instant, empty, or garbage
  }
}

/**
 * Take the crawl lock: a file created exclusively, holding our pid. A lock whose holder is gone
 * (a crashed or killed run, one from before a reboot) is taken over; a live one stops us at once.
 * `serialize` runs the check-and-take as one step among all processes (pia passes a SQLite
 * IMMEDIATE transaction on the database the crawl writes), so that two runs finding one stale
 * lock cannot both take it. Gives the function that releases the lock.
 */
export function acquireLock(path: string, serialize: (take: () => void) => void = (take) => take()): () => void {
  serialize(() => {
    let fd: number;
    try {
      fd = openSync(path, "wx");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = readHolder(path);
      if (!isStale(path, holder)) {
        const who = holder ? `pid ${holder.pid} on ${holder.host}, since ${holder.startedAt}` : "a process that has not written its pid yet";
        throw new CrawlRunningError(`a crawl is already running (${who}); lock file ${path}`);
      }
      unlinkSync(path);
      fd = openSync(path, "wx");
    }
    try {
      const content: LockContent = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), processStart: processStart(process.pid) };
      writeSync(fd, JSON.stringify(content));
    } catch (error) {
      unlinkSync(path); // never leave an empty lock behind
      throw error;
    } finally {
      closeSync(fd);
    }
  });
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off("exit", release);
    if (readHolder(path)?.pid === process.pid) {
      try {
        unlinkSync(path);
      } catch {
        // Already gone.
      }
    }
  };
  // A run ended by process.exit (the CLI's signal handlers) still leaves no lock behind.
  process.on("exit", release);
  return release;
}
