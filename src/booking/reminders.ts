import type { Services } from '../core/context.ts';
import { BookingNotifier } from './notify.ts';
import { BookingStore } from './store.ts';

/** "1440,15" → [1440, 15] */
export function reminderOffsets(raw: string): number[] {
  return [...new Set(raw.split(',').map(Number))].filter((n) => Number.isInteger(n) && n > 0);
}

/**
 * Sends every reminder that is due at `now`, exactly once across instances: due rows are claimed with
 * FOR UPDATE SKIP LOCKED and the outbox message is written and the row marked sent in the same
 * transaction. Reminders of cancelled bookings were deleted with the cancellation; the status check
 * here is the second line of defence. Returns how many reminders were written.
 */
export async function runDueReminders(
  services: Services,
  now: Date = new Date(),
  batch = 50,
): Promise<number> {
  const notifier = new BookingNotifier(services);
  const store = new BookingStore(services.db, []);
  let total = 0;
  for (;;) {
    const written = await services.db.tx(async (c) => {
      // superseded: a closer reminder of the same booking is due as well (the job was not running for a
      // while), so only that one is sent instead of "in 24 hours" ten minutes before the start.
      const { rows } = await c.query<{
        id: string;
        booking_id: string;
        offset_minutes: number;
        superseded: boolean;
      }>(
        `SELECT r.id, r.booking_id, r.offset_minutes,
           EXISTS (SELECT 1 FROM booking_reminders n WHERE n.booking_id = r.booking_id
                   AND n.offset_minutes < r.offset_minutes AND n.due_at <= $1) AS superseded
         FROM booking_reminders r
         WHERE r.sent_at IS NULL AND r.due_at <= $1 ORDER BY r.due_at, r.id LIMIT $2 FOR UPDATE OF r SKIP LOCKED`,
        [now, batch],
      );
      let n = 0;
      for (const r of rows) {
        const booking = await store.bookingFor(c, Number(r.booking_id));
        const live =
          !r.superseded &&
          booking?.status === 'confirmed' &&
          !booking.slot.cancelledAt &&
          booking.slot.startsAt > now;
        if (live) {
          await notifier.reminder(c, booking, r.offset_minutes);
          n++;
        }
        await c.query('UPDATE booking_reminders SET sent_at = $2 WHERE id = $1', [r.id, now]);
      }
      return { claimed: rows.length, n };
    });
    total += written.n;
    if (written.claimed < batch) return total;
  }
}
