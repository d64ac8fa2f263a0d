import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/index.ts';
import type { EntryMatch } from '../src/knowledge/entries.ts';
import { mergeSuggestions } from '../src/knowledge/suggest.ts';
import { startTestApp, type TestApp, type WireReply } from './support/app.ts';
import { createTestDb } from './support/db.ts';

/**
 * "Meinten Sie …?" (issue 11): a question the bot declines offers the curated entries it resembles as
 * buttons; the asker's pick answers and becomes a phrasing suggestion for the coaches. On the shipped
 * knowledge base.
 */

const ENV = { COACHES: 'local:coach1', RATE_LIMIT_PER_MINUTE: '1000' };
/** Declined as a whole (its second half is chat the brochure lacks), yet close to the servicestelle entry. */
const LOOSE =
  'warum soll ausgerechnet das cluster digitales lernen anbieten? koennen die firmen doch selber machen';
const ENTRY_LABEL = 'Warum sollte ein Cluster eine Servicestelle für digitales Lernen einrichten?';

let db: Db;
let app: TestApp;

const picks = (reply: WireReply | undefined) =>
  (reply?.actions ?? []).filter((a) => a.id === 'knowledge.pickSuggestion');

const chosen = async (question: string) =>
  (
    await db.query<{ user_key: string; chosen_entry: string | null }>(
      `SELECT user_key, chosen_entry FROM knowledge_questions WHERE question = $1 ORDER BY id`,
      [question],
    )
  ).rows;

beforeAll(async () => {
  db = await createTestDb();
  app = await startTestApp(ENV, db);
});

afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('"Meinten Sie …?" after a declined question', () => {
  it('offers the resembling entry; a click answers it and keeps the pick with the question', async () => {
    const [declined] = await app.say('lena', LOOSE);
    expect(declined!.text).toMatch(/keine sichere Antwort\. Meinten Sie eine dieser Fragen\?/);
    const offered = picks(declined);
    expect(offered.map((a) => a.label)).toContain(ENTRY_LABEL);
    // The ways on stay: rephrase, canvas, coach, booking.
    expect(declined!.actions!.map((a) => a.label)).toEqual(
      expect.arrayContaining(['Umformulieren', 'Canvas starten', 'Coach fragen']),
    );

    const pick = offered.find((a) => a.label === ENTRY_LABEL)!;
    const [answer] = await app.say('lena', { id: pick.id, value: pick.value });
    expect(answer!.text).toMatch(/Alltagsdruck|Argument/);
    expect(answer!.citations?.length).toBeGreaterThan(0);
    expect(await chosen(LOOSE)).toEqual([
      { user_key: 'local:lena', chosen_entry: 'warum-servicestelle-argumente' },
    ]);
  });

  it('shows the coach the askers’ pick as a phrasing suggestion for that entry', async () => {
    const [declined] = await app.say('tom', LOOSE);
    const pick = picks(declined).find((a) => a.label === ENTRY_LABEL)!;
    await app.say('tom', { id: pick.id, value: pick.value });

    const [shown] = await app.say('coach1', 'vorschläge');
    expect(shown!.text).toContain(`„${LOOSE}“ (2×) ähnelt „${ENTRY_LABEL}“`);
    expect(shown!.text).toContain('2× haben Fragende diese Antwort unter „Meinten Sie …?“ gewählt.');
  });

  it('declines an off-topic question without suggestions', async () => {
    const [reply] = await app.say('lena', 'Wie wird das Wetter morgen in Hamburg?');
    expect(reply!.text).toMatch(/nichts in meiner Wissensbasis/);
    expect(picks(reply)).toEqual([]);
  });

  it('offers English labels to an English reader', async () => {
    const [reply] = await app.say(
      'lena',
      'why should a cluster and not a consultancy support digital learning?',
      { locale: 'en' },
    );
    expect(reply!.text).toMatch(/Did you mean one of these questions\?/);
    const labels = picks(reply).map((a) => a.label);
    expect(labels.length).toBeGreaterThan(0);
    expect(labels).toContain('How do clusters differ from consulting firms?');
  });

  it('answers a double click twice and keeps one pick; another user’s or a forged button records nothing', async () => {
    const question = 'reicht es nicht, einfach ein lms einzufuehren und alle kollegen drauf zu schulen?';
    const [declined] = await app.say('mia', question);
    const [first] = picks(declined);
    expect(first).toBeDefined();
    const twice = await Promise.all([
      app.say('mia', { id: first!.id, value: first!.value }),
      app.say('mia', { id: first!.id, value: first!.value }),
    ]);
    for (const [r] of twice) expect(r!.citations?.length).toBeGreaterThan(0);
    const key = first!.value!.split(':')[1];
    expect(await chosen(question)).toEqual([{ user_key: 'local:mia', chosen_entry: key }]);

    // Someone else's button (forwarded message) still answers, but the pick is not theirs to record.
    const [other] = await app.say('ben', { id: first!.id, value: first!.value });
    expect(other!.citations?.length).toBeGreaterThan(0);
    expect(await chosen(question)).toEqual([{ user_key: 'local:mia', chosen_entry: key }]);

    const [forged] = await app.say('mia', {
      id: 'knowledge.pickSuggestion',
      value: '12345678:gibt-es-nicht',
    });
    expect(forged!.text).toMatch(/finde ich nicht mehr|nicht mehr/);
    const [garbled] = await app.say('mia', { id: 'knowledge.pickSuggestion', value: 'kaputt' });
    expect(garbled!.text).toMatch(/nicht mehr/);
  });
});

describe('suggestions of a question’s parts', () => {
  const match = (key: string, score: number) => ({ entry: { key }, score }) as unknown as EntryMatch;

  it('lets no one-word part ("ist das gut?") push out what the longer parts resemble', () => {
    const merged = mergeSuggestions(
      [
        { suggestions: [], words: 10 },
        { suggestions: [match('cognitive-overload', 0.57)], words: 3 },
        { suggestions: [match('irgendwas', 0.87), match('noch-was', 0.86)], words: 1 },
      ],
      10,
    );
    expect(merged.map((m) => m.entry.key)).toEqual(['cognitive-overload']);
  });

  it('keeps each entry once, ranked by its part’s share of the question', () => {
    const merged = mergeSuggestions(
      [
        { suggestions: [match('a', 0.5)], words: 9 },
        { suggestions: [match('b', 0.8), match('a', 0.6)], words: 3 },
      ],
      9,
    );
    expect(merged.map((m) => m.entry.key)).toEqual(['a', 'b']);
  });
});
