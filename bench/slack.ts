/**
 * Slack channel benchmark: the whole bot in HTTP mode against the loopback fake Slack (embedded database).
 * Measures how fast Slack gets its ack (must be < 3 s) and how long until the answer is posted, for DMs and
 * button presses, plus the renderer alone on a large reply. Run: node --import tsx bench/slack.ts
 */
import { renderReply } from '../src/channels/slack/render.ts';
import type { Reply } from '../src/core/reply.ts';
import { startTestApp } from '../test/support/app.ts';
import { FakeSlack, payloads, SlackSender } from '../test/support/fake-slack.ts';

const SECRET = 'bench-secret';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return `p50 ${q(0.5).toFixed(1)} ms  p95 ${q(0.95).toFixed(1)} ms  max ${s[s.length - 1]!.toFixed(1)} ms`;
}

const fake = await FakeSlack.start();
const users = Array.from({ length: 8 }, (_, i) => `U0BENCH${i}`);
for (const id of users) fake.addUser({ id, name: id, locale: 'de-DE', tz: 'Europe/Berlin' });
const app = await startTestApp({
  SLACK_BOT_TOKEN: 'xoxb-bench',
  SLACK_SIGNING_SECRET: SECRET,
  SLACK_API_URL: fake.apiUrl,
  RATE_LIMIT_PER_MINUTE: '100000',
});
const slack = new SlackSender(app.url, SECRET);

const ack: number[] = [];
const answer: number[] = [];
const press: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  const user = users[i % users.length]!;
  const ts = `1900000000.${String(i).padStart(6, '0')}`;
  const before = fake.callsOf('chat.postMessage').length;
  const t0 = performance.now();
  const res = await slack.event(payloads.eventCallback(payloads.dm(user, 'hallo', ts), `EvBench${i}`));
  ack.push(performance.now() - t0);
  if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
  const posts = await fake.waitFor('chat.postMessage', () => true, before + 1);
  answer.push(performance.now() - t0);
  const greeting = posts[before]!;
  const button = greeting.args.blocks.flatMap((b: { elements?: unknown[] }) => b.elements ?? [])[0];
  const t1 = performance.now();
  await slack.interaction(
    payloads.blockActions(
      user,
      { channel: greeting.args.channel, ts: greeting.response!.ts, blocks: [] },
      button,
    ),
  );
  await fake.waitFor('chat.postMessage', () => true, before + 2);
  press.push(performance.now() - t1);
}

const big: Reply = {
  text: Array.from(
    { length: 300 },
    (_, i) => `**Abschnitt ${i}** mit [Link](https://lodile.de/${i}) & Text.`,
  ).join('\n\n'),
  actions: Array.from({ length: 30 }, (_, i) => ({ id: 'x.y', value: String(i), label: `Knopf ${i}` })),
  choice: {
    id: 'x.c',
    label: 'Wahl',
    options: Array.from({ length: 150 }, (_, i) => ({ value: `${i}`, label: `${i}` })),
  },
};
const rc = { t: (t: { de: string }) => t.de, stash: () => '00000000-0000-0000-0000-000000000000' };
const r0 = performance.now();
let messages = 0;
for (let i = 0; i < 200; i++) messages = renderReply(big, rc).length;
const renderMs = (performance.now() - r0) / 200;

console.log(`rounds: ${ROUNDS} DMs + ${ROUNDS} button presses, ${users.length} users, embedded database`);
console.log(`ack of message.im (HTTP 200 to Slack):  ${stats(ack)}`);
console.log(`DM → answer posted (chat.postMessage):  ${stats(answer)}`);
console.log(`button press → answer posted:           ${stats(press)}`);
console.log(
  `render a ${(big.text.length / 1000).toFixed(0)}k-character reply (${messages} messages): ${renderMs.toFixed(2)} ms each`,
);
console.log(`Web API calls recorded: ${fake.calls.length}, Block Kit violations: ${fake.violations.length}`);

await app.close();
await fake.close();
