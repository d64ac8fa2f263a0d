import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/index.ts';
import { migrate } from '../src/db/migrate.ts';
import { startTestApp, type TestApp, type WireReply } from './support/app.ts';
import { inbox as inboxMessages } from './support/booking.ts';
import { createTestDb } from './support/db.ts';
import { writeFixtureKnowledge } from './support/knowledge-fixture.ts';

/** The coach's side of a hand-off: typed answers, the list of open questions, one hand-off per question. */

const ENV = { COACHES: 'local:coach1, local:coach2', RATE_LIMIT_PER_MINUTE: '1000' };
let db: Db;
let app: TestApp;
let second: TestApp;
let dir: string;

async function inbox(user: string, on: TestApp = app): Promise<WireReply[]> {
  return (await inboxMessages(on, user)).flatMap((m) => m.replies);
}

const action = (reply: WireReply | undefined, id: string) => {
  const a = reply?.actions?.find((x) => x.id === id);
  if (!a) throw new Error(`no ${id} button in ${JSON.stringify(reply)}`);
  return { id: a.id, value: a.value };
};

const button = (reply: WireReply | undefined, label: string) => {
  const a = reply?.actions?.find((x) => x.label === label);
  if (!a) throw new Error(`no "${label}" button in ${JSON.stringify(reply)}`);
  return { id: a.id, value: a.value };
};

/** A LoDiLe asks something the knowledge base does not know and hands it to the coaches. */
async function handOff(asker: string, question: string): Promise<WireReply> {
  const [abstained] = await app.say(asker, question, { name: `${asker} Lotsin` });
  expect(abstained!.text).toMatch(/nichts in meiner Wissensbasis/);
  const [handed] = await app.say(asker, action(abstained, 'knowledge.askCoach'));
  expect(handed!.text).toMatch(/weitergegeben/);
  const [notice] = (await inbox('coach1')).filter((r) => r.text.includes(question));
  expect(notice, `coach1 got "${question}"`).toBeDefined();
  await inbox('coach2');
  return notice!;
}

beforeAll(async () => {
  dir = await writeFixtureKnowledge();
  db = await createTestDb();
  app = await startTestApp({ KNOWLEDGE_DIR: dir, ...ENV }, db);
  // A second instance on the same database, as a second pod behind a load balancer.
  second = await startTestApp({ KNOWLEDGE_DIR: dir, ...ENV }, db);
  await app.say('coach1', 'hallo', { name: 'Clara Coach' });
  await inbox('coach1');
});

