/**
 * `npm run report:questions [-- --days 30]`: what LoDiLe asked, where the bot had no answer and which
 * answers got a 👎 – the gaps a CoDiLe should fill (for example by keeping a coach answer as knowledge).
 */
import 'dotenv/config';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { openDb } from '../db/index.ts';
import { migrate } from '../db/migrate.ts';
import { createLogger } from '../log.ts';
import { questionReport } from './report.ts';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { days: { type: 'string', default: '30' } } });
  const days = Math.max(1, Number.parseInt(values.days ?? '30', 10) || 30);
  const config = loadConfig();
  const log = createLogger({ ...config, LOG_LEVEL: 'warn' });
  const db = await openDb({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, log });
  try {
    await migrate(db, log);
    process.stdout.write(await questionReport(db, days));
  } finally {
    await db.close();
  }
}

main().catch((err) => {
  console.error(`Bericht fehlgeschlagen: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
