import { loadImage } from '@napi-rs/canvas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from './support/app.ts';
import { automation, startTestApp } from './support/app.ts';
import { allText, button, choice, completeCanvas, form, hasButton, SAMPLE } from './support/canvas.ts';

let app: TestApp;
// Many turns per user within a minute: lift the per-user rate limit, which is not under test here.
beforeAll(async () => {
  app = await startTestApp({ RATE_LIMIT_PER_MINUTE: '10000' });
}, 180_000);
afterAll(async () => {
  await app?.close();
});

describe('canvas: the full path through POST /api/local/messages', { timeout: 120_000 }, () => {
  it('walks all ten steps with progress, SMART feedback, SAMR, roadmap and learnings, ending in a summary', async () => {
    let r = await app.say('anna', 'Ich möchte eine Canvas ausfüllen');
    expect(allText(r)).toContain('Schritt 1 von 10 · Titel des Vorhabens');
    expect(allText(r)).toContain('Beispiel:');
    for (const id of ['canvas.skip', 'canvas.pause', 'canvas.help']) expect(hasButton(r, id)).toBe(true);

    r = await app.say('anna', SAMPLE.title);
    expect(allText(r)).toContain('Schritt 2 von 10 · Ziel der Initiative');
    expect(hasButton(r, 'canvas.back')).toBe(true);

    // A vague goal gets concrete SMART questions and stays on step 2.
    r = await app.say('anna', 'Die Leute sollen besser lernen');
    const feedback = allText(r);
    expect(feedback).toContain('Woran messen Sie den Erfolg?');
    expect(feedback).toContain('Bis wann');
    expect(feedback).toContain('Was genau soll sich ändern');
    expect(feedback).not.toContain('Schritt 3 von 10');
    // A better goal passes.
    r = await app.say('anna', SAMPLE.goal);
    expect(allText(r)).toContain('SMART formuliert');
    expect(allText(r)).toContain('Schritt 3 von 10 · Ausgangssituation des Betriebs');

    for (const [answer, next] of [
      [SAMPLE.situation, 'Schritt 4 von 10'],
      [SAMPLE.stakeholders, 'Schritt 5 von 10'],
      [SAMPLE.audience, 'Schritt 6 von 10'],
      [SAMPLE.needs, 'Schritt 7 von 10'],
      [SAMPLE.attitude, 'Schritt 8 von 10 · Lernmedium'],
    ] as const) {
      r = await app.say('anna', answer);
      expect(allText(r)).toContain(next);
    }
    r = await app.say('anna', SAMPLE.medium);
    expect(r[0]!.choice?.id).toBe('canvas.samr');
    expect(r[0]!.choice?.options.map((o) => o.label).join(' ')).toMatch(
      /Substitution.*Augmentation.*Modification.*Redefinition/,
    );
    // Text that is no SAMR level does not overwrite the medium answer.
    r = await app.say('anna', 'Drehbuch fertig; Ende April; Frau Jansen');
    expect(allText(r)).toContain('ist keine SAMR-Stufe');
    expect(r[0]!.choice?.id).toBe('canvas.samr');
    r = await app.say('anna', choice(r, 'canvas.samr', 'Modification'));
    expect(allText(r)).toContain('Schritt 9 von 10 · Roadmap');
    expect(form(r, 'canvas.saveMilestone').fields.map((f) => f.id)).toEqual(['what', 'when', 'who']);

    // Roadmap: a milestone as text, one via the form with a German relative date, one in the past refused.
    r = await app.say('anna', 'Drehbuch für Video 1 fertig; 15.03.2030; Frau Jansen');
    expect(allText(r)).toContain('15.03.2030: Drehbuch für Video 1 fertig – Frau Jansen');
    const add = form(r, 'canvas.saveMilestone');
    r = await app.say('anna', { id: add.id, fields: { what: 'Alte Schulung', when: '01.02.2020', who: '' } });
    expect(allText(r)).toContain('liegt in der Vergangenheit');
    expect(form(r, 'canvas.saveMilestone').fields.find((f) => f.id === 'what')?.value).toBe('Alte Schulung');
    r = await app.say('anna', {
      id: add.id,
      fields: { what: 'Pilot in der Frühschicht', when: 'in 6 Wochen', who: 'Herr Yilmaz' },
    });
    expect(allText(r)).toMatch(/Pilot in der Frühschicht“ bis \d\d\.\d\d\.\d{4}/);
    r = await app.say('anna', button(r, 'canvas.next'));
    expect(allText(r)).toContain('Schritt 10 von 10 · Learnings** – Frage 1 von 3');
    expect(allText(r)).toContain('Wie ist das Arbeitsergebnis?');
    r = await app.say('anna', SAMPLE.learnResult);
    expect(allText(r)).toContain('Wie ist die Zusammenarbeit?');
    r = await app.say('anna', SAMPLE.learnCollab);
    expect(allText(r)).toContain('Was wurde bisher gelernt?');
    r = await app.say('anna', SAMPLE.learnLearned);

    const card = allText(r);
    expect(card).toContain('Geschafft');
    expect(card).toContain(SAMPLE.title);
    expect(card).toContain('SAMR: Modification');
    expect(card).not.toContain('Offene Punkte');
    const booking = button(r, 'booking.start');
    expect(booking.value).toMatch(/^canvas:[0-9a-f-]{36}$/);
    for (const id of ['canvas.share', 'canvas.export', 'canvas.png', 'canvas.remindersOn'])
      expect(hasButton(r, id)).toBe(true);
    // Free text after the end is no longer taken as an answer.
    r = await app.say('anna', 'hallo');
    expect(allText(r)).not.toContain('Gespeichert');
  });

  it('exports Markdown (text and file) and a one-page PNG whose text matches the Markdown twin', async () => {
    const r = await completeCanvas(app, 'bert');
    const md = await app.say('bert', button(r, 'canvas.export'));
    const markdown = md[0]!.text;
    expect(markdown).toContain(`# Digital Learning Canvas: ${SAMPLE.title}`);
    for (const v of [
      SAMPLE.goal,
      SAMPLE.situation,
      SAMPLE.stakeholders,
      SAMPLE.audience,
      SAMPLE.needs,
      SAMPLE.attitude,
      SAMPLE.medium,
      SAMPLE.learnResult,
    ]) {
      expect(markdown).toContain(v);
    }
    expect(markdown).toContain('| Drehbuch fertig | 15.03.2030 | Frau Jansen |');
    expect(markdown).toContain('SAMR-Stufe: Augmentation');
    const file = md[0]!.files![0]!;
    expect(file.name).toMatch(/\.md$/);
    const mdRes = await fetch(app.url + file.url, { headers: automation });
    expect(mdRes.headers.get('content-type')).toContain('text/markdown');
    expect(await mdRes.text()).toBe(markdown);

    const png = await app.say('bert', button(r, 'canvas.png'));
    const pngFile = png[0]!.files![0]!;
    expect(pngFile.mime).toBe('image/png');
    const bytes = Buffer.from(
      await (await fetch(app.url + pngFile.url, { headers: automation })).arrayBuffer(),
    );
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(bytes.readUInt32BE(16)).toBe(1754);
    expect(bytes.readUInt32BE(20)).toBe(1240);
    expect(bytes.length).toBeGreaterThan(30_000);
    // Text was drawn inside the goal box (dark pixels on its light tint), and nothing in an empty page corner.
    const img = await loadImage(bytes);
    const { createCanvas } = await import('@napi-rs/canvas');
    const c = createCanvas(img.width, img.height);
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    const dark = (x: number, y: number, w: number, h: number) => {
      const d = g.getImageData(x, y, w, h).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i]! + d[i + 1]! + d[i + 2]! < 200) n++;
      return n;
    };
    expect(dark(60, 180, 1600, 100)).toBeGreaterThan(500);
    expect(dark(1700, 1190, 50, 45)).toBe(0);
  });

  it('exports the same page as a searchable PDF containing every answer of the Markdown twin', async () => {
    const r = await completeCanvas(app, 'cora');
    const markdown = (await app.say('cora', button(r, 'canvas.export')))[0]!.text;
    const reply = await app.say('cora', button(r, 'canvas.pdf'));
    const file = reply[0]!.files![0]!;
    expect(file.mime).toBe('application/pdf');
    const bytes = new Uint8Array(
      await (await fetch(app.url + file.url, { headers: automation })).arrayBuffer(),
    );
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({ data: bytes }).promise;
    expect(doc.numPages).toBe(1);
    const page = await doc.getPage(1);
    expect(page.getViewport({ scale: 1 })).toMatchObject({ width: 842, height: 595 });
    const content = await page.getTextContent();
    const squash = (t: string) => t.replace(/\s+/g, ' ').trim();
    const pdfText = squash(content.items.map((i) => ('str' in i ? i.str : '')).join(' '));
    for (const answer of [
      SAMPLE.title,
      SAMPLE.goal,
      SAMPLE.situation,
      SAMPLE.stakeholders,
      SAMPLE.audience,
      SAMPLE.needs,
      SAMPLE.attitude,
      SAMPLE.medium,
    ]) {
      expect(markdown).toContain(answer);
      expect(pdfText).toContain(squash(answer));
    }
    expect(pdfText).toContain('15.03.2030 · Drehbuch fertig · Frau Jansen');
    expect(pdfText).toContain(`Arbeitsergebnis: ${SAMPLE.learnResult}`);
  });
});
