import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type BotProcess, say, startBotProcess } from './support/process.ts';

describe('npm start on the embedded defaults', () => {
  let dataDir: string;
  let bot: BotProcess | undefined;
  afterAll(async () => {
    await bot?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("starts, keeps a user's state in the data folder across a restart, and shuts down cleanly", {
    timeout: 300_000,
  }, async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'lodile-start-'));
    bot = await startBotProcess({ DATA_DIR: dataDir });
    const greeting = await say(bot.url, { user: 'u1', text: 'Hallo' });
    expect(greeting.replies[0]!.actions?.map((a) => a.label)).toContain('Sprechstunde buchen');
    await say(bot.url, { user: 'u1', text: 'english' });
    const log = bot.output();
    expect(await bot.stop()).toBe(0);
    // Info logs carry no message texts.
    expect(log).not.toMatch(/Hallo|english/);

    bot = await startBotProcess({ DATA_DIR: dataDir });
    const after = await say(bot.url, { user: 'u1', text: 'hi' });
    expect(after.replies[0]!.text).toMatch(/^Hello! I am LoDiLe-Bot/);
    expect(await bot.stop()).toBe(0);
    bot = undefined;
  });

  it('refuses to start with a clear message naming a bad variable', { timeout: 60_000 }, async () => {
    await expect(startBotProcess({ PORT: 'achtzig' }, 20_000)).rejects.toThrow(/PORT/);
  });
});
