import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { questionReport } from '../src/knowledge/report.ts';
import { automation, startTestApp, type TestApp, type WireReply } from './support/app.ts';
import { writeFixtureKnowledge } from './support/knowledge-fixture.ts';

let app: TestApp;
let dir: string;

async function inbox(user: string): Promise<WireReply[]> {
  const res = await fetch(`${app.url}/api/local/users/${user}/inbox`, { headers: automation });
  const body = (await res.json()) as { messages: { replies: WireReply[] }[] };
  return body.messages.flatMap((m) => m.replies);
}

const action = (reply: WireReply | undefined, id: string) => {
  const a = reply?.actions?.find((x) => x.id === id);
  if (!a) throw new Error(`no ${id} button in ${JSON.stringify(reply)}`);
  return { id: a.id, value: a.value };
};

beforeAll(async () => {
  dir = await writeFixtureKnowledge();
  app = await startTestApp({ KNOWLEDGE_DIR: dir, COACHES: 'local:coach1, local:coach2' });
  // Coaches are reachable once the bot has seen them.
  await app.say('coach1', 'hallo', { name: 'Clara Coach' });
});

afterAll(async () => {
  await app?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('knowledge capability through the local chat API', () => {
  it('answers free text briefly with its source, details on request and feedback buttons', async () => {
    const [reply] = await app.say('lena', 'Wie oft findet die virtuelle Sprechstunde statt?');
    expect(reply!.text).toContain('vierzehntägig');
    expect(reply!.text.length).toBeLessThan(300);
    expect(reply!.citations).toEqual([
      expect.objectContaining({
        title: 'Die virtuelle Sprechstunde › Wie oft findet die virtuelle Sprechstunde statt?',
        url: 'https://example.org/sprechstunde',
      }),
    ]);
    expect(reply!.actions!.map((a) => a.id)).toEqual([
      'knowledge.more',
      'knowledge.helpful',
      'knowledge.notHelpful',
    ]);

    const [more] = await app.say('lena', action(reply, 'knowledge.more'));
    expect(more!.text).toContain('Donnerstagnachmittag');
    expect(more!.text).toContain(
      '**Die virtuelle Sprechstunde › Wie oft findet die virtuelle Sprechstunde statt?**',
    );
    expect(more!.citations!.length).toBeGreaterThanOrEqual(1);

    const [thanks] = await app.say('lena', action(reply, 'knowledge.helpful'));
    expect(thanks!.text).toMatch(/Danke/);
  });

  it('tells an English reader that the quoted passage is German', async () => {
    const [reply] = await app.say('tom', 'How often is the virtuelle Sprechstunde?', { locale: 'en' });
    expect(reply!.text).toMatch(/^_From the German knowledge base:_\n.*vierzehntägig/);
    const [german] = await app.say('lena', 'Wie oft findet die virtuelle Sprechstunde statt?');
    expect(german!.text).not.toContain('German knowledge base');
  });

  it('answers a follow-up with the previous question as context', async () => {
    await app.say('fritz', 'Wie oft findet die virtuelle Sprechstunde statt?');
    const [reply] = await app.say('fritz', 'Und unter welchem Motto steht sie?');
    expect(reply!.text).toContain('meet, talk, learn');
  });

  it('corrects typos and says so', async () => {
    const [reply] = await app.say('tina', 'Worauf basiert die Digital Lerning Canvas?');
    expect(reply!.text).toContain('Osterwalder');
    expect(reply!.text).toMatch(/Gelesen als .*lerning.*learning/);
  });

  it('abstains honestly with next steps as buttons', async () => {
    const [reply] = await app.say('otto', 'Wie wird das Wetter morgen in Regensburg?');
    expect(reply!.text).toMatch(/^Dazu habe ich nichts in meiner Wissensbasis/);
    expect(reply!.citations).toBeUndefined();
    expect(reply!.actions!.map((a) => a.id)).toEqual([
      'knowledge.ask',
      'canvas.start',
      'knowledge.askCoach',
      'booking.start',
    ]);
    expect(reply!.actions!.map((a) => a.label)).toEqual([
      'Umformulieren',
      'Canvas starten',
      'Coach fragen',
      'Termin buchen',
    ]);
  });

  it('"Frage stellen" asks the user to type the question, and the next text is answered', async () => {
    const [prompt] = await app.say('mia', { id: 'knowledge.ask' });
    expect(prompt!.text).toMatch(/Was möchten Sie wissen\?/);
    const [answer] = await app.say('mia', 'Welche Ausbildung durchlaufen LoDiLe?');
    expect(answer!.text).toContain('Einstiegsseminar');
  });

  it('hands a question to the coaches; the answer reaches the LoDiLe and can become knowledge', async () => {
    const [abstained] = await app.say('lena', 'Wo parken Besucher beim Netzwerktreffen?', {
      name: 'Lena Lotsin',
    });
    expect(abstained!.text).toMatch(/nichts in meiner Wissensbasis/);
    const [handed] = await app.say('lena', action(abstained, 'knowledge.askCoach'), { name: 'Lena Lotsin' });
    expect(handed!.text).toMatch(/an die Coaches für digitales Lernen \(CoDiLe\) weitergegeben/);

    // Both configured coaches get it, also coach2 who has never written to the bot yet.
    const coachInbox = await inbox('coach1');
    expect(coachInbox).toHaveLength(1);
    const newCoachInbox = await inbox('coach2');
    expect(newCoachInbox).toHaveLength(1);
    expect(newCoachInbox[0]!.text).toContain('Frage: „Wo parken Besucher beim Netzwerktreffen?“');
    expect(coachInbox[0]!.text).toContain('Frage: „Wo parken Besucher beim Netzwerktreffen?“');
    expect(coachInbox[0]!.text).toContain('Lena Lotsin');
    expect(coachInbox[0]!.text).toMatch(/nichts in seiner Wissensbasis/);

    // Someone who is not a coach cannot answer.
    const [refused] = await app.say('lena', action(coachInbox[0], 'knowledge.replyToHandoff'));
    expect(refused!.text).toMatch(/nur Coaches/);

    const [form] = await app.say('coach1', action(coachInbox[0], 'knowledge.replyToHandoff'), {
      name: 'Clara Coach',
    });
    expect(form!.form?.fields.map((f) => f.id)).toEqual(['answer', 'keep']);
    const formId = form!.form!.id;

    const [invalid] = await app.say('coach1', { id: formId, fields: { answer: '  ', keep: 'ja' } });
    expect(invalid!.form?.errors?.answer).toMatch(/Antwort/);

    const answer = 'Besucher parken kostenlos im Parkhaus Ostentor, Ebene 2.';
    const [sent] = await app.say(
      'coach1',
      { id: formId, fields: { answer, keep: 'ja' } },
      { name: 'Clara Coach' },
    );
    expect(sent!.text).toMatch(/Wissensbasis/);

    const lenaInbox = await inbox('lena');
    expect(lenaInbox).toHaveLength(1);
    expect(lenaInbox[0]!.text).toContain('Antwort von Clara Coach (CoDiLe)');
    expect(lenaInbox[0]!.text).toContain(answer);

    // A second answer to the same hand-off is not sent twice.
    const [again] = await app.say('coach1', { id: formId, fields: { answer: 'Noch was', keep: 'nein' } });
    expect(again!.text).toMatch(/bereits beantwortet/);
    expect(await inbox('lena')).toHaveLength(0);
    // The other coach learns it was answered when opening the question.
    const [late] = await app.say('coach2', action(newCoachInbox[0], 'knowledge.replyToHandoff'));
    expect(late!.text).toMatch(/bereits beantwortet/);

    // From now on retrieval knows the coach's answer.
    const [later] = await app.say('paul', 'Wo kann man beim Netzwerktreffen parken?');
    expect(later!.text).toContain('Parkhaus Ostentor');
    expect(later!.citations![0]!.title).toMatch(/^Antwort eines CoDiLe › /);
  });

  it('offers the coach after a 👎, and reports questions, abstentions and 👎', async () => {
    const [reply] = await app.say('rita', 'Was machen LoDiLe im Betrieb?');
    const [down] = await app.say('rita', action(reply, 'knowledge.notHelpful'));
    expect(down!.actions!.map((a) => a.id)).toEqual(['knowledge.askCoach', 'knowledge.ask', 'booking.start']);

    // Someone else's question cannot be rated or handed over.
    const [foreign] = await app.say('eve', action(reply, 'knowledge.notHelpful'));
    expect(foreign!.text).toMatch(/finde ich nicht mehr/);

    const report = await questionReport(app.services.db, 30);
    expect(report).toContain('Was machen LoDiLe im Betrieb?');
    expect(report).toMatch(/Keine Antwort gefunden[\s\S]*Wie wird das Wetter morgen in Regensburg\?/);
    expect(report).toMatch(/Mit 👎 bewertet:\n\s+1×\s+Was machen LoDiLe im Betrieb\?/);
    expect(report).toMatch(
      /An Coaches weitergegeben: 1 \(beantwortet 1, offen 0, als Wissen gespeichert 1\)/,
    );
  });

  it('provides the search service to other capabilities', async () => {
    const passages = await app.knowledge.search('Worauf basiert die Digital Learning Canvas?', 3);
    expect(passages[0]).toMatchObject({
      source: 'canvas.md',
      title: expect.stringContaining('Worauf basiert'),
    });
    expect(await app.knowledge.search('Wer gewinnt die Bundesliga?')).toEqual([]);
  });
});
