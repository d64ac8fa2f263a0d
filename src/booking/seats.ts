import type { Queryable } from '../db/index.ts';
import {
  Abort,
  BOOKING_COLUMNS,
  type Booking,
  type BookingWithSlot,
  type BookResult,
  type CancelResult,
  type NewBooking,
  type RescheduleResult,
  SLOT_COLUMNS,
  toBooking,
  toSlot,
  type Within,
} from './rows.ts';

/**
 * Taking and releasing seats: booking, cancelling and moving a booking, each run inside the caller's
 * transaction (store.ts opens it). A refusal throws Abort with its result, which rolls everything back.
 */

/** One booking with its slot; `lock` holds the booking row until the transaction ends. */
export async function bookingIn(
  c: Queryable,
  id: number,
  lock = false,
): Promise<BookingWithSlot | undefined> {
  const { rows } = await c.query(
    `SELECT ${SLOT_COLUMNS}, ${BOOKING_COLUMNS} FROM booking_bookings b JOIN booking_slots s ON s.id = b.slot_id
     WHERE b.id = $1 ${lock ? 'FOR UPDATE OF b' : ''}`,
    [id],
  );
  return rows[0] && toBooking(rows[0]);
}

/**
 * Takes a seat and records the booking. The seat UPDATE only succeeds while a seat is left (re-checked under
 * the row lock), the partial unique index refuses a second live booking of the same person; either failure
 * rolls everything back.
 */
export async function takeSeat(
  c: Queryable,
  now: Date,
  b: NewBooking,
  reminderOffsets: number[],
  within?: Within<BookingWithSlot>,
): Promise<BookResult> {
  // Cheap early answer for a slot that is visibly full, cancelled, past or the booker's own; takes no lock.
  // The owner check needs no re-check later: a live slot's coach never changes.
  const open = await c.query(
    `SELECT 1 FROM booking_slots
     WHERE id = $1 AND booked < seats AND cancelled_at IS NULL AND starts_at > $2 AND coach_key <> $3`,
    [b.slotId, now, b.userKey],
  );
  if (open.rowCount === 0) throw new Abort(await whyNotBookable(c, b, now, true));
  const { rows } = await c.query<{ id: string }>(
    `INSERT INTO booking_bookings (slot_id, user_key, user_name, topic, canvas_id, canvas_title)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (slot_id, user_key) WHERE status = 'confirmed' DO NOTHING RETURNING id`,
    [b.slotId, b.userKey, b.userName ?? null, b.topic ?? null, b.canvasId ?? null, b.canvasTitle ?? null],
  );
  if (!rows[0]) throw new Abort(await whyNotBookable(c, b, now, true));
  const booking = (await bookingIn(c, Number(rows[0].id)))!;
  await scheduleReminders(c, booking, now, reminderOffsets);
  await within?.(c, booking);
  // The authoritative seat claim comes last, so the hot slot row stays locked only until the commit.
  // Under READ COMMITTED the WHERE is re-checked on the newest row version after a concurrent update.
  const seat = await c.query<{ booked: number }>(
    `UPDATE booking_slots SET booked = booked + 1
     WHERE id = $1 AND booked < seats AND cancelled_at IS NULL AND starts_at > $2 RETURNING booked`,
    [b.slotId, now],
  );
  if (seat.rowCount === 0) throw new Abort(await whyNotBookable(c, b, now, false));
  booking.slot.booked = seat.rows[0]!.booked;
  return { kind: 'booked', booking };
}

/** The user cancels their own booking (before the cutoff); within() sees the cancelled booking. */
export async function cancelOwn(
  c: Queryable,
  now: Date,
  userKey: string,
  id: number,
  cutoffMinutes: number,
  within?: Within<BookingWithSlot>,
): Promise<CancelResult> {
  const b = await ownActiveIn(c, userKey, id, now, cutoffMinutes);
  await releaseIn(c, b, 'user');
  const cancelled = (await bookingIn(c, id))!;
  await within?.(c, cancelled);
  return { kind: 'cancelled', booking: cancelled } as CancelResult;
}

