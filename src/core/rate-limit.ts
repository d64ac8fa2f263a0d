/**
 * Per-user sliding-window limit on turns. Kept in memory per instance: it protects the bot and the LLM
 * budget from a runaway client; it is not a quota, so being a little generous across instances is fine.
 */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a hit; false when the user is over the limit. */
  allow(key: string): boolean {
    const t = this.now();
    const recent = (this.hits.get(key) ?? []).filter((h) => t - h < 60_000);
    if (recent.length >= this.perMinute) {
      this.hits.set(key, recent);
      return false;
    }
    recent.push(t);
    this.hits.set(key, recent);
    if (this.hits.size > 10_000) this.prune(t);
    return true;
  }

  private prune(t: number) {
    for (const [key, list] of this.hits) {
      if (list.every((h) => t - h >= 60_000)) this.hits.delete(key);
    }
  }
}
