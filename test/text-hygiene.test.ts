import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Capability } from '../src/core/context.ts';
import { startTestApp, type TestApp, type WireReply } from './support/app.ts';
import { SAMPLE } from './support/canvas.ts';
import { FakeConnector } from './support/fake-connector.ts';
import { FakeLlm, markerOf } from './support/fake-llm.ts';
import { FakeSlack, SlackSender, SlackUser, textOf } from './support/fake-slack.ts';
import { writeFixtureKnowledge } from './support/knowledge-fixture.ts';
import { personalMessage } from './support/teams.ts';

/**
 * Issue 12, item 4: NUL bytes and lone surrogates in what users type, in the names chat tools report and in
 * model output must not make a turn fail (PostgreSQL refuses "\u0000"), over the real endpoints.
 */
const SECRET = 'hygiene-signing-secret';
const NUL = '\u0000';
const LONE = '\uD800';
const FAILED = /schiefgegangen|Something went wrong|nicht gespeichert|not saved/;

let app: TestApp;
let llm: FakeLlm;
let slackApi: FakeSlack;
let connector: FakeConnector;
let dir: string;

/** A flow whose write the database refuses like it refuses a NUL byte (SQLSTATE 22021). */
const refusing: Capability = {
  name: 'refusing',
  command: /^refusing$/,
  async onText() {
    throw Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' });
  },
};

beforeAll(async () => {
  llm = await new FakeLlm().start();
  slackApi = await FakeSlack.start();
  connector = await new FakeConnector().start();
  dir = await writeFixtureKnowledge();
  app = await startTestApp(
    {
      ...llm.env(),
      KNOWLEDGE_DIR: dir,
      SLACK_BOT_TOKEN: 'xoxb-hygiene',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slackApi.apiUrl,
      RATE_LIMIT_PER_MINUTE: '10000',
    },
    undefined,
    { extraCapabilities: [refusing] },
  );
}, 120_000);

afterAll(async () => {
  await app?.close();
  await slackApi?.close();
  await connector?.stop();
  await llm?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const all = (r: WireReply[]) => r.map((x) => x.text).join('\n');

describe('NUL bytes and lone surrogates', { timeout: 60_000 }, () => {
  it('web chat: text and display name with NUL / lone surrogates get a normal answer', async () => {
    const r = await app.say('nul-user', `hal${NUL}lo`, { name: `Ni${NUL}na${LONE}` });
    expect(all(r)).not.toMatch(FAILED);
    expect(all(r)).toMatch(/Hallo Nina/);
    const { rows } = await app.services.db.query<{ display_name: string }>(
      "SELECT display_name FROM users WHERE user_key = 'local:nul-user'",
    );
    expect(rows[0]!.display_name).toBe('Nina\uFFFD');
  });

  it('web chat: a canvas answer with NUL is stored cleaned and the canvas goes on', async () => {
    let r = await app.say('nul-canvas', 'neue canvas');
    expect(all(r)).toContain('Schritt 1 von 10');
    r = await app.say('nul-canvas', `${SAMPLE.title}${NUL}\u0007 ${LONE}`);
    expect(all(r)).not.toMatch(FAILED);
    expect(all(r)).toContain('Schritt 2 von 10');
    const { rows } = await app.services.db.query<{ title: string }>(
      "SELECT title FROM canvases WHERE owner_key = 'local:nul-canvas'",
    );
    expect(rows[0]!.title).toBe(`${SAMPLE.title} \uFFFD`);
  });

  it('web chat: form fields with NUL are cleaned too', async () => {
    const r = await app.say('nul-form', { id: 'help.menu', fields: { x: `a${NUL}b` }, value: `v${NUL}` });
    expect(all(r)).not.toMatch(FAILED);
  });

  it('model output with NUL and a lone surrogate is answered and logged cleaned', async () => {
    llm.answer = (user) =>
      `Die virtuelle Sprechstunde${NUL} findet vierzehntägig statt ${markerOf(user, 'vierzehntägig')}.${LONE}`;
    const [reply] = await app.say('nul-llm', 'Wie oft findet die virtuelle Sprechstunde statt?');
    expect(reply!.text).not.toMatch(FAILED);
    expect(reply!.text).toBe('Die virtuelle Sprechstunde findet vierzehntägig statt [1].\uFFFD');
    const { rows } = await app.services.db.query<{ answer: string }>(
      "SELECT answer FROM knowledge_questions WHERE user_key = 'local:nul-llm'",
    );
    expect(rows[0]!.answer).not.toContain(NUL);
  });

  it('Slack: a display name with NUL from users.info does not break the turn', async () => {
    slackApi.addUser({ id: 'U0NUL', name: `Do${NUL}ra${LONE}`, locale: 'de-DE', tz: 'Europe/Berlin' });
    const dora = new SlackUser(slackApi, new SlackSender(app.url, SECRET), 'U0NUL');
    const r = await dora.say(`hallo${NUL}`);
    expect(textOf(r)).not.toMatch(FAILED);
    expect(textOf(r)).toContain('Hallo Dora');
  });

  it('Teams: a from.name and text with NUL get a normal answer and the conversation is remembered', async () => {
    const user = { id: '29:1nul-teams', name: `Te${NUL}o${LONE}`, aadObjectId: 'aad-nul-0001' };
    const res = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(personalMessage(connector.url, `hallo${NUL}`, { user })),
    });
    expect(res.status).toBeLessThan(300);
    await connector.waitFor((calls) => calls.some((c) => c.body.type === 'message'));
    const sent = JSON.stringify(connector.messages().map((c) => c.body));
    expect(sent).not.toMatch(FAILED);
    expect(sent).toContain('Hallo Teo');
    const { rows } = await app.services.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM teams_conversations WHERE user_key = 'teams:aad-nul-0001'",
    );
    expect(rows[0]!.n).toBe(1);
  });

  it('a value the database still refuses is reported as not saved, not as saved', async () => {
    const [reply] = await app.say('nul-refused', 'refusing');
    expect(reply!.text).toMatch(/wurde nicht gespeichert/);
    expect(reply!.text).not.toMatch(/sind gespeichert/);
  });
});
