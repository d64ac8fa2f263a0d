import type { Router } from 'express';
import type { BookingOverview, CanvasDirectory, Installed, Services } from '../core/context.ts';
import { bookingCapability } from './capability.ts';
import { feedRouter } from './feed.ts';
import { bookingOverview } from './overview.ts';
import { bookingPersonalData, bookingRetention } from './privacy.ts';
import { reminderOffsets, runDueReminders } from './reminders.ts';
import { BookingStore } from './store.ts';

export { runDueReminders } from './reminders.ts';

/** What booking uses from other capabilities when they are installed. */
export interface BookingNeeds {
  /** The user's canvases: one may be attached to a booking and read by its coach. */
  canvases?: CanvasDirectory;
}

export interface BookingInstall extends Installed {
  /** The iCalendar feed (GET /ical/<token>.ics). */
  router: Router;
  /** Provided to others: the user's bookings and the next Sprechstunde, for Slack's App Home. */
  bookings: BookingOverview;
}

const REMINDER_INTERVAL_MS = 30_000;

/**
 * Wires booking into the app: its store and the reminder job on the core scheduler (stopped with the app);
 * returns the capability, the feed router, the overview for others and what it stores about people.
 */
export function installBooking(base: Services, needs: BookingNeeds): BookingInstall {
  const store = new BookingStore(base.db, reminderOffsets(base.config.REMINDER_OFFSETS_MINUTES));
  base.scheduler.every('booking:reminders', REMINDER_INTERVAL_MS, () => runDueReminders(base));
  return {
    capability: bookingCapability({ store, roles: base.roles, canvases: needs.canvases }),
    router: feedRouter(base, store),
    bookings: bookingOverview(store),
    personalData: bookingPersonalData(base),
    retention: bookingRetention,
  };
}
