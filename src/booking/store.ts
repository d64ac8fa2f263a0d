import { randomBytes, randomUUID } from 'node:crypto';
import { displayName } from '../core/identity.ts';
import type { Db, Queryable } from '../db/index.ts';
import {
  BOOKING_COLUMNS,
  type BookingWithSlot,
  type BookResult,
  type CancelResult,
  inTx,
  type NewBooking,
  type RescheduleResult,
  SLOT_COLUMNS,
  type Slot,
  type SlotDraft,
  toBooking,
  toSlot,
  type Within,
} from './rows.ts';
import { bookingIn, cancelOwn, moveOwn, takeSeat } from './seats.ts';
import type { Occurrence } from './time.ts';

export type {
  Booking,
  BookingWithSlot,
  BookResult,
  CancelResult,
  NewBooking,
  RescheduleResult,
  Slot,
  SlotDraft,
  SlotKind,
  Within,
} from './rows.ts';

/**
 * The booking data and its invariants. Every rule that must hold across instances (seats, one booking
 * per person and slot, no overlapping slots) is enforced by a constraint or a conditional UPDATE inside
 * one transaction, never by a read-then-write in application code.
 */
export class BookingStore {
  constructor(
    private readonly db: Db,
    private readonly reminderOffsets: number[],
  ) {}

  /** Inserts all occurrences or none; on overlap returns the coach's slots that are in the way. */
  async publish(
    draft: SlotDraft,
    times: Occurrence[],
    within?: Within<Slot[]>,
  ): Promise<{ ok: true; slots: Slot[] } | { ok: false; conflicts: Slot[] }> {
    const seriesId = times.length > 1 ? randomUUID() : null;
    try {
      const slots = await this.db.tx(async (c) => {
        const created: Slot[] = [];
        for (const t of times) {
          const { rows } = await c.query(
            `INSERT INTO booking_slots AS s (coach_key, coach_name, series_id, kind, title, meeting_url, note,
               time_zone, starts_at, ends_at, seats)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING ${SLOT_COLUMNS}`,
            [
              draft.coachKey,
              draft.coachName ?? null,
              seriesId,
              draft.kind,
              draft.title,
              draft.meetingUrl ?? null,
              draft.note ?? null,
              draft.timeZone,
              t.startsAt,
              t.endsAt,
              draft.seats,
            ],
          );
          created.push(toSlot(rows[0]!));
        }
        await within?.(c, created);
        return created;
      });
      return { ok: true, slots };
    } catch (err) {
      if ((err as { code?: string }).code !== '23P01') throw err;
      return { ok: false, conflicts: await this.overlapping(draft.coachKey, times) };
    }
  }

  private async overlapping(coachKey: string, times: Occurrence[]): Promise<Slot[]> {
    const { rows } = await this.db.query(
      `SELECT ${SLOT_COLUMNS} FROM booking_slots s
       WHERE s.coach_key = $1 AND s.cancelled_at IS NULL
         AND EXISTS (SELECT 1 FROM unnest($2::timestamptz[], $3::timestamptz[]) AS t(a, b)
                     WHERE tstzrange(s.starts_at, s.ends_at) && tstzrange(t.a, t.b))
       ORDER BY s.starts_at`,
      [coachKey, times.map((t) => t.startsAt), times.map((t) => t.endsAt)],
    );
    return rows.map(toSlot);
  }

  async slot(id: number): Promise<Slot | undefined> {
    const { rows } = await this.db.query(`SELECT ${SLOT_COLUMNS} FROM booking_slots s WHERE s.id = $1`, [id]);
    return rows[0] && toSlot(rows[0]);
  }

  /** Bookable slots from now on, soonest first; without those the user already holds. */
  async freeSlots(
    now: Date,
    opts: { userKey?: string; limit?: number; except?: number; after?: { startsAt: Date; id: number } } = {},
  ): Promise<Slot[]> {
    // "after" pages on (starts_at, id), so slots of several coaches at the same time are not skipped.
    const after = opts.after ?? { startsAt: now, id: 0 };
    const { rows } = await this.db.query(
      `SELECT ${SLOT_COLUMNS} FROM booking_slots s
       WHERE s.cancelled_at IS NULL AND s.starts_at > $1 AND s.booked < s.seats AND s.id <> $4
         AND (s.starts_at, s.id) > ($5::timestamptz, $6::bigint)
         AND s.coach_key <> $2
         AND NOT EXISTS (SELECT 1 FROM booking_bookings b
                         WHERE b.slot_id = s.id AND b.user_key = $2 AND b.status = 'confirmed')
       ORDER BY s.starts_at, s.id LIMIT $3`,
      [now, opts.userKey ?? '', opts.limit ?? 12, opts.except ?? 0, after.startsAt, after.id],
    );
    return rows.map(toSlot);
  }

  /**
   * Takes a seat and records the booking in one transaction (seats.ts): a full slot, a second live booking
   * of the same person or a slot taken meanwhile rolls everything back.
   */
  async book(now: Date, b: NewBooking, within?: Within<BookingWithSlot>): Promise<BookResult> {
    return inTx(this.db, (c) => takeSeat(c, now, b, this.reminderOffsets, within));
  }

  /** One booking with its slot, read through the given client (inside a transaction). */
  bookingFor(c: Queryable, id: number): Promise<BookingWithSlot | undefined> {
    return bookingIn(c, id);
  }

  /** The booking if it belongs to the user (nobody sees other people's bookings). */
  async bookingOf(userKey: string, id: number): Promise<BookingWithSlot | undefined> {
    const b = await bookingIn(this.db, id);
    return b && b.userKey === userKey ? b : undefined;
  }

