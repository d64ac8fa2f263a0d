import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp, WireReply } from './support/app.ts';
import { startTestApp } from './support/app.ts';
import { allText, inbox } from './support/booking.ts';

// What a user notices around the edges of booking: slots inside the cancellation cut-off, a coach's own
// slots, and a seat someone else just took. Everything goes through POST /api/local/messages.
describe('booking guards through the local chat API', () => {
  let app: TestApp;

  beforeAll(async () => {
    // Default cut-off (120 minutes).
    app = await startTestApp({ COACHES: 'local:coach1,local:coach2' });
    await app.say('coach1', 'hallo', { name: 'Clara Coach' });
    await app.say('coach2', 'hallo', { name: 'Ben Berater' });
  });
  afterAll(async () => {
    await app?.close();
  });

  /** A slot starting `minutes` from now (a coach's publish form only takes whole wall-clock times). */
  async function slot(
    title: string,
    minutes: number,
    opts: { coach?: string; coachName?: string; seats?: number; kind?: string } = {},
  ): Promise<string> {
    const { rows } = await app.services.db.query<{ id: string }>(
      `INSERT INTO booking_slots (coach_key, coach_name, kind, title, meeting_url, time_zone, starts_at, ends_at, seats)
       VALUES ($1, $2, $3, $4, 'https://meet.example.org/x', 'Europe/Berlin',
               now() + make_interval(mins => $5), now() + make_interval(mins => $5 + 60), $6)
       RETURNING id`,
      [
        opts.coach ?? 'local:coach1',
        opts.coachName ?? 'Clara Coach',
        opts.kind ?? 'sprechstunde',
        title,
        minutes,
        opts.seats ?? 5,
      ],
    );
    return rows[0]!.id;
  }

  const actionIds = (r: WireReply[]) => r.flatMap((x) => (x.actions ?? []).map((a) => a.id));
  const bookingsOf = async (user: string, slotId: string) => {
    const { rows } = await app.services.db.query(
      `SELECT 1 FROM booking_bookings WHERE user_key = $1 AND slot_id = $2 AND status = 'confirmed'`,
      [`local:${user}`, slotId],
    );
    return rows.length;
  };
  const bookedSeats = async (slotId: string) => {
    const { rows } = await app.services.db.query<{ booked: number }>(
      'SELECT booked FROM booking_slots WHERE id = $1',
      [slotId],
    );
    return rows[0]!.booked;
  };
  const LOCKED =
    /kann.*im Bot nicht mehr abgesagt oder verschoben werden|im Bot nicht mehr absagen oder verschieben/;

  describe('slots inside the cancellation cut-off', () => {
    let soon = '';
    let later = '';

    beforeAll(async () => {
      soon = await slot('Kurzfristige Sprechstunde', 60);
      later = await slot('Spätere Sprechstunde', 3 * 24 * 60);
    });

    it('says before booking that the slot can no longer be cancelled or moved in the bot, and whom to tell', async () => {
      const picked = await app.say('lena', { id: 'booking.pick', value: soon });
      expect(picked[0]!.form!.id).toBe('booking.confirm');
      expect(picked[0]!.text).toMatch(LOCKED);
      expect(picked[0]!.text).toContain('2 Stunden');
      expect(picked[0]!.text).toContain('Clara Coach');

      const normal = await app.say('lena', { id: 'booking.pick', value: later });
      expect(normal[0]!.text).not.toMatch(LOCKED);

      const en = await app.say('emma', { id: 'booking.pick', value: soon }, { locale: 'en' });
      expect(en[0]!.text).toMatch(
        /can no longer .*cancel.*reschedule.* in the bot|cannot cancel or reschedule it in the bot/i,
      );
      expect(en[0]!.text).toContain('Clara Coach');
    });

    it('repeats the hint when the topic was typed', async () => {
      await app.say('tom', { id: 'booking.pick', value: soon });
      const asked = await app.say('tom', 'Ich möchte über Lernvideos sprechen');
      expect(asked[0]!.text).toContain('Lernvideos');
      expect(asked[0]!.text).toMatch(LOCKED);
      await app.say('tom', { id: 'booking.abort' });
    });

    it('confirms such a booking without cancel or reschedule buttons', async () => {
      const done = await app.say('lena', { id: 'booking.confirm', value: soon });
      expect(done[0]!.text).toContain('Gebucht');
      expect(done[0]!.text).toMatch(LOCKED);
      expect(done[0]!.text).not.toMatch(/Absagen ist bis/);
      expect(actionIds(done)).not.toContain('booking.cancel');
      expect(actionIds(done)).not.toContain('booking.reschedule');

      const normal = await app.say('lena', { id: 'booking.confirm', value: later });
      expect(normal[0]!.text).toContain('Gebucht');
      expect(normal[0]!.text).toMatch(/Absagen ist bis 2 Stunden vor Beginn möglich/);
      expect(actionIds(normal)).toEqual(expect.arrayContaining(['booking.cancel', 'booking.reschedule']));
    });

    it('lists bookings inside the cut-off with the hint and without a way to cancel or move them', async () => {
      const mine = await app.say('lena', 'meine termine');
      const text = mine[0]!.text;
      expect(text).toContain('Kurzfristige Sprechstunde');
      expect(text).toContain('Spätere Sprechstunde');
      expect(text).toMatch(LOCKED);
      expect(text).toContain('Clara Coach');
      const { rows } = await app.services.db.query<{ id: string; slot_id: string }>(
        `SELECT id, slot_id FROM booking_bookings WHERE user_key = 'local:lena' AND status = 'confirmed'`,
      );
      const soonBooking = rows.find((r) => r.slot_id === soon)!.id;
      const laterBooking = rows.find((r) => r.slot_id === later)!.id;
      const options = mine[0]!.choice!.options.map((o) => o.value);
      expect(options).toContain(laterBooking);
      expect(options).not.toContain(soonBooking);

      // An old "manage" choice for it shows the hint, not dead buttons.
      const manage = await app.say('lena', { id: 'booking.manage', value: soonBooking });
      expect(manage[0]!.text).toMatch(LOCKED);
      expect(actionIds(manage)).not.toContain('booking.cancel');
      expect(actionIds(manage)).not.toContain('booking.reschedule');
      expect(actionIds(manage)).toContain('booking.mine');
    });

    it('uses the configured cut-off', async () => {
      // Same database, an instance with a cut-off of four days: the slot three days ahead is inside it.
      const strict = await startTestApp(
        { COACHES: 'local:coach1,local:coach2', CANCELLATION_CUTOFF_MINUTES: '5760' },
        app.services.db,
      );
      try {
        const picked = await strict.say('nora', { id: 'booking.pick', value: later });
        expect(picked[0]!.text).toMatch(LOCKED);
        expect(picked[0]!.text).toContain('96 Stunden');
        const mine = await strict.say('lena', 'meine termine');
        expect(mine[0]!.choice).toBeUndefined();
        expect(mine[0]!.text).toMatch(LOCKED);
      } finally {
        await strict.close();
      }
    });
  });

  describe("a coach's own slots", () => {
    let own = '';
    let other = '';

    beforeAll(async () => {
      own = await slot('Claras eigene Sprechstunde', 5 * 24 * 60, { coach: 'local:coach1' });
      other = await slot('Bens E-Coaching', 5 * 24 * 60, {
        coach: 'local:coach2',
        coachName: 'Ben Berater',
        kind: 'coaching',
        seats: 1,
      });
    });

    it('are not offered to their owner under free slots', async () => {
      const list = await app.say('coach1', { id: 'booking.free' });
      expect(list[0]!.text).toContain('Bens E-Coaching');
      expect(list[0]!.text).not.toContain('Claras eigene Sprechstunde');
      expect(list[0]!.choice!.options.map((o) => o.value)).not.toContain(own);
      // Everyone else sees it.
      const lodile = await app.say('paul', 'termin buchen');
      expect(lodile[0]!.choice!.options.map((o) => o.value)).toContain(own);
    });

    it('cannot be picked or booked by their owner, with a clear message', async () => {
      const picked = await app.say('coach1', { id: 'booking.pick', value: own });
      expect(picked[0]!.form).toBeUndefined();
      expect(picked[0]!.text).toMatch(/Ihr eigener Termin/);
      expect(picked[0]!.text).toContain('nichts gebucht');

      const confirmed = await app.say('coach1', { id: 'booking.confirm', value: own });
      expect(confirmed[0]!.text).toMatch(/Ihr eigener Termin/);
      expect(confirmed[0]!.text).not.toContain('Gebucht!');
      expect(actionIds(confirmed)).toContain('booking.coachBookings');
      expect(await bookingsOf('coach1', own)).toBe(0);
      expect(await bookedSeats(own)).toBe(0);
    });

    it("lets a coach book another coach's slot, but not move that booking onto an own slot", async () => {
      const done = await app.say('coach1', { id: 'booking.confirm', value: other });
      expect(done[0]!.text).toContain('Gebucht!');
      const { rows } = await app.services.db.query<{ id: string }>(
        `SELECT id FROM booking_bookings WHERE user_key = 'local:coach1' AND slot_id = $1 AND status = 'confirmed'`,
        [other],
      );
      const moved = await app.say('coach1', { id: 'booking.moveTo', value: `${rows[0]!.id}:${own}` });
      expect(moved[0]!.text).toMatch(/Ihr eigener Termin/);
      expect(moved[0]!.text).not.toContain('Verschoben');
      expect(await bookingsOf('coach1', other)).toBe(1);
      expect(await bookingsOf('coach1', own)).toBe(0);
    });

    it('are not suggested to their owner as an alternative when another slot is cancelled', async () => {
      await inbox(app, 'coach1');
      const ask = await app.say('coach2', { id: 'booking.slotCancel', value: other });
      await app.say('coach2', ask[0]!.actions![0]!);
      const msgs = await inbox(app, 'coach1');
      const note = msgs.flatMap((m) => m.replies).find((r) => r.text.includes('Termin abgesagt'))!;
      expect(note).toBeDefined();
      expect((note.choice?.options ?? []).map((o) => o.value)).not.toContain(own);
      expect(allText([note])).not.toContain('Claras eigene Sprechstunde');
    });
  });

  describe('the last seat taken by someone else', () => {
    let last = '';
    let spare = '';

    beforeAll(async () => {
      last = await slot('Letzter Platz', 7 * 24 * 60, {
        coach: 'local:coach2',
        coachName: 'Ben Berater',
        seats: 1,
      });
      spare = await slot('Ausweichtermin', 8 * 24 * 60, { coach: 'local:coach2', coachName: 'Ben Berater' });
    });

    it('tells the slower user clearly, books nothing and offers the free alternatives', async () => {
      const picked = await app.say('tim', { id: 'booking.pick', value: last });
      expect(picked[0]!.form!.id).toBe('booking.confirm');
      const first = await app.say('mia', { id: 'booking.confirm', value: last });
      expect(first[0]!.text).toContain('Gebucht!');

      const late = await app.say('tim', { id: 'booking.confirm', fields: { topic: 'Lernpfade' } });
      expect(late[0]!.text).toContain('gerade vergeben');
      expect(late[0]!.text).toContain('nichts gebucht');
      expect(late[0]!.choice!.id).toBe('booking.pick');
      const options = late[0]!.choice!.options.map((o) => o.value);
      expect(options).toContain(spare);
      expect(options).not.toContain(last);
      expect(await bookingsOf('tim', last)).toBe(0);
      expect(await bookedSeats(last)).toBe(1);

      // The failed booking does not linger: the next message is not taken as a topic for the taken slot.
      const next = await app.say('tim', 'Wie oft ist die virtuelle Sprechstunde?');
      expect(allText(next)).not.toContain('Ihr Thema');
      expect(actionIds(next)).not.toContain('booking.confirm');
    });

    it('answers a stale pick of the taken slot the same way', async () => {
      const stale = await app.say('tim', { id: 'booking.pick', value: last });
      expect(stale[0]!.form).toBeUndefined();
      expect(stale[0]!.text).toContain('gerade vergeben');
      expect(stale[0]!.choice!.options.map((o) => o.value)).toContain(spare);
    });

    it('keeps the old booking when the slot to move to was just taken, and offers other slots to move to', async () => {
      const done = await app.say('ida', { id: 'booking.confirm', value: spare });
      expect(done[0]!.text).toContain('Gebucht!');
      const bookingId = done[0]!.actions!.find((a) => a.id === 'booking.cancel')!.value!;
      const moved = await app.say('ida', { id: 'booking.moveTo', value: `${bookingId}:${last}` });
      expect(moved[0]!.text).toContain('gerade vergeben');
      expect(moved[0]!.text).toMatch(/bisherige Buchung bleibt bestehen/);
      // Choosing an alternative moves the booking, it does not book a second slot.
      expect(moved[0]!.choice!.id).toBe('booking.moveTo');
      expect(await bookingsOf('ida', spare)).toBe(1);
      expect(await bookingsOf('ida', last)).toBe(0);
    });
  });
});
