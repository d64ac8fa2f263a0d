import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { automation, startTestApp, type TestApp } from './support/app.ts';
import { createTestDb } from './support/db.ts';

describe('local chat API', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ MAX_TEXT_LENGTH: '500', MAX_BODY_BYTES: '4096' });
  });
  afterAll(async () => app.close());

  const post = (body: string) =>
    fetch(`${app.url}/api/local/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...automation },
      body,
    });

  it('greets in German and offers the three capabilities as buttons', async () => {
    const [reply] = await app.say('u1', 'Hallo');
    expect(reply!.text).toMatch(/Hallo! Ich bin der LoDiLe-Bot/);
    expect(reply!.actions?.map((a) => a.label)).toEqual([
      'Frage stellen',
      'Canvas ausfüllen',
      'Sprechstunde buchen',
    ]);
    expect(reply!.actions?.map((a) => a.id)).toEqual(['knowledge.ask', 'canvas.start', 'booking.start']);
  });

  it('answers "hilfe" and "help" with an overview of the commands', async () => {
    const [de] = await app.say('u2', 'hilfe');
    expect(de!.text).toMatch(/So sprechen Sie mit mir/);
    const [en] = await app.say('u3', 'help', { locale: 'en-GB' });
    expect(en!.text).toMatch(/How to talk to me/);
  });

  it('keeps a chosen language for the user', async () => {
    const [switched] = await app.say('u4', 'english');
    expect(switched!.text).toMatch(/answer in English/);
    const [greeting] = await app.say('u4', 'hi', { locale: 'de-DE' });
    expect(greeting!.actions?.map((a) => a.label)).toContain('Fill in a canvas');
  });

  it('rejects malformed JSON and a missing user with 400 and a message', async () => {
    const broken = await post('{"user": "x", "text": ');
    expect(broken.status).toBe(400);
    expect(await broken.json()).toEqual({ error: 'malformed JSON' });
    const noUser = await post(JSON.stringify({ text: 'Hallo' }));
    expect(noUser.status).toBe(400);
    expect((await noUser.json()).error).toMatch(/"user" is required/);
    const nothing = await post(JSON.stringify({ user: 'u5' }));
    expect(nothing.status).toBe(400);
  });

  it('answers 413 for an oversized body but a friendly reply for text over the limit', async () => {
    const huge = await post(JSON.stringify({ user: 'u6', text: 'x'.repeat(10_000) }));
    expect(huge.status).toBe(413);
    for (const endpoint of ['/api/messages', '/slack/events']) {
      const res = await fetch(app.url + endpoint, { method: 'POST', body: 'x'.repeat(10_000) });
      expect(res.status, endpoint).toBe(413);
    }
    const [reply] = await app.say('u6', 'Wort '.repeat(150));
    expect(reply!.text).toMatch(/zu lang.*höchstens 500 Zeichen/s);
  });

  it('explains an unknown or expired button instead of failing', async () => {
    const [reply] = await app.say('u7', { id: 'nothing.here', value: '42' });
    expect(reply!.text).toMatch(/nicht mehr gültig/);
    expect(reply!.actions?.length).toBe(3);
  });

  it('hands out queued proactive messages once through the inbox', async () => {
    await app.say('u8', 'Hallo');
    const sent = await app.services.outbox.sendToUser('local:u8', [
      { text: 'Erinnerung: morgen Sprechstunde' },
    ]);
    expect(sent).toBe(true);
    const first = await (await fetch(`${app.url}/api/local/users/u8/inbox`, { headers: automation })).json();
    expect(first.messages).toHaveLength(1);
    expect(first.messages[0].replies[0].text).toBe('Erinnerung: morgen Sprechstunde');
    const second = await (await fetch(`${app.url}/api/local/users/u8/inbox`, { headers: automation })).json();
    expect(second.messages).toHaveLength(0);
  });

  it('serves files by URL with their type', async () => {
    const ref = await app.services.files.save(
      'local:u9',
      'notiz.md',
      'text/markdown',
      '# Canvas\nZiel: 80 %',
    );
    const res = await fetch(`${app.url}/api/local/files/${ref.id}`, { headers: automation });
    expect(res.headers.get('content-type')).toMatch(/text\/markdown/);
    expect(await res.text()).toContain('Ziel: 80 %');
    const none = await fetch(`${app.url}/api/local/files/00000000-0000-0000-0000-000000000000`, {
      headers: automation,
    });
    expect(none.status).toBe(404);
  });

  it('reports health, readiness and Prometheus metrics', async () => {
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    const ready = await (await fetch(`${app.url}/readyz`)).json();
    expect(ready.status).toBe('ready');
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toMatch(/lodile_turns_total\{channel="local",capability="help",outcome="ok"\} \d+/);
  });

  it('listens on loopback by default and shows the metrics only to this machine or with METRICS_TOKEN', async () => {
    expect(loadConfig({}).HOST).toBe('127.0.0.1');
    const outside = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
    const open = await startTestApp({ HOST: '0.0.0.0' });
    const guarded = await startTestApp({ HOST: '0.0.0.0', METRICS_TOKEN: 'geheim-123' });
    try {
      expect((await fetch(`${open.url}/metrics`)).status).toBe(200);
      if (outside) {
        // The same server, reached through the machine's network address: not a local caller.
        expect((await fetch(`http://${outside}:${open.port}/metrics`)).status).toBe(403);
        expect((await fetch(`http://${outside}:${open.port}/healthz`)).status).toBe(200);
      }
      expect((await fetch(`${guarded.url}/metrics`)).status).toBe(401);
      const withToken = await fetch(`${guarded.url}/metrics`, {
        headers: { authorization: 'Bearer geheim-123' },
      });
      expect(withToken.status).toBe(200);
      expect(await withToken.text()).toContain('lodile_turns_total');
    } finally {
      await open.close();
      await guarded.close();
    }
  });

  it('serves the web chat page', async () => {
    const html = await (await fetch(`${app.url}/`)).text();
    expect(html).toContain('<title>LoDiLe-Bot');
  });
});

describe('when the database is down', () => {
  it('answers with a friendly message and /readyz says 503', async () => {
    const db = await createTestDb();
    const app = await startTestApp({}, db);
    await db.close();
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(503);
    const res = await fetch(`${app.url}/api/local/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...automation },
      body: JSON.stringify({ user: 'u1', text: 'Hallo' }),
    });
    expect(res.status).toBe(200);
    const { replies } = await res.json();
    expect(replies[0].text).toMatch(/nicht erreichbar|schiefgegangen/);
    expect(JSON.stringify(replies)).not.toMatch(/at .*\.ts:\d+/);
    await app.close();
  });
});

describe('rate limiting', () => {
  it('asks a user who writes too fast to wait, without affecting others', async () => {
    const app = await startTestApp({ RATE_LIMIT_PER_MINUTE: '3' });
    try {
      for (let i = 0; i < 3; i++)
        expect((await app.say('fast', 'hilfe'))[0]!.text).toMatch(/So sprechen Sie/);
      expect((await app.say('fast', 'hilfe'))[0]!.text).toMatch(/sehr schnell/);
      expect((await app.say('calm', 'hilfe'))[0]!.text).toMatch(/So sprechen Sie/);
    } finally {
      await app.close();
    }
  });
});
