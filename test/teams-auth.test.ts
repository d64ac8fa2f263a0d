import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createTestDb } from './support/db.ts';
import { personalMessage, startTeamsTestApp, type TeamsTestApp } from './support/teams.ts';

/** An unsigned JWT with the given claims (what a forger without Microsoft's keys can produce). */
function forgedToken(claims: object): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT', kid: 'forged' })}.${part(claims)}.${Buffer.from('sig').toString('base64url')}`;
}

describe('Teams endpoint with credentials configured', () => {
  let app: TeamsTestApp;
  const APP_ID = '00000000-1111-4222-8333-444444444444';

  beforeAll(async () => {
    app = await startTeamsTestApp({
      MICROSOFT_APP_ID: APP_ID,
      MICROSOFT_APP_PASSWORD: 'not-a-real-secret',
      MICROSOFT_APP_TENANT_ID: '72f988bf-0000-4000-8000-000000000001',
    });
  });
  afterAll(() => app?.close());

  const users = async () => (await app.db.query('SELECT user_key FROM users')).rows;

  it('rejects a request without a token', async () => {
    const res = await app.post(personalMessage(app.connector.url, 'hallo'));
    expect(res.status).toBe(401);
  });

  it('rejects malformed, garbage and forged tokens', async () => {
    const now = Math.floor(Date.now() / 1000);
    for (const authorization of [
      'Basic dXNlcjpwYXNz',
      'Bearer',
      'Bearer not.a.jwt',
      `Bearer ${forgedToken({ aud: 'someone-else', iss: 'https://api.botframework.com', exp: now + 600 })}`,
      // Right audience, but not signed with Microsoft's keys.
      `Bearer ${forgedToken({ aud: APP_ID, iss: 'https://api.botframework.com', exp: now + 600 })}`,
    ]) {
      const res = await app.post(personalMessage(app.connector.url, 'hallo'), { authorization });
      expect(res.status, authorization).toBe(401);
    }
  });

  it('never reaches the bot or the connector for rejected requests', async () => {
    expect(app.connector.history).toEqual([]);
    expect(await users()).toEqual([]);
  });
});

describe('Teams endpoint without credentials', () => {
  it('is off in production: every request gets 401', async () => {
    const db = await createTestDb();
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'production', LOG_LEVEL: 'silent' });
    const app = await startApp(config, { db, log: pino({ level: 'silent' }) });
    try {
      const res = await fetch(`${app.url}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(personalMessage('http://127.0.0.1:9/', 'hallo')),
      });
      expect(res.status).toBe(401);
      expect((await res.json()).error).toMatch(/MICROSOFT_APP_ID/);
    } finally {
      await app.close();
      await db.close();
    }
  });

  it('accepts anonymous requests in development and says so in the log', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const db = await createTestDb();
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'development' });
    const app = await startApp(config, { db, log: pino({ level: 'warn' }, sink) });
    try {
      expect(lines.some((l) => /"level":40/.test(l) && /unauthenticated requests/.test(l))).toBe(true);
    } finally {
      await app.close();
      await db.close();
    }
  });
});

describe('Teams anonymous mode (no credentials, development)', () => {
  it('refuses activities whose serviceUrl is not on loopback and accepts loopback ones', async () => {
    const db = await createTestDb();
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'development', LOG_LEVEL: 'silent' });
    const app = await startApp(config, { db, log: pino({ level: 'silent' }) });
    const post = (serviceUrl: string) =>
      fetch(`${app.url}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(personalMessage(serviceUrl, 'hilfe')),
      });
    try {
      for (const foreign of [
        'https://evil.example.com/',
        'http://10.0.0.5:3000/',
        'http://127.0.0.1.evil.com/',
      ])
        expect((await post(foreign)).status).toBe(403);
      // A loopback service URL is processed (the reply to the closed port fails, which is fine here).
      expect((await post('http://127.0.0.1:9/')).status).not.toBe(403);
      expect((await post('http://[::1]:9/')).status).not.toBe(403);
      expect((await post('http://localhost:9/')).status).not.toBe(403);
    } finally {
      await app.close();
      await db.close();
    }
  }, 30_000);
});
