import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDueReminders } from '../src/booking/index.ts';
import { adaptiveCardProblems } from './support/adaptive-cards.ts';
import { berlinDay, parseIcs } from './support/booking.ts';
import { type ConnectorCall, cardOf } from './support/fake-connector.ts';
import {
  personalConversation,
  personalMessage,
  startTeamsTestApp,
  submits,
  submitted,
  type TeamsTestApp,
  type TeamsUser,
} from './support/teams.ts';

// A whole booking as Teams users do it: a CoDiLe publishes a slot with the card form, a LoDiLe books it
// with a choice and a form, gets the invitation, the coach is notified and the reminder arrives — all
// through /api/messages and the loopback Bot Connector.
const clara: TeamsUser = { id: '29:1clara', name: 'Clara Coach', aadObjectId: 'aad-clara-coach' };
const lena: TeamsUser = { id: '29:1lena', name: 'Lena Lotsin', aadObjectId: 'aad-lena-lotsin' };

let app: TeamsTestApp;
const url = () => app.connector.url;

beforeAll(async () => {
  app = await startTeamsTestApp({
    COACHES: `teams:${clara.aadObjectId}`,
    PUBLIC_URL: 'https://bot.example.org',
  });
});
afterAll(async () => {
  const cards = app.connector.history.map(cardOf).filter(Boolean);
  expect(cards.length).toBeGreaterThan(6);
  for (const card of cards) expect(adaptiveCardProblems(card), JSON.stringify(card)).toEqual([]);
  await app?.close();
});

type Card = Record<string, unknown>;
function inputs(card: Card): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    (card.body as Record<string, unknown>[])
      .filter((e) => String(e.type).startsWith('Input.'))
      .map((e) => [String(e.id), e]),
  );
}
const text = (c: ConnectorCall) => JSON.stringify(cardOf(c) ?? { text: c.body.text });

/** Sends and returns the last message the bot answered with. */
async function say(user: TeamsUser, message: string): Promise<ConnectorCall> {
  app.connector.clear();
  await app.post(personalMessage(url(), message, { user }));
  // Only this user's chat: a proactive notice to someone else may arrive in the same moment.
  return app.connector
    .messages()
    .filter((c) => c.conversationId === personalConversation(user).id)
    .at(-1)!;
}

/** Presses a card's submit (with input values, as Teams merges them into `value`); returns the answer. */
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
  expect(app.connector.calls.filter((c) => c.kind === 'update').map((c) => c.activityId)).toEqual([
    on.assignedId,
  ]);
  return app.connector
    .messages()
    .filter((c) => c.conversationId === on.conversationId)
    .at(-1)!;
}

describe('booking in Teams', () => {
  let slotId = '';

  it('lets a CoDiLe publish a slot with the card form', async () => {
    const menu = await say(clara, 'termin');
    expect(text(menu)).toContain('CoDiLe');
    const form = await press(clara, menu, 'booking.publish');
    const fields = inputs(cardOf(form)!);
    expect(fields.field_kind).toMatchObject({ type: 'Input.ChoiceSet', isRequired: true });
    expect(fields.field_date).toMatchObject({ type: 'Input.Date', isRequired: true });
    expect(fields.field_seats).toMatchObject({ type: 'Input.Number', min: 1, max: 500 });

    const bad = await press(clara, form, 'booking.publish', {
      field_kind: 'sprechstunde',
      field_title: 'Sprechstunde Lernvideos',
      field_date: berlinDay(3),
      field_start: '25:99',
      field_end: '17:00',
      field_seats: '3',
      field_link: 'https://meet.example.org/lodile',
    });
    expect(text(bad)).toMatch(/⚠ [^"]*Uhrzeit/);
    // The card keeps what was typed.
    expect(inputs(cardOf(bad)!).field_title!.value).toBe('Sprechstunde Lernvideos');

    const ok = await press(clara, bad, 'booking.publish', {
      field_kind: 'sprechstunde',
      field_title: 'Sprechstunde Lernvideos',
      field_date: berlinDay(3),
      field_start: '16:00',
      field_end: '17:00',
      field_duration: '',
      field_seats: '3',
      field_link: 'https://meet.example.org/lodile',
      field_note: 'Bitte Kamera an',
      field_every: '0',
      field_weeks: '12',
    });
    expect(text(ok)).toContain('Veröffentlicht');
    const { rows } = await app.db.query<{ id: string }>(
      `SELECT id FROM booking_slots WHERE title = 'Sprechstunde Lernvideos'`,
    );
    slotId = String(rows[0]!.id);
  });

  it('lets a LoDiLe book it with choice and form, with the invitation as calendar download', async () => {
    const list = await say(lena, 'termin buchen');
    const choice = inputs(cardOf(list)!).lodile_choice!;
    expect((choice.choices as { value: string }[]).map((c) => c.value)).toContain(slotId);
    const picked = await press(lena, list, submits(cardOf(list))[0]!.data.lodile.action, {
      lodile_choice: slotId,
    });
    expect(text(picked)).toContain('Bitte Kamera an');
    const booked = await press(lena, picked, 'booking.confirm', {
      field_topic: 'Wie motiviere ich mein Team für Lernvideos?',
    });
    expect(text(booked)).toContain('Gebucht');
    const link = text(booked).match(/"title":"📅 einladung.ics","url":"https:\/\/bot\.example\.org([^"]+)"/);
    expect(link).not.toBeNull();
    const res = await fetch(app.url + link![1]!);
    expect(res.headers.get('content-type')).toContain('text/calendar');
    const ics = parseIcs(await res.text());
    expect(ics.method).toBe('REQUEST');
    expect(ics.description).toContain('Wie motiviere ich mein Team');
  });

  it('notifies the coach proactively in their personal chat', async () => {
    await app.connector.waitFor((calls) =>
      calls.some((c) => c.kind === 'send' && /Neue Buchung/.test(text(c))),
    );
    const note = app.connector.calls.find((c) => c.kind === 'send' && /Neue Buchung/.test(text(c)))!;
    expect(note.conversationId).toBe(personalConversation(clara).id);
    expect(text(note)).toContain('Lena Lotsin');
  });

  it('reminds the LoDiLe a day before, once, in Teams', async () => {
    const { rows } = await app.db.query<{ starts_at: Date }>(
      'SELECT starts_at FROM booking_slots WHERE id = $1',
      [slotId],
    );
    const start = new Date(rows[0]!.starts_at).getTime();
    app.connector.clear();
    expect(await runDueReminders(app.services, new Date(start - 86_400_000 + 1000))).toBe(1);
    await app.connector.waitFor((calls) =>
      calls.some((c) => c.kind === 'send' && /Erinnerung/.test(text(c))),
    );
    await new Promise((r) => setTimeout(r, 2000));
    const reminders = app.connector.calls.filter((c) => c.kind === 'send' && /Erinnerung/.test(text(c)));
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.conversationId).toBe(personalConversation(lena).id);
    expect(text(reminders[0]!)).toContain('https://meet.example.org/lodile');
  });
});