  async upcomingOf(userKey: string, now: Date): Promise<BookingWithSlot[]> {
    const { rows } = await this.db.query(
      `SELECT ${SLOT_COLUMNS}, ${BOOKING_COLUMNS} FROM booking_bookings b JOIN booking_slots s ON s.id = b.slot_id
       WHERE b.user_key = $1 AND b.status = 'confirmed' AND s.ends_at > $2 ORDER BY s.starts_at`,
      [userKey, now],
    );
    return rows.map(toBooking);
  }

  /** The user cancels their own booking before the cutoff, in one transaction. */
  async cancel(
    now: Date,
    userKey: string,
    id: number,
    cutoffMinutes: number,
    within?: Within<BookingWithSlot>,
  ): Promise<CancelResult> {
    return inTx(this.db, (c) => cancelOwn(c, now, userKey, id, cutoffMinutes, within));
  }

  /** Books the new slot and releases the old one in one transaction: the user never ends up with neither. */
  async reschedule(
    now: Date,
    userKey: string,
    id: number,
    toSlotId: number,
    cutoffMinutes: number,
    within?: Within<{ old: BookingWithSlot; booking: BookingWithSlot }>,
  ): Promise<RescheduleResult> {
    const move = { userKey, id, toSlotId, cutoffMinutes };
    return inTx(this.db, (c) => moveOwn(c, now, move, this.reminderOffsets, within));
  }

  /** The coach's upcoming (and running) slots with their live bookings. */
  async coachSlots(
    coachKey: string,
    now: Date,
    limit = 20,
  ): Promise<{ slot: Slot; bookings: BookingWithSlot[] }[]> {
    const { rows } = await this.db.query(
      `SELECT ${SLOT_COLUMNS} FROM booking_slots s
       WHERE s.coach_key = $1 AND s.cancelled_at IS NULL AND s.ends_at > $2 ORDER BY s.starts_at LIMIT $3`,
      [coachKey, now, limit],
    );
    const slots = rows.map(toSlot);
    const bookings = await this.liveBookings(slots.map((s) => s.id));
    return slots.map((slot) => ({ slot, bookings: bookings.filter((b) => b.slotId === slot.id) }));
  }

  private async liveBookings(slotIds: number[]): Promise<BookingWithSlot[]> {
    if (!slotIds.length) return [];
    const { rows } = await this.db.query(
      `SELECT ${SLOT_COLUMNS}, ${BOOKING_COLUMNS} FROM booking_bookings b JOIN booking_slots s ON s.id = b.slot_id
       WHERE b.slot_id = ANY($1::bigint[]) AND b.status = 'confirmed' ORDER BY b.created_at`,
      [slotIds],
    );
    return rows.map(toBooking);
  }

  /** Cancels the coach's slot and every live booking on it; within() notifies the people affected. */
  async cancelSlot(
    coachKey: string,
    slotId: number,
    within?: Within<{ slot: Slot; bookings: BookingWithSlot[] }>,
  ): Promise<{ slot: Slot; bookings: BookingWithSlot[] } | undefined> {
    return this.db.tx(async (c) => {
      const { rows } = await c.query(
        `UPDATE booking_slots s SET cancelled_at = now()
         WHERE s.id = $1 AND s.coach_key = $2 AND s.cancelled_at IS NULL RETURNING ${SLOT_COLUMNS}`,
        [slotId, coachKey],
      );
      if (!rows[0]) return undefined;
      const slot = toSlot(rows[0]);
      const cancelled = await c.query(
        `UPDATE booking_bookings SET status = 'cancelled', cancelled_at = now(), cancel_reason = 'slot_cancelled'
         WHERE slot_id = $1 AND status = 'confirmed' RETURNING id`,
        [slotId],
      );
      const ids = cancelled.rows.map((r) => Number(r.id));
      await c.query(
        'DELETE FROM booking_reminders WHERE booking_id = ANY($1::bigint[]) AND sent_at IS NULL',
        [ids],
      );
      const bookings: BookingWithSlot[] = [];
      for (const id of ids) bookings.push((await bookingIn(c, id))!);
      const result = { slot, bookings };
      await within?.(c, result);
      return result;
    });
  }

  /** Everything of one coach for the calendar feed: the last 30 days and all ahead. */
  async feedSlots(coachKey: string, now: Date): Promise<{ slot: Slot; bookings: BookingWithSlot[] }[]> {
    const { rows } = await this.db.query(
      `SELECT ${SLOT_COLUMNS} FROM booking_slots s
       WHERE s.coach_key = $1 AND s.ends_at > $2::timestamptz - interval '30 days' ORDER BY s.starts_at LIMIT 500`,
      [coachKey, now],
    );
    const slots = rows.map(toSlot);
    const bookings = await this.liveBookings(slots.map((s) => s.id));
    return slots.map((slot) => ({ slot, bookings: bookings.filter((b) => b.slotId === slot.id) }));
  }

  /** The name the bot last saw for a user (channels send it on some turns only). */
  async displayName(userKey: string): Promise<string | undefined> {
    return displayName(this.db, userKey);
  }

  /** The coach's secret feed token, created on first use. */
  async feedToken(coachKey: string): Promise<string> {
    await this.db.query(
      'INSERT INTO booking_feeds (coach_key, token) VALUES ($1, $2) ON CONFLICT (coach_key) DO NOTHING',
      [coachKey, randomBytes(24).toString('base64url')],
    );
    const { rows } = await this.db.query<{ token: string }>(
      'SELECT token FROM booking_feeds WHERE coach_key = $1',
      [coachKey],
    );
    return rows[0]!.token;
  }

  async coachByFeedToken(token: string): Promise<string | undefined> {
    const { rows } = await this.db.query<{ coach_key: string }>(
      'SELECT coach_key FROM booking_feeds WHERE token = $1',
      [token],
    );
    return rows[0]?.coach_key;
  }
}