/** Books the new slot and releases the old one: the user never ends up with neither. */
export async function moveOwn(
  c: Queryable,
  now: Date,
  move: { userKey: string; id: number; toSlotId: number; cutoffMinutes: number },
  reminderOffsets: number[],
  within?: Within<{ old: BookingWithSlot; booking: BookingWithSlot }>,
): Promise<RescheduleResult> {
  const { userKey, id } = move;
  const old = await ownActiveIn(c, userKey, id, now, move.cutoffMinutes);
  const target: NewBooking = {
    slotId: move.toSlotId,
    userKey,
    userName: old.userName ?? undefined,
    topic: old.topic ?? undefined,
    canvasId: old.canvasId ?? undefined,
    canvasTitle: old.canvasTitle ?? undefined,
  };
  const result = await takeSeat(c, now, target, reminderOffsets).catch((err) => {
    if (err instanceof Abort) throw new Abort({ kind: 'target', result: err.result });
    throw err;
  });
  if (result.kind !== 'booked') throw new Abort({ kind: 'target', result });
  await releaseIn(c, old, 'rescheduled');
  const moved = { old: (await bookingIn(c, id))!, booking: result.booking };
  await within?.(c, moved);
  return { kind: 'moved', ...moved } as RescheduleResult;
}

/** checkMine: false once this transaction inserted the user's booking itself. */
async function whyNotBookable(
  c: Queryable,
  b: NewBooking,
  now: Date,
  checkMine: boolean,
): Promise<BookResult> {
  if (checkMine) {
    const mine = await c.query(
      `SELECT ${SLOT_COLUMNS}, ${BOOKING_COLUMNS} FROM booking_bookings b JOIN booking_slots s ON s.id = b.slot_id
       WHERE b.slot_id = $1 AND b.user_key = $2 AND b.status = 'confirmed'`,
      [b.slotId, b.userKey],
    );
    if (mine.rows[0]) return { kind: 'already', booking: toBooking(mine.rows[0]) };
  }
  const { rows } = await c.query(`SELECT ${SLOT_COLUMNS} FROM booking_slots s WHERE s.id = $1`, [b.slotId]);
  if (!rows[0]) return { kind: 'unknown' };
  const slot = toSlot(rows[0]);
  if (slot.coachKey === b.userKey) return { kind: 'own', slot };
  if (slot.cancelledAt) return { kind: 'cancelled', slot };
  if (slot.startsAt <= now) return { kind: 'past', slot };
  return { kind: 'full', slot };
}

async function scheduleReminders(
  c: Queryable,
  booking: BookingWithSlot,
  now: Date,
  reminderOffsets: number[],
): Promise<void> {
  for (const offset of reminderOffsets) {
    const due = new Date(booking.slot.startsAt.getTime() - offset * 60_000);
    if (due <= now) continue;
    await c.query(
      `INSERT INTO booking_reminders (booking_id, offset_minutes, due_at) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING`,
      [booking.id, offset, due],
    );
  }
}

/** Releases the seat and drops pending reminders. */
async function releaseIn(c: Queryable, booking: Booking, reason: 'user' | 'rescheduled'): Promise<void> {
  await c.query(
    `UPDATE booking_bookings SET status = 'cancelled', cancelled_at = now(), cancel_reason = $2 WHERE id = $1`,
    [booking.id, reason],
  );
  await c.query('UPDATE booking_slots SET booked = booked - 1 WHERE id = $1', [booking.slotId]);
  await c.query('DELETE FROM booking_reminders WHERE booking_id = $1 AND sent_at IS NULL', [booking.id]);
}

/** The user's own live booking, locked, still before the cutoff; otherwise Abort with the reason. */
async function ownActiveIn(
  c: Queryable,
  userKey: string,
  id: number,
  now: Date,
  cutoffMinutes: number,
): Promise<BookingWithSlot> {
  const b = await bookingIn(c, id, true);
  if (!b || b.userKey !== userKey) throw new Abort({ kind: 'not_found' });
  if (b.status !== 'confirmed') throw new Abort({ kind: 'not_active', booking: b });
  if (b.slot.startsAt <= now) throw new Abort({ kind: 'past', booking: b });
  if (b.slot.startsAt.getTime() - now.getTime() < cutoffMinutes * 60_000) {
    throw new Abort({ kind: 'cutoff', booking: b });
  }
  return b;
}
