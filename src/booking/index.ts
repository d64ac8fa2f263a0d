import type { Router } from 'express';
import type { Capability, Services } from '../core/context.ts';
import { bookingCapability } from './capability.ts';
import { feedRouter } from './feed.ts';
import { bookingOverview } from './overview.ts';
import { bookingPersonalData, bookingRetention } from './privacy.ts';
import { reminderOffsets, runDueReminders } from './reminders.ts';
import { BookingStore } from './store.ts';

export { runDueReminders } from './reminders.ts';

export interface BookingInstall {
  capability: Capability;
  /** The iCalendar feed (GET /ical/<token>.ics). */
  router: Router;
}

const REMINDER_INTERVAL_MS = 30_000;

/**
 * Wires booking into the app: registers personal data, retention and the reminder job
 * on the core scheduler (stopped with the app), returns the capability and the feed router.
 */
export function installBooking(services: Services): BookingInstall {
  const roles = services.roles;
  // Before the core's profile, which must stay last.
  services.personalData.unshift(...bookingPersonalData(services));
  services.retention.unshift(...bookingRetention);
  const store = new BookingStore(services.db, reminderOffsets(services.config.REMINDER_OFFSETS_MINUTES));
  services.bookings = bookingOverview(store);
  services.scheduler.every('booking:reminders', REMINDER_INTERVAL_MS, () => runDueReminders(services));
  return {
    capability: bookingCapability({ store, roles }),
    router: feedRouter(services, store),
  };
}
