import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.ts';
import { type DbProxy, openProxiedDb, type ProxiedDb, serverReachable } from './support/db-proxy.ts';
import { FakeSlack, payloads, SlackSender } from './support/fake-slack.ts';

const SECRET = 'test-signing-secret-outage';
const ANNA = 'U0ANNA';
const reachable = await serverReachable();

const slackEnv = (fake: FakeSlack) => ({
  SLACK_BOT_TOKEN: 'xoxb-test-token',
  SLACK_SIGNING_SECRET: SECRET,
  SLACK_API_URL: fake.apiUrl,
});

describe('Slack request timestamps', () => {
  let fake: FakeSlack;
  let app: TestApp;
  let slack: SlackSender;
  beforeAll(async () => {
    fake = await FakeSlack.start();
    fake.addUser({ id: ANNA, name: 'Anna', locale: 'de-DE', tz: 'Europe/Berlin' });
    app = await startTestApp(slackEnv(fake));
    slack = new SlackSender(app.url, SECRET);
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await fake?.close();
  });

  it('refuses requests dated more than five minutes in the future or past', async () => {
    const now = Math.floor(Date.now() / 1000);
    const body = payloads.eventCallback(payloads.dm(ANNA, 'hilfe', `${now}.000100`), 'EvFUTURE');
    expect((await slack.event(body, { timestamp: now + 6 * 60 })).status).toBe(401);
    expect((await slack.event(body, { timestamp: now - 6 * 60 })).status).toBe(401);
    expect(fake.calls.filter((c) => c.method === 'chat.postMessage')).toEqual([]);
    expect((await slack.event(body, { timestamp: now + 60 })).status).toBe(200);
    await fake.waitFor('chat.postMessage');
  });
});

describe.skipIf(!reachable)('Slack events while the database hangs', () => {
  let server: ProxiedDb;
  let proxy: DbProxy;
  let fake: FakeSlack;
  let app: TestApp;
  let slack: SlackSender;

  beforeAll(async () => {
    server = await openProxiedDb(1000);
    proxy = server.proxy;
    fake = await FakeSlack.start();
    fake.addUser({ id: ANNA, name: 'Anna', locale: 'de-DE', tz: 'Europe/Berlin' });
    app = await startTestApp(slackEnv(fake), server.db);
    slack = new SlackSender(app.url, SECRET);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await fake?.close();
    await server?.close();
  });

  it('does not ack (503) so Slack retries, and answers the retry once the database is back', async () => {
    const now = Math.floor(Date.now() / 1000);
    const body = payloads.eventCallback(payloads.dm(ANNA, 'hilfe', `${now}.000200`), 'EvOUTAGE');
    proxy.hang();
    const started = Date.now();
    const first = await slack.event(body);
    expect(first.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(3000);
    proxy.resume();
    const retry = await slack.event(body, { retryNum: 1 });
    expect(retry.status).toBe(200);
    const [post] = await fake.waitFor('chat.postMessage');
    expect(JSON.stringify(post)).toMatch(/hilfe|Hilfe|So sprechen Sie/);
    // A second retry (Slack did not see our answer in time) is not answered twice.
    expect((await slack.event(body, { retryNum: 2 })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 500));
    expect(fake.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(1);
  }, 40_000);
});
