import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp, WireReply } from './support/app.ts';
import { startTestApp } from './support/app.ts';
import { berlinDay, slotFields } from './support/booking.ts';
import { allText, button, choice } from './support/canvas.ts';

// A user who TYPES the answer to a confirmation ("ja", "nein", "abbrechen") gets what the buttons do;
// without a question waiting, "ja" is not sent to the knowledge base. Through POST /api/local/messages.
let app: TestApp;
const coach = 'coach1';
const menu = ['knowledge.ask', 'canvas.start', 'booking.start'];

beforeAll(async () => {
  app = await startTestApp({ COACHES: 'local:coach1', RATE_LIMIT_PER_MINUTE: '10000' });
  await app.say(coach, 'hallo', { name: 'Clara Coach' });
  for (const [i, title] of ['Sprechstunde Lernvideos', 'Sprechstunde SAMR'].entries()) {
    const r = await app.say(coach, {
      id: 'booking.publish',
      fields: slotFields({ title, seats: '50', date: berlinDay(3 + i) }),
    });
    expect(r[0]!.text).toContain('Veröffentlicht');
  }
});
afterAll(async () => {
  await app?.close();
});

async function loggedQuestions(user: string): Promise<string[]> {
  const { rows } = await app.services.db.query<{ question: string }>(
    'SELECT question FROM knowledge_questions WHERE user_key = $1',
    [`local:${user}`],
  );
  return rows.map((r) => r.question);
}

async function status(bookingId: string): Promise<string> {
  const { rows } = await app.services.db.query<{ status: string }>(
    'SELECT status FROM booking_bookings WHERE id = $1',
    [bookingId],
  );
  return rows[0]!.status;
}

/** Books the user into the first free slot and opens the "wirklich absagen?" prompt; returns the booking id. */
async function cancelPrompt(user: string, extra: object = {}): Promise<{ id: string; prompt: WireReply[] }> {
  const free = await app.say(user, 'termin', extra);
  const slot = free[0]!.choice!.options[0]!.value;
  const booked = await app.say(user, { id: 'booking.confirm', value: slot }, extra);
  expect(allText(booked)).toMatch(/Gebucht|Booked/);
  const id = button(booked, 'booking.cancel').value!;
  const prompt = await app.say(user, { id: 'booking.cancel', value: id }, extra);
  expect(allText(prompt)).toMatch(/wirklich absagen|really want to cancel/);
  return { id, prompt };
}

