// Booking a slot: the free slots, picking one, the topic step and the binding confirmation.
import { packed } from '../../core/actions.ts';
import { expectConfirmation } from '../../core/confirm.ts';
import type { TurnContext } from '../../core/context.ts';
import type { FileRef, Reply, ReplyAction } from '../../core/reply.ts';
import { yesNo } from '../../core/small-talk.ts';
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
            label: ctx.t({ de: 'Spätere Termine', en: 'Later slots' }),
          },
        ]
      : [];
  if (!slots.length) {
    // No dead end: a question reaches a coach without a slot (the knowledge answer offers "Coach fragen").
    const ask = ctx.services.config.coaches.length
      ? ctx.t({
          de: 'Ihre Frage können Sie trotzdem gleich loswerden: Schreiben Sie sie mir – was ich nicht selbst beantworten kann, gebe ich mit „Coach fragen“ an die Coaches für digitales Lernen (CoDiLe) weiter.',
          en: 'You can still ask your question right away: type it to me – what I cannot answer myself, I pass on to the coaches (CoDiLe) with “Ask a coach”.',
        })
      : ctx.t({
          de: 'Ihre Frage können Sie mir trotzdem gleich schreiben – vieles beantworte ich direkt.',
          en: 'You can still type your question to me right away – I can answer a lot of it directly.',
        });
    return [
      {
        text: `${intro ? `${intro}\n\n` : ''}${ctx.t({
          de: 'Zurzeit sind keine freien Termine veröffentlicht. Die virtuelle Sprechstunde findet in der Regel alle zwei Wochen statt – neue Termine erscheinen hier unter „Sprechstunde buchen“.',
          en: 'There are no free slots published right now. The virtual consultation hour usually takes place every two weeks – new slots appear here under “Book a consultation”.',
        })}\n\n${ask}`,
        actions: [
          {
            id: 'knowledge.ask',
            label: ctx.t({ de: 'Frage stellen', en: 'Ask a question' }),
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
      text: `${intro ? `${intro}\n\n` : ''}${ctx.t({
        de: `**Freie Termine** (Zeiten für ${v.zone}):`,
        en: `**Free slots** (times for ${v.zone}):`,
      })}\n\n${slotsByDay(slots, v)}`,
      choice: {
        id: 'booking.pick',
        label: ctx.t({ de: 'Termin wählen', en: 'Choose a slot' }),
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
  const canvases = (await ctx.services.canvases?.listOwned(ctx.user.key).catch(() => [])) ?? [];
  const fields: NonNullable<Reply['form']>['fields'] = [
    {
      id: 'topic',
      label: ctx.t({
        de: 'Ihr Thema oder Ihre Frage (optional)',
        en: 'Your topic or question (optional)',
      }),
      type: 'textarea',
      maxLength: 1000,
      placeholder: ctx.t({
        de: 'z. B. Wie motiviere ich Kolleg*innen für Lernvideos?',
        en: 'e.g. How do I get colleagues interested in learning videos?',
      }),
    },
  ];
  if (canvases.length) {
    fields.push({
      id: 'canvas',
      label: ctx.t({ de: 'Canvas mitschicken (optional)', en: 'Attach a canvas (optional)' }),
      type: 'select',
      value: canvases.some((c) => c.id === st.canvasId) ? st.canvasId : '',
      options: [...canvases.map((c) => ({ value: c.id, label: c.title }))],
    });
  }
  return [
    {
      text: `${slotDetails(slot, viewer(ctx))}\n\n${locked(d, ctx, slot) ? `${lockedNote(d, ctx, slot, 'before')}\n\n` : ''}${ctx.t(
        {
          de: 'Möchten Sie ein Thema oder eine Frage mitgeben (Themenwunsch)? Dann kann sich Ihr Coach vorbereiten. Sie können das Thema auch einfach als Nachricht schreiben.',
          en: 'Would you like to add a topic or question? Your coach can then prepare. You can also just type it as a message.',
        },
      )}`,
      form: {
        id: 'booking.confirm',
        fields,
        submitLabel: ctx.t({ de: 'Verbindlich buchen', en: 'Book now' }),
      },
      actions: [
        {
          id: 'booking.confirm',
          value: String(slot.id),
          label: ctx.t({ de: 'Ohne Thema buchen', en: 'Book without topic' }),
        },
        { id: 'booking.free', label: ctx.t({ de: 'Anderer Termin', en: 'Other slot' }) },
        { id: 'booking.abortBooking', label: ctx.t({ de: 'Abbrechen', en: 'Cancel' }) },
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
        text: ctx.t({
          de: 'Gern – schreiben Sie Ihr Thema oder Ihre Frage einfach als Nachricht.',
          en: 'Sure – just type your topic or question as a message.',
        }),
        actions: [
          {
            id: 'booking.confirm',
            value: String(st.slotId),
            label: ctx.t({ de: 'Ohne Thema buchen', en: 'Book without topic' }),
          },
          { id: 'booking.abortBooking', label: ctx.t({ de: 'Abbrechen', en: 'Cancel' }) },
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
        ? ctx.t({
            de: `Ihr Thema: „${st.topic}“${note}\n\nSoll ich den Termin jetzt verbindlich buchen?`,
            en: `Your topic: “${st.topic}”${note}\n\nShall I book the slot now?`,
          })
        : ctx.t({
            de: `Gut, dann ohne Thema.${note}\n\nSoll ich den Termin jetzt verbindlich buchen?`,
            en: `Fine, without a topic.${note}\n\nShall I book the slot now?`,
          }),
      actions: [
        {
          id: 'booking.confirm',
          value: String(st.slotId),
          label: ctx.t({ de: 'Verbindlich buchen', en: 'Book now' }),
          style: 'primary',
        },
        { id: 'booking.free', label: ctx.t({ de: 'Anderer Termin', en: 'Other slot' }) },
        { id: 'booking.abortBooking', label: ctx.t({ de: 'Abbrechen', en: 'Cancel' }) },
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
  const canvas = await ownedCanvas(ctx, input.canvas ?? st.canvasId);
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
    await ctx.services.canvases
      ?.share(canvas.id, ctx.user.key, booking.slot.coachKey)
      .catch((err) => ctx.services.log.warn({ err: (err as Error).message }, 'canvas share failed'));
  }
  return [
    {
      text: `${ctx.t({ de: '**Gebucht!** Ihr Termin:', en: '**Booked!** Your slot:' })}\n${slotDetails(booking.slot, viewer(ctx))}${
        topic ? ctx.t({ de: `\nIhr Thema: ${topic}`, en: `\nYour topic: ${topic}` }) : ''
      }${canvas ? `\nCanvas: ${canvas.title}` : ''}\n\n${ctx.t({
        de: 'Die Einladung für Ihren Kalender hängt an (einladung.ics). Ich erinnere Sie rechtzeitig vorher.',
        en: 'The calendar invitation is attached (einladung.ics). I will remind you beforehand.',
      })}${
        fixed
          ? `\n\n${lockedNote(d, ctx, booking.slot, 'booked')}`
          : ` ${ctx.t({
              de: `Absagen ist bis ${cutoffText(ctx)} vor Beginn möglich.`,
              en: `You can cancel up to ${cutoffText(ctx)} before the start.`,
            })}`
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
      text: ctx.t({
        de: 'Alles klar, es wurde nichts gebucht.',
        en: 'All right, nothing was booked.',
      }),
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
        text: ctx.t({
          de: `Diesen Termin haben Sie bereits gebucht – Ihre Buchung steht:\n${bookingLine(result.booking, viewer(ctx)).slice(2)}`,
          en: `You have already booked this slot – your booking stands:\n${bookingLine(result.booking, viewer(ctx)).slice(2)}`,
        }),
        actions: [mineButton(ctx), freeButton(ctx)],
      },
    ];
  }
  const why = {
    full: ctx.t({
      de: 'Dieser Termin ist leider gerade vergeben – jemand war schneller.',
      en: 'Sorry, this slot was just taken – someone was quicker.',
    }),
    past: ctx.t({
      de: 'Dieser Termin hat bereits begonnen oder liegt in der Vergangenheit und kann nicht mehr gebucht werden.',
      en: 'This slot has already started or is in the past and can no longer be booked.',
    }),
    cancelled: ctx.t({
      de: 'Dieser Termin wurde vom Coach abgesagt und kann nicht gebucht werden.',
      en: 'This slot was cancelled by the coach and cannot be booked.',
    }),
    unknown: ctx.t({
      de: 'Diesen Termin finde ich nicht (mehr).',
      en: 'I cannot find this slot (any more).',
    }),
    own: ctx.t({
      de: 'Das ist Ihr eigener Termin – Ihre eigenen Sprechstunden und Coachings können Sie nicht selbst buchen.',
      en: 'This is your own slot – you cannot book your own consultation hours or coaching sessions.',
    }),
  }[result.kind];
  const [alt] = movingId ? await askReschedule(d, ctx, movingId) : await freeSlots(d, ctx);
  // Without other slots the reschedule answer already says that the booking stands.
  const outcome = !movingId
    ? ctx.t({ de: 'Es wurde nichts gebucht.', en: 'Nothing was booked.' })
    : alt!.choice
      ? ctx.t({ de: 'Ihre bisherige Buchung bleibt bestehen.', en: 'Your current booking stands.' })
      : '';
  const intro = `${why} ${outcome}`.trim();
  const extra: ReplyAction[] =
    result.kind === 'own' && (await d.roles.isCoach(ctx.user.key))
      ? [{ id: 'booking.coachBookings', label: ctx.t({ de: 'Meine Sprechstunden', en: 'My sessions' }) }]
      : [];
  const text =
    alt!.choice && !movingId
      ? `${intro} ${ctx.t({ de: 'Diese Termine sind noch frei:', en: 'These slots are still free:' })}\n\n${alt!.text}`
      : `${intro}\n\n${alt!.text}`;
  return [{ ...alt!, text, actions: [...extra, ...(alt!.actions ?? [])] }];
}

export async function ownedCanvas(ctx: TurnContext, id: string | undefined) {
  if (!id || !ctx.services.canvases) return undefined;
  const owned = await ctx.services.canvases.listOwned(ctx.user.key).catch(() => []);
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
