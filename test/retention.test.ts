import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackRetention } from '../src/channels/slack/store.ts';
import { applyRetention, coreRetention } from '../src/core/retention.ts';
import type { Db } from '../src/db/index.ts';
import { createTestDb } from './support/db.ts';

describe('retention', () => {
  let db: Db;
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(async () => db.close());

  it('deletes idle conversations, delivered notifications and old files after the period, and nothing newer', async () => {
    for (const u of ['old', 'new']) {
      await db.query(`INSERT INTO users (user_key, channel, channel_user) VALUES ($1, 'local', $2)`, [
        `local:${u}`,
        u,
      ]);
    }
    await db.query(`INSERT INTO conversation_state (user_key, state, updated_at) VALUES
      ('local:old', '{"data":{}}', now() - interval '200 days'), ('local:new', '{"data":{}}', now() - interval '3 days')`);
    await db.query(`INSERT INTO outbox (user_key, channel, channel_user, replies, created_at, delivered_at) VALUES
      ('local:old', 'local', 'old', '[]', now() - interval '200 days', now() - interval '200 days'),
      ('local:old', 'local', 'old', '[]', now() - interval '200 days', NULL),
      ('local:new', 'local', 'new', '[]', now(), now())`);
    await db.query(`INSERT INTO files (owner_key, name, mime, data, created_at) VALUES
      ('local:old', 'a.md', 'text/markdown', '\\x00', now() - interval '181 days'),
      ('local:new', 'b.md', 'text/markdown', '\\x00', now())`);

    const deleted = await applyRetention(db, coreRetention, 180);
    expect(deleted).toEqual({ conversation_state: 1, outbox: 1, files: 1 });
    const left = await db.query<{ n: string }>(
      `SELECT (SELECT count(*) FROM conversation_state) + (SELECT count(*) FROM outbox) + (SELECT count(*) FROM files) AS n`,
    );
    // The undelivered notification stays until it is delivered; users themselves are never aged out.
    expect(Number(left.rows[0]!.n)).toBe(4);
    expect(await applyRetention(db, coreRetention, 180)).toEqual({
      conversation_state: 0,
      outbox: 0,
      files: 0,
    });
  });

  it('applies a rule’s own period (Slack housekeeping) instead of RETENTION_DAYS', async () => {
    await db.query(`INSERT INTO slack_seen (key, seen_at) VALUES
      ('ev-old', now() - interval '3 days'), ('ev-new', now() - interval '1 day')`);
    await db.query(`INSERT INTO slack_payloads (key, user_key, payload, created_at) VALUES
      (gen_random_uuid(), 'slack:U1', '{}', now() - interval '31 days'),
      (gen_random_uuid(), 'slack:U1', '{}', now() - interval '29 days')`);
    expect(await applyRetention(db, slackRetention, 180)).toEqual({ slack_seen: 1, slack_payloads: 1 });
    const { rows } = await db.query<{ key: string }>('SELECT key FROM slack_seen');
    expect(rows.map((r) => r.key)).toEqual(['ev-new']);
  });
});
