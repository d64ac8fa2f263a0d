import { DateTime } from 'luxon';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingIcs } from '../src/booking/ics.ts';
import { bookingRetention } from '../src/booking/privacy.ts';
import { readPublishForm } from '../src/booking/publish.ts';
import { runDueReminders } from '../src/booking/reminders.ts';
import { BookingStore } from '../src/booking/store.ts';
import { occurrences } from '../src/booking/time.ts';
import { loadConfig } from '../src/config.ts';
import type { Services } from '../src/core/context.ts';
import { FileStore } from '../src/core/files.ts';
import { pick } from '../src/core/i18n.ts';
import { Outbox } from '../src/core/outbox.ts';
import { applyRetention } from '../src/core/retention.ts';
import { CoachRoles } from '../src/core/roles.ts';
import { Scheduler } from '../src/core/scheduler.ts';
import type { Db } from '../src/db/index.ts';
import { parseIcs } from './support/booking.ts';
import { createTestDb } from './support/db.ts';

const de = (t: { de: string; en: string }) => pick('de', t);
const berlin = (d: Date) => DateTime.fromJSDate(d, { zone: 'Europe/Berlin' });

describe('series across daylight-saving changes', () => {
  it('keeps 16:00 Berlin wall time when summer time ends between two dates', () => {
    // 2026-10-25 is the switch from CEST (UTC+2) to CET (UTC+1).
    const times = occurrences({
      day: { year: 2026, month: 10, day: 13 },
      start: { hour: 16, minute: 0 },
      durationMinutes: 60,
      zone: 'Europe/Berlin',
      everyWeeks: 2,
      forWeeks: 6,
    });
    expect(times).toHaveLength(3);
    expect(times.map((t) => berlin(t.startsAt).toFormat('yyyy-MM-dd HH:mm'))).toEqual([
      '2026-10-13 16:00',
      '2026-10-27 16:00',
      '2026-11-10 16:00',
    ]);
    expect(times.map((t) => t.startsAt.toISOString())).toEqual([
      '2026-10-13T14:00:00.000Z',
      '2026-10-27T15:00:00.000Z',
      '2026-11-10T15:00:00.000Z',
    ]);
    for (const t of times) expect(t.endsAt.getTime() - t.startsAt.getTime()).toBe(3_600_000);
  });

  it('keeps wall time in spring too, and in the coach’s own zone', () => {
    const times = occurrences({
      day: { year: 2027, month: 3, day: 9 },
      start: { hour: 9, minute: 30 },
      durationMinutes: 45,
      zone: 'America/New_York',
      everyWeeks: 1,
      forWeeks: 4,
    });
    // New York switches on 2027-03-14, Berlin on 2027-03-28: both crossings keep 09:30 local.
    expect(
      times.map((t) => DateTime.fromJSDate(t.startsAt, { zone: 'America/New_York' }).toFormat('HH:mm')),
    ).toEqual(['09:30', '09:30', '09:30', '09:30']);
    expect(new Set(times.map((t) => t.startsAt.getUTCHours()))).toEqual(new Set([14, 13]));
  });

  it('reads "every second Tuesday 16:00–17:00 for 12 weeks" from the form as six slots', () => {
    const r = readPublishForm(
      {
        kind: 'sprechstunde',
        title: 'Virtuelle Sprechstunde',
        date: '2026-10-13',
        start: '16:00',
        end: '17:00',
        seats: '12',
        link: 'https://meet.example.org/a',
        every: '2',
        weeks: '12',
      },
      'Europe/Berlin',
      new Date('2026-10-01T00:00:00Z'),
      de,
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.times).toHaveLength(6);
    expect(
      r.times.every((t) => berlin(t.startsAt).toFormat('ccc HH:mm', { locale: 'en' }) === 'Tue 16:00'),
    ).toBe(true);
  });

  it('refuses e-coaching lengths other than 30/45/60 and slots in the past', () => {
    const now = new Date('2026-10-20T12:00:00Z');
    const base = { kind: 'coaching', title: 'E', start: '10:00', link: 'https://x.example', every: '0' };
    const long = readPublishForm({ ...base, date: '2026-10-21', end: '11:30' }, 'Europe/Berlin', now, de);
    expect(long.ok ? '' : long.errors.duration).toMatch(/30, 45 oder 60/);
    const past = readPublishForm({ ...base, date: '2026-10-19', duration: '30' }, 'Europe/Berlin', now, de);
    expect(past.ok ? '' : past.errors.date).toMatch(/Vergangenheit/);
  });
});

