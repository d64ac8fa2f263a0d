import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BookingStore } from '../src/booking/store.ts';
import { type Db, openDb } from '../src/db/index.ts';
import { migrate } from '../src/db/migrate.ts';
import { startTestApp, type TestApp, type WireReply } from './support/app.ts';
import { createServerDatabase, dropServerDatabase } from './support/db.ts';

const run = promisify(execFile);
const WORKER = fileURLToPath(new URL('./support/reminder-worker.ts', import.meta.url));
const INSTANCES = 4;
const HOUR = 3_600_000;

// Several bot instances, each with its own connection pool, share one database on the PostgreSQL
// server: the guarantees must come from the database, not from the per-process turn queue.
describe.skipIf(!process.env.TEST_DATABASE_URL)('booking under concurrency (PostgreSQL server)', () => {
  const serverUrl = process.env.TEST_DATABASE_URL!;
  let url: URL;
  const dbs: Db[] = [];
  const apps: TestApp[] = [];
  let store: BookingStore;

  beforeAll(async () => {
    url = await createServerDatabase(serverUrl);
    for (let i = 0; i < INSTANCES; i++) {
      const db = await openDb({ url: url.href });
      await migrate(db);
      dbs.push(db);
      apps.push(await startTestApp({ COACHES: 'local:coach1' }, db));
    }
    store = new BookingStore(dbs[0]!, [1440, 15]);
  });
  afterAll(async () => {
    for (const a of apps) await a.close();
    for (const d of dbs) await d.close();
    if (url) await dropServerDatabase(serverUrl, url.pathname.slice(1));
  });

  let hoursAhead = 48;
  async function slot(kind: 'coaching' | 'sprechstunde', seats: number, title: string) {
    const startsAt = new Date(Date.now() + hoursAhead * HOUR);
    hoursAhead += 2;
    const r = await store.publish(
      {
        coachKey: 'local:coach1',
        coachName: 'Clara',
        kind,
        title,
        seats,
        timeZone: 'Europe/Berlin',
        meetingUrl: 'https://meet.example.org/x',
      },
      [{ startsAt, endsAt: new Date(startsAt.getTime() + HOUR) }],
    );
    if (!r.ok) throw new Error('slot overlaps');
    return r.slots[0]!;
  }

  /** n different users confirm the same slot at once, spread over the instances. */
  async function rush(prefix: string, slotId: number, n: number): Promise<WireReply[][]> {
    return Promise.all(
      Array.from({ length: n }, (_, i) =>
        apps[i % INSTANCES]!.say(`${prefix}${i}`, { id: 'booking.confirm', value: String(slotId) }),
      ),
    );
  }

  const counts = async (slotId: number) => {
    const { rows } = await dbs[0]!.query<{ booked: number; live: string }>(
      `SELECT s.booked, (SELECT count(*) FROM booking_bookings b WHERE b.slot_id = s.id AND b.status = 'confirmed') AS live
       FROM booking_slots s WHERE s.id = $1`,
      [slotId],
    );
    return { booked: rows[0]!.booked, live: Number(rows[0]!.live) };
  };

  it('50 attempts on a 1-seat e-coaching: exactly one booking, 49 friendly answers with alternatives', async () => {
    const target = await slot('coaching', 1, 'E-Coaching Einzeltermin');
    const other = await slot('sprechstunde', 20, 'Ausweich-Sprechstunde');
    const replies = await rush('one', target.id, 50);
    const booked = replies.filter((r) => r[0]!.text.includes('Gebucht!'));
    const taken = replies.filter((r) => r[0]!.text.includes('gerade vergeben'));
    expect(booked).toHaveLength(1);
    expect(taken).toHaveLength(49);
    for (const r of taken) {
      expect(r[0]!.choice!.id).toBe('booking.pick');
      expect(r[0]!.choice!.options.map((o) => o.value)).toContain(String(other.id));
      expect(r[0]!.choice!.options.map((o) => o.value)).not.toContain(String(target.id));
    }
    expect(await counts(target.id)).toEqual({ booked: 1, live: 1 });
  });

  it('50 attempts on a 10-seat Sprechstunde: exactly 10 bookings', async () => {
    const target = await slot('sprechstunde', 10, 'Sprechstunde zehn Plätze');
    const replies = await rush('ten', target.id, 50);
    expect(replies.filter((r) => r[0]!.text.includes('Gebucht!'))).toHaveLength(10);
    expect(replies.filter((r) => r[0]!.text.includes('gerade vergeben'))).toHaveLength(40);
    expect(await counts(target.id)).toEqual({ booked: 10, live: 10 });
  });

  it('a double click (also on two instances at once) books once', async () => {
    const target = await slot('sprechstunde', 5, 'Doppelklick');
    const clicks = await Promise.all(
      [0, 1, 2, 3, 0, 1].map((i) => apps[i]!.say('dbl', { id: 'booking.confirm', value: String(target.id) })),
    );
    expect(clicks.filter((r) => r[0]!.text.includes('Gebucht!'))).toHaveLength(1);
    expect(clicks.filter((r) => r[0]!.text.includes('bereits gebucht'))).toHaveLength(5);
    expect(await counts(target.id)).toEqual({ booked: 1, live: 1 });
  });

  it('cancel and rebook races never push the seat counter past the seats', async () => {
    const target = await slot('sprechstunde', 3, 'Hin und her');
    await rush('flip', target.id, 3);
    const mine = await Promise.all([0, 1, 2].map((i) => store.upcomingOf(`local:flip${i}`, new Date())));
    await Promise.all([
      ...mine.map((b, i) => store.cancel(new Date(), `local:flip${i}`, b[0]!.id, 120)),
      rush('late', target.id, 10),
    ]);
    const c = await counts(target.id);
    expect(c.booked).toBe(c.live);
    expect(c.booked).toBeLessThanOrEqual(3);
  });

  it('two worker processes send each due reminder exactly once, none for cancelled bookings', async () => {
    const target = await slot('sprechstunde', 40, 'Erinnerungstest');
    const users = Array.from({ length: 30 }, (_, i) => `local:rem${i}`);
    const bookings = [];
    for (const u of users) {
      const r = await store.book(new Date(), { slotId: target.id, userKey: u });
      if (r.kind !== 'booked') throw new Error(r.kind);
      bookings.push(r.booking);
    }
    for (const b of bookings.slice(0, 5)) await store.cancel(new Date(), b.userKey, b.id, 120);

    const at = new Date(target.startsAt.getTime() - 1440 * 60_000 + 1000).toISOString();
    const workers = await Promise.all(
      [1, 2].map(() => run(process.execPath, ['--import', 'tsx', WORKER, url.href, at, '3'])),
    );
    const written = workers.map((w) => Number(w.stdout));
    expect(written[0]! + written[1]!).toBeGreaterThanOrEqual(25);

    // Exactly once across both workers: one outbox message per reminder written, none twice. (Bookings
    // from the earlier tests on slots before this one are due too and count the same way.)
    const { rows } = await dbs[0]!.query<{ user_key: string; n: string }>(
      `SELECT user_key, count(*) AS n FROM outbox WHERE replies::text LIKE '%Erinnerung%' GROUP BY user_key`,
    );
    const perUser = new Map(rows.map((r) => [r.user_key, Number(r.n)]));
    expect([...perUser.values()].reduce((a, b) => a + b, 0)).toBe(written[0]! + written[1]!);
    for (const n of perUser.values()) expect(n).toBe(1);
    for (const u of users.slice(5)) expect(perUser.get(u)).toBe(1);
    for (const u of users.slice(0, 5)) expect(perUser.has(u)).toBe(false);
    // Running again at the same instant finds nothing left to send.
    const again = await run(process.execPath, ['--import', 'tsx', WORKER, url.href, at]);
    expect(again.stdout).toBe('0');
  });
});
