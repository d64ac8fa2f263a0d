import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adaptiveCardProblems } from './support/adaptive-cards.ts';
import { SAMPLE } from './support/canvas.ts';
import { type ConnectorCall, cardOf } from './support/fake-connector.ts';
import {
  ben,
  personalConversation,
  personalMessage,
  startTeamsTestApp,
  submits,
  submitted,
  type TeamsTestApp,
  type TeamsUser,
} from './support/teams.ts';

// A whole Digital Learning Canvas in Teams: free-text answers, the SAMR choice set, the roadmap form with
// its validation, buttons, the summary card and the PNG / Markdown exports — through /api/messages.
const anna: TeamsUser = { id: '29:1anna-canvas', name: 'Anna Lotsin', aadObjectId: 'aad-anna-canvas' };

let app: TeamsTestApp;
const url = () => app.connector.url;

beforeAll(async () => {
  // Many turns within a minute: lift the per-user rate limit, which is not under test here.
  app = await startTeamsTestApp({ RATE_LIMIT_PER_MINUTE: '10000', PUBLIC_URL: 'https://bot.example.org' });
}, 120_000);
afterAll(async () => {
  const cards = app.connector.history.map(cardOf).filter(Boolean);
  expect(cards.length).toBeGreaterThan(15);
  for (const card of cards) expect(adaptiveCardProblems(card), JSON.stringify(card)).toEqual([]);
  // Teams rejects messages over about 28 KB.
  const largest = Math.max(...app.connector.history.map((c) => Buffer.byteLength(JSON.stringify(c.body))));
  expect(largest).toBeLessThan(28_000);
  await app?.close();
});

const text = (calls: ConnectorCall[]) =>
  calls.map((c) => JSON.stringify(cardOf(c) ?? { text: c.body.text })).join('\n');

/** The bot's messages for one turn. */
async function say(message: string): Promise<ConnectorCall[]> {
  app.connector.clear();
  await app.post(personalMessage(url(), message, { user: anna }));
  return app.connector.messages();
}

/** Presses a submit found in the last messages (input values merged like Teams does). */
async function press(on: ConnectorCall[], action: string, values: Record<string, string> = {}) {
  for (const msg of on) {
    // Canvas form ids carry the canvas and milestone: "canvas.saveMilestone:<canvas>:new".
    const button = submits(cardOf(msg)).find(
      (s) => s.data.lodile.action === action || s.data.lodile.action.startsWith(`${action}:`),
    );
    if (!button) continue;
    app.connector.clear();
    await app.post(submitted(url(), { ...button.data, ...values }, msg.assignedId, { user: anna }));
    return app.connector.messages();
  }
  throw new Error(`no button ${action} in ${text(on)}`);
}

function choiceValue(on: ConnectorCall[], labelPart: string): string {
  for (const msg of on) {
    const set = (
      (cardOf(msg)?.body ?? []) as { id?: string; choices?: { title: string; value: string }[] }[]
    ).find((e) => e.id === 'lodile_choice');
    const c = set?.choices?.find((x) => x.title.includes(labelPart));
    if (c) return c.value;
  }
  throw new Error(`no choice ${labelPart}`);
}

