import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.ts';
import { hasChromium, launchChromium } from './support/browser.ts';

/** The user the page's session cookie stands for (the page itself cannot read the HttpOnly cookie). */
const sessionUser = (page: Page) =>
  page.evaluate(async () => ((await (await fetch('/api/local/session')).json()) as { user: string }).user);

describe.skipIf(!hasChromium)('local web chat in a real browser', () => {
  let app: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    app = await startTestApp();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('greets, answers a typed message and a clicked button, and keeps the conversation after a reload', async () => {
    const page = await browser.newPage({ locale: 'de-DE' });
    await page.goto(app.url);
    await expect.poll(() => page.locator('.msg.bot').first().textContent()).toMatch(/Ich bin der LoDiLe-Bot/);

    await page.fill('#input', 'hilfe');
    await page.press('#input', 'Enter');
    await expect.poll(() => page.locator('.msg.bot').last().textContent()).toMatch(/So sprechen Sie mit mir/);
    expect(await page.locator('.msg.user').last().textContent()).toBe('hilfe');

    const before = await page.locator('.msg.bot').count();
    const buttons = page
      .locator('.msg.bot')
      .nth(before - 1)
      .locator('.actions button');
    expect(await buttons.allTextContents()).toEqual([
      'Frage stellen',
      'Canvas ausfüllen',
      'Sprechstunde buchen',
    ]);
    await buttons.first().click();
    await expect.poll(() => page.locator('.msg.bot').count()).toBeGreaterThan(before);
    expect(await page.locator('.msg.user').last().textContent()).toBe('Frage stellen');
    await expect.poll(() => buttons.first().isDisabled()).toBe(true);

    const messages = await page.locator('.msg').count();
    await page.reload();
    await expect.poll(() => page.locator('.msg').count()).toBe(messages);
    await page.close();
  });

  it('shows proactive messages from the inbox', async () => {
    const page = await browser.newPage();
    await page.goto(app.url);
    await expect.poll(() => page.locator('.msg.bot').count()).toBeGreaterThan(0);
    const user = await sessionUser(page);
    await app.services.outbox.sendToUser(`local:${user}`, [{ text: 'Erinnerung: **morgen** Sprechstunde' }]);
    await expect
      .poll(() => page.locator('.msg.notice').last().innerHTML(), { timeout: 15_000 })
      .toContain('<strong>morgen</strong>');
    await page.close();
  });

  it('shows headings as bold lines and tables as list items, never as # or | signs', async () => {
    const page = await browser.newPage();
    await page.goto(app.url);
    await expect.poll(() => page.locator('.msg.bot').count()).toBeGreaterThan(0);
    const user = await sessionUser(page);
    await app.services.outbox.sendToUser(`local:${user}`, [
      { text: '## Roadmap\n| Was | Wer |\n| --- | --- |\n| Drehbuch fertig | Frau Jansen |' },
    ]);
    const last = page.locator('.msg.notice').last();
    await expect.poll(() => last.innerHTML(), { timeout: 15_000 }).toContain('<strong>Roadmap</strong>');
    expect(await last.innerHTML()).toContain('<li>Was: Drehbuch fertig, Wer: Frau Jansen</li>');
    expect(await last.textContent()).not.toMatch(/[#|]/);
    await page.close();
  });

  it('is the user of its own session: an id left in localStorage by the old page names nobody', async () => {
    const context = await browser.newContext({ locale: 'de-DE' });
    await context.addInitScript(() => {
      if (!sessionStorage.getItem('seeded')) {
        sessionStorage.setItem('seeded', '1');
        localStorage.setItem('lodile.user', 'coach1');
        localStorage.setItem('lodile.history', JSON.stringify([{ who: 'user', text: 'alter Verlauf' }]));
      }
    });
    await app.services.outbox.sendToUser('local:coach1', [{ text: 'Nur für coach1' }]);
    const page = await context.newPage();
    await page.goto(app.url);
    await expect.poll(() => page.locator('.msg.bot').first().textContent()).toMatch(/Ich bin der LoDiLe-Bot/);
    expect(await page.locator('.msg.user').count()).toBe(0);
    const first = await sessionUser(page);
    expect(first).toMatch(/^web-/);
    expect(await page.evaluate(() => document.cookie)).toBe('');

    // Proactive messages for another user never reach this page; its own do.
    await app.services.outbox.sendToUser(`local:${first}`, [{ text: 'Für diese Sitzung' }]);
    await expect
      .poll(() => page.locator('.msg.notice').last().textContent(), { timeout: 15_000 })
      .toBe('Für diese Sitzung');
    expect(await page.locator('.msg').allTextContents()).not.toContain('Nur für coach1');

    // "Neu beginnen" ends the session: a new person with an empty conversation.
    await page.click('#reset');
    await expect.poll(() => page.locator('.msg.bot').count()).toBe(1);
    const second = await sessionUser(page);
    expect(second).toMatch(/^web-/);
    expect(second).not.toBe(first);
    await context.close();
  });
});
