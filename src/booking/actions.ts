/**
 * Booking's buttons, choices and forms as a typed action table (see core/actions.ts): the core dispatches
 * "booking.<name>" here and parses the payload first. The schemas are lenient on purpose (`.catch`): a
 * missing or unreadable value reaches the flow as `undefined`, which answers as before ("Diese Buchung finde
 * ich nicht", the first page of free slots, the empty form) instead of a bare "button no longer valid".
 */
import { z } from 'zod';
import { type ActionHandler, type ActionTable, action, payload } from '../core/actions.ts';
import type { TurnContext } from '../core/context.ts';
import type { Reply } from '../core/reply.ts';
import { abortBooking, confirm, freeSlots, pick, start } from './flows/book.ts';
import {
  askCancel,
  askReschedule,
  cancel,
  keep,
  manage,
  mine,
  moveTo,
  sendInvitation,
} from './flows/change.ts';
import {
  askSlotCancel,
  calendarFeed,
  coachBookings,
  coachMenu,
  coachOnly,
  grant,
  keepSlot,
  revoke,
  showCanvas,
  slotCancel,
} from './flows/coach.ts';
import { type FlowDeps, toId } from './flows/common.ts';
import { publish } from './flows/publish.ts';

/** A booking or slot id carried as the button's or choice's value. */
const id = z.string().optional().catch(undefined).transform(toId);

/** "canvas:<id>": the canvas room's "Termin buchen" preselects that canvas for the booking. */
const startValue = z
  .string()
  .optional()
  .catch(undefined)
  .transform((v) => (v?.startsWith('canvas:') ? v.slice('canvas:'.length) || undefined : undefined));

const isoDate = z.string().refine((s) => !Number.isNaN(Date.parse(s)));
const positive = z.number().int().positive();

/** "Spätere Termine": the last slot shown so far. */
const page = z
  .union([
    payload
      .packed(z.object({ after: isoDate, id: positive }))
      .transform((p) => ({ startsAt: new Date(p.after), id: p.id })),
    // Legacy value "<ISO start>|<slot id>" of buttons sent before the action table.
    z
      .string()
      .regex(/^[^|]+\|\d{1,15}$/)
      .transform((s) => s.split('|') as [string, string])
      .refine(([iso]) => !Number.isNaN(Date.parse(iso)))
      .transform(([iso, last]) => ({ startsAt: new Date(iso), id: Number(last) })),
  ])
  .optional()
  .catch(undefined);

/** "Neuer Termin": which booking moves to which slot. */
const move = z
  .union([
    payload
      .packed(z.object({ booking: positive, slot: positive }))
      .transform((m) => ({ bookingId: m.booking, slotId: m.slot })),
    // Legacy value "<booking id>:<slot id>" of choices sent before the action table.
    z
      .string()
      .regex(/^\d{1,15}:\d{1,15}$/)
      .transform((s) => {
        const [bookingId, slotId] = s.split(':').map(Number) as [number, number];
        return { bookingId, slotId };
      })
      .refine((m) => m.bookingId > 0 && m.slotId > 0),
  ])
  .optional()
  .catch(undefined);

/** "Verbindlich buchen": the topic form's fields, or a button with the slot id (then without a topic). */
const confirmation = z
  .union([
    payload.form({ topic: z.string().optional(), canvas: z.string().optional() }),
    z
      .string()
      .optional()
      .transform((v) => ({ slotId: toId(v) })),
  ])
  .catch({});

/** The publish form's fields; none (a plain button) shows the empty form. */
const publishFields = z.record(z.string(), z.string()).optional().catch(undefined);

/** The grant form's user id; none shows the form. */
const grantFields = payload
  .form({ user: z.string().optional() })
  .optional()
  .catch(undefined)
  .transform((f) => f?.user);

const text = z.string().optional().catch(undefined);

/**
 * Buttons already sent to users (Slack and Teams messages, reminders, typed yes/no answers waiting in
 * conversation state) carry these older action names; they keep working as aliases of the new entries.
 * Their older values ("<booking>:<slot>", "<ISO start>|<id>") are still read by the schemas above.
 * Do not remove an alias while such messages may still be around.
 */
const LEGACY_ALIASES = {
  abort: 'abortBooking',
  ics: 'invitation',
  slotKeep: 'keepSlot',
  feed: 'calendarFeed',
} as const;

export function bookingActions(d: FlowDeps): ActionTable {
  /** Coach-only entries: the role is checked here in the core capability, never in a channel. */
  const forCoaches = <V>(handler: ActionHandler<V>): ActionHandler<V> => ({
    value: handler.value,
    run: async (ctx: TurnContext, value: V, incoming): Promise<Reply[]> =>
      (await d.roles.isCoach(ctx.user.key)) ? handler.run(ctx, value, incoming) : coachOnly(ctx),
  });

  const table = {
    // LoDiLe: find, book, change.
    start: action(startValue, (ctx, canvasId) => start(d, ctx, canvasId)),
    free: action(page, (ctx, after) => freeSlots(d, ctx, undefined, after)),
    pick: action(id, (ctx, slotId) => pick(d, ctx, slotId)),
    confirm: action(confirmation, (ctx, input) => confirm(d, ctx, input)),
    abortBooking: action(payload.none, async (ctx) => abortBooking(ctx)),
    mine: action(payload.none, (ctx) => mine(d, ctx)),
    manage: action(id, (ctx, bookingId) => manage(d, ctx, bookingId)),
    invitation: action(id, (ctx, bookingId) => sendInvitation(d, ctx, bookingId)),
    cancel: action(id, (ctx, bookingId) => askCancel(d, ctx, bookingId)),
    cancelYes: action(id, (ctx, bookingId) => cancel(d, ctx, bookingId)),
    keep: action(id, (ctx, bookingId) => keep(d, ctx, bookingId)),
    reschedule: action(id, (ctx, bookingId) => askReschedule(d, ctx, bookingId)),
    moveTo: action(move, (ctx, m) => moveTo(d, ctx, m)),
    // CoDiLe.
    coachMenu: forCoaches(action(payload.none, async (ctx) => coachMenu(ctx))),
    publish: forCoaches(action(publishFields, (ctx, fields) => publish(d, ctx, fields))),
    coachBookings: forCoaches(action(payload.none, (ctx) => coachBookings(d, ctx))),
    canvas: forCoaches(action(id, (ctx, bookingId) => showCanvas(d, ctx, bookingId))),
    slotCancel: forCoaches(action(id, (ctx, slotId) => askSlotCancel(d, ctx, slotId))),
    slotCancelYes: forCoaches(action(id, (ctx, slotId) => slotCancel(d, ctx, slotId))),
    keepSlot: forCoaches(action(payload.none, (ctx) => keepSlot(d, ctx))),
    calendarFeed: forCoaches(action(payload.none, (ctx) => calendarFeed(d, ctx))),
    grant: forCoaches(action(grantFields, (ctx, user) => grant(d, ctx, user))),
    revoke: forCoaches(action(text, (ctx, user) => revoke(d, ctx, user))),
  } satisfies ActionTable;

  const aliases = Object.fromEntries(
    Object.entries(LEGACY_ALIASES).map(([old, current]) => [old, table[current]]),
  );
  return { ...table, ...aliases };
}
