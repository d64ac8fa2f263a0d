import type { CanvasDirectory, Capability } from '../core/context.ts';
import type { CoachRoles } from '../core/roles.ts';
import { bookingActions } from './actions.ts';
import { start, topicTyped } from './flows/book.ts';
import { mine } from './flows/change.ts';
import { calendarFeed, coachMenu, coachOnly, grant, revoke } from './flows/coach.ts';
import { type FlowDeps, flow } from './flows/common.ts';
import { bookingCue, COACH_INTENTS, COMMAND, typedIntent } from './intents.ts';
import type { BookingStore } from './store.ts';

export interface BookingDeps {
  store: BookingStore;
  roles: CoachRoles;
  now?: () => Date;
  /** Set when the canvas capability is installed: bookings may carry a canvas for the coach. */
  canvases?: CanvasDirectory;
}

/**
 * Sprechstunde and e-coaching: CoDiLe publish slots, LoDiLe book, cancel and reschedule them.
 * The flows live in flows/ (book, change, publish, coach), typed text in intents.ts, buttons in actions.ts.
 */
export function bookingCapability(deps: BookingDeps): Capability {
  const d: FlowDeps = {
    store: deps.store,
    roles: deps.roles,
    now: deps.now ?? (() => new Date()),
    canvases: deps.canvases,
  };
  return {
    name: 'booking',
    command: COMMAND,
    cue: bookingCue,
    async onText(ctx, text, reason) {
      const t = text.trim();
      if (reason === 'active') {
        const st = flow(ctx);
        return st.step === 'topic' && st.slotId ? topicTyped(d, ctx, t) : null;
      }
      const intent = typedIntent(t, reason);
      if (COACH_INTENTS.has(intent.kind) && !(await d.roles.isCoach(ctx.user.key))) return coachOnly(ctx);
      switch (intent.kind) {
        case 'grant':
          return grant(d, ctx, intent.user);
        case 'revoke':
          return revoke(d, ctx, intent.user);
        case 'mine':
          return mine(d, ctx);
        case 'calendarFeed':
          return calendarFeed(d, ctx);
        case 'coachMenu':
          return coachMenu(ctx);
        case 'start':
          return start(d, ctx);
      }
    },
    actions: bookingActions(d),
  };
}
