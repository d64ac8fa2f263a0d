/**
 * `npm run ingest [paths…]`: without paths the index is synced with KNOWLEDGE_DIR (exactly what the bot does
 * at start); with paths those files or folders are added or updated (and files deleted from them removed).
 * Uses the bot's database (DATABASE_URL or the embedded one in DATA_DIR); stop the bot first when it uses
 * the embedded database, which allows one process at a time.
 */
import 'dotenv/config';
import { loadConfig } from '../config.ts';
import { openDb } from '../db/index.ts';
import { migrate } from '../db/migrate.ts';
import { createLogger } from '../log.ts';
import { knowledgeDirs } from './capability.ts';
import { ingestPaths } from './ingest.ts';
import { createEmbedder } from './openai.ts';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger({ ...config, LOG_LEVEL: 'warn' });
  const paths = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const db = await openDb({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, log });
  try {
    await migrate(db, log);
    const report = await ingestPaths(db, paths.length ? paths : knowledgeDirs(config.KNOWLEDGE_DIR), {
      exclusive: paths.length === 0,
      embedder: createEmbedder(config),
      log,
    });
    const line = (label: string, list: string[]) =>
      console.log(
        `${label.padEnd(12)} ${list.length}${list.length ? `  (${list.slice(0, 8).join(', ')}${list.length > 8 ? ', …' : ''})` : ''}`,
      );
    line('neu', report.added);
    line('geändert', report.updated);
    line('unverändert', report.unchanged);
    line('entfernt', report.removed);
    console.log(`${'Abschnitte'.padEnd(12)} ${report.chunks} neu gespeichert, ${report.embedded} Embeddings`);
    for (const f of report.failed) console.log(`Fehler       ${f.source}: ${f.error}`);
    if (report.failed.length) process.exitCode = 1;
  } finally {
    await db.close();
  }
}

main().catch((err) => {
  console.error(`Einlesen fehlgeschlagen: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
