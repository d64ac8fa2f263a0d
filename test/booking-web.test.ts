import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.ts';
import { parseIcs, slotFields } from './support/booking.ts';
import { hasChromium, launchChromium } from './support/browser.ts';

// The booking flow clicked through in the local web chat, as a LoDiLe would do it.
describe.skipIf(!hasChromium)('booking in the local web chat (real browser)', () => {
  let app: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    app = await startTestApp({ COACHES: 'local:coach1' });
    browser = await launchChromium();
    const published = await app.say(
      'coach1',
      { id: 'booking.publish', fields: slotFields({ title: 'Sprechstunde im Browser' }) },
      { name: 'Clara' },
    );
    expect(published[0]!.text).toContain('Veröffentlicht');
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('lists free slots, takes a topic in the form, books and links the invitation', async () => {
    const page = await browser.newPage({ locale: 'de-DE', timezoneId: 'Europe/Berlin' });
    await page.goto(app.url);
    await expect.poll(() => page.locator('.msg.bot').count()).toBeGreaterThan(0);

    await page.fill('#input', 'termin buchen');
    await page.press('#input', 'Enter');
    const list = page.locator('.msg.bot').last();
    await expect.poll(() => list.textContent()).toMatch(/Freie Termine/);
    expect(await list.textContent()).toContain('Sprechstunde im Browser');
    await list.locator('.choice button').click();

    const form = page.locator('.msg.bot form').last();
    await expect.poll(() => form.count()).toBe(1);
    await form.locator('textarea[name=topic]').fill('Lernvideos im Team einführen');
    await form.locator('button[type=submit]').click();

    const done = page.locator('.msg.bot').last();
    await expect.poll(() => done.textContent()).toMatch(/Gebucht!/);
    expect(await done.textContent()).toContain('Lernvideos im Team einführen');
    const href = await done.locator('.files a').getAttribute('href');
    // The browser downloads its own invitation with its session; without that session the file is not there.
    const ics = parseIcs(await page.evaluate(async (url) => (await fetch(url!)).text(), href));
    expect(ics.method).toBe('REQUEST');
    expect((await fetch(app.url + href)).status).toBe(404);

    // The coach sees who booked and the topic.
    const view = await app.say('coach1', { id: 'booking.coachBookings' });
    expect(view[0]!.text).toContain('Lernvideos im Team einführen');
    await page.close();
  });
});
