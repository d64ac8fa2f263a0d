import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDb } from '../src/db/index.ts';
import { migrate } from '../src/db/migrate.ts';
import { createServerDatabase, createTestDb, dropServerDatabase } from './support/db.ts';

describe('database layer', () => {
  let db: Db;
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(async () => db.close());

  it('applies every migration once and is a no-op the second time', async () => {
    const { rows } = await db.query<{ version: string }>(
      'SELECT version FROM schema_migrations ORDER BY version',
    );
    expect(rows.map((r) => r.version)).toContain('001_core');
    expect(await migrate(db)).toEqual([]);
  });

  it('rolls a failed transaction back completely', async () => {
    await expect(
      db.tx(async (c) => {
        await c.query(
          `INSERT INTO users (user_key, channel, channel_user) VALUES ('local:tx', 'local', 'tx')`,
        );
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const { rowCount } = await db.query(`SELECT 1 FROM users WHERE user_key = 'local:tx'`);
    expect(rowCount).toBe(0);
  });

  it('has German full-text search and trigram similarity on both database kinds', async () => {
    const { rows } = await db.query<{ hit: boolean; sim: number }>(
      `SELECT to_tsvector('german', 'Die Lotsinnen begleiten das digitale Lernen') @@ to_tsquery('german', 'lernen') AS hit,
              similarity('Sprechstunde', 'Sprechstunnde') AS sim`,
    );
    expect(rows[0]!.hit).toBe(true);
    expect(rows[0]!.sim).toBeGreaterThan(0.5);
  });
});

describe('embedded database', () => {
  it('has pgvector and keeps data in its folder across restarts', { timeout: 180_000 }, async () => {
    const dir = `/tmp/lodile-db-test-${process.pid}-${Date.now()}`;
    const first = await openDb({ dataDir: dir });
    await migrate(first);
    expect(first.vector).toBe(true);
    const { rows } = await first.query<{ d: number }>(`SELECT '[1,0]'::vector <-> '[0,1]'::vector AS d`);
    expect(rows[0]!.d).toBeCloseTo(Math.SQRT2);
    await first.query(
      `INSERT INTO users (user_key, channel, channel_user) VALUES ('local:keep', 'local', 'keep')`,
    );
    await first.close();

    const second = await openDb({ dataDir: dir });
    expect(await migrate(second)).toEqual([]);
    const kept = await second.query(`SELECT 1 FROM users WHERE user_key = 'local:keep'`);
    expect(kept.rowCount).toBe(1);
    await second.close();
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('PostgreSQL server', () => {
  it('migrates once when several instances start at the same time', async () => {
    const server = process.env.TEST_DATABASE_URL!;
    const url = await createServerDatabase(server);
    const instances = await Promise.all([1, 2, 3, 4].map(() => openDb({ url: url.href })));
    try {
      const applied = await Promise.all(instances.map((db) => migrate(db)));
      expect(applied.filter((a) => a.length > 0)).toHaveLength(1);
      const { rows } = await instances[0]!.query<{ n: string }>(
        'SELECT count(*) AS n FROM schema_migrations',
      );
      expect(Number(rows[0]!.n)).toBe(applied.find((a) => a.length > 0)!.length);
    } finally {
      await Promise.all(instances.map((db) => db.close()));
      await dropServerDatabase(server, url.pathname.slice(1));
    }
  });

  it('starts without pgvector and says that vector search is off', async () => {
    const server = process.env.TEST_DATABASE_URL!;
    const url = await createServerDatabase(server);
    const db = await openDb({ url: url.href });
    const warnings: string[] = [];
    const log = { info() {}, warn: (msg: string) => warnings.push(msg) } as never;
    try {
      await migrate(db, log);
      const { rowCount } = await db.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'vector'`);
      expect(db.vector).toBe(rowCount === 1);
      if (!db.vector) expect(warnings.join(' ')).toMatch(/vector search is off/);
    } finally {
      await db.close();
      await dropServerDatabase(server, url.pathname.slice(1));
    }
  });
});
