import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { automation, startTestApp, type TestApp } from './support/app.ts';
import { createTestDb } from './support/db.ts';
import { type DbProxy, openProxiedDb, type ProxiedDb, serverReachable } from './support/db-proxy.ts';

const reachable = await serverReachable();

describe.skipIf(!reachable)('a hung database server (proxy accepts, forwards nothing)', () => {
  let server: ProxiedDb;
  let proxy: DbProxy;
  let app: TestApp;

  beforeAll(async () => {
    server = await openProxiedDb(1500);
    proxy = server.proxy;
    app = await startTestApp({}, server.db);
  });

  afterAll(async () => {
    await app?.close();
    await server?.close();
  });

  it('answers /readyz 503 and users within seconds, in their language, without a stack trace', async () => {
    expect((await fetch(`${app.url}/readyz`)).status).toBe(200);
    proxy.hang();
    let started = Date.now();
    const ready = await fetch(`${app.url}/readyz`, { signal: AbortSignal.timeout(15_000) });
    expect(ready.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(5000);

    started = Date.now();
    const de = await app.say('hung1', 'Hallo');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(de[0]!.text).toMatch(/Die Datenbank ist gerade nicht erreichbar/);
    expect(JSON.stringify(de)).not.toMatch(/at .*\.ts:\d+|Error:/);

    const en = await app.say('hung2', 'hello', { locale: 'en' });
    expect(en[0]!.text).toMatch(/database is not reachable/);

    proxy.resume();
    const back = await fetch(`${app.url}/readyz`);
    expect(back.status).toBe(200);
  }, 40_000);
});

describe('the local inbox while the database is down', () => {
  it('answers 503, not 500, and no stack trace', async () => {
    const db = await createTestDb();
    const app = await startTestApp({}, db);
    try {
      await db.close();
      const res = await fetch(`${app.url}/api/local/users/u1/inbox`, { headers: automation });
      expect(res.status).toBe(503);
      expect(await res.text()).not.toMatch(/at .*\.ts:\d+/);
    } finally {
      await app.close();
    }
  });
});
