/**
 * Booking under load: 50 concurrent users book through POST /api/local/messages against two bot instances
 * sharing a fresh database on the PostgreSQL server (dropped afterwards).
 *   node --import tsx bench/booking.ts
 * BENCH_DATABASE_URL (or TEST_DATABASE_URL) names the server; default postgres://postgres@127.0.0.1:5432/postgres.
 */
import pg from 'pg';
import { type App, startApp } from '../src/app.ts';
import { BookingStore } from '../src/booking/store.ts';
import { loadConfig } from '../src/config.ts';

const SERVER =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';
const USERS = 50;
const BOOKINGS_PER_USER = 8;
const INSTANCES = 2;

interface Wire {
  text: string;
  choice?: { options: { value: string }[] };
}

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: SERVER });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function summary(name: string, ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  const f = (n: number) => n.toFixed(1).padStart(8);
  return `${name.padEnd(34)} n=${String(s.length).padStart(5)}  p50 ${f(percentile(s, 50))} ms  p95 ${f(percentile(s, 95))} ms  p99 ${f(percentile(s, 99))} ms  max ${f(s.at(-1) ?? Number.NaN)} ms`;
}

async function main(): Promise<void> {
  const name = `lodile_bench_${process.pid}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  const apps: App[] = [];
  try {
    for (let i = 0; i < INSTANCES; i++) {
      const config = loadConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        DATABASE_URL: url.href,
        COACHES: 'local:coach',
        LOCAL_API_TOKEN: 'bench-local-api-token',
      });
      apps.push(await startApp(config));
    }
    const store = new BookingStore(apps[0]!.services.db, [1440, 15]);
    const hour = 3_600_000;
    const base = Date.now() + 48 * hour;
    // 60 Sprechstunden with 10 seats: 600 seats for 400 bookings, so lists stay realistic until the end.
    const times = Array.from({ length: 60 }, (_, i) => ({
      startsAt: new Date(base + i * 2 * hour),
      endsAt: new Date(base + i * 2 * hour + hour),
    }));
    await store.publish(
      {
        coachKey: 'local:coach',
        coachName: 'Bench Coach',
        kind: 'sprechstunde',
        title: 'Sprechstunde',
        seats: 10,
        timeZone: 'Europe/Berlin',
        meetingUrl: 'https://meet.example.org/b',
      },
      times,
    );

    const say = async (user: number, body: object): Promise<{ ms: number; replies: Wire[] }> => {
      const app = apps[user % INSTANCES]!;
      const t0 = performance.now();
      const res = await fetch(`${app.url}/api/local/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: 'Bearer bench-local-api-token' },
        body: JSON.stringify({ user: `u${user}`, ...body }),
      });
      const json = (await res.json()) as { replies: Wire[] };
      return { ms: performance.now() - t0, replies: json.replies };
    };

    const list: number[] = [];
    const confirm: number[] = [];
    const flow: number[] = [];
    let booked = 0;
    let taken = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: USERS }, async (_, u) => {
        for (let k = 0; k < BOOKINGS_PER_USER; k++) {
          const f0 = performance.now();
          const l = await say(u, { text: 'termin buchen' });
          list.push(l.ms);
          // Users tend to pick among the first few slots: that is where contention is.
          const options = l.replies[0]?.choice?.options ?? [];
          if (!options.length) return;
          const pick = options[(u + k) % Math.min(3, options.length)]!.value;
          const c = await say(u, { action: { id: 'booking.confirm', value: pick } });
          confirm.push(c.ms);
          flow.push(performance.now() - f0);
          if (c.replies[0]?.text.includes('Gebucht!')) booked++;
          else if (c.replies[0]?.text.includes('gerade vergeben')) taken++;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;

    // Contention burst: all 50 users hit the same 1-seat e-coaching at once, 10 times.
    const burst: number[] = [];
    let burstWinners = 0;
    for (let r = 0; r < 10; r++) {
      const at = new Date(base + 200 * hour + r * hour);
      const s = await store.publish(
        {
          coachKey: 'local:coach',
          kind: 'coaching',
          title: `Einzel ${r}`,
          seats: 1,
          timeZone: 'Europe/Berlin',
        },
        [{ startsAt: at, endsAt: new Date(at.getTime() + 45 * 60_000) }],
      );
      if (!s.ok) throw new Error('overlap in bench setup');
      const results = await Promise.all(
        Array.from({ length: USERS }, (_, u) =>
          say(u, { action: { id: 'booking.confirm', value: String(s.slots[0]!.id) } }),
        ),
      );
      for (const x of results) burst.push(x.ms);
      burstWinners += results.filter((x) => x.replies[0]?.text.includes('Gebucht!')).length;
    }

    const { rows } = await apps[0]!.services.db.query<{ over: string }>(
      `SELECT count(*) AS over FROM booking_slots s
       WHERE s.booked > s.seats OR s.booked <> (SELECT count(*) FROM booking_bookings b WHERE b.slot_id = s.id AND b.status = 'confirmed')`,
    );

    console.log(
      `booking benchmark: ${USERS} concurrent users, ${INSTANCES} bot instances, PostgreSQL server`,
    );
    console.log(
      `  steady booking: ${booked} booked + ${taken} "gerade vergeben" in ${seconds.toFixed(2)} s → ${(booked / seconds).toFixed(1)} bookings/s, ${((list.length + confirm.length) / seconds).toFixed(1)} requests/s`,
    );
    console.log(`  ${summary('list free slots ("termin buchen")', list)}`);
    console.log(`  ${summary('confirm booking', confirm)}`);
    console.log(`  ${summary('whole booking (list + confirm)', flow)}`);
    console.log(`  ${summary('1-seat burst (50 at once ×10)', burst)}`);
    console.log(
      `  burst winners: ${burstWinners} of 10 slots (must be 10); slots with wrong counters: ${rows[0]!.over} (must be 0)`,
    );
  } finally {
    for (const a of apps) await a.close();
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

await main();
