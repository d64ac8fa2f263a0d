// Own bookings: the list, cancelling and rescheduling (moving) a booking, its calendar invitation.

import { packed } from '../../core/actions.ts';
import { expectConfirmation } from '../../core/confirm.ts';
import type { TurnContext } from '../../core/context.ts';
import type { FileRef, Reply, ReplyAction } from '../../core/reply.ts';
import { bookingText } from '../messages/index.ts';
import { bookingLine, bookingOption, slotDetails, slotOption, slotsByDay } from '../present.ts';
import type { BookingWithSlot } from '../store.ts';
import { longWhen } from '../time.ts';
import { notBookable } from './book.ts';
import {
  cutoff,
  cutoffText,
  type FlowDeps,
  flow,
  freeButton,
  locked,
  lockedNote,
  menuButton,
  mineButton,
  notifier,
  reset,
  SLOT_CHOICE_LIMIT,
  viewer,
} from './common.ts';

export function changeButtons(ctx: TurnContext, b: BookingWithSlot): ReplyAction[] {
  return [
    {
      id: 'booking.reschedule',
      value: String(b.id),
      label: bookingText(ctx, 'change.reschedule'),
    },
    {
      id: 'booking.cancel',
      value: String(b.id),
      label: bookingText(ctx, 'change.cancelBooking'),
      style: 'danger',
    },
  ];
}

export async function mine(d: FlowDeps, ctx: TurnContext): Promise<Reply[]> {
  reset(ctx, { canvasId: flow(ctx).canvasId });
  const v = viewer(ctx);
  const list = await d.store.upcomingOf(ctx.user.key, d.now());
  if (!list.length) {
    return [
      {
        text: bookingText(ctx, 'change.noBookings'),
        actions: [freeButton(ctx), menuButton(ctx)],
      },
    ];
  }
  // Bookings inside the cut-off are listed with a note instead of being offered for cancelling or moving.
  const open = list.filter((b) => !locked(d, ctx, b.slot));
  const notes = list.filter((b) => locked(d, ctx, b.slot)).map((b) => lockedNote(d, ctx, b.slot, 'listed'));
  return [
    {
      text: [
        `${bookingText(ctx, 'change.list.title')}\n${list.map((b) => bookingLine(b, v)).join('\n')}`,
        ...notes,
      ].join('\n\n'),
      choice: open.length
        ? {
            id: 'booking.manage',
            label: bookingText(ctx, 'change.cancelOrReschedule'),
            options: open.map((b) => bookingOption(b, v)),
          }
        : undefined,
      actions: [freeButton(ctx), menuButton(ctx)],
    },
  ];
}

export const notFound = (ctx: TurnContext): Reply[] => [
  {
    text: bookingText(ctx, 'change.notFound'),
    actions: [mineButton(ctx), menuButton(ctx)],
  },
];

export function tooLate(ctx: TurnContext, b: BookingWithSlot, past: boolean): Reply[] {
  const coach = b.slot.coachName ?? bookingText(ctx, 'change.yourCoach');
  return [
    {
      text: past
        ? bookingText(ctx, 'change.started')
        : bookingText(ctx, 'change.tooLate', {
            cutoffText: cutoffText(ctx),
            when: longWhen(b.slot.startsAt, b.slot.endsAt, viewer(ctx).zone, ctx.locale),
            coach,
          }),
      actions: [mineButton(ctx), menuButton(ctx)],
    },
  ];
}

export async function manage(d: FlowDeps, ctx: TurnContext, id: number | undefined): Promise<Reply[]> {
  const b = id ? await d.store.bookingOf(ctx.user.key, id) : undefined;
  if (b?.status !== 'confirmed') return notFound(ctx);
  const fixed = locked(d, ctx, b.slot);
  return [
    {
      text: `${bookingLine(b, viewer(ctx)).slice(2)}${fixed ? `\n\n${lockedNote(d, ctx, b.slot, 'booked')}` : ''}`,
      actions: [
        ...(fixed ? [] : changeButtons(ctx, b)),
        {
          id: 'booking.invitation',
          value: String(b.id),
          label: bookingText(ctx, 'change.calendarInvitation'),
        },
        mineButton(ctx),
      ],
    },
  ];
}

