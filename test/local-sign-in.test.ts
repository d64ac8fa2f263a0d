import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { automation, startTestApp, type TestApp } from './support/app.ts';

// Issue 12, item 1: a caller of the local API is who its signed session says, never whom it names.
// Only LOCAL_API_TOKEN (automation, the terminal chat) may name a user; coach rights come from COACHES.
describe('local API sign-in', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ COACHES: 'local:coach1', NODE_ENV: 'production' });
  });
  afterAll(async () => app.close());

  type Reply = { text: string };
  async function call(
    path: string,
    init: { method?: string; body?: object; headers?: Record<string, string> } = {},
  ) {
    const res = await fetch(app.url + path, {
      method: init.method ?? (init.body ? 'POST' : 'GET'),
      headers: { 'Content-Type': 'application/json', ...init.headers },
      body: init.body && JSON.stringify(init.body),
    });
    return {
      status: res.status,
      cookie: res.headers.get('set-cookie'),
      json: await res.json().catch(() => ({})),
    };
  }

  /** A browser: asks for a session and keeps its cookie. */
  async function browser() {
    const started = await call('/api/local/session', { body: {} });
    expect(started.status).toBe(201);
    const cookie = started.cookie!.split(';')[0]!;
    const user = started.json.user as string;
    return {
      user,
      cookie,
      say: async (text: string, extra: object = {}) =>
        call('/api/local/messages', { body: { text, ...extra }, headers: { cookie } }),
    };
  }

  it('refuses a caller who names a user without the token: nobody makes themselves a coach', async () => {
    const forged = await call('/api/local/messages', {
      body: { user: 'coach1', text: 'codile freischalten local:mallory' },
    });
    expect(forged.status).toBe(403);
    expect(forged.json.error).toMatch(/LOCAL_API_TOKEN/);
    const wrongToken = await call('/api/local/messages', {
      body: { user: 'coach1', text: 'hallo' },
      headers: { Authorization: 'Bearer falsch-falsch-falsch' },
    });
    expect(wrongToken.status).toBe(401);
    const nobody = await call('/api/local/messages', { body: { text: 'Hallo' } });
    expect(nobody.status).toBe(401);
    expect(nobody.json.error).toMatch(/POST \/api\/local\/session/);
    expect(await app.services.roles.isCoach('local:mallory')).toBe(false);
  });

  it('gives each browser its own random user in an HttpOnly, SameSite=Strict signed cookie', async () => {
    const started = await call('/api/local/session', { body: {} });
    expect(started.json.user).toMatch(/^web-[0-9a-f-]{36}$/);
    expect(started.cookie).toMatch(/^lodile_session=s%3Aweb-[^;]+; Max-Age=\d+; Path=\/api\/local;/);
    expect(started.cookie).toMatch(/HttpOnly/);
    expect(started.cookie).toMatch(/SameSite=Strict/);

    const mallory = await browser();
    expect(mallory.user).not.toBe(started.json.user);
    const hello = await mallory.say('Hallo');
    expect(hello.status).toBe(200);
    expect((hello.json.replies as Reply[])[0]!.text).toMatch(/Ich bin der LoDiLe-Bot/);
    // Her session cannot speak for someone else …
    const asCoach = await mallory.say('codile freischalten local:mallory', { user: 'coach1' });
    expect(asCoach.status).toBe(403);
    // … and as herself she is no coach.
    const asHerself = await mallory.say('codile freischalten local:mallory');
    expect(asHerself.status).toBe(200);
    expect(JSON.stringify(asHerself.json)).not.toMatch(/ist jetzt CoDiLe/);
    expect(await app.services.roles.isCoach('local:mallory')).toBe(false);
    expect(await app.services.roles.isCoach(`local:${mallory.user}`)).toBe(false);

    // A cookie she edits herself is worth nothing.
    const forged = mallory.cookie.replace(/web-[0-9a-f-]+/, 'coach1');
    const withForged = await call('/api/local/messages', {
      body: { text: 'Hallo' },
      headers: { cookie: forged },
    });
    expect(withForged.status).toBe(401);
  });

  it('lets the token holder sign a configured coach into the web chat', async () => {
    const signIn = await call('/api/local/session', { body: { user: 'coach1' }, headers: automation });
    expect(signIn.status).toBe(200);
    const cookie = signIn.cookie!.split(';')[0]!;
    expect((await call('/api/local/session', { headers: { cookie } })).json).toEqual({ user: 'coach1' });
    const grant = await call('/api/local/messages', {
      body: { text: 'codile freischalten local:lena' },
      headers: { cookie },
    });
    expect(JSON.stringify(grant.json)).toMatch(/local:lena\*\* ist jetzt CoDiLe/);
    expect(await app.services.roles.isCoach('local:lena')).toBe(true);
  });

  it('shows each browser only its own inbox and its own files', async () => {
    const anna = await browser();
    const ben = await browser();
    await app.services.outbox.sendToUser(`local:${anna.user}`, [{ text: 'Erinnerung für Anna' }]);
    const file = await app.services.files.save(
      `local:${anna.user}`,
      'canvas.md',
      'text/markdown',
      '# Annas Canvas',
    );

    expect(
      (await call(`/api/local/users/${anna.user}/inbox`, { headers: { cookie: ben.cookie } })).status,
    ).toBe(403);
    expect((await call(`/api/local/users/${anna.user}/inbox`)).status).toBe(403);
    expect((await call('/api/local/inbox', { headers: { cookie: ben.cookie } })).json.messages).toEqual([]);
    const mine = await call('/api/local/inbox', { headers: { cookie: anna.cookie } });
    expect(mine.json.messages[0].replies[0].text).toBe('Erinnerung für Anna');

    const fetchFile = (headers: Record<string, string>) =>
      fetch(`${app.url}/api/local/files/${file.id}`, { headers });
    expect((await fetchFile({ cookie: ben.cookie })).status).toBe(404);
    expect((await fetchFile({})).status).toBe(404);
    const own = await fetchFile({ cookie: anna.cookie });
    expect(own.status).toBe(200);
    expect(await own.text()).toBe('# Annas Canvas');
    expect((await fetchFile(automation)).status).toBe(200);
  });

  it('signs out: the next request is a stranger again', async () => {
    const carla = await browser();
    const out = await fetch(`${app.url}/api/local/session`, {
      method: 'DELETE',
      headers: { cookie: carla.cookie },
    });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^lodile_session=;.*Expires=Thu, 01 Jan 1970/);
  });
});

describe('local API without LOCAL_API_TOKEN', () => {
  it('lets nobody name a user, whatever they send as a token', async () => {
    const app = await startTestApp({ LOCAL_API_TOKEN: '' });
    try {
      const res = await fetch(`${app.url}/api/local/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' },
        body: JSON.stringify({ user: 'coach1', text: 'Hallo' }),
      });
      expect(res.status).toBe(401);
    } finally {
      await app.close();
    }
  });
});
