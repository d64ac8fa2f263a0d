import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STEPS } from '../src/canvas/definition.ts';
import { questionKind } from '../src/canvas/questions.ts';
import { automation, startTestApp, type TestApp, type WireReply } from './support/app.ts';
import { allText, button, completeCanvas, form, hasButton, SAMPLE } from './support/canvas.ts';
import { createTestDb } from './support/db.ts';
import { writeFixtureKnowledge } from './support/knowledge-fixture.ts';

/** Problems a QA session of the canvas flow found: export dates, double-submitted forms, questions in the flow. */
let app: TestApp;
let dir: string;
const cleanup: (() => Promise<void>)[] = [];

beforeAll(async () => {
  dir = await writeFixtureKnowledge();
  app = await startTestApp({ RATE_LIMIT_PER_MINUTE: '10000', KNOWLEDGE_DIR: dir });
}, 180_000);
afterAll(async () => {
  for (const fn of cleanup.reverse()) await fn();
  await app?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const canvasId = (r: WireReply[]) => button(r, 'canvas.export').value!;

/** A new canvas walked to the roadmap step (step 9) with every other step skipped. */
async function toRoadmap(user: string, title = 'Roadmap-Test'): Promise<WireReply[]> {
  let r = await app.say(user, 'neue canvas');
  r = await app.say(user, title);
  for (let i = 2; i <= 8; i++) r = await app.say(user, 'überspringen');
  expect(allText(r)).toContain('Schritt 9 von 10 · Roadmap');
  return r;
}

/** A new canvas walked to step n (2..8) with the steps before skipped. */
async function toStep(user: string, n: number): Promise<WireReply[]> {
  let r = await app.say(user, 'neue canvas');
  r = await app.say(user, 'Fragen-Test');
  for (let i = 2; i < n; i++) r = await app.say(user, 'überspringen');
  expect(allText(r)).toContain(`Schritt ${n} von 10`);
  return r;
}

const exportText = async (user: string) => allText(await app.say(user, 'canvas exportieren'));

describe('canvas export: dates in the user’s time zone', { timeout: 120_000 }, () => {
  it('a canvas last changed at 00:30 Berlin time shows that day, not the UTC day before', async () => {
    const r = await completeCanvas(app, 'tz-anna');
    const id = canvasId(r);
    // 26 Nov 2026, 23:30 UTC is 27 Nov 2026, 00:30 in Berlin.
    await app.services.db.query(`UPDATE canvases SET updated_at = '2026-11-26T23:30:00Z' WHERE id = $1`, [
      id,
    ]);

    const md = (await app.say('tz-anna', button(r, 'canvas.export')))[0]!.text;
    expect(md).toContain('Stand: 27.11.2026');
    expect(md).not.toContain('26.11.2026');
    // Milestone dates stay the calendar dates the user entered.
    expect(md).toContain('| Drehbuch fertig | 15.03.2030 | Frau Jansen |');

    // The PDF carries the same stamp.
    const pdf = await app.say('tz-anna', button(r, 'canvas.pdf'));
    const bytes = new Uint8Array(
      await (await fetch(app.url + pdf[0]!.files![0]!.url, { headers: automation })).arrayBuffer(),
    );
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const page = await (await pdfjs.getDocument({ data: bytes }).promise).getPage(1);
    const text = (await page.getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ');
    expect(text).toContain('Stand: 27.11.2026');

    // What booking attaches for a coach uses the viewer's time zone too (default Europe/Berlin).
    expect(await app.canvases.markdown(id, 'local:tz-anna')).toContain('Stand: 27.11.2026');
  });

  it('uses the time zone the channel reports for the user', async () => {
    const r = await completeCanvas(app, 'tz-nick');
    const id = canvasId(r);
    await app.services.db.query(`UPDATE canvases SET updated_at = '2026-11-27T03:30:00Z' WHERE id = $1`, [
      id,
    ]);
    // 03:30 UTC on 27 Nov is still 26 Nov, 22:30 in New York.
    const ny = await app.say('tz-nick', button(r, 'canvas.export'), { timeZone: 'America/New_York' });
    expect(ny[0]!.text).toContain('Stand: 26.11.2026');
    const berlin = await app.say('tz-nick', button(r, 'canvas.export'));
    expect(berlin[0]!.text).toContain('Stand: 27.11.2026');
    // A time zone the bot does not know falls back to the default instead of breaking the export.
    const bad = await app.say('tz-nick', button(r, 'canvas.export'), { timeZone: 'Mars/Olympus' });
    expect(bad[0]!.text).toContain('Stand: 27.11.2026');
  });
});

describe('canvas roadmap: a milestone submitted twice is added once', { timeout: 120_000 }, () => {
  it('a double-submitted form and an old form with the same milestone add it only once', async () => {
    const u = 'ms-doppel';
    let r = await toRoadmap(u);
    const f = form(r, 'canvas.saveMilestone');
    const pilot = { what: 'Pilot in der Frühschicht', when: '1.6.2030', who: 'Herr Yilmaz' };
    r = await app.say(u, { id: f.id, fields: pilot });
    expect(allText(r)).toContain('Gespeichert');
    // Double click: the same form arrives again.
    r = await app.say(u, { id: f.id, fields: pilot });
    expect(allText(r)).toContain('„Pilot in der Frühschicht“ ist bereits gespeichert');
    expect(allText(r)).not.toContain('Gespeichert.');
    expect(allText(r).match(/Pilot in der Frühschicht – Herr Yilmaz/g)).toHaveLength(1);
    // The roadmap goes on as before.
    expect(hasButton(r, 'canvas.next')).toBe(true);
    expect(form(r, 'canvas.saveMilestone').fields.find((x) => x.id === 'what')?.value).toBeUndefined();

    // Another milestone, then the old form once more (a stale message), written slightly differently.
    r = await app.say(u, 'Drehbuch fertig; 15.03.2030; Frau Jansen');
    expect(allText(r)).toContain('Gespeichert');
    r = await app.say(u, {
      id: f.id,
      fields: { what: ' pilot in der  Frühschicht', when: '01.06.2030', who: 'Herr Yilmaz ' },
    });
    expect(allText(r)).toContain('bereits gespeichert');
    // The same milestone typed as text again is no new milestone either.
    r = await app.say(u, 'Drehbuch fertig; 15.3.2030; Frau Jansen');
    expect(allText(r)).toContain('„Drehbuch fertig“ ist bereits gespeichert');

    const md = await exportText(u);
    expect(md.match(/\| Pilot in der Frühschicht \| 01\.06\.2030 \| Herr Yilmaz \|/g)).toHaveLength(1);
    expect(md.match(/\| Drehbuch fertig \| 15\.03\.2030 \| Frau Jansen \|/g)).toHaveLength(1);

    // A milestone that differs in date or person is a new one.
    r = await app.say(u, { id: f.id, fields: { ...pilot, who: 'Frau Jansen' } });
    expect(allText(r)).toContain('Gespeichert');
    expect(allText(r)).toContain('01.06.2030: Pilot in der Frühschicht – Frau Jansen');
  });

  it('two instances receiving the same submit at once store one milestone', async () => {
    const db = await createTestDb();
    cleanup.push(() => db.close());
    const a = await startTestApp({ RATE_LIMIT_PER_MINUTE: '10000', KNOWLEDGE_DIR: dir }, db);
    const b = await startTestApp({ RATE_LIMIT_PER_MINUTE: '10000', KNOWLEDGE_DIR: dir }, db);
    cleanup.push(
      () => a.close(),
      () => b.close(),
    );
    const u = 'ms-race';
    let r = await a.say(u, 'neue canvas');
    r = await a.say(u, 'Race');
    for (let i = 2; i <= 8; i++) r = await a.say(u, 'überspringen');
    const f = form(r, 'canvas.saveMilestone');
    const submit = { id: f.id, fields: { what: 'Kick-off', when: '1.6.2030', who: 'Team' } };
    const [ra, rb] = await Promise.all([a.say(u, submit), b.say(u, submit)]);
    const texts = [allText(ra), allText(rb)];
    expect(texts.filter((t) => t.includes('✓ Gespeichert'))).toHaveLength(1);
    const md = allText(await a.say(u, 'canvas exportieren'));
    expect(md.match(/\| Kick-off \|/g)).toHaveLength(1);
  });
});

describe('canvas: questions typed inside the flow', { timeout: 120_000 }, () => {
  it('roadmap: a knowledge question is answered, nothing is stored, and the step goes on', async () => {
    const u = 'q-roadmap';
    let r = await toRoadmap(u);
    r = await app.say(u, 'Wie oft findet die virtuelle Sprechstunde statt?');
    const text = allText(r);
    expect(text).toContain('vierzehntägig');
    expect(text).not.toContain('nicht als Meilenstein verstanden');
    expect(text).not.toContain('Gespeichert');
    // The step's question is repeated with everything to go on.
    expect(text).toContain('Welche Meilensteine hat das Vorhaben');
    expect(text).toContain('Noch keine Meilensteine');
    for (const id of ['canvas.skip', 'canvas.pause', 'canvas.help', 'canvas.useDraft'])
      expect(hasButton(r, id)).toBe(true);
    expect(r.flatMap((x) => x.citations ?? []).length).toBeGreaterThan(0);

    for (const q of ['Was ist SAMR?', 'Was bedeutet Stakeholder?']) {
      r = await app.say(u, q);
      expect(allText(r)).not.toContain('nicht als Meilenstein verstanden');
      expect(allText(r)).toContain('Welche Meilensteine hat das Vorhaben');
      // The milestone form is offered empty, not prefilled with the question.
      expect(form(r, 'canvas.saveMilestone').fields.find((x) => x.id === 'what')?.value).toBeUndefined();
    }
    expect(await exportText(u)).toMatch(/## 9\. Roadmap\n\n_offen_/);

    // The buttons of that answer still work: a milestone from the form is saved.
    const f = form(r, 'canvas.saveMilestone');
    r = await app.say(u, { id: f.id, fields: { what: 'Drehbuch fertig', when: '15.03.2030', who: '' } });
    expect(allText(r)).toContain('Gespeichert');
    r = await app.say(u, button(r, 'canvas.next'));
    expect(allText(r)).toContain('Schritt 10 von 10');
  });

  it('a text step: a definition question gets the knowledge answer and the step again; the real answer is saved', async () => {
    const u = 'q-stakeholder';
    let r = await toStep(u, 4);
    r = await app.say(u, 'Was ist eine Digital Learning Canvas?');
    let text = allText(r);
    expect(text).toContain('Osterwalder');
    expect(text).toContain('Schritt 4 von 10 · Stakeholder*innen');
    expect(text).toContain('Wer entscheidet, wer ist betroffen und wer unterstützt das Vorhaben?');
    expect(text).toContain('nicht als Antwort gespeichert');
    expect(hasButton(r, 'canvas.useDraft')).toBe(true);
    expect(await exportText(u)).toMatch(/## 4\. Stakeholder\*innen\n\n_offen_/);

    r = await app.say(u, 'weiter');
    r = await app.say(u, SAMPLE.stakeholders);
    text = allText(r);
    expect(text).toContain('Gespeichert');
    expect(text).toContain('Schritt 5 von 10');
    expect(await exportText(u)).toContain(SAMPLE.stakeholders);
  });

  it('a question that may be the field’s content is not guessed: the user decides, nothing is lost', async () => {
    const u = 'q-needs';
    let r = await toStep(u, 6);
    const own = 'Wie können wir die Schichtleiter erreichen?';
    r = await app.say(u, own);
    let text = allText(r);
    expect(text).toContain('Ist das eine Frage an mich oder Ihre Antwort für das Feld');
    expect(text).toContain(own);
    expect(text).not.toContain('Gespeichert');
    const labels = r.flatMap((x) => x.actions ?? []).map((a) => a.label);
    expect(labels).toContain('Als Antwort übernehmen');
    expect(labels).toContain('Frage beantworten');
    r = await app.say(u, button(r, 'canvas.useDraft'));
    text = allText(r);
    expect(text).toContain('Gespeichert');
    expect(text).toContain('Schritt 7 von 10');
    expect(await exportText(u)).toContain(`## 6. Bedürfnisse und Lernbedürfnisse\n\n${own}`);

    // Step 7: this time it was a question to the bot.
    r = await app.say(u, 'weiter');
    r = await app.say(u, 'Wie oft findet die virtuelle Sprechstunde statt?');
    expect(allText(r)).toContain('Ist das eine Frage an mich');
    r = await app.say(u, button(r, 'canvas.answerDraft'));
    text = allText(r);
    expect(text).toContain('vierzehntägig');
    expect(text).toContain('Schritt 7 von 10');
    expect(text).toContain('Wie steht die Zielgruppe heute zum Lernen mit digitalen Medien?');
    // Still there to be taken as the answer after all.
    expect(hasButton(r, 'canvas.useDraft')).toBe(true);
    expect(await exportText(u)).toMatch(/## 7\. \(Vor-\)Einstellung zu digitalem Lernen\n\n_offen_/);
  });

  it('a roadmap question that also reads like a milestone is asked about, not guessed', async () => {
    const u = 'q-roadmap-ms';
    let r = await toRoadmap(u);
    r = await app.say(u, 'Wer macht den Dreh; 15.03.2030; wer noch?');
    expect(allText(r)).toContain('Ist das eine Frage an mich oder Ihr Meilenstein');
    r = await app.say(u, button(r, 'canvas.useDraft'));
    expect(allText(r)).toContain('15.03.2030: Wer macht den Dreh – wer noch?');
  });
});

describe('canvas: which typed questions are questions to the bot', () => {
  const step = (id: string) => STEPS.find((s) => s.id === id)!;
  // In these tests a milestone is text with a ";" – the capability checks the date for real.
  const kind = (text: string, id: string) => questionKind(text, step(id), (t) => t.includes(';'));

  it.each([
    ['Was ist SAMR?', 'needs'],
    ['Was bedeutet Stakeholder?', 'stakeholders'],
    ['Was versteht man unter einem SMART-Ziel?', 'goal'],
    ['Können Sie mir das SAMR-Modell erklären?', 'medium'],
    ['What is a roadmap?', 'situation'],
    ['Wie oft ist die Sprechstunde?', 'roadmap'],
    ['Was ist SAMR?', 'roadmap'],
  ])('„%s“ in %s is answered from the knowledge base', (text, id) => {
    expect(kind(text, id)).toBe('knowledge');
  });

  it.each([
    ['Wie können wir die Schichtleiter erreichen?', 'needs'],
    ['Wie oft ist die Sprechstunde?', 'attitude'],
    ['Was ist unser größtes Problem bei der Einarbeitung?', 'situation'],
    ['Was ist mit der dritten Schicht?', 'stakeholders'],
    ['Die Bediener sind skeptisch. Sie fragen: Wozu das alles?', 'attitude'],
    ['Schnelle Hilfe – aber wie?', 'needs'],
    ['Wer filmt; 15.03.2030; wer noch?', 'roadmap'],
  ])('„%s“ in %s is asked about', (text, id) => {
    expect(kind(text, id)).toBe('ask');
  });

  it.each([
    ['Schnelle Hilfe direkt an der Maschine', 'needs'],
    ['Drehbuch fertig; Ende April; wer?', 'roadmap'],
    ['Drehbuch fertig?', 'roadmap'],
  ])('„%s“ in %s is the answer', (text, id) => {
    expect(kind(text, id)).toBeUndefined();
  });
});

describe('canvas: a typed "ja" after the SMART hints', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ RATE_LIMIT_PER_MINUTE: '10000' });
  });
  afterAll(async () => app?.close());

  it('keeps the goal as the button does, and the goal is not replaced by the word', async () => {
    await app.say('gerd', 'canvas starten');
    await app.say('gerd', 'Lernvideos Montage');
    let r = await app.say('gerd', 'Die Leute sollen besser lernen');
    expect(r.map((x) => x.text).join('\n')).toContain('Woran messen Sie den Erfolg?');
    r = await app.say('gerd', 'Ja, passt so');
    expect(r.map((x) => x.text).join('\n')).toContain('Schritt 3 von 10');
    const md = (await app.say('gerd', 'canvas exportieren')).map((x) => x.text).join('\n');
    expect(md).toContain('Die Leute sollen besser lernen');
    expect(md).not.toMatch(/Ja, passt so/);
  });
});
