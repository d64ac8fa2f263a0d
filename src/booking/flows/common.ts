import type { CanvasDirectory, TurnContext } from '../../core/context.ts';
import type { ReplyAction } from '../../core/reply.ts';
import type { CoachRoles } from '../../core/roles.ts';
import { bookingText } from '../messages/index.ts';
import { BookingNotifier } from '../notify.ts';
import type { Viewer } from '../present.ts';
import type { BookingStore, Slot } from '../store.ts';
import { shortWhen } from '../time.ts';

/** What every booking flow needs, handed in explicitly instead of closed over. */
export interface FlowDeps {
  store: BookingStore;
  roles: CoachRoles;
  now: () => Date;
  /** The user's canvases, when the canvas capability is installed: attached to a booking, read by its coach. */
  canvases?: CanvasDirectory;
}

export interface FlowState {
  /** Slot chosen and waiting for topic and confirmation. */
  slotId?: number;
  topic?: string;
  /** Canvas to attach, e.g. preselected from the canvas flow ("booking.start" with "canvas:<id>"). */
  canvasId?: string;
  step?: 'topic';
}

export const SLOT_CHOICE_LIMIT = 12;

export const flow = (ctx: TurnContext): FlowState => {
  ctx.state.data.booking ??= {};
  return ctx.state.data.booking as FlowState;
};
export const reset = (ctx: TurnContext, keep: FlowState = {}) => {
  ctx.state.data.booking = keep;
  if (ctx.state.active === 'booking') ctx.state.active = undefined;
};
export const viewer = (ctx: TurnContext): Viewer => ({
  locale: ctx.locale,
  zone: ctx.user.timeZone,
});
export const notifier = (ctx: TurnContext) => new BookingNotifier(ctx.services);
export const cutoff = (ctx: TurnContext) => ctx.services.config.CANCELLATION_CUTOFF_MINUTES;
/** Inside the cut-off (or already running) a booking of this slot can no longer be cancelled or moved in the bot. */
export const locked = (d: FlowDeps, ctx: TurnContext, slot: Slot) =>
  slot.startsAt.getTime() - d.now().getTime() < cutoff(ctx) * 60_000;

export const menuButton = (ctx: TurnContext): ReplyAction => ({
  id: 'help.greet',
  label: bookingText(ctx, 'common.mainMenu'),
});
export const mineButton = (ctx: TurnContext): ReplyAction => ({
  id: 'booking.mine',
  label: bookingText(ctx, 'common.myBookings'),
});
export const freeButton = (ctx: TurnContext): ReplyAction => ({
  id: 'booking.free',
  label: bookingText(ctx, 'common.freeSlots'),
});

export function cutoffText(ctx: TurnContext): string {
  const m = cutoff(ctx);
  if (m % 60 === 0 && m >= 60) {
    const h = m / 60;
    return bookingText(ctx, 'common.hours', { h });
  }
  return bookingText(ctx, 'common.minutes', { m: String(m) });
}

/**
 * Why the bot can no longer cancel or move a booking of this slot, and whom to contact instead.
 * before: said while choosing the slot; booked/listed: about an existing booking (listed names it).
 */
export function lockedNote(
  d: FlowDeps,
  ctx: TurnContext,
  slot: Slot,
  when: 'before' | 'booked' | 'listed',
): string {
  const coach = slot.coachName ?? bookingText(ctx, 'common.yourCoach');
  const contact = bookingText(ctx, 'common.contactCoach', { coach });
  if (when === 'before') {
    return `${bookingText(ctx, 'common.locked.before', { cutoffText: cutoffText(ctx) })} ${contact}`;
  }
  const v = viewer(ctx);
  const what =
    when === 'listed'
      ? bookingText(ctx, 'common.slotNamed', {
          title: slot.title,
          when: shortWhen(slot.startsAt, slot.endsAt, v.zone, ctx.locale),
        })
      : bookingText(ctx, 'common.thisBooking');
  const why =
    slot.startsAt <= d.now()
      ? bookingText(ctx, 'common.locked.started')
      : bookingText(ctx, 'common.locked.soon', { cutoffText: cutoffText(ctx) });
  return `${bookingText(ctx, 'common.locked', { what, why })} ${contact}`;
}

export function toId(raw: string | undefined): number | undefined {
  if (!raw || !/^\d{1,15}$/.test(raw.trim())) return undefined;
  return Number(raw.trim());
}

export async function slotById(d: FlowDeps, id: number | undefined): Promise<Slot | undefined> {
  return id ? d.store.slot(id) : undefined;
}