describe('a typed answer at the booking confirmation acts like the buttons', () => {
  it.each(['ja', 'Ja, absagen', 'ja bitte', 'Ja!'])('„%s“ cancels the booking', async (typed) => {
    const user = `yes-${typed.replace(/\W/g, '')}`;
    const { id } = await cancelPrompt(user);
    const [reply, ...rest] = await app.say(user, typed);
    expect(rest).toEqual([]);
    expect(reply!.text).toContain('Abgesagt');
    expect(reply!.files?.[0]?.name).toBe('absage.ics');
    expect(reply!.citations).toBeUndefined();
    expect(await status(id)).toBe('cancelled');
    expect(await loggedQuestions(user)).toEqual([]);
  });

  it.each(['nein', 'abbrechen', 'Nein danke', 'lieber nicht'])(
    '„%s“ keeps the booking and says so',
    async (typed) => {
      const user = `no-${typed.replace(/\W/g, '')}`;
      const { id } = await cancelPrompt(user);
      const [reply] = await app.say(user, typed);
      expect(reply!.text).toMatch(/bleibt bestehen/);
      expect(reply!.text).toContain('Sprechstunde');
      expect(reply!.citations).toBeUndefined();
      expect(await status(id)).toBe('confirmed');
      expect(await loggedQuestions(user)).toEqual([]);
    },
  );

  it('the "Nein, zurück" button says the same', async () => {
    const { id, prompt } = await cancelPrompt('no-button');
    const [reply] = await app.say('no-button', button(prompt, 'booking.keep'));
    expect(reply!.text).toMatch(/bleibt bestehen/);
    expect(await status(id)).toBe('confirmed');
  });

  it('understands English "yes" and "no"', async () => {
    const en = { locale: 'en' };
    const kept = await cancelPrompt('en-no', en);
    expect((await app.say('en-no', 'no', en))[0]!.text).toMatch(/booking stands/);
    expect(await status(kept.id)).toBe('confirmed');
    const gone = await cancelPrompt('en-yes', en);
    expect((await app.say('en-yes', 'yes', en))[0]!.text).toContain('Cancelled');
    expect(await status(gone.id)).toBe('cancelled');
  });

  it('forgets the question after another turn: a later "ja" cancels nothing', async () => {
    const { id } = await cancelPrompt('later');
    await app.say('later', 'meine termine');
    const [reply] = await app.say('later', 'ja');
    expect(await status(id)).toBe('confirmed');
    expect(reply!.text).toMatch(/^Wozu „ja“\?/);
    expect(reply!.actions!.map((a) => a.id)).toEqual(menu);
    // A button pressed in between ends the question just the same.
    const second = await cancelPrompt('later2');
    await app.say('later2', { id: 'booking.mine' });
    await app.say('later2', 'ja');
    expect(await status(second.id)).toBe('confirmed');
  });

  it('forgets the question after 15 minutes', async () => {
    const { id } = await cancelPrompt('stale');
    // The waiting question is part of the stored conversation state; age it by 16 minutes.
    await app.services.db.query(
      `UPDATE conversation_state
       SET state = jsonb_set(state, '{confirm,at}', to_jsonb((state->'confirm'->>'at')::bigint - 16 * 60000))
       WHERE user_key = 'local:stale'`,
    );
    const [reply] = await app.say('stale', 'ja');
    expect(await status(id)).toBe('confirmed');
    expect(reply!.text).toMatch(/^Wozu „ja“\?/);
  });

  it('keeps the question in the stored state: another instance takes the typed "ja"', async () => {
    const { id } = await cancelPrompt('twoinst');
    const other = await startTestApp({ COACHES: 'local:coach1' }, app.services.db);
    try {
      const [reply] = await other.say('twoinst', 'ja');
      expect(reply!.text).toContain('Abgesagt');
      expect(await status(id)).toBe('cancelled');
    } finally {
      await other.close();
    }
  });

  it('a coach can type "ja" to cancel a published slot', async () => {
    const r = await app.say(coach, {
      id: 'booking.publish',
      fields: slotFields({ title: 'Wird abgesagt', date: berlinDay(9) }),
    });
    expect(r[0]!.text).toContain('Veröffentlicht');
    const list = await app.say(coach, { id: 'booking.coachBookings' });
    const ask = await app.say(coach, choice(list, 'booking.slotCancel', 'Wird abgesagt'));
    expect(ask[0]!.text).toContain('Möchten Sie diesen Termin absagen?');
    const kept = await app.say(coach, 'nein');
    expect(kept[0]!.text).toMatch(/bleibt bestehen/);
    const again = await app.say(coach, choice(list, 'booking.slotCancel', 'Wird abgesagt'));
    expect(again[0]!.actions![0]!.id).toBe('booking.slotCancelYes');
    const done = await app.say(coach, 'ja, absagen');
    expect(done[0]!.text).toContain('Termin abgesagt');
    const { rows } = await app.services.db.query(
      `SELECT 1 FROM booking_slots WHERE title = 'Wird abgesagt' AND cancelled_at IS NOT NULL`,
    );
    expect(rows).toHaveLength(1);
  });
});

