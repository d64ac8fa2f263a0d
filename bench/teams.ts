/**
 * Teams channel throughput: Teams-shaped activities through POST /api/messages (Agents SDK, JWT off) to a
 * loopback Bot Connector, on the embedded database. Prints latency percentiles per kind of turn and the
 * renderer's speed. Run: node --import tsx bench/teams.ts
 */
import pino from 'pino';
import { startApp } from '../src/app.ts';
import { renderReply } from '../src/channels/teams/render.ts';
import { loadConfig } from '../src/config.ts';
import type { Reply } from '../src/core/reply.ts';
import { cardOf, FakeConnector } from '../test/support/fake-connector.ts';
import { channelMessage, personalMessage, submitted } from '../test/support/teams.ts';

const N = Number(process.env.BENCH_N ?? 150);

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

async function main() {
  const connector = await new FakeConnector().start();
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: 'memory://',
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    RATE_LIMIT_PER_MINUTE: '100000',
  });
  const app = await startApp(config, { log: pino({ level: 'silent' }) });
  const post = async (activity: object) => {
    const t = performance.now();
    const res = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(activity),
    });
    await res.text();
    if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
    return performance.now() - t;
  };
  const user = (i: number) => ({ id: `29:bench-${i}`, name: `Bench ${i}`, aadObjectId: `aad-bench-${i}` });

  const rows: [string, number[]][] = [];
  const personal: number[] = [];
  for (let i = 0; i < N; i++)
    personal.push(await post(personalMessage(connector.url, 'hallo', { user: user(i) })));
  rows.push(['personal message → welcome card', personal]);

  const channel: number[] = [];
  for (let i = 0; i < N; i++)
    channel.push(await post(channelMessage(connector.url, 'hilfe', { user: user(i) })));
  rows.push(['channel @mention → thread reply', channel]);

  const presses: number[] = [];
  const cards = connector.history.filter((c) => c.body.type === 'message' && cardOf(c)).slice(0, N);
  for (const [i, c] of cards.entries()) {
    const action = (cardOf(c)!.actions as { data: Record<string, unknown> }[])[0]!;
    presses.push(await post(submitted(connector.url, action.data, c.assignedId, { user: user(i) })));
  }
  rows.push(['button press → card update + answer', presses]);

  console.log(`Teams channel, ${N} turns each, embedded database, one client at a time`);
  console.log('turn                                   p50 ms   p95 ms   max ms');
  for (const [name, xs] of rows) {
    console.log(
      `${name.padEnd(38)} ${pct(xs, 50).toFixed(1).padStart(6)}   ${pct(xs, 95).toFixed(1).padStart(6)}   ${Math.max(
        ...xs,
      )
        .toFixed(1)
        .padStart(6)}`,
    );
  }

  const reply: Reply = {
    text: '**Antwort** mit _Markdown_\n\n- eins\n- zwei\n\n[Link](https://lodile.de)',
    citations: Array.from({ length: 4 }, (_, i) => ({
      title: `Quelle ${i}`,
      url: 'https://lodile.de',
      excerpt: 'Auszug '.repeat(20),
    })),
    actions: [
      { id: 'knowledge.helpful', label: '👍' },
      { id: 'knowledge.unhelpful', label: '👎' },
    ],
  };
  const opts = {
    locale: 'de' as const,
    cardId: '00000000-0000-4000-8000-000000000000',
    fileUrl: () => 'https://x/y',
  };
  const rounds = 20_000;
  const t = performance.now();
  for (let i = 0; i < rounds; i++) renderReply(reply, opts);
  const ms = performance.now() - t;
  console.log(
    `renderer: ${Math.round(rounds / (ms / 1000))} answer cards/s (${((ms * 1000) / rounds).toFixed(1)} µs each)`,
  );

  await app.close();
  await connector.stop();
}

void main();
