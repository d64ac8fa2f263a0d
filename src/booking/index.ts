import type { Router } from 'express';
import type { Capability, Services } from '../core/context.ts';
import { bookingCapability } from './capability.ts';
import { feedRouter } from './feed.ts';
import { reminderOffsets, startReminderScheduler } from './reminders.ts';
import { BookingRoles } from './roles.ts';
import { BookingStore } from './store.ts';

export { runDueReminders } from './reminders.ts';

export interface BookingInstall {
  capability: Capability;
  /** The iCalendar feed (GET /ical/<token>.ics). */
  router: Router;
  stop(): Promise<void>;
}

/**
 * Wires booking into the app: sets services.roles, returns the capability, the feed router and a
 * running reminder scheduler (stopped with stop()).
 */
export function installBooking(
  services: Services,
  opts: { reminderIntervalMs?: number } = {},
): BookingInstall {
  const roles = new BookingRoles(services.db, services.config.coaches);
  services.roles = roles;
  const store = new BookingStore(services.db, reminderOffsets(services.config.REMINDER_OFFSETS_MINUTES));
  const scheduler = startReminderScheduler(services, opts.reminderIntervalMs);
  return {
    capability: bookingCapability({ store, roles }),
    router: feedRouter(services, store),
    stop: () => scheduler.stop(),
  };
}
