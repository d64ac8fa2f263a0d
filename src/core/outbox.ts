import type { Logger } from 'pino';
import type { Db, Queryable } from '../db/index.ts';
import { findUser } from './identity.ts';
import type { Reply } from './reply.ts';
import type { Scheduler } from './scheduler.ts';

export interface Recipient {
  key: string;
  channel: string;
  id: string;
}

export interface OutboxMessage {
  id: number;
  recipient: Recipient;
  replies: Reply[];
  createdAt: Date;
}

/**
 * Delivers one message through a channel; throws to have it retried later. It runs inside the claiming
 * transaction: database work must go through `q` (the embedded database has a single connection).
 */
export type Deliver = (message: OutboxMessage, q: Queryable) => Promise<void>;

interface OutboxRow {
  id: string;
  user_key: string;
  channel: string;
  channel_user: string;
  replies: Reply[];
  created_at: Date;
}

const toMessage = (r: OutboxRow): OutboxMessage => ({
  id: Number(r.id),
  recipient: { key: r.user_key, channel: r.channel, id: r.channel_user },
  replies: r.replies,
  createdAt: r.created_at,
});

const MAX_ATTEMPTS = 10;

/**
 * Proactive messages (reminders, notifications) go through a table, so whichever instance produces them,
 * exactly one instance delivers each (FOR UPDATE SKIP LOCKED), and a crash before delivery loses nothing.
 */
export class Outbox {
  /** Channels that reach a user from their id alone (see `reachByIdAlone`). */
  private readonly byIdAlone = new Set<string>();

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    private readonly scheduler: Scheduler,
  ) {}
  /**
   * A channel declares that it can reach a user it has never heard from by their id alone (Slack opens a
   * direct message from the member id; the local inbox waits for its user). Then a configured coach
   * (COACHES) gets messages before writing to the bot. Teams needs the conversation the user started.
   */
  reachByIdAlone(channel: string): void {
    this.byIdAlone.add(channel);
  }

  async send(to: Recipient, replies: Reply[], q: Pick<Db, 'query'> = this.db): Promise<void> {
    await q.query('INSERT INTO outbox (user_key, channel, channel_user, replies) VALUES ($1, $2, $3, $4)', [
      to.key,
      to.channel,
      to.id,
      JSON.stringify(replies),
    ]);
  }

  /** Sends to a known user by key; returns false when the bot has never seen that user. */
  async sendToUser(userKey: string, replies: Reply[], q: Pick<Db, 'query'> = this.db): Promise<boolean> {
    const known = await findUser(q, userKey);
    const u = known
      ? { channel: known.channel, channel_user: known.channelUser }
      : this.addressFromKey(userKey);
    if (!u) return false;
    await this.send({ key: userKey, channel: u.channel, id: u.channel_user }, replies, q);
    return true;
  }

  /** Hands out and marks as delivered everything waiting for one user of a pull channel (local inbox). */
  async take(channel: string, channelUser: string): Promise<OutboxMessage[]> {
    const { rows } = await this.db.query<OutboxRow>(
      `UPDATE outbox SET delivered_at = now(), attempts = attempts + 1
       WHERE id IN (SELECT id FROM outbox WHERE channel = $1 AND channel_user = $2 AND delivered_at IS NULL
                    ORDER BY id FOR UPDATE SKIP LOCKED)
       RETURNING id, user_key, channel, channel_user, replies, created_at`,
      [channel, channelUser],
    );
    return rows.map(toMessage).sort((a, b) => a.id - b.id);
  }

  /** Delivers pending messages of one channel once; returns how many were delivered. */
  async dispatchOnce(channel: string, deliver: Deliver, batch = 20): Promise<number> {
    return this.db.tx(async (c) => {
      const { rows } = await c.query<OutboxRow>(
        `SELECT id, user_key, channel, channel_user, replies, created_at FROM outbox
         WHERE channel = $1 AND delivered_at IS NULL AND attempts < $2
         ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED`,
        [channel, MAX_ATTEMPTS, batch],
      );
      let delivered = 0;
      for (const row of rows) {
        try {
          await deliver(toMessage(row), c);
          await c.query('UPDATE outbox SET delivered_at = now(), attempts = attempts + 1 WHERE id = $1', [
            row.id,
          ]);
          delivered++;
        } catch (err) {
          this.log.warn(
            { err: (err as Error).message, outboxId: row.id },
            'proactive delivery failed, will retry',
          );
          await c.query('UPDATE outbox SET attempts = attempts + 1 WHERE id = $1', [row.id]);
        }
      }
      return delivered;
    });
  }

  private addressFromKey(userKey: string): { channel: string; channel_user: string } | undefined {
    const at = userKey.indexOf(':');
    const channel = userKey.slice(0, at);
    return at > 0 && this.byIdAlone.has(channel)
      ? { channel, channel_user: userKey.slice(at + 1) }
      : undefined;
  }

  /** Polls the outbox for a push channel (Slack, Teams) until the scheduler stops. */
  startDispatcher(channel: string, deliver: Deliver, intervalMs = 2000): void {
    this.scheduler.every(`outbox:${channel}`, intervalMs, () => this.dispatchOnce(channel, deliver));
  }
}
