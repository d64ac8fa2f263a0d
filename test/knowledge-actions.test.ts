import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type WireReply } from './support/app.ts';
import { inbox as inboxMessages } from './support/booking.ts';
import { writeFixtureKnowledge } from './support/knowledge-fixture.ts';

/**
 * The knowledge capability's action table: buttons already sent in Slack and Teams with the older ids
 * ("knowledge.up", "knowledge.reply", the form "knowledge.answer.<id>") keep working next to the new ones,
 * and a broken value is answered as before.
 */
let app: TestApp;
let dir: string;

beforeAll(async () => {
  dir = await writeFixtureKnowledge();
  app = await startTestApp({ KNOWLEDGE_DIR: dir, COACHES: 'local:coach9', RATE_LIMIT_PER_MINUTE: '1000' });
  await app.say('coach9', 'hallo', { name: 'Clara Coach' });
}, 180_000);

afterAll(async () => {
  await app?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function inbox(user: string): Promise<WireReply[]> {
  return (await inboxMessages(app, user)).flatMap((m) => m.replies);
}

const buttonValue = (reply: WireReply | undefined, id: string) => {
  const a = reply?.actions?.find((x) => x.id === id);
  if (!a) throw new Error(`no ${id} button in ${JSON.stringify(reply)}`);
  return a.value;
};

describe('knowledge actions: old button ids', { timeout: 120_000 }, () => {
  it('"up", "down" and "handoff" still rate and hand over; "reply", the old form id, "keep" and "open" still work', async () => {
    const [answer] = await app.say('lia', 'Wie oft findet die virtuelle Sprechstunde statt?');
    const question = buttonValue(answer, 'knowledge.helpful');
    const [up] = await app.say('lia', { id: 'knowledge.up', value: question });
    expect(up!.text).toMatch(/Danke für Ihr Feedback/);
    const [down] = await app.say('lia', { id: 'knowledge.down', value: question });
    expect(down!.text).toMatch(/Soll ich Ihre Frage an einen Coach/);

    const [abstained] = await app.say('lia', 'Wo parken Besucher beim Netzwerktreffen?', {
      name: 'Lia Lotsin',
    });
    const [handed] = await app.say('lia', {
      id: 'knowledge.handoff',
      value: buttonValue(abstained, 'knowledge.askCoach'),
    });
    expect(handed!.text).toMatch(/weitergegeben/);
    const [notice] = (await inbox('coach9')).filter((r) => r.text.includes('Wo parken Besucher'));
    const handoff = buttonValue(notice, 'knowledge.replyToHandoff')!;

    const [form] = await app.say('coach9', { id: 'knowledge.reply', value: handoff });
    expect(form!.form!.id).toBe(`knowledge.submitAnswer:${handoff}`);
    const [sent] = await app.say(
      'coach9',
      { id: `knowledge.answer.${handoff}`, fields: { answer: 'Im Parkhaus Ostentor.', keep: 'nein' } },
      { name: 'Clara Coach' },
    );
    expect(sent!.text).toMatch(/unterwegs/);
    const [delivered] = await inbox('lia');
    expect(delivered!.text).toContain('Im Parkhaus Ostentor.');

    const [kept] = await app.say('coach9', { id: 'knowledge.keep', value: handoff });
    expect(kept!.text).toMatch(/^Gespeichert/);
    const [open] = await app.say('coach9', { id: 'knowledge.open' });
    expect(open!.text).toMatch(/keine Frage offen/);
  });

  it('"send" and "discard" of a typed answer still work; another button ends the typed answer', async () => {
    const [abstained] = await app.say('ida', 'Gibt es einen Shuttlebus zum Netzwerktreffen?');
    await app.say('ida', { id: 'knowledge.askCoach', value: buttonValue(abstained, 'knowledge.askCoach') });
    const [notice] = (await inbox('coach9')).filter((r) => r.text.includes('Shuttlebus'));
    const handoff = buttonValue(notice, 'knowledge.replyToHandoff')!;

    await app.say('coach9', { id: 'knowledge.replyToHandoff', value: handoff });
    const [shown] = await app.say('coach9', 'Nein, leider nicht.');
    expect(shown!.text).toContain('Soll ich sie so senden?');
    const [dropped] = await app.say('coach9', { id: 'knowledge.discard', value: handoff });
    expect(dropped!.text).toMatch(/nicht gesendet/);

    await app.say('coach9', { id: 'knowledge.replyToHandoff', value: handoff });
    // Any other knowledge button (here the learning suggestions) ends the typed answer.
    await app.say('coach9', { id: 'knowledge.suggestions' });
    const [asked] = await app.say('coach9', 'Wie oft findet die virtuelle Sprechstunde statt?');
    expect(asked!.text).toContain('vierzehntägig');

    await app.say('coach9', { id: 'knowledge.reply', value: handoff });
    await app.say('coach9', 'Nein, leider nicht.');
    const [sent] = await app.say('coach9', { id: 'knowledge.send', value: handoff }, { name: 'Clara Coach' });
    expect(sent!.text).toMatch(/unterwegs/);
    expect((await inbox('ida'))[0]!.text).toContain('Nein, leider nicht.');
  });

  it('a broken value is answered as before; an unknown id as "button no longer valid"', async () => {
    const [gone] = await app.say('ola', { id: 'knowledge.helpful', value: 'abc' });
    expect(gone!.text).toMatch(/Diese Frage finde ich nicht mehr/);
    const [entry] = await app.say('ola', { id: 'knowledge.entry', value: 'gibt-es-nicht' });
    expect(entry!.text).toMatch(/Diese Frage finde ich nicht mehr/);
    const [suggestion] = await app.say('coach9', { id: 'knowledge.suggestionAccept', value: 'x' });
    expect(suggestion!.text).toMatch(/Öffnen Sie die Vorschläge gern neu/);
    const [unknown] = await app.say('ola', { id: 'knowledge.nope' });
    expect(unknown!.text).toMatch(/nicht mehr gültig/);
  });
});
