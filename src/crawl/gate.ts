import PQueue from "p-queue";

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Politeness per origin: one task at a time on each origin (a p-queue of concurrency 1), and
 * at least `delayMs` between the end of one task and the start of the next. Origins run in
 * parallel with each other, up to `parallelOrigins` at a time.
 */
export class OriginGate {
  private readonly queues = new Map<string, PQueue>();
  private readonly lastEnd = new Map<string, number>();
  private readonly delays = new Map<string, number>();

  /** Requests in flight over all origins: a crawl of a thousand sites holds a few sockets, not a thousand. */
  private readonly all: PQueue;

  constructor(
    private readonly delayMs: number,
    parallelOrigins = Infinity,
  ) {
    this.all = new PQueue({ concurrency: parallelOrigins });
  }

  /** A longer delay for one origin (its robots.txt Crawl-delay); never shorter than ours. */
  slowDown(origin: string, delayMs: number): void {
    this.delays.set(origin, Math.max(this.delayMs, delayMs));
  }

  run<T>(origin: string, task: () => Promise<T>): Promise<T> {
    let queue = this.queues.get(origin);
    if (!queue) this.queues.set(origin, (queue = new PQueue({ concurrency: 1 })));
    return queue.add(async () => {
      const wait = (this.lastEnd.get(origin) ?? -Infinity) + (this.delays.get(origin) ?? this.delayMs) - Date.now();
      if (wait > 0) await sleep(wait);
      try {
        return (await this.all.add(task)) as T;
      } finally {
        this.lastEnd.set(origin, Date.now());
      }
    }) as Promise<T>;
  }
}

export { sleep };
