// The booking tables' rows as the types the rest of booking uses, and the transaction helpers of the store.
import type { Db, Queryable } from '../db/index.ts';

export type SlotKind = 'sprechstunde' | 'coaching';

export interface Slot {
  id: number;
  coachKey: string;
  coachName: string | null;
  seriesId: string | null;
  kind: SlotKind;
  title: string;
  meetingUrl: string | null;
  note: string | null;
  timeZone: string;
  startsAt: Date;
  endsAt: Date;
  seats: number;
  booked: number;
  cancelledAt: Date | null;
}

export interface Booking {
  id: number;
  uid: string;
  slotId: number;
  userKey: string;
  userName: string | null;
  topic: string | null;
  canvasId: string | null;
  canvasTitle: string | null;
  status: 'confirmed' | 'cancelled';
  createdAt: Date;
  cancelledAt: Date | null;
}

export interface BookingWithSlot extends Booking {
  slot: Slot;
}

export interface SlotDraft {
  coachKey: string;
  coachName?: string;
  kind: SlotKind;
  title: string;
  meetingUrl?: string;
  note?: string;
  timeZone: string;
  seats: number;
}

export interface NewBooking {
  slotId: number;
  userKey: string;
  userName?: string;
  topic?: string;
  canvasId?: string;
  canvasTitle?: string;
}

/** Runs inside the booking's transaction (outbox messages, invitation files): all or nothing. */
export type Within<T> = (client: Queryable, value: T) => Promise<void>;

export type BookResult =
  | { kind: 'booked'; booking: BookingWithSlot }
  | { kind: 'already'; booking: BookingWithSlot }
  | { kind: 'full' | 'past' | 'cancelled' | 'unknown'; slot?: Slot }
  /** The slot belongs to the person trying to book it (a coach cannot book their own slot). */
  | { kind: 'own'; slot: Slot };

export type CancelResult =
  | { kind: 'cancelled'; booking: BookingWithSlot }
  | { kind: 'cutoff' | 'past' | 'not_found' | 'not_active'; booking?: BookingWithSlot };

export type RescheduleResult =
  | { kind: 'moved'; old: BookingWithSlot; booking: BookingWithSlot }
  | { kind: 'cutoff' | 'past' | 'not_found' | 'not_active'; booking?: BookingWithSlot }
  | { kind: 'target'; result: BookResult };

export const SLOT_COLUMNS = `s.id, s.coach_key, s.coach_name, s.series_id, s.kind, s.title, s.meeting_url, s.note, s.time_zone,
  s.starts_at, s.ends_at, s.seats, s.booked, s.cancelled_at`;
export const BOOKING_COLUMNS = `b.id AS b_id, b.uid, b.slot_id, b.user_key, b.user_name, b.topic, b.canvas_id, b.canvas_title,
  b.status, b.created_at AS b_created_at, b.cancelled_at AS b_cancelled_at`;

export type Row = Record<string, unknown>;

export const toSlot = (r: Row): Slot => ({
  id: Number(r.id),
  coachKey: r.coach_key as string,
  coachName: (r.coach_name as string | null) ?? null,
  seriesId: (r.series_id as string | null) ?? null,
  kind: r.kind as SlotKind,
  title: r.title as string,
  meetingUrl: (r.meeting_url as string | null) ?? null,
  note: (r.note as string | null) ?? null,
  timeZone: r.time_zone as string,
  startsAt: new Date(r.starts_at as Date),
  endsAt: new Date(r.ends_at as Date),
  seats: Number(r.seats),
  booked: Number(r.booked),
  cancelledAt: r.cancelled_at ? new Date(r.cancelled_at as Date) : null,
});

export const toBooking = (r: Row): BookingWithSlot => ({
  id: Number(r.b_id),
  uid: r.uid as string,
  slotId: Number(r.slot_id),
  userKey: r.user_key as string,
  userName: (r.user_name as string | null) ?? null,
  topic: (r.topic as string | null) ?? null,
  canvasId: (r.canvas_id as string | null) ?? null,
  canvasTitle: (r.canvas_title as string | null) ?? null,
  status: r.status as Booking['status'],
  createdAt: new Date(r.b_created_at as Date),
  cancelledAt: r.b_cancelled_at ? new Date(r.b_cancelled_at as Date) : null,
  slot: toSlot(r),
});

/** Thrown inside a transaction to roll it back with a result for the caller. */
export class Abort<T> extends Error {
  constructor(readonly result: T) {
    super('booking transaction aborted');
  }
}

export async function inTx<T>(db: Db, fn: (c: Queryable) => Promise<T>): Promise<T> {
  try {
    return await db.tx(fn);
  } catch (err) {
    if (err instanceof Abort) return err.result as T;
    throw err;
  }
}
