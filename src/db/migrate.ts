import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { Db } from './index.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
// One fixed key: every instance that starts at the same time waits here, so migrations run once.
const MIGRATION_LOCK_KEY = 4_242_001;

/**
 * Applies the versioned SQL files in src/db/migrations in name order, each in its own transaction,
 * under a session advisory lock. Also enables pgvector when the server has it.
 */
export async function migrate(db: Db, log?: Logger): Promise<string[]> {
  const applied: string[] = [];
  await db.tx(async (c) => {
    await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    db.vector = await enableVector(c);
    await c.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set(
      (await c.query<{ version: string }>('SELECT version FROM schema_migrations')).rows.map(
        (r) => r.version,
      ),
    );
    const files = (await readdir(MIGRATIONS_DIR)).filter((f) => f.endsWith('.sql')).sort();
    for (const file of files) {
      const version = file.replace(/\.sql$/, '');
      if (done.has(version)) continue;
      const sql = await readFile(MIGRATIONS_DIR + file, 'utf8');
      await c.query(sql);
      await c.query('INSERT INTO schema_migrations (version) VALUES ($1)', [version]);
      applied.push(version);
    }
  });
  if (applied.length) log?.info({ applied }, 'database migrations applied');
  if (!db.vector) {
    log?.warn('pgvector is not installed on this database server: vector search is off, lexical search only');
  }
  return applied;
}

async function enableVector(c: { query: Db['query'] }): Promise<boolean> {
  const available = await c.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'vector'`);
  if (available.rowCount === 0) return false;
  await c.query('SAVEPOINT vector_ext');
  try {
    await c.query('CREATE EXTENSION IF NOT EXISTS vector');
    await c.query('RELEASE SAVEPOINT vector_ext');
    return true;
  } catch {
    await c.query('ROLLBACK TO SAVEPOINT vector_ext');
    return false;
  }
}