/** Where a cancel or reschedule stands before asking: own, active, not past the cut-off. */
export async function changeable(
  d: FlowDeps,
  ctx: TurnContext,
  id: number | undefined,
): Promise<BookingWithSlot | Reply[]> {
  const b = id ? await d.store.bookingOf(ctx.user.key, id) : undefined;
  if (b?.status !== 'confirmed') return notFound(ctx);
  const t = d.now();
  if (b.slot.startsAt <= t) return tooLate(ctx, b, true);
  if (locked(d, ctx, b.slot)) return tooLate(ctx, b, false);
  return b;
}

export async function askCancel(d: FlowDeps, ctx: TurnContext, id: number | undefined): Promise<Reply[]> {
  const b = await changeable(d, ctx, id);
  if (Array.isArray(b)) return b;
  expectConfirmation(
    ctx,
    { id: 'booking.cancelYes', value: String(b.id) },
    { id: 'booking.keep', value: String(b.id) },
  );
  return [
    {
      text: `${bookingText(ctx, 'change.askCancel')}\n${bookingLine(b, viewer(ctx)).slice(2)}`,
      actions: [
        {
          id: 'booking.cancelYes',
          value: String(b.id),
          label: bookingText(ctx, 'change.yesCancel'),
          style: 'danger',
        },
        {
          id: 'booking.reschedule',
          value: String(b.id),
          label: bookingText(ctx, 'change.rescheduleInstead'),
        },
        {
          id: 'booking.keep',
          value: String(b.id),
          label: bookingText(ctx, 'change.noKeepIt'),
        },
      ],
    },
  ];
}

/** "Nein" to "wirklich absagen?": nothing changes, and the user is told so. */
export async function keep(d: FlowDeps, ctx: TurnContext, id: number | undefined): Promise<Reply[]> {
  const b = id ? await d.store.bookingOf(ctx.user.key, id) : undefined;
  if (b?.status !== 'confirmed') return mine(d, ctx);
  return [
    {
      text: bookingText(ctx, 'change.bookingKept', { booking: bookingLine(b, viewer(ctx)).slice(2) }),
      actions: [mineButton(ctx), menuButton(ctx)],
    },
  ];
}

export async function cancel(d: FlowDeps, ctx: TurnContext, id: number | undefined): Promise<Reply[]> {
  if (!id) return notFound(ctx);
  const t = d.now();
  let file: FileRef | undefined;
  const result = await d.store.cancel(t, ctx.user.key, id, cutoff(ctx), async (c, booking) => {
    await notifier(ctx).coachCancelled(c, booking);
    file = await notifier(ctx).invitationFile(c, booking, 'CANCEL', t);
  });
  if (result.kind === 'not_found') return notFound(ctx);
  if (result.kind === 'not_active') {
    return [
      {
        text: bookingText(ctx, 'change.alreadyCancelled'),
        actions: [mineButton(ctx), freeButton(ctx)],
      },
    ];
  }
  if (result.kind !== 'cancelled') return tooLate(ctx, result.booking!, result.kind === 'past');
  return [
    {
      text: `${bookingText(ctx, 'change.cancelled')}\n${slotDetails(result.booking.slot, viewer(ctx))}\n\n${bookingText(ctx, 'change.cancelled.file')}`,
      files: file ? [file] : undefined,
      actions: [freeButton(ctx), mineButton(ctx), menuButton(ctx)],
    },
  ];
}

export async function askReschedule(d: FlowDeps, ctx: TurnContext, id: number | undefined): Promise<Reply[]> {
  const b = await changeable(d, ctx, id);
  if (Array.isArray(b)) return b;
  const v = viewer(ctx);
  const slots = await d.store.freeSlots(d.now(), {
    userKey: ctx.user.key,
    except: b.slotId,
    limit: SLOT_CHOICE_LIMIT,
  });
  if (!slots.length) {
    return [
      {
        text: bookingText(ctx, 'change.noOtherSlot'),
        actions: [mineButton(ctx), menuButton(ctx)],
      },
    ];
  }
  return [
    {
      text: `${bookingText(ctx, 'change.askReschedule')}\n${bookingLine(b, v).slice(2)}\n\n${slotsByDay(slots, v)}${
        slots.some((s) => locked(d, ctx, s))
          ? `\n\n${bookingText(ctx, 'change.askReschedule.cutoff', { cutoffText: cutoffText(ctx) })}`
          : ''
      }`,
      choice: {
        id: 'booking.moveTo',
        label: bookingText(ctx, 'change.newSlot'),
        options: slots.map((s) => ({ ...slotOption(s, v), value: packed({ booking: b.id, slot: s.id }) })),
      },
      actions: [mineButton(ctx)],
    },
  ];
}