describe('canvas in Teams', { timeout: 120_000 }, () => {
  let summary: ConnectorCall[] = [];

  it('walks all ten steps with text, the SAMR choice set and the roadmap form', async () => {
    let r = await say('Ich möchte eine Canvas ausfüllen');
    expect(text(r)).toContain('Schritt 1 von 10');
    r = await say(SAMPLE.title);
    expect(text(r)).toContain('Schritt 2 von 10');
    r = await say('Die Leute sollen besser lernen');
    expect(text(r)).toContain('Woran messen Sie den Erfolg?');
    for (const answer of [
      SAMPLE.goal,
      SAMPLE.situation,
      SAMPLE.stakeholders,
      SAMPLE.audience,
      SAMPLE.needs,
      SAMPLE.attitude,
    ]) {
      r = await say(answer);
    }
    expect(text(r)).toContain('Schritt 8 von 10');
    r = await say(SAMPLE.medium);
    expect(text(r)).toContain('"id":"lodile_choice"');
    r = await press(r, 'canvas.samr', { lodile_choice: choiceValue(r, 'Modification') });
    expect(text(r)).toContain('Schritt 9 von 10');

    // Roadmap form: a past date comes back with the core's message under the field, then a valid one.
    r = await press(r, 'canvas.saveMilestone', {
      field_what: 'Alte Schulung',
      field_when: '01.02.2020',
      field_who: '',
    });
    expect(text(r)).toContain('liegt in der Vergangenheit');
    expect(text(r)).toContain('"value":"Alte Schulung"');
    r = await press(r, 'canvas.saveMilestone', {
      field_what: 'Pilot in der Frühschicht',
      field_when: 'in 6 Wochen',
      field_who: 'Herr Yilmaz',
    });
    expect(text(r)).toMatch(/Pilot in der Frühschicht“ bis \d\d\.\d\d\.\d{4}/);
    r = await press(r, 'canvas.next');
    expect(text(r)).toContain('Wie ist das Arbeitsergebnis?');
    r = await say(SAMPLE.learnResult);
    r = await say(SAMPLE.learnCollab);
    r = await say(SAMPLE.learnLearned);
    expect(text(r)).toContain('Geschafft');
    expect(text(r)).toContain('SAMR: Modification');
    summary = r;
  });

  it('sends the canvas as an inline PNG image and the Markdown export as text and download', async () => {
    const png = await press(summary, 'canvas.png');
    const image = png
      .flatMap((m) => (cardOf(m)?.body ?? []) as { type: string; url?: string }[])
      .find((e) => e.type === 'Image')!;
    expect(image.url).toMatch(
      /^https:\/\/bot\.example\.org\/api\/teams\/files\/[0-9a-f-]{36}\?sig=[\w-]{43}$/,
    );
    const link = new URL(image.url!);
    const res = await fetch(app.url + link.pathname + link.search);
    expect(res.headers.get('content-type')).toBe('image/png');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.readUInt32BE(16)).toBe(1754);

    // The summary card was used; export from a fresh one.
    const again = await say('meine canvases');
    expect(text(again)).toContain(SAMPLE.title);
    const md = await say('canvas exportieren');
    expect(text(md)).toContain(`Digital Learning Canvas: ${SAMPLE.title}`);
    const download = text(md).match(/"title":"⬇ [^"]+\.md","url":"https:\/\/bot\.example\.org([^"]+)"/);
    expect(download).not.toBeNull();
    const file = await fetch(app.url + download![1]!);
    expect(file.headers.get('content-disposition')).toMatch(/^attachment/);
    expect(await file.text()).toContain(SAMPLE.goal);
    // The link is the only key: without its signature, or with another file's, the file is not there.
    expect((await fetch(app.url + link.pathname)).status).toBe(404);
    const otherId = download![1]!.match(/files\/([0-9a-f-]{36})/)![1]!;
    expect((await fetch(`${app.url}/api/teams/files/${otherId}${link.search}`)).status).toBe(404);
  });
  it('shares by @mention or by name – nobody has to know a Teams id', async () => {
    // Ben wrote to the bot before; Teams' mention carries only his Teams account id, not his Entra id.
    // A namesake also did: only the id tells them apart.
    await app.post(personalMessage(url(), 'hallo', { user: ben }));
    const namesake = { id: '29:1other-ben', name: 'Ben Berger', aadObjectId: 'aad-other-ben' };
    await app.post(personalMessage(url(), 'hallo', { user: namesake }));
    let r = await say('canvas zusammenfassung');
    r = await press(r, 'canvas.share');
    expect(text(r)).toContain('Mit wem möchten Sie');
    expect(text(r)).toContain('"type":"Input.Text","id":"field_with","label":"Person"');

    // A name nobody has: said clearly under the field, nothing shared.
    r = await press(r, 'canvas.shareWith', { field_with: 'Carla Neu' });
    expect(text(r)).toContain('Ich kenne niemanden namens „Carla Neu“');

    // The question stays open: "@Ben Berger" in the chat is enough.
    app.connector.clear();
    const mention = personalMessage(url(), '<at>Ben Berger</at>', { user: anna });
    await app.post({
      ...mention,
      entities: [
        ...mention.entities,
        { type: 'mention', mentioned: { id: ben.id, name: ben.name }, text: '<at>Ben Berger</at>' },
      ],
    });
    r = app.connector.messages();
    expect(text(r)).toContain(`„${SAMPLE.title}“ ist jetzt mit Ben Berger geteilt`);
    expect(text(r)).toContain('Ich habe der Person Bescheid gegeben');
    await app.connector.waitFor((calls) =>
      calls.some(
        (c) =>
          c.kind === 'send' &&
          c.conversationId === personalConversation(ben).id &&
          JSON.stringify(c.body).includes('Anna Lotsin hat die Digital Learning Canvas'),
      ),
    );

    // Someone who never wrote to the bot, @mentioned with the Entra id Teams sends: shared for later.
    r = await say('canvas zusammenfassung');
    await press(r, 'canvas.share');
    app.connector.clear();
    const carla = personalMessage(url(), '<at>Carla Neu</at>', { user: anna });
    await app.post({
      ...carla,
      entities: [
        ...carla.entities,
        {
          type: 'mention',
          mentioned: { id: '29:1carla', name: 'Carla Neu', aadObjectId: 'aad-carla-0003' },
          text: '<at>Carla Neu</at>',
        },
      ],
    });
    expect(text(app.connector.messages())).toContain('sobald sie sich meldet');
    const { rows } = await app.db.query<{ user_key: string }>(
      `SELECT s.user_key FROM canvas_shares s JOIN canvases c ON c.id = s.canvas_id
        WHERE c.owner_key = 'teams:aad-anna-canvas' ORDER BY s.user_key`,
    );
    expect(rows.map((x) => x.user_key)).toEqual(['teams:aad-ben-0002', 'teams:aad-carla-0003']);
  });
});
