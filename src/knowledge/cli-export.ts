/**
 * `npm run knowledge:export [dir]`: writes the phrasings coaches accepted in chat ("Vorschläge aus Fragen")
 * into the `ask:` lists of the articles' front matter – in KNOWLEDGE_DIR's articles, or in `dir` – so they
 * can be reviewed and committed. Uses the bot's database like `npm run ingest`.
 */
import 'dotenv/config';
import { loadConfig } from '../config.ts';
import { openDb } from '../db/index.ts';
import { migrate } from '../db/migrate.ts';
import { createLogger } from '../log.ts';
import { exportLearned } from './learning/export.ts';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger({ ...config, LOG_LEVEL: 'warn' });
  const dir = process.argv.slice(2).find((a) => !a.startsWith('--'));
  const db = await openDb({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, log });
  try {
    await migrate(db, log);
    const report = await exportLearned(db, dir);
    for (const w of report.written) console.log(`geschrieben  ${w.source} (${w.key}): ${w.text}`);
    for (const s of report.skipped)
      console.log(`übersprungen ${s.source} (${s.key}): ${s.text} – ${s.reason}`);
    console.log(
      `${report.written.length} Formulierung(en) exportiert, ${report.skipped.length} übersprungen`,
    );
  } finally {
    await db.close();
  }
}

main().catch((err) => {
  console.error(`Export fehlgeschlagen: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
