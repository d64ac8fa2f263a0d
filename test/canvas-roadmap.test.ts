import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMilestone } from '../src/canvas/milestone-text.ts';
import { startTestApp, type TestApp, type WireReply } from './support/app.ts';
import { allText, button, choice, form, hasButton } from './support/canvas.ts';

/** QA findings in the roadmap step (finishing it by text, milestones in sentences, editing by text) and "keine Ahnung". */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ RATE_LIMIT_PER_MINUTE: '10000' });
}, 180_000);
afterAll(async () => {
  await app?.close();
});

/** A new canvas walked to step n with the steps before skipped. */
async function toStep(user: string, n: number): Promise<WireReply[]> {
  let r = await app.say(user, 'neue canvas');
  r = await app.say(user, 'Roadmap-QA');
  for (let i = 2; i < n; i++) r = await app.say(user, 'überspringen');
  expect(allText(r)).toContain(`Schritt ${n} von 10`);
  return r;
}

const exportText = async (user: string) => allText(await app.say(user, 'canvas exportieren'));
const berlin = () => DateTime.now().setZone('Europe/Berlin').startOf('day');
const de = (d: DateTime) => d.toFormat('dd.MM.yyyy');
/** The next such day from today (this year or next), as a deadline. */
const next = (month: number, day: (d: DateTime) => DateTime) => {
  const thisYear = day(berlin().set({ month, day: 1 }));
  return thisYear < berlin() ? day(berlin().plus({ years: 1 }).set({ month, day: 1 })) : thisYear;
};
const ROADMAP_BUTTONS = [
  'canvas.next',
  'canvas.editMilestone',
  'canvas.removeMilestone',
  'canvas.skip',
  'canvas.pause',
];

