// Booking a slot: the free slots, picking one, the topic step and the binding confirmation.
import { packed } from '../../core/actions.ts';
import { expectConfirmation } from '../../core/confirm.ts';
import type { TurnContext } from '../../core/context.ts';
import type { FileRef, Reply, ReplyAction } from '../../core/reply.ts';
import { yesNo } from '../../core/small-talk.ts';
import { bookingText } from '../messages/index.ts';
import { bookingLine, slotDetails, slotOption, slotsByDay } from '../present.ts';
import type { BookResult, Slot } from '../store.ts';
import { askReschedule, changeButtons } from './change.ts';
import { coachMenu } from './coach.ts';
import {
  cutoffText,
  type FlowDeps,
  type FlowState,
  flow,
  freeButton,
  locked,
  lockedNote,
  menuButton,
  mineButton,
  notifier,
  reset,
  SLOT_CHOICE_LIMIT,
  slotById,
  viewer,
} from './common.ts';

/** Typed in the topic step: leave the booking, not "no topic". */
const ABORT = /^(abbrechen|abbruch|stopp?|cancel)[.!]?$/i;

/** The next free slots; `after` (the last slot shown before) continues a list page by page. */
export async function freeSlots(
  d: FlowDeps,
  ctx: TurnContext,
  intro?: string,
  after?: { startsAt: Date; id: number },
): Promise<Reply[]> {
  const v = viewer(ctx);
  const slots = await d.store.freeSlots(d.now(), { userKey: ctx.user.key, limit: SLOT_CHOICE_LIMIT, after });
  const last = slots.at(-1);
  const more: ReplyAction[] =
    last && slots.length === SLOT_CHOICE_LIMIT
      ? [
          {
            id: 'booking.free',
            value: packed({ after: last.startsAt.toISOString(), id: last.id }),
            label: bookingText(ctx, 'book.laterSlots'),
          },
        ]
      : [];
  if (!slots.length) {
    // No dead end: a question reaches a coach without a slot (the knowledge answer offers "Coach fragen").
    const ask = ctx.services.config.coaches.length
      ? bookingText(ctx, 'book.noSlots.askCoach')
      : bookingText(ctx, 'book.noSlots.ask');
    return [
      {
        text: `${intro ? `${intro}\n\n` : ''}${bookingText(ctx, 'book.noSlots')}\n\n${ask}`,
        actions: [
          {
            id: 'knowledge.ask',
            label: bookingText(ctx, 'book.askAQuestion'),
            style: 'primary',
          },
          mineButton(ctx),
          menuButton(ctx),
        ],
      },
    ];
  }
  return [
    {
      text: `${intro ? `${intro}\n\n` : ''}${bookingText(ctx, 'book.freeSlots.title', { zone: v.zone })}\n\n${slotsByDay(slots, v)}`,
      choice: {
        id: 'booking.pick',
        label: bookingText(ctx, 'book.chooseASlot'),
        options: slots.map((s) => slotOption(s, v)),
      },
      actions: [...more, mineButton(ctx), menuButton(ctx)],
    },
  ];
}

export async function pick(d: FlowDeps, ctx: TurnContext, id: number | undefined): Promise<Reply[]> {
  const slot = await slotById(d, id);
  if (
    !slot ||
    slot.coachKey === ctx.user.key ||
    slot.cancelledAt ||
    slot.startsAt <= d.now() ||
    slot.booked >= slot.seats
  ) {
    return notBookable(d, ctx, slot ? { kind: whyNot(d, ctx, slot), slot } : { kind: 'unknown' });
  }
  const st = flow(ctx);
  ctx.state.data.booking = { canvasId: st.canvasId, slotId: slot.id, step: 'topic' } satisfies FlowState;
  ctx.state.active = 'booking';
  const canvases = (await d.canvases?.listOwned(ctx.user.key).catch(() => [])) ?? [];
  const fields: NonNullable<Reply['form']>['fields'] = [
    {
      id: 'topic',
      label: bookingText(ctx, 'book.topic.label'),
      type: 'textarea',
      maxLength: 1000,
      placeholder: bookingText(ctx, 'book.topic.placeholder'),
    },
  ];
  if (canvases.length) {
    fields.push({
      id: 'canvas',
      label: bookingText(ctx, 'book.canvas.label'),
      type: 'select',
      value: canvases.some((c) => c.id === st.canvasId) ? st.canvasId : '',
      options: [...canvases.map((c) => ({ value: c.id, label: c.title }))],
    });
  }
  return [
    {
      text: `${slotDetails(slot, viewer(ctx))}\n\n${locked(d, ctx, slot) ? `${lockedNote(d, ctx, slot, 'before')}\n\n` : ''}${bookingText(ctx, 'book.topic.ask')}`,
      form: {
        id: 'booking.confirm',
        fields,
        submitLabel: bookingText(ctx, 'book.bookNow'),
      },
      actions: [
        {
          id: 'booking.confirm',
          value: String(slot.id),
          label: bookingText(ctx, 'book.bookWithoutTopic'),
        },
        { id: 'booking.free', label: bookingText(ctx, 'book.otherSlot') },
        { id: 'booking.abortBooking', label: bookingText(ctx, 'book.cancel') },
      ],
    },
  ];
}