describe('a typed answer while booking', () => {
  it('"ja" after a typed topic books with that topic, not with "ja" as the topic', async () => {
    const free = await app.say('topic1', 'termin');
    await app.say('topic1', { id: 'booking.pick', value: free[0]!.choice!.options[0]!.value });
    const asked = await app.say('topic1', 'Wie starte ich mit Lernvideos?');
    expect(asked[0]!.text).toContain('Soll ich den Termin jetzt verbindlich buchen?');
    const done = await app.say('topic1', 'ja');
    expect(done[0]!.text).toContain('Gebucht');
    expect(done[0]!.text).toContain('Ihr Thema: Wie starte ich mit Lernvideos?');
  });

  it('"nein" to the topic question asks before booking without a topic; "abbrechen" books nothing', async () => {
    const free = await app.say('topic2', 'termin');
    await app.say('topic2', { id: 'booking.pick', value: free[0]!.choice!.options[0]!.value });
    const asked = await app.say('topic2', 'nein');
    expect(asked[0]!.text).toContain('ohne Thema');
    expect(asked[0]!.text).not.toContain('Ihr Thema: „nein“');
    const done = await app.say('topic2', 'ja');
    expect(done[0]!.text).toContain('Gebucht');
    expect(done[0]!.text).not.toContain('Ihr Thema');

    await app.say('topic3', { id: 'booking.pick', value: free[0]!.choice!.options[0]!.value });
    const aborted = await app.say('topic3', 'abbrechen');
    expect(aborted[0]!.text).toContain('es wurde nichts gebucht');
    const { rows } = await app.services.db.query(
      `SELECT 1 FROM booking_bookings WHERE user_key = 'local:topic3'`,
    );
    expect(rows).toHaveLength(0);
  });
});

describe('"ja" and "nein" with no question waiting', () => {
  it.each([
    ['ja', /^Wozu „ja“\?/],
    ['Ja bitte', /^Wozu „ja“\?/],
    ['nein', /^Alles klar/],
    ['abbrechen', /^Alles klar/],
  ])('„%s“ gets a short reply with the main menu, not a knowledge answer', async (typed, expected) => {
    const user = `bare-${typed.replace(/\W/g, '')}`;
    const [reply, ...rest] = await app.say(user, typed);
    expect(rest).toEqual([]);
    expect(reply!.text).toMatch(expected);
    expect(reply!.citations).toBeUndefined();
    expect(reply!.actions!.map((a) => a.id)).toEqual(menu);
    expect(await loggedQuestions(user)).toEqual([]);
  });

  it('answers in English', async () => {
    const [reply] = await app.say('bare-en', 'yes', { locale: 'en' });
    expect(reply!.text).toMatch(/^Yes to what\?/);
  });
});

describe('a typed answer at the canvas delete confirmation', () => {
  async function deletePrompt(user: string, title: string): Promise<WireReply[]> {
    await app.say(user, 'neue canvas');
    await app.say(user, title);
    const list = await app.say(user, 'meine canvases');
    const manage = await app.say(user, choice(list, 'canvas.manage', title));
    const prompt = await app.say(user, button(manage, 'canvas.delete'));
    expect(allText(prompt)).toContain('wirklich endgültig löschen');
    return prompt;
  }

  it('„ja“ deletes the canvas', async () => {
    await deletePrompt('cv1', 'Canvas zum Löschen');
    const r = await app.say('cv1', 'ja, löschen');
    expect(allText(r)).toContain('„Canvas zum Löschen“ ist gelöscht');
    expect(await app.canvases.listOwned('local:cv1')).toEqual([]);
    expect(await loggedQuestions('cv1')).toEqual([]);
  });

  it('„nein“ keeps it, says so, and is not saved as the answer of the open step', async () => {
    await deletePrompt('cv2', 'Canvas zum Behalten');
    const r = await app.say('cv2', 'nein');
    expect(allText(r)).toContain('„Canvas zum Behalten“ bleibt erhalten');
    expect((await app.canvases.listOwned('local:cv2')).map((c) => c.title)).toEqual(['Canvas zum Behalten']);
    // The canvas flow is still at step 2, with nothing written into it.
    const step = await app.say('cv2', 'weiter');
    expect(allText(step)).toContain('Schritt 2 von 10');
    expect(allText(step)).not.toContain('„nein“');
  });

  it('the cancel button says the same', async () => {
    const prompt = await deletePrompt('cv3', 'Canvas Knopf');
    const r = await app.say('cv3', button(prompt, 'canvas.keepCanvas'));
    expect(allText(r)).toContain('„Canvas Knopf“ bleibt erhalten');
  });
});