describe('roadmap: typed words finish the step', { timeout: 120_000 }, () => {
  it.each(['fertig', 'Roadmap fertig', 'weiter', "das war's", 'Das war’s!', 'nächster Schritt'])(
    '„%s“ with milestones moves on to the Learnings',
    async (word) => {
      const u = `done-${word.replace(/[^a-z]/gi, '')}-${word.length}`;
      await toStep(u, 9);
      await app.say(u, 'Drehbuch fertig; 15.03.2030; Frau Jansen');
      const r = await app.say(u, word);
      expect(allText(r)).toContain('Schritt 10 von 10 · Learnings');
      expect(allText(r)).not.toContain('nicht als Meilenstein');
      // Nothing was added from the word itself.
      expect(await exportText(u)).not.toMatch(/\| fertig|\| weiter|war/);
    },
  );

  it('without milestones, "fertig" asks whether to skip the roadmap; "ja" skips it', async () => {
    const u = 'done-empty';
    await toStep(u, 9);
    let r = await app.say(u, 'fertig');
    expect(allText(r)).toContain('noch keinen Meilenstein');
    expect(allText(r)).toContain('Roadmap überspringen');
    expect(allText(r)).not.toContain('Schritt 10');
    expect(hasButton(r, 'canvas.skip')).toBe(true);
    expect(form(r, 'canvas.saveMilestone')).toBeTruthy();
    r = await app.say(u, 'ja');
    expect(allText(r)).toContain('Schritt 10 von 10 · Learnings');
    expect(await exportText(u)).toMatch(/## 9\. Roadmap\n\n_offen_/);
  });

  it('without milestones, "weiter" asks too, and a second "weiter" skips', async () => {
    const u = 'done-weiter';
    await toStep(u, 9);
    let r = await app.say(u, 'weiter');
    expect(allText(r)).toContain('Möchten Sie die Roadmap überspringen?');
    r = await app.say(u, 'nein');
    expect(allText(r)).toContain('Schritt 9 von 10');
    r = await app.say(u, 'weiter');
    r = await app.say(u, 'weiter');
    expect(allText(r)).toContain('Schritt 10 von 10');
  });

  it('error replies in the step keep every step button', async () => {
    const u = 'done-errors';
    await toStep(u, 9);
    await app.say(u, 'Drehbuch fertig; 15.03.2030; Frau Jansen');
    for (const bad of ['Dreh; 30.02.2030; Jansen', 'Dreh; irgendwann; Jansen', 'Dreh am 01.02.2020']) {
      const r = await app.say(u, bad);
      expect(allText(r)).toContain('nicht gespeichert');
      for (const id of ROADMAP_BUTTONS) expect(hasButton(r, id), `${bad}: ${id}`).toBe(true);
    }
    const r = await app.say(u, 'Pilot vorbereiten');
    expect(allText(r)).toContain('Bis wann soll „Pilot vorbereiten“ erledigt sein?');
    for (const id of ROADMAP_BUTTONS) expect(hasButton(r, id)).toBe(true);
  });
});

describe('roadmap: milestones written as sentences', { timeout: 120_000 }, () => {
  it('finds the date anywhere, the person after a comma or dash, the rest is the what', async () => {
    const u = 'sentence';
    await toStep(u, 9);
    let r = await app.say(u, 'Pilot in der Frühschicht in 6 Wochen, Herr Maier');
    expect(allText(r)).toContain('Gespeichert');
    r = await app.say(u, 'Auswertung mit Betriebsrat nächsten Freitag');
    expect(allText(r)).toContain('Gespeichert');
    r = await app.say(u, 'Videos drehen bis Mitte Mai - Lena und Azubi Tim');
    expect(allText(r)).toContain('Gespeichert');
    r = await app.say(u, 'Go-live Q1 2031, verantwortlich: IT-Leitung');
    expect(allText(r)).toContain('Gespeichert');

    const md = await exportText(u);
    expect(md).toContain(`| Pilot in der Frühschicht | ${de(berlin().plus({ weeks: 6 }))} | Herr Maier |`);
    expect(md).toContain(
      `| Videos drehen | ${de(next(5, (d) => d.set({ day: 15 })))} | Lena und Azubi Tim |`,
    );
    expect(md).toContain('| Go-live | 31.03.2031 | IT-Leitung |');
    const friday = /\| Auswertung mit Betriebsrat \| (\d\d\.\d\d\.\d{4}) \| – \|/.exec(md);
    expect(friday, md).not.toBeNull();
    const date = DateTime.fromFormat(friday![1]!, 'dd.MM.yyyy', { zone: 'Europe/Berlin' });
    expect(date.weekday).toBe(5);
    expect(date > berlin() && date <= berlin().plus({ days: 14 })).toBe(true);
  });

  it('when unsure, shows what it understood with "Übernehmen" and "Ändern" instead of refusing', async () => {
    const u = 'sentence-unsure';
    await toStep(u, 9);
    const endOfMay = de(next(5, (d) => d.endOf('month')));
    let r = await app.say(u, 'Pilot bis Ende Mai in der Frühschicht');
    expect(allText(r)).toContain(`Was: Pilot in der Frühschicht · Bis: ${endOfMay} · Wer: –`);
    expect(allText(r)).not.toContain('Gespeichert');
    expect(await exportText(u)).toMatch(/## 9\. Roadmap\n\n_offen_/);
    r = await app.say(u, button(r, 'canvas.acceptMilestone'));
    expect(allText(r)).toContain(`${endOfMay}: Pilot in der Frühschicht`);

    // "Ändern" opens the form filled with what was read; saving it adds the corrected milestone.
    r = await app.say(u, 'Drehbuch bis Ende April Frau Jansen');
    expect(allText(r)).toContain('Was: Drehbuch · Bis:');
    expect(allText(r)).toContain('Wer: Frau Jansen');
    r = await app.say(u, button(r, 'canvas.fixMilestone'));
    const f = form(r, 'canvas.saveMilestone');
    expect(f.id).toMatch(/:new$/);
    expect(f.fields.map((x) => x.value)).toEqual([
      'Drehbuch',
      de(next(4, (d) => d.endOf('month'))),
      'Frau Jansen',
    ]);
    r = await app.say(u, {
      id: f.id,
      fields: { what: 'Drehbuch Video 1', when: '15.04.2031', who: 'Frau Jansen' },
    });
    expect(allText(r)).toContain('15.04.2031: Drehbuch Video 1 – Frau Jansen');

    // Typed "ja" takes a proposal too.
    r = await app.say(u, 'Nächsten Freitag Auswertung, Betriebsrat');
    expect(allText(r)).toContain('Was: Auswertung');
    r = await app.say(u, 'ja');
    expect(allText(r)).toContain('Gespeichert');
    expect(allText(r)).toMatch(/: Auswertung – Betriebsrat/);
  });

  it('a milestone without a date asks for it; the date typed next completes it', async () => {
    const u = 'sentence-nodate';
    await toStep(u, 9);
    let r = await app.say(u, 'Schulung der Schichtleiter');
    expect(allText(r)).toContain('Bis wann soll „Schulung der Schichtleiter“ erledigt sein?');
    expect(form(r, 'canvas.saveMilestone').fields[0]!.value).toBe('Schulung der Schichtleiter');
    r = await app.say(u, 'im nächsten Monat');
    const endOfNextMonth = de(berlin().plus({ months: 1 }).endOf('month'));
    expect(allText(r)).toContain(
      `Gespeichert. Meilenstein „Schulung der Schichtleiter“ bis ${endOfNextMonth}`,
    );
  });
});

describe('roadmap: changing a milestone by text', { timeout: 120_000 }, () => {
  it('a date typed while editing changes that milestone, shown back first', async () => {
    const u = 'edit-text';
    await toStep(u, 9);
    let r = await app.say(u, 'Drehbuch fertig; 15.03.2030; Frau Jansen');
    r = await app.say(u, 'Dreh; 1.6.2030; Herr Yilmaz');
    r = await app.say(u, button(r, 'canvas.editMilestone'));
    r = await app.say(u, choice(r, 'canvas.editPickedMilestone', 'Drehbuch'));
    expect(form(r, 'canvas.saveMilestone').id).not.toMatch(/:new$/);
    r = await app.say(u, 'Ende Januar');
    const endOfJanuary = de(next(1, (d) => d.endOf('month')));
    expect(allText(r)).toContain(`Was: Drehbuch fertig · Bis: ${endOfJanuary} · Wer: Frau Jansen`);
    expect(allText(r)).not.toContain('Neuer Meilenstein');
    expect(await exportText(u)).toContain('| Drehbuch fertig | 15.03.2030 | Frau Jansen |');
    r = await app.say(u, button(r, 'canvas.acceptMilestone'));
    expect(allText(r)).toContain(`${endOfJanuary}: Drehbuch fertig – Frau Jansen`);
    const md = await exportText(u);
    expect(md).not.toContain('15.03.2030');
    expect(md.match(/\| Drehbuch fertig \|/g)).toHaveLength(1);
    expect(md).toContain('| Dreh | 01.06.2030 | Herr Yilmaz |');

    // A whole sentence replaces what, date and person; "Ändern" keeps editing the same milestone.
    r = await app.say(u, button(r, 'canvas.editMilestone'));
    r = await app.say(u, choice(r, 'canvas.editPickedMilestone', 'Dreh –'));
    r = await app.say(u, 'Videodreh an Linie 3 bis Mitte Juni 2030, Frau Schulz');
    expect(allText(r)).toContain('So würde ich den Meilenstein ändern');
    expect(allText(r)).toContain('Was: Videodreh an Linie 3 · Bis: 15.06.2030 · Wer: Frau Schulz');
    r = await app.say(u, button(r, 'canvas.fixMilestone'));
    expect(form(r, 'canvas.saveMilestone').id).not.toMatch(/:new$/);
    r = await app.say(u, 'stimmt');
    expect(allText(r)).toContain('15.06.2030: Videodreh an Linie 3 – Frau Schulz');
    expect(await exportText(u)).not.toContain('| Dreh |');
  });
});

describe('canvas: "keine Ahnung" is no answer', { timeout: 120_000 }, () => {
  it.each(['Keine Ahnung', 'weiß nicht', 'k.A.', '?', 'Weiß ich nicht.', 'Keine Ahnung?'])(
    '„%s“ at the goal offers help and "Überspringen", saves nothing',
    async (word) => {
      const u = `unsure-${word.replace(/[^a-z]/gi, '')}-${word.length}`;
      await toStep(u, 2);
      const r = await app.say(u, word);
      const text = allText(r);
      expect(text).not.toContain('✓ Gespeichert');
      expect(text).toContain('Gespeichert habe ich nichts');
      expect(text).toContain('Beispiel:');
      expect(text).toContain('Schritt 2');
      expect(hasButton(r, 'canvas.skip')).toBe(true);
      expect(await exportText(u)).toMatch(/## 2\. [^\n]+\n\n_offen_/);
      // The answer typed next is still the goal.
      const next = await app.say(u, 'Bis Ende 2030 schauen alle 24 Bediener die fünf Videos an der Linie');
      expect(allText(next)).toContain('Gespeichert');
    },
  );

  it('outside a canvas "?" still shows what the bot can do', async () => {
    const r = await app.say('unsure-outside', '?');
    expect(allText(r)).toContain('So sprechen Sie mit mir');
  });

  it('in the roadmap "keine Ahnung" keeps the roadmap buttons and adds no milestone', async () => {
    const u = 'unsure-roadmap';
    await toStep(u, 9);
    await app.say(u, 'Drehbuch fertig; 15.03.2030; Frau Jansen');
    const r = await app.say(u, 'keine Ahnung');
    for (const id of ROADMAP_BUTTONS) expect(hasButton(r, id)).toBe(true);
    expect(allText(r)).not.toContain('Bis wann soll');
  });
});

describe('reading a milestone from text', () => {
  // Thursday, 26 November 2026, in Berlin.
  const ctx = { now: new Date('2026-11-26T09:00:00Z'), timeZone: 'Europe/Berlin' };
  const read = (s: string) => readMilestone(s, ctx);

  it.each([
    ['Drehbuch fertig; Ende April; Frau Jansen', 'Drehbuch fertig', 'Ende April', 'Frau Jansen'],
    [
      'Pilot in der Frühschicht in 6 Wochen, Herr Maier',
      'Pilot in der Frühschicht',
      'in 6 Wochen',
      'Herr Maier',
    ],
    ['Auswertung mit Betriebsrat nächsten Freitag', 'Auswertung mit Betriebsrat', 'nächsten Freitag', ''],
    [
      'Videos drehen bis Mitte Mai - Lena und Azubi Tim',
      'Videos drehen',
      'bis Mitte Mai',
      'Lena und Azubi Tim',
    ],
    ['Go-live Q1 2027 – IT', 'Go-live', 'Q1 2027', 'IT'],
    ['Pilot in 6 Wochen, verantwortlich: Herr Maier', 'Pilot', 'in 6 Wochen', 'Herr Maier'],
    ['Was: Pilot · Bis: 31.05.2027 · Wer: Herr Maier', 'Pilot', '31.05.2027', 'Herr Maier'],
    ['Drehbuch, Schnitt und Vertonung bis KW 12', 'Drehbuch, Schnitt und Vertonung', 'bis KW 12', ''],
  ])('„%s“ is read as it stands', (text, what, when, who) => {
    expect(read(text)).toEqual({ what, when, who, sure: true });
  });

  it.each([
    ['Pilot bis Ende Mai in der Frühschicht', 'Pilot in der Frühschicht', 'bis Ende Mai', ''],
    [
      'Pilot in der Frühschicht, Herr Maier, in 6 Wochen',
      'Pilot in der Frühschicht',
      'in 6 Wochen',
      'Herr Maier',
    ],
    ['Schulung am 3.5. planen, spätestens 30.4.', 'Schulung am 3.5. planen', 'spätestens 30.4.', ''],
  ])('„%s“ is a guess to confirm', (text, what, when, who) => {
    expect(read(text)).toEqual({ what, when, who, sure: false });
  });

  it('text without a date has no "when"; a version number is no date', () => {
    expect(read('Software 2.0 einführen')).toEqual({
      what: 'Software 2.0 einführen',
      when: '',
      who: '',
      sure: false,
    });
  });
});
