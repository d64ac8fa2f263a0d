import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDueReminders } from '../src/booking/index.ts';
import type { TestApp } from './support/app.ts';
import { startTestApp } from './support/app.ts';
import { allText, berlinDay, fetchFile, inbox, parseIcs, slotFields } from './support/booking.ts';

// The whole booking flow as users see it through POST /api/local/messages (PGlite by default,
// the PostgreSQL server when TEST_DATABASE_URL is set).
describe('booking through the local chat API', () => {
  let app: TestApp;
  const coach = 'coach1';
  const lena = 'lena';
  const tom = 'tom';

  beforeAll(async () => {
    app = await startTestApp({ COACHES: 'local:coach1', PUBLIC_URL: 'https://bot.example.org' });
    // The coach has talked to the bot once (so notifications carry their name and language).
    await app.say(coach, 'hallo', { name: 'Clara Coach' });
  });
  afterAll(async () => {
    await app?.close();
  });

  const slotIdOf = async (title: string) => {
    const { rows } = await app.services.db.query<{ id: string }>(
      'SELECT id FROM booking_slots WHERE title = $1 AND cancelled_at IS NULL ORDER BY starts_at LIMIT 1',
      [title],
    );
    return rows[0]!.id;
  };

  it('shows a coach the coach menu and a LoDiLe the free slots', async () => {
    const c = await app.say(coach, 'termin', { name: 'Clara Coach' });
    expect(c[0]!.text).toContain('CoDiLe');
    expect(c[0]!.actions!.map((a) => a.id)).toContain('booking.publish');
    // The coach menu also leads to the questions waiting for a coach.
    expect(c[0]!.actions!.map((a) => a.id)).toContain('knowledge.open');
    const [open] = await app.say(coach, { id: 'knowledge.open' });
    expect(open!.text).toMatch(/keine Frage offen/);
    const l = await app.say(lena, 'termin buchen');
    expect(l[0]!.text).toMatch(/keine freien Termine/);
    // Plain wishes reach the booking too, in German and English.
    const wish = await app.say(tom, 'Ich brauche ein Coaching');
    expect(wish[0]!.text).toMatch(/keine freien Termine/);
    const english = await app.say('erin', 'I need a coaching session', { locale: 'en' });
    expect(english[0]!.text).toMatch(/no free slots/);
    const signUp = await app.say(tom, 'Wie melde ich mich zur Sprechstunde an?');
    expect(signUp[0]!.text).toMatch(/keine freien Termine/);
    const next = await app.say(tom, 'Wann ist mein nächster Termin?');
    expect(next[0]!.text).toMatch(/keine gebuchten Termine/);
  });

  it('lets a coach publish: bad input is explained and kept, a valid slot appears', async () => {
    const form = await app.say(coach, { id: 'booking.publish' });
    expect(form[0]!.form!.fields.map((f) => f.id)).toEqual(
      expect.arrayContaining(['date', 'start', 'end', 'duration', 'kind', 'seats', 'link', 'every', 'weeks']),
    );
    const bad = await app.say(coach, {
      id: 'booking.publish',
      fields: slotFields({ start: '25:99', link: 'meet' }),
    });
    expect(bad[0]!.form!.errors!.start).toMatch(/Uhrzeit/);
    expect(bad[0]!.form!.errors!.link).toMatch(/https/);
    expect(bad[0]!.form!.fields.find((f) => f.id === 'title')!.value).toBe('Virtuelle Sprechstunde');
    const ok = await app.say(coach, {
      id: 'booking.publish',
      fields: slotFields({ title: 'Sprechstunde Lernvideos', seats: '3', note: 'Bitte Kamera an' }),
    });
    expect(ok[0]!.text).toContain('Veröffentlicht');
    expect(ok[0]!.text).toContain('16:00–17:00');
    const coaching = await app.say(coach, {
      id: 'booking.publish',
      fields: slotFields({
        kind: 'coaching',
        title: 'E-Coaching Clara',
        start: '10:00',
        end: '',
        duration: '45',
      }),
    });
    expect(coaching[0]!.text).toContain('Veröffentlicht');
  });

  it('refuses an overlapping slot of the same coach and publishes nothing of that series', async () => {
    const res = await app.say(coach, {
      id: 'booking.publish',
      fields: slotFields({ title: 'Überschneidung', start: '16:30', end: '17:30', every: '1', weeks: '3' }),
    });
    expect(res[0]!.text).toMatch(/überschneidet sich/);
    expect(res[0]!.text).toContain('Sprechstunde Lernvideos');
    const { rows } = await app.services.db.query(
      `SELECT 1 FROM booking_slots WHERE title = 'Überschneidung'`,
    );
    expect(rows).toHaveLength(0);
  });

  let bookingId = '';
  let uid = '';

  it('books a LoDiLe with a topic and hands out a parseable invitation', async () => {
    const list = await app.say(lena, 'termin buchen', { name: 'Lena Lotsin' });
    expect(list[0]!.text).toContain('Freie Termine');
    expect(list[0]!.text).toContain('noch 3 von 3 Plätzen frei');
    const slotId = await slotIdOf('Sprechstunde Lernvideos');
    expect(list[0]!.choice!.options.map((o) => o.value)).toContain(slotId);

    const picked = await app.say(lena, { id: 'booking.pick', value: slotId });
    expect(picked[0]!.form!.id).toBe('booking.confirm');
    expect(picked[0]!.text).toContain('Bitte Kamera an');

    const done = await app.say(lena, {
      id: 'booking.confirm',
      fields: { topic: 'Wie motiviere ich mein Team für Lernvideos?' },
    });
    expect(done[0]!.text).toContain('Gebucht');
    const file = done[0]!.files![0]!;
    expect(file.name).toBe('einladung.ics');
    const { type, body } = await fetchFile(app, file);
    expect(type).toContain('text/calendar');
    const ics = parseIcs(body);
    expect(ics.method).toBe('REQUEST');
    expect(ics.status).toBe('CONFIRMED');
    expect(ics.location).toBe('https://meet.example.org/lodile');
    expect(ics.organizer).toMatch(/^mailto:/);
    expect(ics.description).toContain('Wie motiviere ich mein Team');

    const { rows } = await app.services.db.query<{ id: string; uid: string; starts_at: Date; ends_at: Date }>(
      `SELECT b.id, b.uid, s.starts_at, s.ends_at FROM booking_bookings b JOIN booking_slots s ON s.id = b.slot_id
       WHERE b.user_key = 'local:lena' AND b.status = 'confirmed'`,
    );
    expect(rows).toHaveLength(1);
    bookingId = rows[0]!.id;
    uid = rows[0]!.uid;
    expect(ics.uid).toBe(uid);
    expect(ics.start.getTime()).toBe(new Date(rows[0]!.starts_at).getTime());
    expect(ics.end.getTime()).toBe(new Date(rows[0]!.ends_at).getTime());

    const coachInbox = await inbox(app, coach);
    const news = allText(coachInbox.flatMap((m) => m.replies));
    expect(news).toContain('Neue Buchung');
    expect(news).toContain('Lena Lotsin');
    expect(news).toContain('Wie motiviere ich mein Team');
  });

  it('confirms a repeated click once', async () => {
    const slotId = await slotIdOf('Sprechstunde Lernvideos');
    const again = await app.say(lena, { id: 'booking.confirm', value: slotId });
    expect(again[0]!.text).toContain('bereits gebucht');
    const { rows } = await app.services.db.query<{ booked: number }>(
      'SELECT booked FROM booking_slots WHERE id = $1',
      [slotId],
    );
    expect(rows[0]!.booked).toBe(1);
  });

  it('takes a typed topic in the topic step and asks before booking', async () => {
    const slotId = await slotIdOf('Sprechstunde Lernvideos');
    await app.say(tom, { id: 'booking.pick', value: slotId }, { name: 'Tom' });
    const asked = await app.say(tom, 'Ich möchte über SAMR sprechen');
    expect(asked[0]!.text).toContain('SAMR');
    expect(asked[0]!.actions![0]!.id).toBe('booking.confirm');
    const done = await app.say(tom, asked[0]!.actions![0]!);
    expect(done[0]!.text).toContain('Gebucht');
  });

  it('shows the coach upcoming bookings with topics, and never to a LoDiLe', async () => {
    const view = await app.say(coach, { id: 'booking.coachBookings' });
    expect(view[0]!.text).toContain('Lena Lotsin');
    expect(view[0]!.text).toContain('Wie motiviere ich mein Team');
    expect(view[0]!.text).toContain('SAMR');
    expect(view[0]!.text).toContain('(2/3)');

    const denied = await app.say(lena, { id: 'booking.coachBookings' });
    expect(denied[0]!.text).toContain('nur Coaches');
    expect(denied[0]!.text).not.toContain('SAMR');
    // Another person's booking id does not reveal anything.
    const other = await app.say(tom, { id: 'booking.manage', value: bookingId });
    expect(other[0]!.text).toMatch(/finde ich unter Ihren Terminen nicht/);
    const cancelOther = await app.say(tom, { id: 'booking.cancelYes', value: bookingId });
    expect(cancelOther[0]!.text).toMatch(/finde ich unter Ihren Terminen nicht/);
  });

  it('does not let a LoDiLe publish slots or grant roles', async () => {
    const res = await app.say(lena, { id: 'booking.publish', fields: slotFields({ title: 'Von Lena' }) });
    expect(res[0]!.text).toContain('nur Coaches');
    const { rows } = await app.services.db.query(`SELECT 1 FROM booking_slots WHERE title = 'Von Lena'`);
    expect(rows).toHaveLength(0);
    const grant = await app.say(lena, { id: 'booking.grant', fields: { user: 'local:lena' } });
    expect(grant[0]!.text).toContain('nur Coaches');
    expect(await app.services.roles.isCoach('local:lena')).toBe(false);
    const typed = await app.say(lena, 'termin veröffentlichen');
    expect(typed[0]!.text).toContain('nur Coaches');
    // "slots" is just the list of free slots for a LoDiLe, the coach menu for a CoDiLe.
    expect((await app.say(lena, 'slots'))[0]!.text).toContain('Freie Termine');
    expect((await app.say(coach, 'slots'))[0]!.actions!.map((a) => a.id)).toContain('booking.publish');
  });

  it('lets a coach grant and revoke the CoDiLe role in chat', async () => {
    const bad = await app.say(coach, { id: 'booking.grant', fields: { user: 'anna' } });
    expect(bad[0]!.text).toMatch(/keine gültige Kennung/);
    const ok = await app.say(coach, 'codile freischalten local:anna');
    expect(ok[0]!.text).toContain('ist jetzt CoDiLe');
    const anna = await app.say('anna', { id: 'booking.publish' });
    expect(anna[0]!.form!.id).toBe('booking.publish');
    const cfg = await app.say(coach, { id: 'booking.revoke', value: 'local:coach1' });
    expect(cfg[0]!.text).toContain('COACHES');
    const revoked = await app.say(coach, { id: 'booking.revoke', value: 'local:anna' });
    expect(revoked[0]!.text).toContain('nicht mehr CoDiLe');
    expect((await app.say('anna', { id: 'booking.publish' }))[0]!.text).toContain('nur Coaches');
  });

  it('lists, reschedules and cancels own bookings with matching calendar files', async () => {
    const mine = await app.say(lena, 'meine termine');
    expect(mine[0]!.text).toContain('Sprechstunde Lernvideos');
    expect(mine[0]!.choice!.options[0]!.value).toBe(bookingId);

    const ask = await app.say(lena, { id: 'booking.reschedule', value: bookingId });
    const target = ask[0]!.choice!.options.find((o) => o.label.includes('E-Coaching Clara'))!;
    const moved = await app.say(lena, { id: 'booking.moveTo', value: target.value });
    expect(moved[0]!.text).toContain('Verschoben');
    const [req, can] = moved[0]!.files!;
    const newIcs = parseIcs((await fetchFile(app, req!)).body);
    const oldIcs = parseIcs((await fetchFile(app, can!)).body);
    expect(oldIcs.method).toBe('CANCEL');
    expect(oldIcs.status).toBe('CANCELLED');
    expect(oldIcs.uid).toBe(uid);
    expect(oldIcs.sequence).toBeGreaterThan(0);
    expect(newIcs.method).toBe('REQUEST');
    expect(newIcs.uid).not.toBe(uid);
    expect(newIcs.end.getTime() - newIcs.start.getTime()).toBe(45 * 60_000);

    const after = await app.say(lena, 'meine termine');
    expect(after[0]!.text).toContain('E-Coaching Clara');
    expect(after[0]!.text).not.toContain('Sprechstunde Lernvideos');
    const newId = after[0]!.choice!.options[0]!.value;

    const confirm = await app.say(lena, { id: 'booking.cancel', value: newId });
    expect(confirm[0]!.actions![0]!.id).toBe('booking.cancelYes');
    const cancelled = await app.say(lena, confirm[0]!.actions![0]!);
    expect(cancelled[0]!.text).toContain('Abgesagt');
    const cancelIcs = parseIcs((await fetchFile(app, cancelled[0]!.files![0]!)).body);
    expect(cancelIcs.uid).toBe(newIcs.uid);
    expect(cancelIcs.method).toBe('CANCEL');
    expect(cancelIcs.start.getTime()).toBe(newIcs.start.getTime());
    const twice = await app.say(lena, { id: 'booking.cancelYes', value: newId });
    expect(twice[0]!.text).toContain('bereits abgesagt');

    const news = allText((await inbox(app, coach)).flatMap((m) => m.replies));
    expect(news).toContain('Verschoben');
    expect(news).toContain('Abgesagt');
  });

  it('refuses cancelling inside the cut-off with a clear message and keeps the booking', async () => {
    // Same database, an instance configured with a cut-off of four days: the slot three days ahead is inside it.
    const strict = await startTestApp(
      { COACHES: 'local:coach1', CANCELLATION_CUTOFF_MINUTES: '5760' },
      app.services.db,
    );
    try {
      // The list no longer offers it for cancelling; an old button still gets a clear answer.
      const mine = await strict.say(tom, 'meine termine');
      expect(mine[0]!.choice).toBeUndefined();
      expect(mine[0]!.text).toMatch(/im Bot nicht mehr abgesagt oder verschoben/);
      const { rows: own } = await app.services.db.query<{ id: string }>(
        `SELECT id FROM booking_bookings WHERE user_key = 'local:tom' AND status = 'confirmed'`,
      );
      const id = own[0]!.id;
      const res = await strict.say(tom, { id: 'booking.cancelYes', value: id });
      expect(res[0]!.text).toMatch(/nur bis 96 Stunden vor Beginn/);
      expect(res[0]!.text).toContain('Buchung bleibt bestehen');
      const ask = await strict.say(tom, { id: 'booking.reschedule', value: id });
      expect(ask[0]!.text).toMatch(/nur bis 96 Stunden/);
      const { rows } = await app.services.db.query(`SELECT status FROM booking_bookings WHERE id = $1`, [id]);
      expect(rows[0]).toEqual({ status: 'confirmed' });
    } finally {
      await strict.close();
    }
  });

  it('does not book a slot that has already started', async () => {
    const { rows } = await app.services.db.query<{ id: string }>(
      `INSERT INTO booking_slots (coach_key, kind, title, time_zone, starts_at, ends_at, seats)
       VALUES ('local:coach1', 'sprechstunde', 'Gestern', 'Europe/Berlin', now() - interval '1 day',
               now() - interval '23 hours', 5) RETURNING id`,
    );
    const res = await app.say(tom, { id: 'booking.confirm', value: rows[0]!.id });
    expect(res[0]!.text).toMatch(/Vergangenheit/);
    const list = await app.say(tom, 'termin');
    expect(list[0]!.text).not.toContain('Gestern');
  });

  it('sends reminders once, to the booking user, and none after a cancellation', async () => {
    const slotId = await slotIdOf('Sprechstunde Lernvideos');
    await app.say('mia', { id: 'booking.confirm', value: slotId }, { name: 'Mia' });
    const { rows } = await app.services.db.query<{ starts_at: Date }>(
      'SELECT starts_at FROM booking_slots WHERE id = $1',
      [slotId],
    );
    const start = new Date(rows[0]!.starts_at).getTime();
    await inbox(app, 'tom');
    await inbox(app, 'mia');
    // Mia cancels; Tom stays booked.
    const mine = await app.say('mia', 'meine termine');
    await app.say('mia', { id: 'booking.cancelYes', value: mine[0]!.choice!.options[0]!.value });

    const dayBefore = new Date(start - 1440 * 60_000 + 1000);
    expect(await runDueReminders(app.services, dayBefore)).toBe(1);
    expect(await runDueReminders(app.services, dayBefore)).toBe(0);
    const tomMsgs = await inbox(app, 'tom');
    expect(tomMsgs).toHaveLength(1);
    expect(tomMsgs[0]!.replies[0]!.text).toMatch(/Erinnerung.*morgen um diese Zeit/s);
    expect(tomMsgs[0]!.replies[0]!.text).toContain('https://meet.example.org/lodile');
    expect(await inbox(app, 'mia')).toHaveLength(0);

    const quarter = new Date(start - 15 * 60_000 + 1000);
    expect(await runDueReminders(app.services, quarter)).toBe(1);
    expect((await inbox(app, 'tom'))[0]!.replies[0]!.text).toContain('in 15 Minuten');
    expect(await inbox(app, 'mia')).toHaveLength(0);
  });

  it('gives the coach a secret calendar feed', async () => {
    const res = await app.say(coach, { id: 'booking.feed' });
    const url = res[0]!.text.match(/https:\/\/bot\.example\.org(\/ical\/[\w-]+\.ics)/)![1]!;
    const feed = await fetch(app.url + url);
    if (!feed.ok) throw new Error(`${feed.status} ${await feed.text()}`);
    expect(feed.headers.get('content-type')).toContain('text/calendar');
    const body = await feed.text();
    const ics = parseIcs(body);
    expect(ics.method).toBe('PUBLISH');
    expect(ics.events).toBeGreaterThanOrEqual(2);
    expect(body).toContain('SAMR');
    // Same token on the second request; an unknown token reveals nothing.
    const again = await app.say(coach, { id: 'booking.feed' });
    expect(again[0]!.text).toContain(url);
    expect((await fetch(`${app.url}/ical/${'x'.repeat(32)}.ics`)).status).toBe(404);
  });

  it('cancels a slot, notifies everyone booked with the cancellation and alternatives', async () => {
    await app.say(coach, {
      id: 'booking.publish',
      fields: slotFields({ title: 'Ausweichtermin', date: berlinDay(5) }),
    });
    const slotId = await slotIdOf('Sprechstunde Lernvideos');
    await inbox(app, 'tom');
    const ask = await app.say(coach, { id: 'booking.slotCancel', value: slotId });
    expect(ask[0]!.text).toContain('1 gebuchte Person');
    const done = await app.say(coach, ask[0]!.actions![0]!);
    expect(done[0]!.text).toContain('Termin abgesagt');

    const msgs = await inbox(app, 'tom');
    expect(msgs).toHaveLength(1);
    const note = msgs[0]!.replies[0]!;
    expect(note.text).toContain('Termin abgesagt');
    expect(note.choice!.options.some((o) => o.label.includes('Ausweichtermin'))).toBe(true);
    const ics = parseIcs((await fetchFile(app, note.files![0]!)).body);
    expect(ics.method).toBe('CANCEL');
    const { rows } = await app.services.db.query<{ uid: string; status: string }>(
      `SELECT uid, status FROM booking_bookings WHERE user_key = 'local:tom' AND slot_id = $1`,
      [slotId],
    );
    expect(rows[0]!.status).toBe('cancelled');
    expect(ics.uid).toBe(rows[0]!.uid);
    // No reminders for the cancelled slot.
    expect(await runDueReminders(app.services, new Date(Date.now() + 10 * 86_400_000))).toBe(0);
  });
});
