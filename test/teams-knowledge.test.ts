import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adaptiveCardProblems } from './support/adaptive-cards.ts';
import { type ConnectorCall, cardOf } from './support/fake-connector.ts';
import { writeFixtureKnowledge } from './support/knowledge-fixture.ts';
import {
  CHANNEL_ROOT,
  channelMessage,
  personalConversation,
  personalMessage,
  startTeamsTestApp,
  submits,
  submitted,
  type TeamsTestApp,
  type TeamsUser,
} from './support/teams.ts';

// Questions in Teams: an answer with sources and 👍/👎 in a channel thread, and a question the knowledge
// base cannot answer travelling to a coach and back — both people on Teams, the hand-offs proactive.
const lena: TeamsUser = { id: '29:1lena-k', name: 'Lena Lotsin', aadObjectId: 'aad-lena-knowledge' };
const clara: TeamsUser = { id: '29:1clara-k', name: 'Clara Coach', aadObjectId: 'aad-clara-knowledge' };

let app: TeamsTestApp;
let dir: string;
const url = () => app.connector.url;

beforeAll(async () => {
  dir = await writeFixtureKnowledge();
  app = await startTeamsTestApp({
    KNOWLEDGE_DIR: dir,
    COACHES: `teams:${clara.aadObjectId}`,
    PUBLIC_URL: 'https://bot.example.org',
  });
  // Coaches are reachable once the bot has seen them.
  await app.post(personalMessage(url(), 'hallo', { user: clara }));
});
afterAll(async () => {
  const cards = app.connector.history.map(cardOf).filter(Boolean);
  expect(cards.length).toBeGreaterThan(5);
  for (const card of cards) expect(adaptiveCardProblems(card), JSON.stringify(card)).toEqual([]);
  await app?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const text = (c: ConnectorCall) => JSON.stringify(cardOf(c) ?? { text: c.body.text });
const only = (calls: ConnectorCall[]) => {
  expect(calls).toHaveLength(1);
  return calls[0]!;
};

async function press(
  user: TeamsUser,
  on: ConnectorCall,
  action: string,
  values: Record<string, string> = {},
) {
  const button = submits(cardOf(on)).find((s) => s.data.lodile.action === action);
  if (!button) throw new Error(`no button ${action} in ${text(on)}`);
  app.connector.clear();
  await app.post(submitted(url(), { ...button.data, ...values }, on.assignedId, { user }));
  return app.connector.messages();
}

describe('questions in Teams', () => {
  it('answers an @mention in a channel thread with sources and 👍/👎, and takes the feedback', async () => {
    app.connector.clear();
    const question = channelMessage(url(), 'Wie oft findet die virtuelle Sprechstunde statt?', {
      user: lena,
    });
    await app.post(question);
    const answer = only(app.connector.messages());
    expect(answer.kind).toBe('reply');
    expect(answer.conversationId).toBe(`${CHANNEL_ROOT};messageid=${question.id}`);
    const card = cardOf(answer)!;
    expect(text(answer)).toContain('vierzehntägig');
    expect(text(answer)).toContain('"text":"Quellen"');
    expect(text(answer)).toContain(
      '[Die virtuelle Sprechstunde › Wie oft findet die virtuelle Sprechstunde statt?](https://example.org/sprechstunde)',
    );
    expect(submits(card).map((s) => s.title)).toEqual(['Mehr dazu', '👍', '👎']);

    const thanks = await press(lena, answer, 'knowledge.helpful');
    expect(text(only(thanks))).toMatch(/Danke/);
    const update = only(app.connector.calls.filter((c) => c.kind === 'update'));
    expect(text(update)).toContain('✓ Gewählt: 👍');
    expect(submits(cardOf(update))).toEqual([]);
  });

  it('hands an unanswerable question to a coach in Teams and brings the answer back proactively', async () => {
    app.connector.clear();
    await app.post(personalMessage(url(), 'Wo parken Besucher beim Netzwerktreffen?', { user: lena }));
    const abstained = only(app.connector.messages());
    expect(text(abstained)).toMatch(/nichts in meiner Wissensbasis/);
    // The coach's notice goes out through the outbox (every two seconds) and may land in the same moment.
    const handed = await press(lena, abstained, 'knowledge.askCoach');
    expect(text(only(handed.filter((c) => c.conversationId !== personalConversation(clara).id)))).toMatch(
      /weitergegeben/,
    );

    // Clara gets the question in her personal chat, with a button to answer.
    await app.connector.waitFor((calls) =>
      calls.some((c) => c.kind === 'send' && /Netzwerktreffen/.test(text(c))),
    );
    const notice = app.connector.calls.find((c) => c.kind === 'send' && /Netzwerktreffen/.test(text(c)))!;
    expect(notice.conversationId).toBe(personalConversation(clara).id);
    expect(text(notice)).toContain('Lena Lotsin');

    const formMsg = only(await press(clara, notice, 'knowledge.replyToHandoff'));
    const form = submits(cardOf(formMsg)).find((s) => s.data.lodile.action.startsWith('knowledge.'))!;
    expect(form, text(formMsg)).toBeDefined();
    const invalid = only(
      await press(clara, formMsg, form.data.lodile.action, { field_answer: '  ', field_keep: 'ja' }),
    );
    expect(text(invalid)).toMatch(/⚠ [^"]*Antwort/);

    const reply = 'Besucher parken kostenlos im Parkhaus Ostentor, Ebene 2.';
    const invalidForm = submits(cardOf(invalid)).find(
      (s) => s.data.lodile.action === form.data.lodile.action,
    )!;
    expect(invalidForm).toBeDefined();
    const sent = only(
      (
        await press(clara, invalid, form.data.lodile.action, { field_answer: reply, field_keep: 'ja' })
      ).filter((c) => c.conversationId !== personalConversation(lena).id),
    );
    expect(text(sent)).toMatch(/Wissensbasis/);

    // Lena gets the coach's answer in her personal chat.
    await app.connector.waitFor((calls) => calls.some((c) => c.kind === 'send' && text(c).includes(reply)));
    const delivered = app.connector.calls.find((c) => c.kind === 'send' && text(c).includes(reply))!;
    expect(delivered.conversationId).toBe(personalConversation(lena).id);
    expect(text(delivered)).toContain('Antwort von Clara Coach (CoDiLe)');
  });
});