afterAll(async () => {
  await second?.close();
  await app?.close();
  await db?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('coach hand-off', () => {
  it('takes the message a coach types after "Antworten" as the answer, shows it back and sends it', async () => {
    const notice = await handOff('lena', 'Wo parken Besucher beim Netzwerktreffen?');
    const [form] = await app.say('coach1', action(notice, 'knowledge.replyToHandoff'), {
      name: 'Clara Coach',
    });
    expect(form!.form).toBeDefined();
    expect(form!.text).toMatch(/direkt hier in den Chat/);

    // Typed into the chat instead of the form: shown back, not answered from the knowledge base.
    const typed = 'Besucher parken kostenlos im Parkhaus Ostentor, Ebene 2.';
    const [shown] = await app.say('coach1', typed, { name: 'Clara Coach' });
    expect(shown!.text).not.toMatch(/Wissensbasis/);
    expect(shown!.text).toContain('Wo parken Besucher beim Netzwerktreffen?');
    expect(shown!.text).toContain(typed);
    expect(shown!.actions!.map((a) => a.label)).toEqual(['Senden', 'Ändern', 'Nicht senden']);
    expect(await inbox('lena')).toHaveLength(0);

    // A second message adds to the draft (chat answers often come in two messages); "ok" adds nothing.
    const [added] = await app.say('coach1', 'Die Einfahrt ist ab 8 Uhr offen.');
    expect(added!.text).toContain(`${typed}\nDie Einfahrt ist ab 8 Uhr offen.`);
    const [ok] = await app.say('coach1', 'ok');
    expect(ok!.text).toContain(`${typed}\nDie Einfahrt ist ab 8 Uhr offen.\n\nSoll ich sie so senden?`);

    // "Ändern" opens the form with the text filled in; nothing is lost.
    const [edit] = await app.say('coach1', button(added, 'Ändern'));
    expect(edit!.form!.fields.find((f) => f.id === 'answer')!.value).toBe(
      `${typed}\nDie Einfahrt ist ab 8 Uhr offen.`,
    );

    const [sent] = await app.say('coach1', button(added, 'Senden'), { name: 'Clara Coach' });
    expect(sent!.text).toMatch(/unterwegs/);
    expect(sent!.actions!.map((a) => a.label)).toContain('Als Wissenseintrag speichern');
    const lenaInbox = await inbox('lena');
    expect(lenaInbox).toHaveLength(1);
    expect(lenaInbox[0]!.text).toContain('Antwort von Clara Coach (CoDiLe)');
    expect(lenaInbox[0]!.text).toContain(`${typed}\nDie Einfahrt ist ab 8 Uhr offen.`);

    // Sent once: pressing "Senden" again sends nothing more.
    const [again] = await app.say('coach1', button(added, 'Senden'));
    expect(again!.text).toMatch(/bereits beantwortet/);
    expect(await inbox('lena')).toHaveLength(0);

    // After that, what the coach types is a question again.
    const [question] = await app.say('coach1', 'Wie oft findet die virtuelle Sprechstunde statt?');
    expect(question!.text).toContain('vierzehntägig');
  });

  it('ends the typed answer when the coach does something else, and "Nicht senden" keeps the question open', async () => {
    const notice = await handOff('mia', 'Gibt es einen Shuttlebus vom Bahnhof zum Netzwerktreffen?');
    await app.say('coach1', action(notice, 'knowledge.replyToHandoff'));
    // Another button first: the next text is a question again.
    await app.say('coach1', { id: 'knowledge.ask' });
    const [asked] = await app.say('coach1', 'Wie oft findet die virtuelle Sprechstunde statt?');
    expect(asked!.text).toContain('vierzehntägig');

    await app.say('coach1', action(notice, 'knowledge.replyToHandoff'));
    const [shown] = await app.say('coach1', 'Ja, stündlich ab 9 Uhr.');
    const [dropped] = await app.say('coach1', button(shown, 'Nicht senden'));
    expect(dropped!.text).toMatch(/nicht gesendet/);
    expect(await inbox('mia')).toHaveLength(0);
    const open = (await app.say('coach1', 'offene Fragen')).map((r) => r.text).join('\n');
    expect(open).toContain('Shuttlebus');
  });

  it('shows a typed answer back when another coach answered meanwhile, so it is not lost', async () => {
    const notice = await handOff('jana', 'Wie lange dauert das Netzwerktreffen?');
    await app.say('coach1', action(notice, 'knowledge.replyToHandoff'));
    const [form] = await app.say('coach2', action(notice, 'knowledge.replyToHandoff'));
    await app.say('coach2', { id: form!.form!.id, fields: { answer: 'Von 10 bis 15 Uhr.', keep: 'nein' } });

    const [late] = await app.say('coach1', 'Es dauert bis zum frühen Nachmittag.');
    expect(late!.text).toMatch(/bereits beantwortet/);
    expect(late!.text).toContain('Von 10 bis 15 Uhr.');
    expect(late!.text).toMatch(/nicht gesendet:\n\nEs dauert bis zum frühen Nachmittag\./);
    const janaInbox = await inbox('jana');
    expect(janaInbox).toHaveLength(1);
    expect(janaInbox[0]!.text).toContain('Von 10 bis 15 Uhr.');
  });

  it('lists open hand-offs for coaches with "Antworten" buttons; others get a clear message', async () => {
    await handOff('otto', 'Wer bringt den Beamer zum Netzwerktreffen mit?');
    const replies = await app.say('coach2', 'offene Fragen', { name: 'Carl Coach' });
    const all = replies.map((r) => r.text).join('\n');
    expect(all).toContain('Wer bringt den Beamer zum Netzwerktreffen mit?');
    expect(all).toContain('otto Lotsin');
    const item = replies.find((r) => r.text.includes('Beamer'));
    const [form] = await app.say('coach2', action(item, 'knowledge.replyToHandoff'));
    expect(form!.form?.fields.map((f) => f.id)).toEqual(['answer', 'keep']);
    await app.say('coach2', { id: form!.form!.id, fields: { answer: 'Das macht Clara.', keep: 'nein' } });
    const after = (await app.say('coach2', 'offene Fragen')).map((r) => r.text).join('\n');
    expect(after).not.toContain('Beamer');

    const [refused] = await app.say('otto', 'offene Fragen');
    expect(refused!.text).toMatch(/nur für Coaches/);
    expect(refused!.text).not.toMatch(/Dazu habe ich nichts/);
    expect(refused!.actions!.length).toBeGreaterThan(0);
  });

  it('hands a question over once, even when "Coach fragen" is pressed twice on two instances', async () => {
    const [abstained] = await app.say('rita', 'Gibt es beim Netzwerktreffen vegetarisches Essen?');
    const press = action(abstained, 'knowledge.askCoach');
    const [first, other] = await Promise.all([app.say('rita', press), second.say('rita', press)]);
    const texts = [first![0]!.text, other![0]!.text].sort();
    expect(texts[0]).toMatch(/bereits an die Coaches .*weitergegeben/);
    expect(texts[1]).toMatch(/Ich habe Ihre Frage an die Coaches/);
    const [third] = await app.say('rita', press);
    expect(third!.text).toMatch(/bereits an die Coaches .*weitergegeben/);
    const notices = (await inbox('coach1')).filter((r) => r.text.includes('vegetarisches Essen'));
    expect(notices).toHaveLength(1);
  });

  it('an older database with duplicate hand-offs is upgraded without losing an answer', async () => {
    const old = await createTestDb();
    try {
      await old.query('DROP INDEX knowledge_handoffs_question');
      await old.query('DROP INDEX knowledge_handoffs_open');
      await old.query(`DELETE FROM schema_migrations WHERE version = '007_handoff_once'`);
      const { rows } = await old.query<{ id: string }>(
        `INSERT INTO knowledge_questions (user_key, question, abstained, mode)
         VALUES ('local:x', 'Frage?', true, 'extractive') RETURNING id`,
      );
      const q = rows[0]!.id;
      await old.query(
        `INSERT INTO knowledge_handoffs (question_id, asker_key, question, answer, created_at) VALUES
         ($1, 'local:x', 'Frage?', NULL, now() - interval '2 minutes'),
         ($1, 'local:x', 'Frage?', 'Die Antwort.', now() - interval '1 minute')`,
        [q],
      );
      await migrate(old);
      const linked = await old.query<{ answer: string | null }>(
        'SELECT answer FROM knowledge_handoffs WHERE question_id = $1',
        [q],
      );
      expect(linked.rows).toEqual([{ answer: 'Die Antwort.' }]);
      expect((await old.query('SELECT 1 FROM knowledge_handoffs')).rowCount).toBe(2);
      await expect(
        old.query(
          `INSERT INTO knowledge_handoffs (question_id, asker_key, question) VALUES ($1, 'local:x', 'Frage?')`,
          [q],
        ),
      ).rejects.toThrow(/duplicate|unique/i);
    } finally {
      await old.close();
    }
  });

  it('a kept coach answer is quoted in whole sentences, without repeating the question', async () => {
    const notice = await handOff('paula', 'Gibt es Fördermittel für Tablets in der Produktion?');
    const [form] = await app.say('coach1', action(notice, 'knowledge.replyToHandoff'));
    const answer =
      'Ja, z. B. über das Programm „Digital Jetzt“, d. h. bis zu 50 % der Kosten. Die Beratung übernimmt u. a. Dr. Huber von der IHK, ca. 2 Std. pro Betrieb.';
    await app.say('coach1', { id: form!.form!.id, fields: { answer, keep: 'ja' } });

    const [reply] = await app.say('sven', 'Gibt es Fördermittel für Tablets?');
    expect(reply!.citations![0]!.title).toMatch(/^Antwort eines CoDiLe › /);
    expect(reply!.text).toBe(answer);
  });
});