describe('stored instants and invitations', () => {
  let db: Db;
  let store: BookingStore;
  beforeAll(async () => {
    db = await createTestDb();
    store = new BookingStore(db, [1440, 15]);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('stores a DST-crossing series as instants that read back as the same local time', async () => {
    const times = occurrences({
      day: { year: 2030, month: 10, day: 15 },
      start: { hour: 16, minute: 0 },
      durationMinutes: 60,
      zone: 'Europe/Berlin',
      everyWeeks: 1,
      forWeeks: 3,
    });
    const r = await store.publish(
      { coachKey: 'local:c', kind: 'sprechstunde', title: 'DST', seats: 5, timeZone: 'Europe/Berlin' },
      times,
    );
    if (!r.ok) throw new Error('overlap');
    const { rows } = await db.query<{ local: string }>(
      `SELECT to_char(starts_at AT TIME ZONE 'Europe/Berlin', 'YYYY-MM-DD HH24:MI') AS local
       FROM booking_slots WHERE title = 'DST' ORDER BY starts_at`,
    );
    expect(rows.map((x) => x.local)).toEqual(['2030-10-15 16:00', '2030-10-22 16:00', '2030-10-29 16:00']);
    expect(new Set(r.slots.map((s) => s.seriesId)).size).toBe(1);
  });

  it('writes invitations that round-trip start, end, UID and status through ical.js', async () => {
    const r = await store.publish(
      {
        coachKey: 'local:c',
        coachName: 'Clara, CoDiLe',
        kind: 'coaching',
        title: 'E-Coaching; Lernpfade',
        seats: 1,
        timeZone: 'Europe/Berlin',
        meetingUrl: 'https://meet.example.org/raum?x=1',
      },
      [{ startsAt: new Date('2030-03-31T07:30:00Z'), endsAt: new Date('2030-03-31T08:15:00Z') }],
    );
    if (!r.ok) throw new Error('overlap');
    const b = await store.book(new Date('2030-01-01T00:00:00Z'), {
      slotId: r.slots[0]!.id,
      userKey: 'teams:00000000-aaaa-bbbb-cccc-000000000001',
      userName: 'Jana "JJ" Jäger',
      topic: 'Wie führe ich Lernvideos ein?\nUnd womit?',
    });
    if (b.kind !== 'booked') throw new Error(b.kind);
    const now = new Date('2030-01-01T10:00:00Z');
    const req = bookingIcs(b.booking, 'REQUEST', { publicUrl: 'https://bot.example.org', now });
    expect(req).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(req).toContain('METHOD:REQUEST');
    expect(req).toMatch(/DTSTAMP:20300101T100000Z/);
    expect(req).toMatch(/DTSTART:20300331T073000Z/);
    const p = parseIcs(req);
    expect(p).toMatchObject({
      method: 'REQUEST',
      uid: b.booking.uid,
      status: 'CONFIRMED',
      sequence: 0,
      // The title starts with the kind, so it stands alone (no "E-Coaching: E-Coaching; …").
      summary: 'E-Coaching; Lernpfade',
      location: 'https://meet.example.org/raum?x=1',
      zone: 'UTC',
    });
    expect(p.start.toISOString()).toBe('2030-03-31T07:30:00.000Z');
    expect(p.end.toISOString()).toBe('2030-03-31T08:15:00.000Z');
    expect(p.description).toContain('Wie führe ich Lernvideos ein?\nUnd womit?');
    expect(p.organizer).toMatch(/^mailto:.+@bot\.example\.org$/);

    const cancelled = await store.cancel(
      new Date('2030-01-02T00:00:00Z'),
      b.booking.userKey,
      b.booking.id,
      120,
    );
    if (cancelled.kind !== 'cancelled') throw new Error(cancelled.kind);
    const c = parseIcs(
      bookingIcs(cancelled.booking, 'CANCEL', { publicUrl: 'https://bot.example.org', now }),
    );
    expect(c).toMatchObject({ method: 'CANCEL', uid: b.booking.uid, status: 'CANCELLED' });
    expect(c.sequence).toBeGreaterThan(p.sequence);
    expect(c.start.getTime()).toBe(p.start.getTime());
  });

  it('schedules reminders only for offsets still ahead and removes them on cancellation', async () => {
    const start = new Date('2030-06-01T14:00:00Z');
    const r = await store.publish(
      { coachKey: 'local:c', kind: 'sprechstunde', title: 'Bald', seats: 3, timeZone: 'Europe/Berlin' },
      [{ startsAt: start, endsAt: new Date(start.getTime() + 3_600_000) }],
    );
    if (!r.ok) throw new Error('overlap');
    // Booked 2 hours before: the 24 h reminder is already past, the 15 min one is scheduled.
    const b = await store.book(new Date(start.getTime() - 2 * 3_600_000), {
      slotId: r.slots[0]!.id,
      userKey: 'local:x',
    });
    if (b.kind !== 'booked') throw new Error(b.kind);
    const due = await db.query<{ offset_minutes: number }>(
      'SELECT offset_minutes FROM booking_reminders WHERE booking_id = $1',
      [b.booking.id],
    );
    expect(due.rows.map((x) => x.offset_minutes)).toEqual([15]);
    await store.cancel(new Date(start.getTime() - 3 * 3_600_000), 'local:x', b.booking.id, 120);
    const left = await db.query('SELECT 1 FROM booking_reminders WHERE booking_id = $1', [b.booking.id]);
    expect(left.rows).toHaveLength(0);
  });

  it('after a pause of the job sends only the closest due reminder, not "tomorrow" minutes before', async () => {
    const log = pino({ level: 'silent' });
    const scheduler = new Scheduler(log);
    const services: Services = {
      config: loadConfig({ LOG_LEVEL: 'silent' }),
      db,
      log,
      files: new FileStore(db, 'test-link-key'),
      outbox: new Outbox(db, log, scheduler),
      roles: new CoachRoles(db, []),
      scheduler,
    };
    // As the local API declares when it is mounted: its users are reached by id alone.
    services.outbox.reachByIdAlone('local');
    const start = new Date('2031-02-01T15:00:00Z');
    const r = await store.publish(
      { coachKey: 'local:c', kind: 'sprechstunde', title: 'Pause', seats: 3, timeZone: 'Europe/Berlin' },
      [{ startsAt: start, endsAt: new Date(start.getTime() + 3_600_000) }],
    );
    if (!r.ok) throw new Error('overlap');
    const b = await store.book(new Date('2031-01-01T00:00:00Z'), {
      slotId: r.slots[0]!.id,
      userKey: 'local:late',
    });
    if (b.kind !== 'booked') throw new Error(b.kind);
    expect(await runDueReminders(services, new Date(start.getTime() - 10 * 60_000))).toBe(1);
    const { rows } = await db.query<{ text: string }>(
      `SELECT replies->0->>'text' AS text FROM outbox WHERE user_key = 'local:late'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.text).toContain('in 15 Minuten');
  });

  it('deletes bookings and slots long past after the retention period, keeps upcoming ones', async () => {
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO booking_slots (coach_key, kind, title, time_zone, starts_at, ends_at, seats, booked)
       VALUES ('local:old', 'sprechstunde', 'Alt', 'Europe/Berlin', now() - interval '400 days',
               now() - interval '400 days' + interval '1 hour', 5, 1) RETURNING id`,
    );
    await db.query(
      `INSERT INTO booking_bookings (slot_id, user_key, topic, created_at) VALUES ($1, 'local:o', 'alt', now() - interval '401 days')`,
      [rows[0]!.id],
    );
    const upcoming = await db.query<{ n: string }>(
      'SELECT count(*) AS n FROM booking_bookings b JOIN booking_slots s ON s.id = b.slot_id WHERE s.ends_at > now()',
    );
    const deleted = await applyRetention(db, bookingRetention, 180);
    expect(deleted.booking_bookings).toBe(1);
    expect(deleted.booking_slots).toBe(1);
    const after = await db.query<{ n: string }>(
      'SELECT count(*) AS n FROM booking_bookings b JOIN booking_slots s ON s.id = b.slot_id WHERE s.ends_at > now()',
    );
    expect(after.rows[0]!.n).toBe(upcoming.rows[0]!.n);
  });
});
