import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDb } from '../src/db/index.ts';
import { migrate } from '../src/db/migrate.ts';
import { automation, startTestApp, type TestApp } from './support/app.ts';
import { createServerDatabase, createTestDb, dropServerDatabase } from './support/db.ts';
import { type DbProxy, SERVER_URL, serverReachable, startDbProxy } from './support/db-proxy.ts';

const reachable = await serverReachable();

describe.skipIf(!reachable)('a hung database server (proxy accepts, forwards nothing)', () => {
  let proxy: DbProxy;
  let dbUrl: URL;
  let db: Db;
  let app: TestApp;

  beforeAll(async () => {
    dbUrl = await createServerDatabase(SERVER_URL);
    proxy = await startDbProxy(dbUrl);
    db = await openDb({ url: proxy.url(dbUrl), connectTimeoutMs: 1500, queryTimeoutMs: 1500 });
    await migrate(db);
    app = await startTestApp({}, db);
  });

  afterAll(async () => {
    await app?.close();
    proxy?.resume();
    await db?.close();
    await proxy?.close();
    if (dbUrl) await dropServerDatabase(SERVER_URL, dbUrl.pathname.slice(1));
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
