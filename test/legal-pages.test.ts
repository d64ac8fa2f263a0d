import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTeamsPackage } from '../scripts/teams-package.ts';
import type { Db } from '../src/db/index.ts';
import { startTestApp, type TestApp } from './support/app.ts';
import { createTestDb } from './support/db.ts';
import { FakeSlack } from './support/fake-slack.ts';

const NO_LLM = 'Kein Sprachmodell konfiguriert – es werden keine Daten an Dritte übermittelt.';
const NO_CONTACT = 'Der Betreiber hat noch keine Kontaktangaben hinterlegt.';

let db: Db;
let plain: TestApp;
beforeAll(async () => {
  db = await createTestDb();
  plain = await startTestApp({ RETENTION_DAYS: '45', RATE_LIMIT_PER_MINUTE: '12' }, db);
}, 120_000);
afterAll(async () => {
  await plain?.close();
  await db?.close();
});

async function page(app: TestApp, path: string, headers: Record<string, string> = {}) {
  const res = await fetch(app.url + path, { headers });
  expect(res.status, path).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  return res.text();
}

describe('GET /privacy with the defaults', () => {
  it('names the configured retention, says no LLM is used and that no contact is entered yet', async () => {
    const html = await page(plain, '/privacy');
    expect(html).toContain('<html lang="de">');
    expect(html).toContain('Datenschutzhinweise');
    expect(html).toContain('Gesprächsstand – 45 Tage nach Ihrer letzten Nachricht');
    expect(html).toContain('Gestellte Fragen und Bewertungen – 45 Tage nach der Frage');
    expect(html).not.toContain('180 Tage');
    expect(html).toContain(NO_LLM);
    expect(html).toContain(NO_CONTACT);
    expect(html).toContain('„meine Daten“');
    // Slack is not configured: neither its data nor its command appear.
    expect(html).not.toContain('Slack');
  });

  it('lists every personal-data source and retention rule the running bot registered', async () => {
    const html = await page(plain, '/privacy');
    const { personalData, retention } = plain;
    expect(personalData.length).toBeGreaterThan(8);
    for (const s of personalData) expect(html).toContain(`<strong>${s.label.de}</strong>: ${s.about.de}`);
    for (const r of retention) expect(html).toContain(`${r.label.de} – 45 Tage nach ${r.after.de}`);
  });

  it('answers in English with ?lang=en or an English browser', async () => {
    for (const html of [
      await page(plain, '/privacy?lang=en'),
      await page(plain, '/privacy', { 'Accept-Language': 'en-US,en;q=0.9' }),
    ]) {
      expect(html).toContain('<html lang="en">');
      expect(html).toContain('Conversation state – 45 days after your last message');
      expect(html).toContain('No language model is configured');
      expect(html).toContain('The operator has not entered any contact details yet.');
    }
    expect(await page(plain, '/privacy', { 'Accept-Language': 'de-DE' })).toContain('<html lang="de">');
  });
});

describe('GET /terms', () => {
  it('answers 200 with purpose, no legal advice, binding bookings, fair use and the operator', async () => {
    const html = await page(plain, '/terms');
    expect(html).toContain('Nutzungsbedingungen');
    expect(html).toContain('keine Rechtsberatung');
    expect(html).toContain('verbindliche Einladung des Coaches');
    expect(html).toContain('bis 2 Stunden vor Beginn');
    expect(html).toContain('höchstens 12 Nachrichten pro Minute');
    expect(html).toContain(NO_CONTACT);
    expect(html).toContain('href="/privacy?lang=de"');
    expect(await page(plain, '/terms?lang=en')).toContain('no legal advice');
  });
});

describe('configured operator, LLM and Slack', () => {
  let app: TestApp;
  let fake: FakeSlack;
  beforeAll(async () => {
    fake = await FakeSlack.start();
    app = await startTestApp(
      {
        RETENTION_DAYS: '90',
        OPENAI_BASE_URL: 'https://llm.eu-west.example:8443/v1',
        OPENAI_CHAT_MODEL: 'mistral-<b>small</b>',
        OPERATOR_NAME: 'Cluster <script>alert(1)</script> & "Co."',
        PRIVACY_CONTACT: 'https://cluster.example/datenschutz?a=1&b="2"',
        SLACK_BOT_TOKEN: 'xoxb-test-token',
        SLACK_SIGNING_SECRET: 'test-secret',
        SLACK_API_URL: fake.apiUrl,
      },
      db,
    );
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await fake?.close();
  });

  it('names the LLM host and what it receives instead of the no-LLM sentence', async () => {
    const html = await page(app, '/privacy');
    expect(html).not.toContain(NO_LLM);
    expect(html).toContain('bei llm.eu-west.example:8443');
    expect(html).toContain('Ihr Fragetext');
    expect(html).toContain('„mistral-&lt;b&gt;small&lt;/b&gt;“');
    expect(html).toContain('Gesprächsstand – 90 Tage nach Ihrer letzten Nachricht');
    expect(await page(app, '/terms')).toContain('von einem Sprachmodell formuliert');
  });

  it('shows the operator and the contact link, HTML-escaped', async () => {
    for (const path of ['/privacy', '/terms']) {
      const html = await page(app, path);
      expect(html).toContain('Cluster &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co.&quot;');
      expect(html).toContain('href="https://cluster.example/datenschutz?a=1&amp;b=&quot;2&quot;"');
      expect(html).not.toContain('<script>');
      expect(html).not.toContain(NO_CONTACT);
    }
  });

  it('lists Slack’s data with its own, shorter periods and the slash command', async () => {
    const html = await page(app, '/privacy');
    expect(html).toContain('<strong>Slack: offene Formulare und Auswahlen</strong>');
    expect(html).toContain('Slack: offene Formulare und Auswahlen – 30 Tage nach ihrer Erstellung');
    expect(html).toContain('– 2 Tage nach dem Empfang');
    expect(html).toContain('„/lodile daten“');
  });

  it('turns an e-mail contact into a mailto link', async () => {
    const mail = await startTestApp({ PRIVACY_CONTACT: 'datenschutz@cluster.example' }, db);
    try {
      expect(await page(mail, '/privacy')).toContain(
        '<a href="mailto:datenschutz@cluster.example">datenschutz@cluster.example</a>',
      );
    } finally {
      await mail.close();
    }
  }, 60_000);
});

describe('links to the pages', () => {
  it('the packaged Teams manifest’s privacyUrl and termsOfUseUrl resolve on the bot', async () => {
    const zip = await JSZip.loadAsync(
      await buildTeamsPackage({
        MICROSOFT_APP_ID: '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
        PUBLIC_URL: 'https://lodile.example.org/',
      }),
    );
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string'));
    const urls = [manifest.developer.privacyUrl, manifest.developer.termsOfUseUrl] as string[];
    expect(urls).toEqual(['https://lodile.example.org/privacy', 'https://lodile.example.org/terms']);
    for (const url of urls) {
      const { pathname, search } = new URL(url);
      await page(plain, pathname + search);
    }
  });

  it('the web chat page links both from its footer', async () => {
    const chat = await page(plain, '/');
    const links = [...chat.matchAll(/<footer>[\s\S]*?<\/footer>/g)].flatMap((m) =>
      [...m[0].matchAll(/href="([^"]+)"/g)].map((l) => l[1]!),
    );
    expect(links).toEqual(['/privacy', '/terms']);
    for (const link of links) await page(plain, link);
  });
});
