import net from 'node:net';
import pg from 'pg';
import { type Db, openDb } from '../../src/db/index.ts';
import { migrate } from '../../src/db/migrate.ts';
import { createServerDatabase, dropServerDatabase } from './db.ts';

/** The PostgreSQL server the outage tests use: TEST_DATABASE_URL or the local one on 127.0.0.1:5432. */
export const SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** True when the server answers; outage tests skip otherwise. */
export async function serverReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: SERVER_URL, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/**
 * A TCP proxy in front of the database server. `hang()` keeps accepting connections but forwards
 * nothing (a hung server); `resume()` forwards again (new connections only); `close()` stops it.
 */
export interface DbProxy {
  port: number;
  /** The given database URL rewritten to go through the proxy. */
  url(dbUrl: URL): string;
  hang(): void;
  resume(): void;
  close(): Promise<void>;
}

export async function startDbProxy(target: URL): Promise<DbProxy> {
  let hung = false;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => {});
    if (hung) return; // accepted, never answered
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('data', (d) => {
      if (!hung) upstream.write(d);
    });
    upstream.on('data', (d) => {
      if (!hung) client.write(d);
    });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    url(dbUrl) {
      const u = new URL(dbUrl.href);
      u.hostname = '127.0.0.1';
      u.port = String(port);
      return u.href;
    },
    hang() {
      hung = true;
    },
    resume() {
      hung = false;
      // Connections from the hung period are dead; the pool opens new ones.
      for (const s of sockets) s.destroy();
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A fresh, migrated server database reached through a proxy the test can hang. */
export interface ProxiedDb {
  proxy: DbProxy;
  db: Db;
  /** Resumes the proxy, closes the pool and drops the database. */
  close(): Promise<void>;
}

export async function openProxiedDb(timeoutMs: number): Promise<ProxiedDb> {
  const dbUrl = await createServerDatabase(SERVER_URL);
  const proxy = await startDbProxy(dbUrl);
  const db = await openDb({ url: proxy.url(dbUrl), connectTimeoutMs: timeoutMs, queryTimeoutMs: timeoutMs });
  await migrate(db);
  return {
    proxy,
    db,
    async close() {
      proxy.resume();
      await db.close();
      await proxy.close();
      await dropServerDatabase(SERVER_URL, dbUrl.pathname.slice(1));
    },
  };
}
