import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CanvasDirectory } from '../src/core/context.ts';
import { startTestApp, type TestApp } from './support/app.ts';
import { allText, berlinDay, inbox, slotFields } from './support/booking.ts';

/**
 * Booking gets the canvas directory it uses explicitly (installBooking(base, { canvases })). This small
 * directory stands in for the canvas capability's: it implements the shared interface from
 * src/core/context.ts with owner and share rules, nothing booking-specific.
 */
class CanvasShelf implements CanvasDirectory {
  readonly shares: [string, string, string][] = [];
  constructor(private readonly canvases: { id: string; owner: string; title: string; md: string }[]) {}
  async listOwned(userKey: string) {
    return this.canvases.filter((c) => c.owner === userKey).map(({ id, title }) => ({ id, title }));
  }
  async markdown(id: string, viewer: string) {
    const c = this.canvases.find((x) => x.id === id);
    const shared = this.shares.some(([cid, , to]) => cid === id && to === viewer);
    return c && (c.owner === viewer || shared) ? c.md : undefined;
  }
  async share(id: string, owner: string, to: string) {
    if (!this.canvases.some((c) => c.id === id && c.owner === owner)) return false;
    this.shares.push([id, owner, to]);
    return true;
  }
}

describe('booking with canvases, in English, and erasure', () => {
  let app: TestApp;
  const shelf = new CanvasShelf([
    {
      id: 'cv-1',
      owner: 'local:lena',
      title: 'Lernpfad Vertrieb',
      md: '# Lernpfad Vertrieb\n\n## Zielgruppe\nAzubis',
    },
    { id: 'cv-2', owner: 'local:lena', title: 'Onboarding', md: '# Onboarding' },
    { id: 'cv-x', owner: 'local:someone', title: 'Fremd', md: '# Fremd' },
  ]);
  let slotId = '';

  beforeAll(async () => {
    app = await startTestApp({ COACHES: 'local:coach1' }, undefined, { canvases: shelf });
    await app.say('coach1', { id: 'booking.publish', fields: slotFields({ title: 'Canvas-Sprechstunde' }) });
    const { rows } = await app.services.db.query<{ id: string }>(
      `SELECT id FROM booking_slots WHERE title = 'Canvas-Sprechstunde'`,
    );
    slotId = rows[0]!.id;
  });
  afterAll(async () => {
    await app?.close();
  });

  it('preselects the canvas the user came from and shares it with the coach', async () => {
    const list = await app.say('lena', { id: 'booking.start', value: 'canvas:cv-1' }, { name: 'Lena' });
    expect(list[0]!.text).toContain('Canvas-Sprechstunde');
    const picked = await app.say('lena', { id: 'booking.pick', value: slotId });
    const field = picked[0]!.form!.fields.find((f) => f.id === 'canvas')!;
    expect(field.value).toBe('cv-1');
    expect(field.options!.map((o) => o.value)).toEqual(['cv-1', 'cv-2']);
    const done = await app.say('lena', {
      id: 'booking.confirm',
      fields: { topic: 'Feedback bitte', canvas: 'cv-1' },
    });
    expect(done[0]!.text).toContain('Canvas: Lernpfad Vertrieb');
    expect(shelf.shares).toContainEqual(['cv-1', 'local:lena', 'local:coach1']);

    const view = await app.say('coach1', { id: 'booking.coachBookings' });
    expect(view[0]!.text).toContain('Canvas: Lernpfad Vertrieb');
    const button = view[0]!.actions!.find((a) => a.id === 'booking.canvas')!;
    const md = await app.say('coach1', button);
    expect(md[0]!.text).toContain('## Zielgruppe');
    // A LoDiLe cannot read canvases through booking.
    expect((await app.say('tom', button))[0]!.text).toContain('nur Coaches');
  });

  it('does not attach a canvas the user does not own', async () => {
    await app.say('tom', { id: 'booking.pick', value: slotId });
    const done = await app.say('tom', { id: 'booking.confirm', fields: { canvas: 'cv-x' } });
    expect(done[0]!.text).toContain('Gebucht');
    expect(done[0]!.text).not.toContain('Fremd');
    const { rows } = await app.services.db.query(
      `SELECT canvas_id FROM booking_bookings WHERE user_key = 'local:tom'`,
    );
    expect(rows).toEqual([{ canvas_id: null }]);
  });

  it('speaks English to an English user, with times in their time zone', async () => {
    const list = await app.say('eve', 'book a slot', { locale: 'en-GB', timeZone: 'America/New_York' });
    expect(list[0]!.text).toContain('Free slots');
    expect(list[0]!.text).toContain('America/New_York');
    // 16:00 in Berlin is 10:00 in New York (both on standard or both on summer time most of the year).
    expect(list[0]!.text).toMatch(/\b(10|09|11):00–(11|10|12):00\b/);
    const done = await app.say(
      'eve',
      { id: 'booking.confirm', value: slotId },
      { locale: 'en-GB', timeZone: 'America/New_York' },
    );
    expect(done[0]!.text).toContain('Booked!');
  });

  it('erasing a user’s data releases their seat and tells the coach without naming them', async () => {
    await inbox(app, 'coach1');
    const before = await app.services.db.query<{ booked: number }>(
      'SELECT booked FROM booking_slots WHERE id = $1',
      [slotId],
    );
    const ask = await app.say('tom', { id: 'privacy.erase' });
    const yes = ask[0]!.actions!.find((a) => a.id === 'privacy.confirmErase')!;
    await app.say('tom', yes);
    const after = await app.services.db.query<{ booked: number }>(
      'SELECT booked FROM booking_slots WHERE id = $1',
      [slotId],
    );
    expect(after.rows[0]!.booked).toBe(before.rows[0]!.booked - 1);
    const left = await app.services.db.query(`SELECT 1 FROM booking_bookings WHERE user_key = 'local:tom'`);
    expect(left.rows).toHaveLength(0);
    const news = allText((await inbox(app, 'coach1')).flatMap((m) => m.replies));
    expect(news).toContain('Platz frei geworden');
    expect(news).not.toContain('tom');
  });

  it('pages through many free slots without skipping or repeating one', async () => {
    const series = await app.say('coach1', {
      id: 'booking.publish',
      fields: slotFields({
        title: 'Wochenserie',
        date: berlinDay(4),
        start: '08:00',
        end: '08:30',
        every: '1',
        weeks: '20',
      }),
    });
    expect(series[0]!.text).toContain('20 Termine');
    const seen: string[] = [];
    let reply = (await app.say('zoe', 'termin'))[0]!;
    for (let i = 0; i < 5; i++) {
      seen.push(...reply.choice!.options.map((o) => o.value));
      const more = reply.actions!.find((a) => a.id === 'booking.free' && a.value);
      if (!more) break;
      reply = (await app.say('zoe', more))[0]!;
    }
    expect(new Set(seen).size).toBe(seen.length);
    const { rows } = await app.services.db.query<{ n: string }>(
      'SELECT count(*) AS n FROM booking_slots WHERE cancelled_at IS NULL AND booked < seats AND starts_at > now()',
    );
    expect(seen).toHaveLength(Number(rows[0]!.n));
  });

  it('when a coach has their data erased, their future slots are cancelled and the booked are told', async () => {
    await app.say('coach1', 'codile freischalten local:coach2');
    await app.say('coach2', {
      id: 'booking.publish',
      fields: slotFields({ title: 'Letzte Sprechstunde', date: berlinDay(6), start: '12:00', end: '13:00' }),
    });
    const { rows } = await app.services.db.query<{ id: string }>(
      `SELECT id FROM booking_slots WHERE title = 'Letzte Sprechstunde'`,
    );
    await app.say('kim', { id: 'booking.confirm', value: rows[0]!.id });
    await inbox(app, 'kim');
    const ask = await app.say('coach2', { id: 'privacy.erase' });
    await app.say('coach2', ask[0]!.actions!.find((a) => a.id === 'privacy.confirmErase')!);

    const msgs = await inbox(app, 'kim');
    expect(msgs).toHaveLength(1);
    expect(msgs[0]!.replies[0]!.text).toContain('Termin abgesagt');
    expect(msgs[0]!.replies[0]!.files![0]!.name).toBe('absage.ics');
    const slot = await app.services.db.query<{ coach_key: string; cancelled: boolean }>(
      'SELECT coach_key, cancelled_at IS NOT NULL AS cancelled FROM booking_slots WHERE id = $1',
      [rows[0]!.id],
    );
    expect(slot.rows[0]!.cancelled).toBe(true);
    expect(slot.rows[0]!.coach_key).toMatch(/^erased:/);
    expect(await app.services.roles.isCoach('local:coach2')).toBe(false);
    expect((await app.say('kim', 'meine termine'))[0]!.text).toContain('keine gebuchten Termine');
  });
});
