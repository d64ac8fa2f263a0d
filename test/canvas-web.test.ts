import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.ts';
import { hasChromium, launchChromium } from './support/browser.ts';
import { SAMPLE } from './support/canvas.ts';

// The canvas conversation in the local web chat, typed and clicked as a LoDiLe would: the same core flow
// the API tests drive, rendered by the page.
describe.skipIf(!hasChromium)('canvas in the local web chat (real browser)', () => {
  let app: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    app = await startTestApp({ RATE_LIMIT_PER_MINUTE: '10000' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const last = (page: Page) => page.locator('.msg.bot').last();
  const type = async (page: Page, text: string) => {
    const before = await page.locator('.msg.bot').count();
    await page.fill('#input', text);
    await page.press('#input', 'Enter');
    await expect.poll(() => page.locator('.msg.bot').count()).toBeGreaterThan(before);
  };
  const click = async (page: Page, label: string) => {
    const before = await page.locator('.msg.bot').count();
    // The newest message that offers this button (a step may come as a question plus a note).
    await page
      .locator('.msg.bot')
      .filter({ has: page.locator('.actions button', { hasText: label }) })
      .last()
      .locator('.actions button', { hasText: label })
      .first()
      .click();
    await expect.poll(() => page.locator('.msg.bot').count()).toBeGreaterThan(before);
  };

  it('starts, answers, goes back, pauses and resumes where the user stopped', async () => {
    const page = await browser.newPage({ locale: 'de-DE' });
    await page.goto(app.url);
    await expect.poll(() => page.locator('.msg.bot').count()).toBeGreaterThan(0);

    await click(page, 'Canvas ausfüllen');
    expect(await last(page).textContent()).toContain('Schritt 1 von 10');
    await type(page, SAMPLE.title);
    expect(await last(page).textContent()).toContain('Schritt 2 von 10');
    await type(page, SAMPLE.goal);
    expect(await page.locator('.msg.bot').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('Schritt 3 von 10')]),
    );

    const texts = async () => (await page.locator('.msg.bot').allTextContents()).slice(-2).join(' ');
    await click(page, 'Zurück');
    expect(await texts()).toContain('Schritt 2 von 10');
    expect(await texts()).toContain('Bisher: „Bis Ende Juni 2030');
    await click(page, 'Antwort beibehalten');
    expect(await texts()).toContain('Schritt 3 von 10');
    await click(page, 'Pausieren');

    await page.reload();
    await expect.poll(() => page.locator('.msg.bot').count()).toBeGreaterThan(3);
    await type(page, 'weiter');
    expect(await texts()).toContain('Schritt 3 von 10');
    await page.close();
  });
});
