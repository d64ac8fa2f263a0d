import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.ts';
import { buttonIds, FakeSlack, payloads, SlackSender, SlackUser, textOf } from './support/fake-slack.ts';

/**
 * Whole flows of the installed capabilities, driven only through Slack (signed events and interactions
 * against the real Bolt app, Web API calls recorded by the fake). No test-only capabilities here.
 */
const SECRET = 'e2e-signing-secret';
let fake: FakeSlack;
let app: TestApp;
let slack: SlackSender;

beforeAll(async () => {
  fake = await FakeSlack.start();
  for (const [id, name] of [
    ['U0LENA', 'Lena'],
    ['U0DORA', 'Dora'],
  ] as const) {
    fake.addUser({ id, name, locale: 'de-DE', tz: 'Europe/Berlin' });
  }
  app = await startTestApp({
    SLACK_BOT_TOKEN: 'xoxb-e2e',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.apiUrl,
    RATE_LIMIT_PER_MINUTE: '10000',
  });
  slack = new SlackSender(app.url, SECRET);
}, 180_000);

afterAll(async () => {
  await app?.close();
  await fake?.close();
});

afterEach(() => {
  expect(fake.violations.splice(0)).toEqual([]);
});

describe('Slack end to end', { timeout: 120_000 }, () => {
  it('privacy: /lodile daten shows the data, exports it as a file in Slack and erases it after confirmation', async () => {
    const lena = new SlackUser(fake, slack, 'U0LENA');
    let r = await lena.say('hallo');
    expect(textOf(r)).toContain('Hallo Lena!');

    const before = fake.calls.length;
    await slack.command(payloads.slashCommand('U0LENA', 'daten', lena.dm));
    await fake.waitFor('chat.postMessage', (c) => fake.calls.indexOf(c) >= before);
    await new Promise((res) => setTimeout(res, 300));
    r = fake.calls.slice(before).filter((c) => c.method === 'chat.postMessage');
    expect(textOf(r)).toContain('*Ihre Daten beim LoDiLe-Bot*');
    expect(textOf(r)).toMatch(/• \*Profil\* \(1\): Ihre Kennung im Chatdienst/);
    // Nothing of Lena is in Slack's form store yet, so it is not listed.
    expect(textOf(r)).not.toMatch(/Slack: offene Formulare|: 0\b/);
    expect(buttonIds(r)).toEqual(['privacy.export', 'privacy.erase', 'help.menu']);

    r = await lena.press(r, 'privacy.export');
    expect(textOf(r)).toContain('als JSON-Datei');
    const [complete] = await fake.waitFor('files.completeUploadExternal');
    expect(complete!.args.channel_id).toBe(lena.dm);
    const exported = JSON.parse(String(fake.uploads.at(-1)!.bytes));
    expect(exported.user).toBe('slack:U0LENA');
    expect(exported.data['Slack: open forms and choices']).toEqual([]);

    r = await lena.press(r, 'privacy.show');
    r = await lena.press(r, 'privacy.erase');
    expect(textOf(r)).toContain('*Wirklich alles löschen?*');
    r = await lena.press(r, 'privacy.confirmErase');
    expect(textOf(r)).toContain('Erledigt');
    const left = await app.services.db.query(
      `SELECT (SELECT count(*) FROM users WHERE user_key = 'slack:U0LENA')::int AS users,
              (SELECT count(*) FROM slack_payloads WHERE user_key = 'slack:U0LENA')::int AS payloads`,
    );
    expect(left.rows[0]).toEqual({ users: 0, payloads: 0 });
  });
});
