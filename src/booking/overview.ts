import type { BookingOverview } from '../core/context.ts';
import type { BookingStore } from './store.ts';
import { shortWhen } from './time.ts';

/** Read-only booking lines for overviews outside the conversation (Slack App Home). */
export function bookingOverview(store: BookingStore): BookingOverview {
  return {
    async upcoming(userKey, zone, locale) {
      const bookings = await store.upcomingOf(userKey, new Date());
      return bookings.map(
        (b) => `${shortWhen(b.slot.startsAt, b.slot.endsAt, zone, locale)} · ${b.slot.title}`,
      );
    },
    async nextSprechstunde(userKey, zone, locale) {
      const free = await store.freeSlots(new Date(), { userKey, limit: 50 });
      const next = free.find((s) => s.kind === 'sprechstunde');
      if (!next) return undefined;
      const seats = next.seats - next.booked;
      const left = locale === 'de' ? `noch ${seats} Plätze frei` : `${seats} seats left`;
      return `${shortWhen(next.startsAt, next.endsAt, zone, locale)} · ${next.title} (${left})`;
    },
  };
}
