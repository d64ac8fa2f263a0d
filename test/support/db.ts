import pg from 'pg';
import { type Db, openDb } from '../../src/db/index.ts';
import { migrate } from '../../src/db/migrate.ts';

/**
 * A fresh, migrated database for one test file. Embedded PGlite in memory by default; with
 * TEST_DATABASE_URL (e.g. postgres://127.0.0.1:5432/postgres) a new database on that server, dropped on close.
 */
export async function createTestDb(): Promise<Db> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const db = await openDb({ dataDir: 'memory://' });
    await migrate(db);
    return db;
  }
  const url = await createServerDatabase(serverUrl);
  const db = await openDb({ url: url.href });
  await migrate(db);
  const close = db.close.bind(db);
  db.close = async () => {
    await close();
    await dropServerDatabase(serverUrl, url.pathname.slice(1));
  };
  return db;
}

export const onServer = () => Boolean(process.env.TEST_DATABASE_URL);

/** A new empty database on the server; returns its URL. */
export async function createServerDatabase(serverUrl: string): Promise<URL> {
  const name = `lodile_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url;
}

export async function dropServerDatabase(serverUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}
