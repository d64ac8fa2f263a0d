import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.ts';
import { writeFixtureKnowledge } from './support/knowledge-fixture.ts';

let app: TestApp;
let dir: string;

beforeAll(async () => {
  dir = await writeFixtureKnowledge();
  app = await startTestApp({ KNOWLEDGE_DIR: dir, RATE_LIMIT_PER_MINUTE: '1000' });
});

afterAll(async () => {
  await app?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function loggedQuestions(user: string): Promise<string[]> {
  const { rows } = await app.services.db.query<{ question: string }>(
    'SELECT question FROM knowledge_questions WHERE user_key = $1',
    [`local:${user}`],
  );
  return rows.map((r) => r.question);
}

const menu = ['knowledge.ask', 'canvas.start', 'booking.start'];

describe('small talk gets a short friendly reply, not the knowledge base', () => {
  it.each([
    ['danke', /^Gern geschehen!/],
    ['Danke schön!', /^Gern geschehen!/],
    ['vielen Dank 🙂', /^Gern geschehen!/],
    ['thanks', /^Gern geschehen!/],
    ['ok', /^Gut!/],
    ['super', /^Gut!/],
    ['alles klar', /^Gut!/],
    ['Okay, danke!', /^Gern geschehen!/],
    ['Danke für die Info!', /^Gern geschehen!/],
    ['Das hilft mir weiter 👍', /^Gut!/],
    ['hallo', /^Hallo! Ich bin der LoDiLe-Bot/],
    ['Guten Morgen!', /^Hallo! Ich bin der LoDiLe-Bot/],
    ['tschüss', /^Tschüss und bis bald!/],
    ['bye', /^Tschüss und bis bald!/],
    ['Danke und tschüss', /^Gern geschehen – tschüss und bis bald!/],
  ])('„%s“', async (message, expected) => {
    const user = `st-${message.replace(/\W/g, '')}`;
    const [reply, ...rest] = await app.say(user, message);
    expect(rest).toEqual([]);
    expect(reply!.text).toMatch(expected);
    expect(reply!.text).not.toMatch(/Wissensbasis/);
    expect(reply!.citations).toBeUndefined();
    // A way on: the main menu, never the abstention's "Coach fragen".
    expect(reply!.actions!.map((a) => a.id)).toEqual(menu);
    expect(await loggedQuestions(user)).toEqual([]);
  });

  it('answers in English for a user who chose English', async () => {
    await app.say('st-en', 'english');
    const [reply] = await app.say('st-en', 'thank you!');
    expect(reply!.text).toMatch(/^You are welcome!/);
  });

  it('small talk right after "Frage stellen" is not taken as the question', async () => {
    await app.say('st-ask', { id: 'knowledge.ask' });
    const [reply] = await app.say('st-ask', 'ok danke');
    expect(reply!.text).toMatch(/^Gern geschehen!/);
    expect(await loggedQuestions('st-ask')).toEqual([]);
    // The next real question is still answered.
    const [answer] = await app.say('st-ask', 'Wie oft findet die virtuelle Sprechstunde statt?');
    expect(answer!.text).toContain('vierzehntägig');
  });

  it('a real question with a greeting or thanks in it is still answered from the knowledge base', async () => {
    const [a] = await app.say('st-q', 'Hallo, wie oft findet die virtuelle Sprechstunde statt?');
    expect(a!.text).toContain('vierzehntägig');
    const [b] = await app.say('st-q', 'Danke! Was kostet der Canvas-Workshop?');
    expect(b!.text).toContain('90 Euro');
    const [c] = await app.say('st-q', 'Super, und unter welchem Motto steht die virtuelle Sprechstunde?');
    expect(c!.text).toContain('meet, talk, learn');
    expect(await loggedQuestions('st-q')).toHaveLength(3);
  });

  it('words that only start like small talk are questions', async () => {
    const [reply] = await app.say('st-word', 'Super Sprechstunde – wie oft findet sie statt?');
    expect(reply!.text).toContain('vierzehntägig');
    const [other] = await app.say('st-word', 'ok wetter morgen');
    expect(other!.text).toMatch(/^Dazu habe ich nichts in meiner Wissensbasis/);
  });
});
