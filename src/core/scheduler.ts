import type { Logger } from 'pino';

/**
 * Runs periodic jobs in this instance. Jobs must be safe when several instances run them at the same
 * time: they claim work in the database (FOR UPDATE SKIP LOCKED) or are idempotent (retention deletes).
 */
export class Scheduler {
  private timers: NodeJS.Timeout[] = [];
  private readonly running = new Set<Promise<unknown>>();
  private stopped = false;

  constructor(private readonly log: Logger) {}

  /** Runs job every intervalMs (first after firstRunMs, default one interval). */
  every(name: string, intervalMs: number, job: () => Promise<unknown>, firstRunMs = intervalMs): void {
    let busy = false;
    const tick = () => {
      if (busy || this.stopped) return; // a slow run is never overlapped by the next one
      busy = true;
      const run = job()
        .catch((err) => this.log.warn({ job: name, err: (err as Error).message }, 'scheduled job failed'))
        .finally(() => {
          busy = false;
          this.running.delete(run);
        });
      this.running.add(run);
    };
    const first = setTimeout(() => {
      tick();
      const timer = setInterval(tick, intervalMs);
      timer.unref();
      this.timers.push(timer);
    }, firstRunMs);
    first.unref();
    this.timers.push(first);
  }

  /** Stops scheduling and waits for runs in progress (graceful shutdown). */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers = [];
    await Promise.all(this.running);
  }
}
