import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defuseLinks, guardLinks } from '../src/core/link-policy.ts';
import { startTestApp, type TestApp } from './support/app.ts';
import { cardOf, FakeConnector } from './support/fake-connector.ts';
import { FakeLlm, markerOf } from './support/fake-llm.ts';
import { FakeSlack, SlackSender, SlackUser, textOf } from './support/fake-slack.ts';
import { writeFixtureKnowledge } from './support/knowledge-fixture.ts';
import { personalMessage } from './support/teams.ts';

/**
 * Issue 12, item 5: a model answer may plant links. Only links to the answer's own sources (and the bot's
 * own pages) stay live in Slack, Teams and the web chat; the rest reaches the user as plain text.
 */
const SECRET = 'links-signing-secret';
const QUESTION = 'Wie oft findet die virtuelle Sprechstunde statt?';
const SOURCE = 'https://example.org/sprechstunde';
const PRIVACY = 'https://bot.example.org/privacy';

let app: TestApp;
let llm: FakeLlm;
let slackApi: FakeSlack;
let connector: FakeConnector;
let dir: string;

beforeAll(async () => {
  llm = await new FakeLlm().start();
  llm.answer = (user) =>
    `Die Sprechstunde findet vierzehntägig statt ${markerOf(user, 'vierzehntägig')}. ` +
    `Anmelden können Sie sich [hier](https://evil.example/login), Details stehen [in der Quelle](${SOURCE}/) ` +
    `und im [Datenschutz](${PRIVACY}). Oder direkt: https://evil.example/bare?x=1, www.evil.example und evil.com.`;
  slackApi = await FakeSlack.start();
  slackApi.addUser({ id: 'U0LINK', name: 'Lina', locale: 'de-DE', tz: 'Europe/Berlin' });
  connector = await new FakeConnector().start();
  dir = await writeFixtureKnowledge();
  app = await startTestApp({
    ...llm.env(),
    KNOWLEDGE_DIR: dir,
    PUBLIC_URL: 'https://bot.example.org',
    SLACK_BOT_TOKEN: 'xoxb-links',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slackApi.apiUrl,
    RATE_LIMIT_PER_MINUTE: '10000',
  });
}, 120_000);

afterAll(async () => {
  await app?.close();
  await slackApi?.close();
  await connector?.stop();
  await llm?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** No planted address may stay recognisable as a link anywhere in what was sent. */
function expectNoLiveEvilLink(sent: string) {
  expect(sent).not.toMatch(/https?:\/\/evil|\/\/evil|www\.evil|evil\.(example|com)/);
  expect(sent).toContain('hier (evil[.]example/login)');
  expect(sent).toContain('evil[.]example/bare?x=1, www[.]evil[.]example und evil[.]com.');
}

describe('links in model answers', { timeout: 60_000 }, () => {
  it('web chat: the answer keeps links to its source and the privacy page, the planted ones are text', async () => {
    const [reply] = await app.say('lina', QUESTION);
    expect(reply!.citations?.[0]?.url).toBe(SOURCE);
    expect(reply!.text).toContain(`[in der Quelle](${SOURCE}/)`);
    expect(reply!.text).toContain(`[Datenschutz](${PRIVACY})`);
    expectNoLiveEvilLink(reply!.text);
  });

  it('Slack: only the cited source and the bot page become <url|label>; bare URLs cannot auto-link', async () => {
    const lina = new SlackUser(slackApi, new SlackSender(app.url, SECRET), 'U0LINK');
    const r = await lina.say(QUESTION);
    const mrkdwn = textOf(r);
    expect(mrkdwn).toContain(`<${SOURCE}/|in der Quelle>`);
    expect(mrkdwn).toContain(`<${PRIVACY}|Datenschutz>`);
    expect(mrkdwn.match(/<https?:[^>]*>/g)).toEqual([
      `<${SOURCE}/|in der Quelle>`,
      `<${PRIVACY}|Datenschutz>`,
      // The sources line.
      expect.stringContaining(`<${SOURCE}|`),
    ]);
    expectNoLiveEvilLink(JSON.stringify(r.map((c) => c.args)));
  });

  it('Teams: the Adaptive Card links only the cited source and the bot page', async () => {
    const user = { id: '29:1links-teams', name: 'Lina Teams', aadObjectId: 'aad-links-0001' };
    const res = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(personalMessage(connector.url, QUESTION, { user })),
    });
    expect(res.status).toBeLessThan(300);
    await connector.waitFor((calls) => calls.some((c) => c.body.type === 'message'));
    const [answer] = connector.messages();
    const card = JSON.stringify(cardOf(answer!));
    expect(card).toContain(`[in der Quelle](${SOURCE}/)`);
    expect(card).toContain(`[Datenschutz](${PRIVACY})`);
    expect(card.match(/\]\(https?:[^)]*\)/g)).toEqual([
      `](${SOURCE}/)`,
      `](${PRIVACY})`,
      `](${SOURCE})`, // the sources block
    ]);
    expectNoLiveEvilLink(card);
  });
});

describe('defuseLinks', () => {
  const none = () => false;

  it('turns every form of a link into text', () => {
    expect(defuseLinks('[a](//evil.example/x)', none)).toBe('a (evil[.]example/x)');
    expect(defuseLinks('[a](<https://evil.example/x> "Titel")', none)).toBe('a (evil[.]example/x)');
    expect(defuseLinks('[https://evil.example](https://evil.example)', none)).toBe('evil[.]example');
    expect(defuseLinks('[](https://evil.example)', none)).toBe('evil[.]example');
    expect(defuseLinks('[klick](javascript:alert(1))', none)).toBe('klick)');
    expect(defuseLinks('[a [b] c](https://evil.example)', none)).toBe('[a [b] c](evil[.]example)');
    expect(defuseLinks('<https://evil.example/x>', none)).toBe('<evil[.]example/x>');
    expect(defuseLinks('(siehe https://de.wikipedia.org/wiki/A_(B)).', none)).toBe(
      '(siehe de[.]wikipedia[.]org/wiki/A_(B)).',
    );
    expect(defuseLinks('https://a.example/?to=evil.com', none)).toBe('a[.]example/?to=evil[.]com');
  });

  it('leaves text without links, e-mail addresses and file-like words alone', () => {
    const plain = 'Schreiben Sie an info@codiclust.de, z.B. mit Node.js oder 3.5 Stunden [1].';
    expect(defuseLinks(plain, none)).toBe(plain);
  });

  it('only replies written by a model are checked (a coach’s meeting link stays)', () => {
    const meeting = { text: 'Online-Raum: https://meet.example.com/abc' };
    expect(guardLinks(meeting, 'https://bot.example.org')).toBe(meeting);
    expect(guardLinks({ ...meeting, generated: true }, 'https://bot.example.org').text).toBe(
      'Online-Raum: meet[.]example[.]com/abc',
    );
  });
});
