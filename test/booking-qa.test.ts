import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from './support/app.ts';
import { startTestApp } from './support/app.ts';
import { allText, berlinDay, fetchFile, inbox, parseIcs, slotFields } from './support/booking.ts';

// Booking answers QA found confusing, through POST /api/local/messages.
describe('booking: repeated clicks, notices and titles read right', () => {
  let app: TestApp;
  const coach = 'coach1';

  beforeAll(async () => {
    app = await startTestApp({ COACHES: 'local:coach1', RATE_LIMIT_PER_MINUTE: '10000' });
    await app.say(coach, 'hallo', { name: 'Clara Coach' });
  });
  afterAll(async () => {
    await app?.close();
  });

  const ids = (r: { actions?: { id: string }[] }) => (r.actions ?? []).map((a) => a.id);

  it('with no slots published a LoDiLe is shown other ways to reach a coach, not a dead end', async () => {
    const [reply] = await app.say('early', 'termin buchen');
    expect(reply!.text).toMatch(/keine freien Termine/);
    expect(reply!.text).toMatch(/Frage/);
    expect(reply!.text).toMatch(/Coach/);
    expect(ids(reply!)).toEqual(expect.arrayContaining(['knowledge.ask', 'help.greet']));
    const [en] = await app.say('early-en', 'book a slot', { locale: 'en' });
    expect(en!.text).toMatch(/no free slots/);
    expect(ids(en!)).toContain('knowledge.ask');
  });

  it('a double-submitted series is recognised as already published; a real overlap is still refused', async () => {
    const series = slotFields({ every: '2', weeks: '12' });
    const first = await app.say(coach, { id: 'booking.publish', fields: series });
    expect(first[0]!.text).toContain('6 Termine sind jetzt buchbar');
    const second = await app.say(coach, { id: 'booking.publish', fields: series });
    expect(second[0]!.text).toMatch(/Diese Termine sind bereits veröffentlicht/);
    expect(second[0]!.text).not.toMatch(/überschneidet|nichts veröffentlicht/);
    expect(second[0]!.form).toBeUndefined();
    expect(ids(second[0]!)).toContain('booking.coachBookings');
    const { rows } = await app.services.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM booking_slots WHERE coach_key = 'local:coach1'`,
    );
    expect(rows[0]!.n).toBe(6);

    // The same times with another title, or other times overlapping, are real overlaps.
    const other = await app.say(coach, {
      id: 'booking.publish',
      fields: slotFields({ every: '2', weeks: '12', title: 'Anderes Thema' }),
    });
    expect(other[0]!.text).toMatch(/überschneidet sich/);
    expect(other[0]!.form!.errors!.start).toMatch(/Überschneidung/);
    const shifted = await app.say(coach, {
      id: 'booking.publish',
      fields: slotFields({ start: '16:30', end: '17:30' }),
    });
    expect(shifted[0]!.text).toMatch(/überschneidet sich/);
    // A single slot submitted twice reads the same way.
    const single = slotFields({
      kind: 'coaching',
      title: 'E-Coaching',
      start: '09:00',
      end: '',
      duration: '30',
    });
    expect((await app.say(coach, { id: 'booking.publish', fields: single }))[0]!.text).toContain(
      'Veröffentlicht',
    );
    const twice = await app.say(coach, { id: 'booking.publish', fields: single });
    expect(twice[0]!.text).toMatch(/Dieser Termin ist bereits veröffentlicht/);
  });

  it('shows a title that repeats the kind once', async () => {
    const list = await app.say('lena', 'termin', { name: 'Lena Lotsin' });
    const text = list[0]!.text;
    expect(text).toContain('Virtuelle Sprechstunde mit Clara Coach');
    expect(text).toContain('E-Coaching mit Clara Coach');
    expect(text).not.toContain('Virtuelle Sprechstunde: Virtuelle Sprechstunde');
    expect(text).not.toContain('E-Coaching: E-Coaching');
    const slot = list[0]!.choice!.options.find((o) => o.label.includes('E-Coaching'))!.value;
    const picked = await app.say('lena', { id: 'booking.pick', value: slot });
    expect(picked[0]!.text).toContain('**E-Coaching** mit Clara Coach');
    const done = await app.say('lena', { id: 'booking.confirm', value: slot });
    expect(done[0]!.text).not.toContain('E-Coaching: E-Coaching');
    const ics = parseIcs((await fetchFile(app, done[0]!.files![0]!)).body);
    expect(ics.summary).toBe('E-Coaching');
    // A title of its own still says what kind of slot it is.
    await app.say(coach, {
      id: 'booking.publish',
      fields: slotFields({ title: 'Lernvideos', date: berlinDay(20) }),
    });
    expect((await app.say('lena', 'termin'))[0]!.text).toContain('Virtuelle Sprechstunde: Lernvideos');
  });

  it('moving twice says where the booking already is; the coach reads old → new time with the topic', async () => {
    const free = await app.say('tom', 'termin', { name: 'Tom Lotse' });
    const from = free[0]!.choice!.options[0]!.value;
    await app.say('tom', { id: 'booking.pick', value: from });
    await app.say('tom', { id: 'booking.confirm', fields: { topic: 'Lernvideos planen' } });
    const mine = await app.say('tom', 'meine termine');
    const bookingId = mine[0]!.choice!.options[0]!.value;
    await inbox(app, coach);

    const ask = await app.say('tom', { id: 'booking.reschedule', value: bookingId });
    const target = ask[0]!.choice!.options[1]!;
    const moved = await app.say('tom', { id: 'booking.moveTo', value: target.value });
    expect(moved[0]!.text).toContain('Verschoben');
    const when = moved[0]!.text.split('\n')[2]!;
    const again = await app.say('tom', { id: 'booking.moveTo', value: target.value });
    expect(again[0]!.text).toContain(`Ihr Termin ist bereits auf ${when} verschoben`);
    expect(again[0]!.text).not.toMatch(/finde ich unter Ihren Terminen nicht/);
    expect(ids(again[0]!)).toContain('booking.mine');

    const notices = await inbox(app, coach);
    expect(notices).toHaveLength(1);
    const note = allText(notices[0]!.replies);
    expect(note).toContain('**Verschoben:** Tom Lotse');
    expect(note).not.toContain('abgesagt');
    expect(note).toMatch(/Bisher: .*16:00–17:00/);
    expect(note).toContain(`Neu: ${when}`);
    expect(note).toContain('Thema: Lernvideos planen');
  });
});
