/**
 * Time per canvas step through the local API (HTTP + core + embedded PGlite), LLM off.
 * Run: node --import tsx bench/canvas.ts [canvases=20]
 * Target: p95 ≤ 50 ms per step on the embedded database.
 */
import pino from 'pino';
import { startApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';

const CANVASES = Number(process.argv[2] ?? 20);

interface Reply {
  text: string;
  actions?: { id: string; value?: string }[];
  choice?: { id: string; options: { value: string; label: string }[] };
  files?: { url: string }[];
}

const config = loadConfig({
  PORT: '0',
  HOST: '127.0.0.1',
  LOG_LEVEL: 'silent',
  DATA_DIR: 'memory://',
  NODE_ENV: 'production',
  RATE_LIMIT_PER_MINUTE: '1000000',
  LOCAL_API_TOKEN: 'bench-local-api-token',
});
const app = await startApp(config, { log: pino({ level: 'silent' }) });

type Input = string | { id: string; value?: string };
let via: 'http' | 'core' = 'http';

async function say(user: string, input: Input): Promise<Reply[]> {
  if (via === 'core') {
    // The same turn without HTTP: what the conversation core and the database cost alone.
    const turn = typeof input === 'string' ? { text: input } : { action: input };
    return (await app.bot.handle({ channel: 'local', userId: user, ...turn })) as Reply[];
  }
  const body = typeof input === 'string' ? { user, text: input } : { user, action: input };
  const res = await fetch(`${app.url}/api/local/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: 'Bearer bench-local-api-token' },
    body: JSON.stringify(body),
  });
  return ((await res.json()) as { replies: Reply[] }).replies;
}

const button = (r: Reply[], id: string) => {
  for (const x of r) {
    const a = x.actions?.find((b) => b.id === id);
    if (a) return { id: a.id, value: a.value };
  }
  throw new Error(`missing ${id}`);
};

const timings: Record<string, number[]> = {
  'text answer': [],
  button: [],
  'markdown export': [],
  'png export': [],
};

async function timed(kind: string, fn: () => Promise<Reply[]>): Promise<Reply[]> {
  const t = performance.now();
  const r = await fn();
  timings[kind]!.push(performance.now() - t);
  return r;
}

async function oneCanvas(user: string): Promise<void> {
  const answer = (text: string) => timed('text answer', () => say(user, text));
  let r = await answer('neue canvas');
  r = await answer('Kurzvideos für die Umrüstung an Linie 3');
  r = await answer('Die Leute sollen besser lernen'); // SMART feedback
  r = await timed('button', () => say(user, button(r, 'canvas.keepGoal')));
  for (const text of [
    'Einarbeitung mit Papier-Handbüchern; erfahrene Kolleg*innen unterbrechen ihre Arbeit.',
    'Entscheidet: Produktionsleitung. Betroffen: drei Schichten. Unterstützt: Betriebsrat.',
    '24 Maschinenbediener*innen im Dreischichtbetrieb.',
    'Schnelle Hilfe direkt an der Maschine.',
    'Jüngere offen, einige Ältere skeptisch.',
    'Fünf Kurzvideos per QR-Code an der Maschine.',
  ]) {
    r = await answer(text);
  }
  const samr = r[0]!.choice!.options[1]!.value;
  r = await timed('button', () => say(user, { id: 'canvas.samr', value: samr }));
  r = await answer('Drehbuch fertig; 15.03.2030; Frau Jansen');
  r = await answer('Pilot; Ende April 2030; Herr Yilmaz');
  r = await timed('button', () => say(user, button(r, 'canvas.next')));
  r = await answer('Die Videos werden genutzt.');
  r = await timed('button', () => say(user, button(r, 'canvas.back')));
  r = await timed('button', () => say(user, button(r, 'canvas.skip')));
  r = await answer('Eng mit dem Betriebsrat.');
  r = await answer('Untertitel sind wichtig.');
  if (!r[0]!.text.includes('Geschafft')) throw new Error(`canvas not finished: ${r[0]!.text.slice(0, 200)}`);
  await timed('markdown export', () => say(user, button(r, 'canvas.export')));
  await timed('png export', () => say(user, button(r, 'canvas.png')));
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0;
};
const row = (name: string, xs: number[]) =>
  console.log(
    `${name.padEnd(26)} ${String(xs.length).padStart(5)} ${pct(xs, 50).toFixed(1).padStart(9)} ${pct(xs, 95).toFixed(1).padStart(9)} ${Math.max(
      ...xs,
    )
      .toFixed(1)
      .padStart(9)}`,
  );

await oneCanvas('warmup'); // JIT, first PGlite queries, font registration
console.log(`Canvas bench: ${CANVASES} complete canvases per mode on ${app.services.db.kind}, LLM off`);
console.log(`${'kind'.padEnd(26)} count    p50 ms    p95 ms    max ms`);
let httpP95 = 0;
for (const mode of ['http', 'core'] as const) {
  via = mode;
  for (const k of Object.keys(timings)) timings[k] = [];
  for (let i = 0; i < CANVASES; i++) await oneCanvas(`bench-${mode}-${i}`);
  const steps = [...timings['text answer']!, ...timings.button!];
  const label = mode === 'http' ? 'POST /api/local/messages' : 'bot.handle (no HTTP)';
  console.log(`-- ${label}`);
  row('canvas step (all)', steps);
  for (const [k, xs] of Object.entries(timings)) row(k, xs);
  if (mode === 'http') httpP95 = pct(steps, 95);
}
console.log(
  `canvas step p95 through the API: ${httpP95.toFixed(1)} ms (target ≤ 50 ms): ${httpP95 <= 50 ? 'OK' : 'ABOVE TARGET'}`,
);
await app.close();
