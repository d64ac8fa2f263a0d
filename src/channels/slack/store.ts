import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/index.ts';
import type { Stashed } from './render.ts';

/** How long we remember handled events (Slack retries within minutes) and stashed payloads (old buttons). */
const SEEN_DAYS = 2;
const PAYLOAD_DAYS = 30;

/** The Slack channel's tables (migration 005): idempotency keys and stashed payloads. */
export class SlackStore {
  private lastCleanup = 0;

  constructor(private readonly db: Db) {}

  /** True the first time a key is seen; false for a retry or duplicate (stored, so it holds across instances). */
  async firstTime(key: string): Promise<boolean> {
    const r = await this.db.query('INSERT INTO slack_seen (key) VALUES ($1) ON CONFLICT DO NOTHING', [
      key.slice(0, 500),
    ]);
    void this.cleanupNowAndThen();
    return r.rowCount === 1;
  }

  /** A stash collecting payloads while rendering; `flush` stores them before the message goes out. */
  stash(): { stash(payload: Stashed): string; flush(): Promise<void> } {
    const pending: [string, Stashed][] = [];
    return {
      stash: (payload) => {
        const key = randomUUID();
        pending.push([key, payload]);
        return key;
      },
      flush: async () => {
        for (const [key, payload] of pending.splice(0)) {
          await this.db.query('INSERT INTO slack_payloads (key, payload) VALUES ($1, $2)', [
            key,
            JSON.stringify(payload),
          ]);
        }
      },
    };
  }

  async payload(key: string): Promise<Stashed | undefined> {
    if (!/^[0-9a-f-]{36}$/i.test(key)) return undefined;
    const { rows } = await this.db.query<{ payload: Stashed }>(
      'SELECT payload FROM slack_payloads WHERE key = $1',
      [key],
    );
    return rows[0]?.payload;
  }

  private async cleanupNowAndThen(): Promise<void> {
    if (Date.now() - this.lastCleanup < 3_600_000) return;
    this.lastCleanup = Date.now();
    try {
      await this.db.query(`DELETE FROM slack_seen WHERE seen_at < now() - make_interval(days => $1)`, [
        SEEN_DAYS,
      ]);
      await this.db.query(`DELETE FROM slack_payloads WHERE created_at < now() - make_interval(days => $1)`, [
        PAYLOAD_DAYS,
      ]);
    } catch {
      // Housekeeping only; the next round tries again.
    }
  }
}
