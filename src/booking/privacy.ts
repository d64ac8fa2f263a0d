import type { Services } from '../core/context.ts';
import { bilingual } from '../core/messages.ts';
import type { PersonalDataSource } from '../core/personal-data.ts';
import { tableSource } from '../core/personal-data.ts';
import type { RetentionRule } from '../core/retention.ts';
import { bookingText } from './messages/index.ts';
import { BookingNotifier } from './notify.ts';
import { slotDetails } from './present.ts';
import { BookingStore } from './store.ts';

/**
 * A LoDiLe's bookings with topics; erasing releases live seats first so the counter stays right, and tells
 * the coach that a seat came free (without naming the person who asked to be forgotten).
 */
const bookings = (services: Services): PersonalDataSource => ({
  label: bilingual(bookingText, 'privacy.bookings.label'),
  about: bilingual(bookingText, 'privacy.bookings.about'),
  async export(q, userKey) {
    const { rows } = await q.query(
      `SELECT b.uid, s.title, s.kind, s.starts_at, s.ends_at, b.topic, b.canvas_title, b.status, b.created_at,
              b.cancelled_at
       FROM booking_bookings b JOIN booking_slots s ON s.id = b.slot_id WHERE b.user_key = $1 ORDER BY s.starts_at`,
      [userKey],
    );
    return rows;
  },
  async erase(q, userKey) {
    const notifier = new BookingNotifier(services);
    const store = new BookingStore(services.db, []);
    const live = await q.query<{ id: string }>(
      `SELECT b.id FROM booking_bookings b JOIN booking_slots s ON s.id = b.slot_id
       WHERE b.user_key = $1 AND b.status = 'confirmed' AND s.starts_at > now()`,
      [userKey],
    );
    for (const r of live.rows) {
      const b = (await store.bookingFor(q, Number(r.id)))!;
      const v = await notifier.viewer(q, b.slot.coachKey);
      await notifier.sendTo(q, b.slot.coachKey, [
        {
          text: bookingText(v.locale, 'privacy.seatFreed', { slot: slotDetails(b.slot, v) }),
        },
      ]);
    }
    await q.query(
      `UPDATE booking_slots s SET booked = s.booked - 1 FROM booking_bookings b
       WHERE b.slot_id = s.id AND b.user_key = $1 AND b.status = 'confirmed'`,
      [userKey],
    );
    await q.query('DELETE FROM booking_bookings WHERE user_key = $1', [userKey]);
  },
});

/**
 * A CoDiLe's published slots. Other people's bookings hang on them, so erasing cancels the coach's
 * future slots (their bookings are cancelled, no reminders follow) and detaches the coach from all slots.
 */
const slots = (services: Services): PersonalDataSource => ({
  label: bilingual(bookingText, 'privacy.slots.label'),
  about: bilingual(bookingText, 'privacy.slots.about'),
  async export(q, userKey) {
    const { rows } = await q.query(
      `SELECT title, kind, coach_name, meeting_url, note, starts_at, ends_at, seats, booked, cancelled_at
       FROM booking_slots WHERE coach_key = $1 ORDER BY starts_at`,
      [userKey],
    );
    return rows;
  },
  async erase(q, userKey) {
    const cancelled = await q.query<{ id: string }>(
      `UPDATE booking_bookings SET status = 'cancelled', cancelled_at = now(), cancel_reason = 'slot_cancelled'
       WHERE status = 'confirmed' AND slot_id IN
         (SELECT id FROM booking_slots WHERE coach_key = $1 AND ends_at > now() AND cancelled_at IS NULL)
       RETURNING id`,
      [userKey],
    );
    await q.query(
      `DELETE FROM booking_reminders WHERE sent_at IS NULL AND booking_id IN
         (SELECT b.id FROM booking_bookings b JOIN booking_slots s ON s.id = b.slot_id WHERE s.coach_key = $1)`,
      [userKey],
    );
    await q.query(
      `UPDATE booking_slots SET cancelled_at = COALESCE(cancelled_at, now())
       WHERE coach_key = $1 AND ends_at > now()`,
      [userKey],
    );
    // Everyone booked on a cancelled slot hears about it, with the cancellation for their calendar.
    const notifier = new BookingNotifier(services);
    const store = new BookingStore(services.db, []);
    for (const r of cancelled.rows) {
      const b = (await store.bookingFor(q, Number(r.id)))!;
      await notifier.slotCancelled(q, b, undefined, new Date());
    }
    // Unique per slot, so the overlap constraint never compares two erased coaches' slots.
    await q.query(
      `UPDATE booking_slots SET coach_key = 'erased:' || id, coach_name = NULL, note = NULL WHERE coach_key = $1`,
      [userKey],
    );
  },
});

export const bookingPersonalData = (services: Services): PersonalDataSource[] => [
  bookings(services),
  slots(services),
  tableSource(
    {
      label: bilingual(bookingText, 'privacy.grants.label'),
      about: bilingual(bookingText, 'privacy.grants.about'),
    },
    'booking_coach_grants',
    'user_key',
  ),
  tableSource(
    {
      label: bilingual(bookingText, 'privacy.feeds.label'),
      about: bilingual(bookingText, 'privacy.feeds.about'),
    },
    'booking_feeds',
    'coach_key',
    'created_at',
  ),
];

/** Sent reminders, bookings of slots long past, then slots without bookings are deleted after RETENTION_DAYS. */
export const bookingRetention: RetentionRule[] = [
  {
    table: 'booking_reminders',
    column: 'due_at',
    where: 'sent_at IS NOT NULL',
    label: bilingual(bookingText, 'retention.reminders.label'),
    after: bilingual(bookingText, 'retention.reminders.after'),
  },
  {
    table: 'booking_bookings',
    column: 'created_at',
    where:
      'NOT EXISTS (SELECT 1 FROM booking_slots s WHERE s.id = booking_bookings.slot_id AND s.ends_at > now())',
    label: bilingual(bookingText, 'retention.pastBookings.label'),
    after: bilingual(bookingText, 'retention.pastBookings.after'),
  },
  {
    table: 'booking_slots',
    column: 'ends_at',
    where: 'NOT EXISTS (SELECT 1 FROM booking_bookings b WHERE b.slot_id = booking_slots.id)',
    label: bilingual(bookingText, 'retention.emptySlots.label'),
    after: bilingual(bookingText, 'retention.emptySlots.after'),
  },
];
