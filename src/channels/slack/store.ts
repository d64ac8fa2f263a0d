import { randomUUID } from 'node:crypto';
import type { PersonalDataSource } from '../../core/personal-data.ts';
import type { RetentionRule } from '../../core/retention.ts';
import type { Db, Queryable } from '../../db/index.ts';
import { channelTexts } from '../messages/index.ts';
import type { Stashed } from './render.ts';

/** How long we remember handled events (Slack retries within minutes) and stashed payloads (old buttons). */
const SEEN_DAYS = 2;
const PAYLOAD_DAYS = 30;

/** The Slack channel's tables (migration 005): idempotency keys and stashed payloads. */
export class SlackStore {
  constructor(private readonly db: Db) {}

  /** True the first time a key is seen; false for a retry or duplicate (stored, so it holds across instances). */
  async firstTime(key: string): Promise<boolean> {
    const r = await this.db.query('INSERT INTO slack_seen (key) VALUES ($1) ON CONFLICT DO NOTHING', [
      key.slice(0, 500),
    ]);
    return r.rowCount === 1;
  }

  /** A stash collecting payloads while rendering; `flush` stores them before the message goes out. */
  stash(userKey: string): { stash(payload: Stashed): string; flush(q?: Queryable): Promise<void> } {
    const pending: [string, Stashed][] = [];
    return {
      stash: (payload) => {
        const key = randomUUID();
        pending.push([key, payload]);
        return key;
      },
      flush: async (q = this.db) => {
        for (const [key, payload] of pending.splice(0)) {
          await q.query('INSERT INTO slack_payloads (key, user_key, payload) VALUES ($1, $2, $3)', [
            key,
            userKey,
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
}

/** Housekeeping by the retention job: forgets old idempotency keys and payloads of old buttons. */
export const slackRetention: RetentionRule[] = [
  {
    table: 'slack_seen',
    column: 'seen_at',
    days: SEEN_DAYS,
    label: channelTexts('slack.data.events.label'),
    after: channelTexts('slack.data.events.after'),
  },
  {
    table: 'slack_payloads',
    column: 'created_at',
    days: PAYLOAD_DAYS,
    label: channelTexts('slack.data.forms.label'),
    after: channelTexts('slack.data.forms.after'),
  },
];

/** Stashed forms can hold prefilled answers: part of "meine Daten" (export and erasure). */
export const slackPersonalData: PersonalDataSource = {
  label: channelTexts('slack.data.forms.label'),
  about: channelTexts('slack.data.forms.about'),
  async export(q, userKey) {
    return (
      await q.query(
        'SELECT payload, created_at FROM slack_payloads WHERE user_key = $1 ORDER BY created_at',
        [userKey],
      )
    ).rows;
  },
  async erase(q, userKey) {
    await q.query('DELETE FROM slack_payloads WHERE user_key = $1', [userKey]);
  },
};
