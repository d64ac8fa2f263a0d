/**
 * Load scenario (issue 8): one bot process on the PostgreSQL server, 100 simulated users for 60 s through the
 * local API, mixing questions, canvas steps and bookings. Reports throughput, latency percentiles, errors and
 * the bot's resident memory over time. Needs the server: BENCH_DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/postgres); a fresh database is created and dropped.
 *   node --import tsx bench/load.ts [users] [seconds]
 */
import { DateTime } from 'luxon';
import { automation } from '../test/support/app.ts';
import { createServerDatabase, dropServerDatabase } from '../test/support/db.ts';
import { startBotProcess } from '../test/support/process.ts';

const USERS = Number(process.argv[2] ?? 100);
const SECONDS = Number(process.argv[3] ?? 60);
const server = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const QUESTIONS = [
  'Wie oft findet die virtuelle Sprechstunde statt?',
  'Was ist eine Lotsin für digitales Lernen?',
  'Was gehört in die Digital Learning Canvas?',
  'Was bedeutet SAMR?',
  'Wer hat die Begleitforschung übernommen?',
  'Was ist Working Out Loud?',
  'Wie viel Prozent des Lernens ist arbeitsintegriert?',
  'Was lernt man im Einstiegsseminar?',
];
const CANVAS_ANSWERS = [
  'Kurzvideos für die Umrüstung an Linie 3',
  'Bis Ende Juni 2030 können alle 24 Maschinenbediener*innen die Umrüstung mit fünf Kurzvideos selbstständig.',
  'Einarbeitung bisher mit Papier-Handbüchern; WLAN und Tablets sind da.',
  'Entscheidet: Produktionsleitung. Betroffen: drei Schichten. Unterstützt: Betriebsrat.',
  '24 Maschinenbediener*innen im Dreischichtbetrieb.',
  'Schnelle Hilfe direkt an der Maschine.',
  'Jüngere mögen Videos, einige Ältere sind skeptisch.',
];

interface Wire {
  text: string;
  choice?: { id: string; options: { value: string }[] };
  form?: { id: string };
}

const latencies: Record<string, number[]> = { question: [], canvas: [], booking: [] };
let errors = 0;
let requests = 0;

async function main() {
  const dbUrl = await createServerDatabase(server);
  const bot = await startBotProcess({
    DATABASE_URL: dbUrl.href,
    COACHES: 'local:coach1',
    RATE_LIMIT_PER_MINUTE: '100000',
    LOG_LEVEL: 'warn',
  });
  try {
    const call = async (kind: string, user: string, input: string | object): Promise<Wire[]> => {
      const body = typeof input === 'string' ? { user, text: input } : { user, action: input };
      const t0 = performance.now();
      try {
        const res = await fetch(`${bot.url}/api/local/messages`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...automation },
          body: JSON.stringify(body),
        });
        const json = (await res.json()) as { replies: Wire[] };
        if (!res.ok || /schiefgegangen|nicht an meine Datenbank/.test(json.replies.map((r) => r.text).join()))
          errors++;
        return json.replies;
      } catch {
        errors++;
        return [];
      } finally {
        requests++;
        latencies[kind]!.push(performance.now() - t0);
      }
    };

    // A coach publishes a weekly Sprechstunde with plenty of seats for the booking users.
    const day = DateTime.now().setZone('Europe/Berlin').plus({ days: 2 }).toISODate()!;
    await call('booking', 'coach1', 'hallo');
    await call('booking', 'coach1', {
      id: 'booking.publish',
      fields: {
        kind: 'sprechstunde',
        title: 'Sprechstunde Last',
        date: day,
        start: '16:00',
        end: '17:00',
        duration: '',
        seats: '200',
        link: 'https://meet.example.org/lodile',
        note: '',
        every: '1',
        weeks: '12',
      },
    });
    for (const k of Object.keys(latencies)) latencies[k] = [];
    requests = 0;

    const memory: { t: number; mb: number }[] = [];
    const started = Date.now();
    const end = started + SECONDS * 1000;
    const sampler = setInterval(async () => {
      const text = await (await fetch(`${bot.url}/metrics`)).text().catch(() => '');
      const rss = Number(text.match(/^lodile_process_resident_memory_bytes (\d+)/m)?.[1] ?? 0);
      memory.push({ t: Math.round((Date.now() - started) / 1000), mb: Math.round(rss / 1e6) });
    }, 5000);

    const user = async (n: number) => {
      const id = `load${n}`;
      let canvasStep = -1;
      while (Date.now() < end) {
        const dice = Math.random();
        if (dice < 0.5) {
          await call('question', id, QUESTIONS[Math.floor(Math.random() * QUESTIONS.length)]!);
        } else if (dice < 0.8) {
          if (canvasStep < 0 || canvasStep >= CANVAS_ANSWERS.length) {
            await call('canvas', id, 'neue canvas');
            canvasStep = 0;
          } else {
            await call('canvas', id, CANVAS_ANSWERS[canvasStep++]!);
          }
        } else {
          const list = await call('booking', id, 'termin buchen');
          const options = list.find((r) => r.choice)?.choice?.options ?? [];
          const pick = options[Math.floor(Math.random() * options.length)];
          if (pick) {
            await call('booking', id, { id: 'booking.pick', value: pick.value });
            await call('booking', id, { id: 'booking.confirm', fields: { topic: 'Lastprobe' } });
          }
        }
      }
    };
    await Promise.all(Array.from({ length: USERS }, (_, i) => user(i)));
    clearInterval(sampler);

    const elapsed = (Date.now() - started) / 1000;
    const all = Object.values(latencies).flat();
    const pct = (xs: number[], p: number) => {
      const s = [...xs].sort((x, y) => x - y);
      return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : Number.NaN;
    };
    const row = (name: string, xs: number[]) =>
      `${name.padEnd(10)} ${String(xs.length).padStart(7)} ${pct(xs, 50).toFixed(1).padStart(8)} ${pct(xs, 95).toFixed(1).padStart(8)} ${pct(xs, 99).toFixed(1).padStart(8)}`;
    console.log(`load: ${USERS} users, ${elapsed.toFixed(0)} s, PostgreSQL server, one bot process`);
    console.log(`throughput: ${(requests / elapsed).toFixed(1)} requests/s, errors: ${errors}`);
    console.log(
      `${'kind'.padEnd(10)} ${'count'.padStart(7)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'p99 ms'.padStart(8)}`,
    );
    for (const [k, xs] of Object.entries(latencies)) console.log(row(k, xs));
    console.log(row('all', all));
    console.log(`memory (RSS MB over time): ${memory.map((m) => `${m.t}s:${m.mb}`).join(' ')}`);
  } finally {
    await bot.stop();
    await dropServerDatabase(server, dbUrl.pathname.slice(1));
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
