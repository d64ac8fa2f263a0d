import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_LOCAL_TOKEN, type TestApp } from './support/app.ts';

/** Runs `npm run chat`'s script with typed lines on stdin; resolves with everything it printed. */
async function chat(lines: string[], env: Record<string, string>): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/channels/terminal/chat.ts'], {
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => {
    out += String(d);
  });
  child.stderr.on('data', (d) => {
    out += String(d);
  });
  // Each line waits for the next "Sie:" prompt, as a person would.
  const prompts = () => out.split('Sie: ').length - 1;
  let answered = 0;
  for (const line of lines) {
    for (let i = 0; i < 900 && prompts() <= answered; i++) await new Promise((r) => setTimeout(r, 100));
    answered = prompts();
    child.stdin.write(`${line}\n`);
  }
  child.stdin.end();
  const [code] = await once(child, 'exit');
  expect(code, out).toBe(0);
  return out;
}

describe('terminal chat (a client of the local API)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app.close());

  it('talks to a running bot through the local API; buttons are numbered options', async () => {
    const out = await chat(['hilfe', 'exit'], {
      BOT_URL: app.url,
      CHAT_USER: 'terminal-test',
      LOCAL_API_TOKEN: TEST_LOCAL_TOKEN,
    });
    expect(out).toContain(`LoDiLe-Bot im Terminal (${app.url})`);
    expect(out).toMatch(/\[1\] /);
    const { rows } = await app.services.db.query(
      "SELECT 1 FROM users WHERE user_key = 'local:terminal-test'",
    );
    expect(rows).toHaveLength(1);
  });

  it('without the token signs in like a browser and names nobody', async () => {
    const out = await chat(['hilfe', 'exit'], { BOT_URL: app.url, CHAT_USER: 'coach1', LOCAL_API_TOKEN: '' });
    expect(out).toMatch(/So sprechen Sie mit mir/);
    expect(out).toContain('Ohne LOCAL_API_TOKEN beginnt jeder Start eine neue Unterhaltung');
    const { rows } = await app.services.db.query("SELECT 1 FROM users WHERE user_key = 'local:coach1'");
    expect(rows).toHaveLength(0);
  });

  it('starts the bot as its own process when none answers, and stops it on exit', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'lodile-chat-'));
    try {
      const out = await chat(['exit'], { BOT_URL: 'http://127.0.0.1:9', DATA_DIR: dataDir, PORT: '0' });
      expect(out).toContain('Starte den Bot');
      expect(out).toMatch(/LoDiLe-Bot im Terminal \(http:\/\/127\.0\.0\.1:\d+\)/);
      expect(out).toMatch(/Hallo|Willkommen|Guten/);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