/** Moves booking `bookingId` to slot `slotId` (undefined: an unreadable choice value). */
export async function moveTo(
  d: FlowDeps,
  ctx: TurnContext,
  move: { bookingId: number; slotId: number } | undefined,
): Promise<Reply[]> {
  if (!move) return notFound(ctx);
  const { bookingId, slotId } = move;
  const t = d.now();
  const files: FileRef[] = [];
  const result = await d.store.reschedule(
    t,
    ctx.user.key,
    bookingId,
    slotId,
    cutoff(ctx),
    async (c, moved) => {
      const n = notifier(ctx);
      if (moved.old.slot.coachKey === moved.booking.slot.coachKey) {
        await n.coachMoved(c, moved.old, moved.booking);
      } else {
        await n.coachCancelled(c, moved.old);
        await n.coachBooked(c, moved.booking);
      }
      files.push(await n.invitationFile(c, moved.booking, 'REQUEST', t));
      files.push(await n.invitationFile(c, moved.old, 'CANCEL', t));
    },
  );
  if (result.kind === 'not_found') return notFound(ctx);
  if (result.kind === 'not_active') return alreadyMoved(d, ctx, slotId);
  if (result.kind === 'target') {
    if (result.result.kind === 'booked') return notFound(ctx);
    if (result.result.kind === 'already') return notBookable(d, ctx, result.result);
    return notBookable(d, ctx, result.result, bookingId);
  }
  if (result.kind !== 'moved') return tooLate(ctx, result.booking!, result.kind === 'past');
  return [
    {
      text: `${bookingText(ctx, 'change.moved')}\n${slotDetails(result.booking.slot, viewer(ctx))}\n\n${bookingText(ctx, 'change.moved.files')}${locked(d, ctx, result.booking.slot) ? `\n\n${lockedNote(d, ctx, result.booking.slot, 'booked')}` : ''}`,
      files,
      actions: [mineButton(ctx), menuButton(ctx)],
    },
  ];
}

/** A second press on a "Neuer Termin" choice: the first one already moved (or the booking was cancelled). */
export async function alreadyMoved(d: FlowDeps, ctx: TurnContext, slotId: number): Promise<Reply[]> {
  const v = viewer(ctx);
  const there = (await d.store.upcomingOf(ctx.user.key, d.now())).find((b) => b.slotId === slotId);
  return [
    {
      text: there
        ? bookingText(ctx, 'change.alreadyMoved', {
            when: longWhen(there.slot.startsAt, there.slot.endsAt, v.zone, ctx.locale),
            booking: bookingLine(there, v).slice(2),
          })
        : bookingText(ctx, 'change.notActive'),
      actions: [mineButton(ctx), menuButton(ctx)],
    },
  ];
}

export async function invitation(
  d: FlowDeps,
  ctx: TurnContext,
  b: BookingWithSlot,
  method: 'REQUEST' | 'CANCEL',
): Promise<FileRef> {
  return ctx.services.db.tx((c) => notifier(ctx).invitationFile(c, b, method, d.now()));
}

/** The calendar invitation of one of the user's active bookings, again. */
export async function sendInvitation(
  d: FlowDeps,
  ctx: TurnContext,
  id: number | undefined,
): Promise<Reply[]> {
  const b = id ? await d.store.bookingOf(ctx.user.key, id) : undefined;
  if (b?.status !== 'confirmed') return notFound(ctx);
  return [
    {
      text: bookingText(ctx, 'change.invitation'),
      files: [await invitation(d, ctx, b, 'REQUEST')],
      actions: [mineButton(ctx)],
    },
  ];
}
