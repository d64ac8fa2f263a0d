import 'dotenv/config';
import { startApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';

async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const app = await startApp(config);
  console.log(`LoDiLe-Bot läuft / is running: ${config.publicUrl}`);
  const stop = async (signal: string) => {
    app.services.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    await app.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((err) => {
  console.error(
    'LoDiLe-Bot konnte nicht starten / could not start:',
    err instanceof Error ? err.message : err,
  );
  process.exit(1);
});