/**
 * Free text in the topic step becomes the topic; the booking still needs a click or a typed "ja".
 * A bare "ja"/"nein" answers the topic question instead of becoming the topic.
 */
export async function topicTyped(d: FlowDeps, ctx: TurnContext, text: string): Promise<Reply[]> {
  const st = flow(ctx);
  if (ABORT.test(text)) return abortBooking(ctx);
  const answer = yesNo(text);
  if (answer === 'yes' && !st.topic) {
    return [
      {
        text: bookingText(ctx, 'book.topic.typeIt'),
        actions: [
          {
            id: 'booking.confirm',
            value: String(st.slotId),
            label: bookingText(ctx, 'book.bookWithoutTopic'),
          },
          { id: 'booking.abortBooking', label: bookingText(ctx, 'book.cancel') },
        ],
      },
    ];
  }
  // "nein" to "Soll ich buchen?" (asked over 15 minutes ago) books nothing; to the topic question it means
  // no topic. "ja" to an expired "Soll ich buchen?" asks once more.
  if (answer === 'no' && st.topic) return abortBooking(ctx);
  if (!answer) st.topic = text.slice(0, 1000);
  const slot = st.slotId ? await d.store.slot(st.slotId) : undefined;
  const note = slot && locked(d, ctx, slot) ? `\n\n${lockedNote(d, ctx, slot, 'before')}` : '';
  expectConfirmation(
    ctx,
    { id: 'booking.confirm', value: String(st.slotId) },
    { id: 'booking.abortBooking' },
  );
  return [
    {
      text: st.topic
        ? bookingText(ctx, 'book.confirm.withTopic', { topic: st.topic, note })
        : bookingText(ctx, 'book.confirm.withoutTopic', { note }),
      actions: [
        {
          id: 'booking.confirm',
          value: String(st.slotId),
          label: bookingText(ctx, 'book.bookNow'),
          style: 'primary',
        },
        { id: 'booking.free', label: bookingText(ctx, 'book.otherSlot') },
        { id: 'booking.abortBooking', label: bookingText(ctx, 'book.cancel') },
      ],
    },
  ];
}

/** What a confirmation carries: the slot of a button, or the topic form's fields (the slot is then in the flow). */
export interface Confirmation {
  slotId?: number;
  topic?: string;
  canvas?: string;
}

export async function confirm(d: FlowDeps, ctx: TurnContext, input: Confirmation): Promise<Reply[]> {
  const st = flow(ctx);
  const slotId = input.slotId ?? st.slotId;
  if (!slotId) return freeSlots(d, ctx);
  // A typed topic belongs to the slot it was typed for, not to an older button of another slot.
  const typed = st.slotId === slotId ? st.topic : undefined;
  const topic = (input.topic ?? typed ?? '').trim().slice(0, 1000) || undefined;
  const canvas = await ownedCanvas(d, ctx, input.canvas ?? st.canvasId);
  const t = d.now();
  let file: FileRef | undefined;
  const result = await d.store.book(
    t,
    {
      slotId,
      userKey: ctx.user.key,
      userName: ctx.user.name ?? (await d.store.displayName(ctx.user.key)),
      topic,
      canvasId: canvas?.id,
      canvasTitle: canvas?.title,
    },
    async (c, booking) => {
      await notifier(ctx).coachBooked(c, booking);
      file = await notifier(ctx).invitationFile(c, booking, 'REQUEST', t);
    },
  );
  if (result.kind !== 'booked') {
    // The chosen slot is off the table: a typed message must not become a topic for it any more.
    reset(ctx, result.kind === 'already' ? {} : { canvasId: st.canvasId });
    return notBookable(d, ctx, result);
  }
  reset(ctx);
  const booking = result.booking;
  const fixed = locked(d, ctx, booking.slot);
  if (canvas) {
    // Let the coach read the attached canvas; the booking stands even if sharing fails.
    await d.canvases
      ?.share(canvas.id, ctx.user.key, booking.slot.coachKey)
      .catch((err) => ctx.services.log.warn({ err: (err as Error).message }, 'canvas share failed'));
  }
  return [
    {
      text: `${bookingText(ctx, 'book.booked')}\n${slotDetails(booking.slot, viewer(ctx))}${
        topic ? bookingText(ctx, 'book.booked.topic', { topic }) : ''
      }${canvas ? `\nCanvas: ${canvas.title}` : ''}\n\n${bookingText(ctx, 'book.booked.invitation')}${
        fixed
          ? `\n\n${lockedNote(d, ctx, booking.slot, 'booked')}`
          : ` ${bookingText(ctx, 'book.booked.cutoff', { cutoffText: cutoffText(ctx) })}`
      }`,
      files: file ? [file] : undefined,
      actions: [
        mineButton(ctx),
        // Inside the cut-off these buttons could only answer "too late": leave them out.
        ...(fixed ? [] : changeButtons(ctx, booking)),
      ],
    },
  ];
}

