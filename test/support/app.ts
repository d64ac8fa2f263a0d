import pino from 'pino';
import { type App, type AppOptions, startApp } from '../../src/app.ts';
import { type Config, loadConfig } from '../../src/config.ts';
import type { Db } from '../../src/db/index.ts';
import { createTestDb } from './db.ts';

/** The LOCAL_API_TOKEN every test app gets, so tests may name their users like automation does. */
export const TEST_LOCAL_TOKEN = 'test-local-api-token';
/** Headers of a local-API caller holding the token. */
export const automation = { Authorization: `Bearer ${TEST_LOCAL_TOKEN}` };

export interface TestApp extends App {
  /** POST /api/local/messages and return the parsed body. */
  say(
    user: string,
    textOrAction: string | { id: string; value?: string; fields?: Record<string, string> },
    extra?: object,
  ): Promise<WireReply[]>;
}

import type { WireReply } from '../../src/channels/local/api.ts';

export type { WireReply };

/** The whole bot on an ephemeral port with a fresh test database (closed with the app). */
export async function startTestApp(
  env: Record<string, string> = {},
  db?: Db,
  options: Pick<AppOptions, 'extraCapabilities' | 'canvases'> = {},
): Promise<TestApp & { config: Config }> {
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    LOCAL_API_TOKEN: TEST_LOCAL_TOKEN,
    ...env,
  });
  const ownDb = db ?? (await createTestDb());
  const app = await startApp(config, {
    db: ownDb,
    log: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    ...options,
  });
  const close = app.close;
  return {
    ...app,
    config,
    close: async () => {
      await close();
      if (!db) await ownDb.close();
    },
    async say(user, input, extra = {}) {
      const body =
        typeof input === 'string' ? { user, text: input, ...extra } : { user, action: input, ...extra };
      const res = await fetch(`${app.url}/api/local/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...automation },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
      return ((await res.json()) as { replies: WireReply[] }).replies;
    },
  };
}
