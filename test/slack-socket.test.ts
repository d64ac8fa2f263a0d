import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { startTestApp, type TestApp } from './support/app.ts';
import { FakeSlack, payloads } from './support/fake-slack.ts';

let fake: FakeSlack;
let app: TestApp;

beforeAll(async () => {
  fake = await FakeSlack.start();
  fake.addUser({ id: 'U0CARLA', name: 'Carla', locale: 'de-DE', tz: 'Europe/Berlin' });
  // No signing secret: Socket Mode needs none, and nothing is mounted on /slack/events.
  app = await startTestApp({
    SLACK_BOT_TOKEN: 'xoxb-socket-test',
    SLACK_APP_TOKEN: 'xapp-1-socket-test',
    SLACK_API_URL: fake.apiUrl,
  });
}, 180_000);

afterAll(async () => {
  await app?.close();
  await fake?.close();
});

/** Envelope as Slack sends it over the Socket Mode WebSocket. */
function envelope(id: string, body: unknown, retryAttempt = 0, type = 'events_api') {
  return JSON.stringify({
    envelope_id: id,
    payload: body,
    type,
    accepts_response_payload: type !== 'events_api',
    retry_attempt: retryAttempt,
    retry_reason: retryAttempt ? 'timeout' : '',
  });
}

async function waitForAck(envelopeId: string): Promise<Record<string, unknown>> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const ack = fake.socketMessages.find((m) => m.envelope_id === envelopeId);
    if (ack) return ack;
    if (Date.now() > deadline)
      throw new Error(`no ack for ${envelopeId}: ${JSON.stringify(fake.socketMessages)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('Slack in Socket Mode', () => {
  it('connects via apps.connections.open with the app token, acks an events_api envelope and answers once', async () => {
    const ws: WebSocket = await fake.socket();
    const [open] = await fake.waitFor('apps.connections.open');
    expect(open!.token).toBe('xapp-1-socket-test');
    expect(app.slack?.mode).toBe('socket');
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: 1,
        debug_info: { host: 'applink-fake', build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: 'A0LODILE' },
      }),
    );
    const body = payloads.eventCallback(payloads.dm('U0CARLA', 'hilfe', '1800000100.000100'), 'EvSocket1');
    ws.send(envelope('env-1', body));
    expect(await waitForAck('env-1')).toMatchObject({ envelope_id: 'env-1' });
    const [post] = await fake.waitFor('chat.postMessage');
    expect(post!.args.channel).toBe('D0CARLA');
    expect(post!.token).toBe('xoxb-socket-test');
    expect(JSON.stringify(post!.args.blocks)).toContain('So sprechen Sie mit mir');

    // Slack redelivers the same event (retry_attempt 1): acked again, answered no second time.
    ws.send(envelope('env-2', body, 1));
    await waitForAck('env-2');
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.callsOf('chat.postMessage')).toHaveLength(1);
    expect(fake.violations).toEqual([]);
  });

  it('button presses (interactive) and /lodile (slash_commands) arrive over the socket too', async () => {
    const ws: WebSocket = await fake.socket();
    const before = fake.callsOf('chat.postMessage').length;
    const press = payloads.blockActions(
      'U0CARLA',
      { channel: 'D0CARLA', ts: '1800000100.000200', blocks: [] },
      {
        type: 'button',
        action_id: 'b0:help.menu',
        value: JSON.stringify({ a: 'help.menu' }),
        text: { type: 'plain_text', text: 'Hilfe' },
      },
    );
    ws.send(envelope('env-3', press, 0, 'interactive'));
    await waitForAck('env-3');
    await fake.waitFor('chat.postMessage', () => true, before + 1);

    ws.send(envelope('env-4', payloads.slashCommand('U0CARLA', 'hilfe', 'C0GENERAL'), 0, 'slash_commands'));
    const ack = await waitForAck('env-4');
    // The ephemeral hint travels in the ack's payload.
    expect(JSON.stringify(ack.payload)).toContain('Direktnachricht');
    const posts = await fake.waitFor('chat.postMessage', () => true, before + 2);
    expect(posts[before + 1]!.args.channel).toBe('D0CARLA');
    expect(fake.violations).toEqual([]);
  });

  it('does not mount the HTTP endpoint in Socket Mode', async () => {
    const res = await fetch(`${app.url}/slack/events`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(404);
  });
});
