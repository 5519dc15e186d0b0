/**
 * Re-crawl speed: a publisher on loopback (in a worker thread, so that it does not share the
 * crawler's event loop) serves an index page linking to N distinct filings (default 1000).
 * A first crawl imports them; the re-crawls that follow find them unchanged (a 304 each) and
 * are timed. No delay between requests. Prints requests/s and the total time of each re-crawl.
 * Usage: npm run bench:crawl [-- N [RUNS]]
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { crawl } from "../src/crawl/crawler.js";
import { openDatabase } from "../src/store/db.js";
import { FilingServer } from "./lib/filing-server.js";

interface Setup {
  count: number;
  seeds: string[];
}

if (!isMainThread) {
  // The publisher: N filings made distinct by a last line, and one page of links to them all.
  const { count, seeds } = workerData as Setup;
  const server = new FilingServer();
  const paths: string[] = [];
  for (let i = 0; i < count; i++) {
    const path = `/hyoka/${String(i).padStart(5, "0")}.txt`;
    server.put(path, `${seeds[i % seeds.length]}\n\n写し ${i}\n`);
    paths.push(path);
  }
  server.putIndex("/index.html", paths);
  parentPort!.postMessage(await server.start());
} else {
  const root = join(import.meta.dirname, "..", "..");
  const count = Number(process.argv[2] ?? 1000);
  const runs = Number(process.argv[3] ?? 3);
  const seedDir = join(root, "fixtures", "seeds");
  const seeds = readdirSync(seedDir).filter((f) => f.endsWith(".txt")).map((f) => readFileSync(join(seedDir, f), "utf8"));
  const publisher = new Worker(new URL(import.meta.url), { workerData: { count, seeds } satisfies Setup });
  const origin = await new Promise<string>((resolve) => publisher.once("message", resolve));

  const dir = mkdtempSync(join(tmpdir(), "pia-bench-crawl-"));
  const db = openDatabase(join(dir, "pia.sqlite"));
  const options = {
    startUrls: [`${origin}/index.html`], contact: "bench@example.org", allowPrivate: true, delayMs: 0,
    rawDir: join(dir, "raw"), lockPath: join(dir, "crawl.lock"), workers: 2,
  };
  console.log(`crawl: ${count} filings on ${origin}, no delay, ${process.env.CI ? "CI" : "local"} run`);
  const first = await crawl(db, options);
  console.log(
    `  first crawl: ${first.new} new, ${first.failed} failed — ${first.requests} requests in ${first.seconds.toFixed(2)} s ` +
      `(${(first.new / first.seconds).toFixed(1)} filings/s imported, ${(first.bytes / 1e6).toFixed(1)} MB downloaded)`,
  );
  for (let run = 1; run <= runs; run++) {
    const again = await crawl(db, options);
    const changed = again.new + again.newVersions + again.withdrawn + again.failed;
    console.log(
      `  re-crawl ${run}: ${again.unchanged} unchanged, ${changed} changed or failed — ${again.requests} requests in ${again.seconds.toFixed(2)} s, ` +
        `${(again.requests / again.seconds).toFixed(0)} requests/s, ${again.bytes} bytes of bodies`,
    );
  }
  console.log(`  peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  db.close();
  await publisher.terminate();
  rmSync(dir, { recursive: true, force: true });
}