export function abortBooking(ctx: TurnContext): Reply[] {
  reset(ctx);
  return [
    {
      text: bookingText(ctx, 'book.aborted'),
      actions: [freeButton(ctx), menuButton(ctx)],
    },
  ];
}

/**
 * A slot that could not be booked: why, and the slots still free. movingId: the booking was to be
 * moved there; it stands, and the alternatives move it instead of booking a second slot.
 */
export async function notBookable(
  d: FlowDeps,
  ctx: TurnContext,
  result: Exclude<BookResult, { kind: 'booked' }>,
  movingId?: number,
): Promise<Reply[]> {
  if (result.kind === 'already') {
    return [
      {
        text: bookingText(ctx, 'book.alreadyBooked', {
          booking: bookingLine(result.booking, viewer(ctx)).slice(2),
        }),
        actions: [mineButton(ctx), freeButton(ctx)],
      },
    ];
  }
  const why = {
    full: bookingText(ctx, 'book.notBookable.full'),
    past: bookingText(ctx, 'book.notBookable.past'),
    cancelled: bookingText(ctx, 'book.notBookable.cancelled'),
    unknown: bookingText(ctx, 'book.notBookable.unknown'),
    own: bookingText(ctx, 'book.notBookable.own'),
  }[result.kind];
  const [alt] = movingId ? await askReschedule(d, ctx, movingId) : await freeSlots(d, ctx);
  // Without other slots the reschedule answer already says that the booking stands.
  const outcome = !movingId
    ? bookingText(ctx, 'book.nothingWasBooked')
    : alt!.choice
      ? bookingText(ctx, 'book.yourCurrentBookingStands')
      : '';
  const intro = `${why} ${outcome}`.trim();
  const extra: ReplyAction[] =
    result.kind === 'own' && (await d.roles.isCoach(ctx.user.key))
      ? [{ id: 'booking.coachBookings', label: bookingText(ctx, 'book.mySessions') }]
      : [];
  const text =
    alt!.choice && !movingId
      ? `${intro} ${bookingText(ctx, 'book.stillFree')}\n\n${alt!.text}`
      : `${intro}\n\n${alt!.text}`;
  return [{ ...alt!, text, actions: [...extra, ...(alt!.actions ?? [])] }];
}

export async function ownedCanvas(d: FlowDeps, ctx: TurnContext, id: string | undefined) {
  if (!id || !d.canvases) return undefined;
  const owned = await d.canvases.listOwned(ctx.user.key).catch(() => []);
  return owned.find((c) => c.id === id);
}

/** The way in: a coach gets the coach menu, everyone else (and a booking with a canvas) the free slots. */
export async function start(d: FlowDeps, ctx: TurnContext, canvasId?: string): Promise<Reply[]> {
  reset(ctx, canvasId ? { canvasId } : {});
  if (!canvasId && (await d.roles.isCoach(ctx.user.key))) return coachMenu(ctx);
  return freeSlots(d, ctx);
}

export function whyNot(d: FlowDeps, ctx: TurnContext, slot: Slot): 'own' | 'cancelled' | 'past' | 'full' {
  if (slot.coachKey === ctx.user.key) return 'own';
  if (slot.cancelledAt) return 'cancelled';
  if (slot.startsAt <= d.now()) return 'past';
  return 'full';
}
