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

  /** The wait between two requests to this origin. */
  delayOf(origin: string): number {
    return this.delays.get(origin) ?? this.delayMs;
  }

  /**
   * Run a task in the origin's turn. `ready` is awaited first, inside the turn (the crawl waits
   * there for its extraction workers to catch up). The task takes a global slot with `slot`
   * for each request it makes, not for its retries' waits.
   */
  run<T>(origin: string, task: () => Promise<T>, ready?: () => Promise<void>): Promise<T> {
    let queue = this.queues.get(origin);
    if (!queue) this.queues.set(origin, (queue = new PQueue({ concurrency: 1 })));
    return queue.add(async () => {
      await ready?.();
      const wait = (this.lastEnd.get(origin) ?? -Infinity) + this.delayOf(origin) - Date.now();
      if (wait > 0) await sleep(wait);
      try {
        return await task();
      } finally {
        this.lastEnd.set(origin, Date.now());
      }
    }) as Promise<T>;
  }

  /** One request's share of the global limit. */
  slot<T>(request: () => Promise<T>): Promise<T> {
    return this.all.add(request) as Promise<T>;
  }
}

export { sleep };
