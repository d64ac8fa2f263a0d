import { expectConfirmation } from '../core/confirm.ts';
import type { Capability, TurnContext } from '../core/context.ts';
import type { FileRef, IncomingAction, Reply, ReplyAction } from '../core/reply.ts';
import { yesNo } from '../core/small-talk.ts';
import { BookingNotifier } from './notify.ts';
import { bookingLine, bookingOption, slotDetails, slotOption, slotsByDay, type Viewer } from './present.ts';
import { publishForm, readPublishForm } from './publish.ts';
import { type BookingRoles, USER_KEY } from './roles.ts';
import type { BookingStore, BookingWithSlot, BookResult, Slot } from './store.ts';
import { longWhen, type Occurrence, shortWhen } from './time.ts';

interface FlowState {
  /** Slot chosen and waiting for topic and confirmation. */
  slotId?: number;
  topic?: string;
  /** Canvas to attach, e.g. preselected from the canvas flow ("booking.start" with "canvas:<id>"). */
  canvasId?: string;
  step?: 'topic';
}

const COMMAND =
  /^(termin|termine|termin buchen|sprechstunde|sprechstunde buchen|e-?coaching|coaching|coaching buchen|meine termine|meine buchungen|slots|meine sprechstunden|termin veröffentlichen|sprechstunde anbieten|kalender-?abo|booking|book|book a slot|my bookings|codile (freischalten|entziehen)( \S+)?)$/i;
const MINE = /^(meine termine|meine buchungen|my bookings)$/i;
const COACH_WORDS = /^(meine sprechstunden|termin veröffentlichen|sprechstunde anbieten|kalender-?abo)$/i;
const BOOKING_NOUN = /\b(termin\w*|sprechstunde\w*|e-?coaching|coaching|slot|session|appointment)\b/i;
const BOOKING_VERB =
  /\b(buchen|buche|reservier\w*|anmelden|anmeldung|melde|absagen|stornier\w*|verschieb\w*|book|cancel|reschedule|sign up|register)\b/i;
/** "Wann ist mein nächster Termin?": a question about one's own bookings, not for the knowledge base. */
const MY_NEXT =
  /\b(mein(en?|em)?|my) (nächste[nmrs]?|gebuchte[nmrs]?|next|booked) (termin\w*|sprechstunde\w*|coaching|session|appointment)\b/i;
const WANT =
  /\b(möchte|will|brauche|hätte gern|suche|gibt es (noch )?freie|want|need|would like|looking for)\b/i;

/** Coach-only action verbs: checked in the core capability, not in any channel. */
const COACH_ONLY = new Set([
  'coachMenu',
  'publish',
  'coachBookings',
  'canvas',
  'slotCancel',
  'slotCancelYes',
  'slotKeep',
  'feed',
  'grant',
  'revoke',
]);

const SLOT_CHOICE_LIMIT = 12;
/** Typed in the topic step: leave the booking, not "no topic". */
const ABORT = /^(abbrechen|abbruch|stopp?|cancel)[.!]?$/i;

export interface BookingDeps {
  store: BookingStore;
  roles: BookingRoles;
  now?: () => Date;
}

/** Sprechstunde and e-coaching: CoDiLe publish slots, LoDiLe book, cancel and reschedule them. */
export function bookingCapability(deps: BookingDeps): Capability {
  const { store, roles } = deps;
  const now = deps.now ?? (() => new Date());

  const flow = (ctx: TurnContext): FlowState => {
    ctx.state.data.booking ??= {};
    return ctx.state.data.booking as FlowState;
  };
  const reset = (ctx: TurnContext, keep: FlowState = {}) => {
    ctx.state.data.booking = keep;
    if (ctx.state.active === 'booking') ctx.state.active = undefined;
  };
  const viewer = (ctx: TurnContext): Viewer => ({
    locale: ctx.locale,
    zone: ctx.user.timeZone,
  });
  const notifier = (ctx: TurnContext) => new BookingNotifier(ctx.services);
  const cutoff = (ctx: TurnContext) => ctx.services.config.CANCELLATION_CUTOFF_MINUTES;
  /** Inside the cut-off (or already running) a booking of this slot can no longer be cancelled or moved in the bot. */
  const locked = (ctx: TurnContext, slot: Slot) =>
    slot.startsAt.getTime() - now().getTime() < cutoff(ctx) * 60_000;

  const menuButton = (ctx: TurnContext): ReplyAction => ({
    id: 'help.greet',
    label: ctx.t({ de: 'Hauptmenü', en: 'Main menu' }),
  });
  const mineButton = (ctx: TurnContext): ReplyAction => ({
    id: 'booking.mine',
    label: ctx.t({ de: 'Meine Termine', en: 'My bookings' }),
  });
  const freeButton = (ctx: TurnContext): ReplyAction => ({
    id: 'booking.free',
    label: ctx.t({ de: 'Freie Termine', en: 'Free slots' }),
  });

  // ---------- LoDiLe ----------

  /** The next free slots; `page` ("<ISO start>|<id>") continues after the last slot shown before. */
  async function freeSlots(ctx: TurnContext, intro?: string, page?: string): Promise<Reply[]> {
    const v = viewer(ctx);
    const [iso, lastId] = (page ?? '').split('|');
    const after =
      iso && toId(lastId) && !Number.isNaN(Date.parse(iso))
        ? { startsAt: new Date(iso), id: toId(lastId)! }
        : undefined;
    const slots = await store.freeSlots(now(), { userKey: ctx.user.key, limit: SLOT_CHOICE_LIMIT, after });
    const last = slots.at(-1);
    const more: ReplyAction[] =
      last && slots.length === SLOT_CHOICE_LIMIT
        ? [
            {
              id: 'booking.free',
              value: `${last.startsAt.toISOString()}|${last.id}`,
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

  async function pick(ctx: TurnContext, rawId: string | undefined): Promise<Reply[]> {
    const slot = await slotById(rawId);
    if (
      !slot ||
      slot.coachKey === ctx.user.key ||
      slot.cancelledAt ||
      slot.startsAt <= now() ||
      slot.booked >= slot.seats
    ) {
      return notBookable(ctx, slot ? { kind: whyNot(ctx, slot), slot } : { kind: 'unknown' });
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
        text: `${slotDetails(slot, viewer(ctx))}\n\n${locked(ctx, slot) ? `${lockedNote(ctx, slot, 'before')}\n\n` : ''}${ctx.t(
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
          { id: 'booking.abort', label: ctx.t({ de: 'Abbrechen', en: 'Cancel' }) },
        ],
      },
    ];
  }

  /**
   * Free text in the topic step becomes the topic; the booking still needs a click or a typed "ja".
   * A bare "ja"/"nein" answers the topic question instead of becoming the topic.
   */
  async function topicTyped(ctx: TurnContext, text: string): Promise<Reply[]> {
    const st = flow(ctx);
    if (ABORT.test(text)) return abort(ctx);
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
            { id: 'booking.abort', label: ctx.t({ de: 'Abbrechen', en: 'Cancel' }) },
          ],
        },
      ];
    }
    // "nein" to "Soll ich buchen?" (asked over 15 minutes ago) books nothing; to the topic question it means
    // no topic. "ja" to an expired "Soll ich buchen?" asks once more.
    if (answer === 'no' && st.topic) return abort(ctx);
    if (!answer) st.topic = text.slice(0, 1000);
    const slot = st.slotId ? await store.slot(st.slotId) : undefined;
    const note = slot && locked(ctx, slot) ? `\n\n${lockedNote(ctx, slot, 'before')}` : '';
    expectConfirmation(ctx, { id: 'booking.confirm', value: String(st.slotId) }, { id: 'booking.abort' });
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
          { id: 'booking.abort', label: ctx.t({ de: 'Abbrechen', en: 'Cancel' }) },
        ],
      },
    ];
  }

  async function confirm(ctx: TurnContext, action: IncomingAction): Promise<Reply[]> {
    const st = flow(ctx);
    const slotId = toId(action.value) ?? st.slotId;
    if (!slotId) return freeSlots(ctx);
    // A typed topic belongs to the slot it was typed for, not to an older button of another slot.
    const typed = st.slotId === slotId ? st.topic : undefined;
    const topic = (action.fields?.topic ?? typed ?? '').trim().slice(0, 1000) || undefined;
    const canvas = await ownedCanvas(ctx, action.fields?.canvas ?? st.canvasId);
    const t = now();
    let file: FileRef | undefined;
    const result = await store.book(
      t,
      {
        slotId,
        userKey: ctx.user.key,
        userName: ctx.user.name ?? (await store.displayName(ctx.user.key)),
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
      return notBookable(ctx, result);
    }
    reset(ctx);
    const booking = result.booking;
    const fixed = locked(ctx, booking.slot);
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
            ? `\n\n${lockedNote(ctx, booking.slot, 'booked')}`
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

  function abort(ctx: TurnContext): Reply[] {
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

  function cutoffText(ctx: TurnContext): string {
    const m = cutoff(ctx);
    if (m % 60 === 0 && m >= 60) {
      const h = m / 60;
      return ctx.t({ de: `${h} Stunde${h === 1 ? '' : 'n'}`, en: `${h} hour${h === 1 ? '' : 's'}` });
    }
    return ctx.t({ de: `${m} Minuten`, en: `${m} minutes` });
  }

  /**
   * Why the bot can no longer cancel or move a booking of this slot, and whom to contact instead.
   * before: said while choosing the slot; booked/listed: about an existing booking (listed names it).
   */
  function lockedNote(ctx: TurnContext, slot: Slot, when: 'before' | 'booked' | 'listed'): string {
    const coach = slot.coachName ?? ctx.t({ de: 'Ihren Coach', en: 'your coach' });
    const contact = ctx.t({
      de: `Falls etwas dazwischenkommt, wenden Sie sich bitte direkt an ${coach}.`,
      en: `If something comes up, please contact ${coach} directly.`,
    });
    if (when === 'before') {
      return `${ctx.t({
        de: `**Bitte beachten:** Dieser Termin beginnt in weniger als ${cutoffText(ctx)}. Wenn Sie ihn buchen, können Sie ihn im Bot nicht mehr absagen oder verschieben.`,
        en: `**Please note:** this session starts in less than ${cutoffText(ctx)}. Once booked, you cannot cancel or reschedule it in the bot.`,
      })} ${contact}`;
    }
    const v = viewer(ctx);
    const what =
      when === 'listed'
        ? ctx.t({
            de: `„${slot.title}“ (${shortWhen(slot.startsAt, slot.endsAt, v.zone, ctx.locale)})`,
            en: `“${slot.title}” (${shortWhen(slot.startsAt, slot.endsAt, v.zone, ctx.locale)})`,
          })
        : ctx.t({ de: 'Dieser Termin', en: 'This booking' });
    const why =
      slot.startsAt <= now()
        ? ctx.t({ de: 'der Termin hat bereits begonnen', en: 'the session has already started' })
        : ctx.t({
            de: `der Termin beginnt in weniger als ${cutoffText(ctx)}`,
            en: `the session starts in less than ${cutoffText(ctx)}`,
          });
    return `${ctx.t({
      de: `**Bitte beachten:** ${what} kann im Bot nicht mehr abgesagt oder verschoben werden – ${why}.`,
      en: `**Please note:** ${what} can no longer be cancelled or rescheduled in the bot – ${why}.`,
    })} ${contact}`;
  }

  function changeButtons(ctx: TurnContext, b: BookingWithSlot): ReplyAction[] {
    return [
      {
        id: 'booking.reschedule',
        value: String(b.id),
        label: ctx.t({ de: 'Verschieben', en: 'Reschedule' }),
      },
      {
        id: 'booking.cancel',
        value: String(b.id),
        label: ctx.t({ de: 'Absagen', en: 'Cancel booking' }),
        style: 'danger',
      },
    ];
  }

  /**
   * A slot that could not be booked: why, and the slots still free. movingId: the booking was to be
   * moved there; it stands, and the alternatives move it instead of booking a second slot.
   */
  async function notBookable(
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
    const [alt] = movingId ? await askReschedule(ctx, String(movingId)) : await freeSlots(ctx);
    // Without other slots the reschedule answer already says that the booking stands.
    const outcome = !movingId
      ? ctx.t({ de: 'Es wurde nichts gebucht.', en: 'Nothing was booked.' })
      : alt!.choice
        ? ctx.t({ de: 'Ihre bisherige Buchung bleibt bestehen.', en: 'Your current booking stands.' })
        : '';
    const intro = `${why} ${outcome}`.trim();
    const extra: ReplyAction[] =
      result.kind === 'own' && (await roles.isCoach(ctx.user.key))
        ? [{ id: 'booking.coachBookings', label: ctx.t({ de: 'Meine Sprechstunden', en: 'My sessions' }) }]
        : [];
    const text =
      alt!.choice && !movingId
        ? `${intro} ${ctx.t({ de: 'Diese Termine sind noch frei:', en: 'These slots are still free:' })}\n\n${alt!.text}`
        : `${intro}\n\n${alt!.text}`;
    return [{ ...alt!, text, actions: [...extra, ...(alt!.actions ?? [])] }];
  }

  async function mine(ctx: TurnContext): Promise<Reply[]> {
    reset(ctx, { canvasId: flow(ctx).canvasId });
    const v = viewer(ctx);
    const list = await store.upcomingOf(ctx.user.key, now());
    if (!list.length) {
      return [
        {
          text: ctx.t({
            de: 'Sie haben zurzeit keine gebuchten Termine.',
            en: 'You have no booked slots at the moment.',
          }),
          actions: [freeButton(ctx), menuButton(ctx)],
        },
      ];
    }
    // Bookings inside the cut-off are listed with a note instead of being offered for cancelling or moving.
    const open = list.filter((b) => !locked(ctx, b.slot));
    const notes = list.filter((b) => locked(ctx, b.slot)).map((b) => lockedNote(ctx, b.slot, 'listed'));
    return [
      {
        text: [
          `${ctx.t({ de: '**Ihre Termine:**', en: '**Your bookings:**' })}\n${list.map((b) => bookingLine(b, v)).join('\n')}`,
          ...notes,
        ].join('\n\n'),
        choice: open.length
          ? {
              id: 'booking.manage',
              label: ctx.t({ de: 'Termin absagen oder verschieben', en: 'Cancel or reschedule' }),
              options: open.map((b) => bookingOption(b, v)),
            }
          : undefined,
        actions: [freeButton(ctx), menuButton(ctx)],
      },
    ];
  }

  const notFound = (ctx: TurnContext): Reply[] => [
    {
      text: ctx.t({
        de: 'Diese Buchung finde ich unter Ihren Terminen nicht.',
        en: 'I cannot find this booking among yours.',
      }),
      actions: [mineButton(ctx), menuButton(ctx)],
    },
  ];

  function tooLate(ctx: TurnContext, b: BookingWithSlot, past: boolean): Reply[] {
    const coach = b.slot.coachName ?? ctx.t({ de: 'Ihren Coach', en: 'your coach' });
    return [
      {
        text: past
          ? ctx.t({ de: 'Dieser Termin hat bereits begonnen.', en: 'This session has already started.' })
          : ctx.t({
              de: `Absagen und Verschieben geht nur bis ${cutoffText(ctx)} vor Beginn – dieser Termin beginnt bald (${longWhen(b.slot.startsAt, b.slot.endsAt, viewer(ctx).zone, ctx.locale)}). Ihre Buchung bleibt bestehen. Wenn Sie nicht teilnehmen können, wenden Sie sich bitte direkt an ${coach}.`,
              en: `Cancelling and rescheduling is only possible up to ${cutoffText(ctx)} before the start – this session starts soon (${longWhen(b.slot.startsAt, b.slot.endsAt, viewer(ctx).zone, ctx.locale)}). Your booking stands. If you cannot attend, please contact ${coach} directly.`,
            }),
        actions: [mineButton(ctx), menuButton(ctx)],
      },
    ];
  }

  async function manage(ctx: TurnContext, rawId: string | undefined): Promise<Reply[]> {
    const id = toId(rawId);
    const b = id ? await store.bookingOf(ctx.user.key, id) : undefined;
    if (b?.status !== 'confirmed') return notFound(ctx);
    const fixed = locked(ctx, b.slot);
    return [
      {
        text: `${bookingLine(b, viewer(ctx)).slice(2)}${fixed ? `\n\n${lockedNote(ctx, b.slot, 'booked')}` : ''}`,
        actions: [
          ...(fixed ? [] : changeButtons(ctx, b)),
          {
            id: 'booking.ics',
            value: String(b.id),
            label: ctx.t({ de: 'Kalendereinladung', en: 'Calendar invitation' }),
          },
          mineButton(ctx),
        ],
      },
    ];
  }

  /** Where a cancel or reschedule stands before asking: own, active, not past the cut-off. */
  async function changeable(ctx: TurnContext, rawId: string | undefined): Promise<BookingWithSlot | Reply[]> {
    const id = toId(rawId);
    const b = id ? await store.bookingOf(ctx.user.key, id) : undefined;
    if (b?.status !== 'confirmed') return notFound(ctx);
    const t = now();
    if (b.slot.startsAt <= t) return tooLate(ctx, b, true);
    if (locked(ctx, b.slot)) return tooLate(ctx, b, false);
    return b;
  }

  async function askCancel(ctx: TurnContext, rawId: string | undefined): Promise<Reply[]> {
    const b = await changeable(ctx, rawId);
    if (Array.isArray(b)) return b;
    expectConfirmation(
      ctx,
      { id: 'booking.cancelYes', value: String(b.id) },
      { id: 'booking.keep', value: String(b.id) },
    );
    return [
      {
        text: `${ctx.t({ de: 'Möchten Sie diesen Termin wirklich absagen?', en: 'Do you really want to cancel this booking?' })}\n${bookingLine(b, viewer(ctx)).slice(2)}`,
        actions: [
          {
            id: 'booking.cancelYes',
            value: String(b.id),
            label: ctx.t({ de: 'Ja, absagen', en: 'Yes, cancel' }),
            style: 'danger',
          },
          {
            id: 'booking.reschedule',
            value: String(b.id),
            label: ctx.t({ de: 'Lieber verschieben', en: 'Reschedule instead' }),
          },
          {
            id: 'booking.keep',
            value: String(b.id),
            label: ctx.t({ de: 'Nein, behalten', en: 'No, keep it' }),
          },
        ],
      },
    ];
  }

  /** "Nein" to "wirklich absagen?": nothing changes, and the user is told so. */
  async function keep(ctx: TurnContext, rawId: string | undefined): Promise<Reply[]> {
    const id = toId(rawId);
    const b = id ? await store.bookingOf(ctx.user.key, id) : undefined;
    if (b?.status !== 'confirmed') return mine(ctx);
    return [
      {
        text: ctx.t({
          de: `Alles klar, Ihr Termin bleibt bestehen:\n${bookingLine(b, viewer(ctx)).slice(2)}`,
          en: `All right, your booking stands:\n${bookingLine(b, viewer(ctx)).slice(2)}`,
        }),
        actions: [mineButton(ctx), menuButton(ctx)],
      },
    ];
  }

  async function cancel(ctx: TurnContext, rawId: string | undefined): Promise<Reply[]> {
    const id = toId(rawId);
    if (!id) return notFound(ctx);
    const t = now();
    let file: FileRef | undefined;
    const result = await store.cancel(t, ctx.user.key, id, cutoff(ctx), async (c, booking) => {
      await notifier(ctx).coachCancelled(c, booking);
      file = await notifier(ctx).invitationFile(c, booking, 'CANCEL', t);
    });
    if (result.kind === 'not_found') return notFound(ctx);
    if (result.kind === 'not_active') {
      return [
        {
          text: ctx.t({
            de: 'Dieser Termin ist bereits abgesagt.',
            en: 'This booking is already cancelled.',
          }),
          actions: [mineButton(ctx), freeButton(ctx)],
        },
      ];
    }
    if (result.kind !== 'cancelled') return tooLate(ctx, result.booking!, result.kind === 'past');
    return [
      {
        text: `${ctx.t({ de: '**Abgesagt.** Ihr Platz ist wieder frei:', en: '**Cancelled.** Your seat is free again:' })}\n${slotDetails(result.booking.slot, viewer(ctx))}\n\n${ctx.t(
          {
            de: 'Mit der angehängten Datei (absage.ics) entfernen Sie den Termin aus Ihrem Kalender. Erinnerungen kommen keine mehr.',
            en: 'The attached file (absage.ics) removes the event from your calendar. No more reminders will be sent.',
          },
        )}`,
        files: file ? [file] : undefined,
        actions: [freeButton(ctx), mineButton(ctx), menuButton(ctx)],
      },
    ];
  }

  async function askReschedule(ctx: TurnContext, rawId: string | undefined): Promise<Reply[]> {
    const b = await changeable(ctx, rawId);
    if (Array.isArray(b)) return b;
    const v = viewer(ctx);
    const slots = await store.freeSlots(now(), {
      userKey: ctx.user.key,
      except: b.slotId,
      limit: SLOT_CHOICE_LIMIT,
    });
    if (!slots.length) {
      return [
        {
          text: ctx.t({
            de: 'Im Moment gibt es keinen anderen freien Termin. Ihre Buchung bleibt bestehen.',
            en: 'There is no other free slot right now. Your booking stands.',
          }),
          actions: [mineButton(ctx), menuButton(ctx)],
        },
      ];
    }
    return [
      {
        text: `${ctx.t({ de: 'Auf welchen Termin möchten Sie verschieben? Bisher:', en: 'Which slot would you like to move to? Currently:' })}\n${bookingLine(b, v).slice(2)}\n\n${slotsByDay(slots, v)}${
          slots.some((s) => locked(ctx, s))
            ? `\n\n${ctx.t({
                de: `**Bitte beachten:** Einen Termin, der in weniger als ${cutoffText(ctx)} beginnt, können Sie danach im Bot nicht mehr absagen oder verschieben.`,
                en: `**Please note:** a slot starting in less than ${cutoffText(ctx)} cannot be cancelled or rescheduled in the bot afterwards.`,
              })}`
            : ''
        }`,
        choice: {
          id: 'booking.moveTo',
          label: ctx.t({ de: 'Neuer Termin', en: 'New slot' }),
          options: slots.map((s) => ({ ...slotOption(s, v), value: `${b.id}:${s.id}` })),
        },
        actions: [mineButton(ctx)],
      },
    ];
  }

  async function moveTo(ctx: TurnContext, raw: string | undefined): Promise<Reply[]> {
    const [bookingId, slotId] = (raw ?? '').split(':').map(toId);
    if (!bookingId || !slotId) return notFound(ctx);
    const t = now();
    const files: FileRef[] = [];
    const result = await store.reschedule(
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
    if (result.kind === 'not_active') return alreadyMoved(ctx, slotId);
    if (result.kind === 'target') {
      if (result.result.kind === 'booked') return notFound(ctx);
      if (result.result.kind === 'already') return notBookable(ctx, result.result);
      return notBookable(ctx, result.result, bookingId);
    }
    if (result.kind !== 'moved') return tooLate(ctx, result.booking!, result.kind === 'past');
    return [
      {
        text: `${ctx.t({ de: '**Verschoben.** Ihr neuer Termin:', en: '**Rescheduled.** Your new slot:' })}\n${slotDetails(result.booking.slot, viewer(ctx))}\n\n${ctx.t(
          {
            de: 'Angehängt: die neue Einladung (einladung.ics) und die Absage des alten Termins (absage.ics) für Ihren Kalender.',
            en: 'Attached: the new invitation (einladung.ics) and the cancellation of the old slot (absage.ics) for your calendar.',
          },
        )}${locked(ctx, result.booking.slot) ? `\n\n${lockedNote(ctx, result.booking.slot, 'booked')}` : ''}`,
        files,
        actions: [mineButton(ctx), menuButton(ctx)],
      },
    ];
  }

  /** A second press on a "Neuer Termin" choice: the first one already moved (or the booking was cancelled). */
  async function alreadyMoved(ctx: TurnContext, slotId: number): Promise<Reply[]> {
    const v = viewer(ctx);
    const there = (await store.upcomingOf(ctx.user.key, now())).find((b) => b.slotId === slotId);
    return [
      {
        text: there
          ? ctx.t({
              de: `Ihr Termin ist bereits auf ${longWhen(there.slot.startsAt, there.slot.endsAt, v.zone, ctx.locale)} verschoben:\n${bookingLine(there, v).slice(2)}`,
              en: `Your booking has already been moved to ${longWhen(there.slot.startsAt, there.slot.endsAt, v.zone, ctx.locale)}:\n${bookingLine(there, v).slice(2)}`,
            })
          : ctx.t({
              de: 'Diese Buchung ist nicht mehr aktiv – sie wurde bereits abgesagt oder verschoben. Unter „Meine Termine“ sehen Sie, was gilt.',
              en: 'This booking is no longer active – it was already cancelled or moved. “My bookings” shows what stands.',
            }),
        actions: [mineButton(ctx), menuButton(ctx)],
      },
    ];
  }

  async function invitation(
    ctx: TurnContext,
    b: BookingWithSlot,
    method: 'REQUEST' | 'CANCEL',
  ): Promise<FileRef> {
    return ctx.services.db.tx((c) => notifier(ctx).invitationFile(c, b, method, now()));
  }

  async function ownedCanvas(ctx: TurnContext, id: string | undefined) {
    if (!id || !ctx.services.canvases) return undefined;
    const owned = await ctx.services.canvases.listOwned(ctx.user.key).catch(() => []);
    return owned.find((c) => c.id === id);
  }

  // ---------- CoDiLe ----------

  function coachMenu(ctx: TurnContext, intro?: string): Reply[] {
    return [
      {
        text:
          intro ??
          ctx.t({
            de: 'Sie sind als **Coach für digitales Lernen (CoDiLe)** eingetragen. Was möchten Sie tun?',
            en: 'You are registered as a **coach for digital learning (CoDiLe)**. What would you like to do?',
          }),
        actions: [
          {
            id: 'booking.publish',
            label: ctx.t({ de: 'Termin veröffentlichen', en: 'Publish a slot' }),
            style: 'primary',
          },
          { id: 'booking.coachBookings', label: ctx.t({ de: 'Meine Sprechstunden', en: 'My sessions' }) },
          { id: 'booking.feed', label: ctx.t({ de: 'Kalender-Abo', en: 'Calendar feed' }) },
          { id: 'booking.grant', label: ctx.t({ de: 'CoDiLe freischalten', en: 'Add a CoDiLe' }) },
          // Questions the bot could not answer wait here for a coach (see the knowledge hand-off).
          { id: 'knowledge.open', label: ctx.t({ de: 'Offene Fragen', en: 'Open questions' }) },
          freeButton(ctx),
          menuButton(ctx),
        ],
      },
    ];
  }

  async function publish(ctx: TurnContext, action: IncomingAction): Promise<Reply[]> {
    const zone = viewer(ctx).zone;
    if (!action.fields) {
      return [
        {
          text: ctx.t({
            de: `Tragen Sie den Termin ein (Zeiten in ${zone}). Für eine Serie wählen Sie eine Wiederholung, z. B. alle 2 Wochen für 12 Wochen.`,
            en: `Enter the slot (times in ${zone}). For a series pick a repetition, e.g. every 2 weeks for 12 weeks.`,
          }),
          form: publishForm(ctx.t, zone),
          actions: [{ id: 'booking.coachMenu', label: ctx.t({ de: 'Zurück', en: 'Back' }) }],
        },
      ];
    }
    const input = readPublishForm(action.fields, zone, now(), ctx.t);
    if (!input.ok) {
      return [
        {
          text: ctx.t({
            de: 'Bitte prüfen Sie die markierten Angaben – Ihre Eingaben sind noch da.',
            en: 'Please check the marked fields – what you entered is still there.',
          }),
          form: publishForm(ctx.t, zone, action.fields, input.errors),
          actions: [{ id: 'booking.coachMenu', label: ctx.t({ de: 'Zurück', en: 'Back' }) }],
        },
      ];
    }
    const result = await store.publish(
      {
        ...input.draft,
        coachKey: ctx.user.key,
        coachName: ctx.user.name ?? (await store.displayName(ctx.user.key)),
        timeZone: zone,
      },
      input.times,
    );
    const v = viewer(ctx);
    if (!result.ok && samePublished(result.conflicts, input.draft, input.times)) {
      // A double-submitted form (or the same series entered twice): nothing to refuse, nothing to add.
      const n = input.times.length;
      return [
        {
          text: `${ctx.t({
            de:
              n === 1
                ? 'Dieser Termin ist bereits veröffentlicht:'
                : 'Diese Termine sind bereits veröffentlicht:',
            en: n === 1 ? 'This slot is already published:' : 'These slots are already published:',
          })}\n\n${slotsByDay(result.conflicts, v)}`,
          actions: [
            {
              id: 'booking.coachBookings',
              label: ctx.t({ de: 'Meine Sprechstunden', en: 'My sessions' }),
              style: 'primary',
            },
            { id: 'booking.publish', label: ctx.t({ de: 'Weiteren Termin', en: 'Another slot' }) },
            { id: 'booking.coachMenu', label: ctx.t({ de: 'Coach-Menü', en: 'Coach menu' }) },
          ],
        },
      ];
    }
    if (!result.ok) {
      const list = result.conflicts.map(
        (s) => `- ${longWhen(s.startsAt, s.endsAt, zone, ctx.locale)}: ${s.title}`,
      );
      return [
        {
          text: `${ctx.t({
            de: 'Das überschneidet sich mit Terminen, die Sie schon veröffentlicht haben – es wurde nichts veröffentlicht:',
            en: 'This overlaps with slots you already published – nothing was published:',
          })}\n${list.join('\n')}`,
          form: publishForm(ctx.t, zone, action.fields, {
            start: ctx.t({
              de: 'Überschneidung – bitte andere Zeit wählen.',
              en: 'Overlap – please pick another time.',
            }),
          }),
          actions: [{ id: 'booking.coachMenu', label: ctx.t({ de: 'Zurück', en: 'Back' }) }],
        },
      ];
    }
    const n = result.slots.length;
    return [
      {
        text: `${ctx.t({
          de:
            n === 1
              ? '**Veröffentlicht.** Ihr Termin ist jetzt buchbar:'
              : `**Veröffentlicht.** ${n} Termine sind jetzt buchbar:`,
          en:
            n === 1
              ? '**Published.** Your slot can be booked now:'
              : `**Published.** ${n} slots can be booked now:`,
        })}\n\n${slotsByDay(result.slots, v)}`,
        actions: [
          { id: 'booking.publish', label: ctx.t({ de: 'Weiteren Termin', en: 'Another slot' }) },
          { id: 'booking.coachBookings', label: ctx.t({ de: 'Meine Sprechstunden', en: 'My sessions' }) },
          { id: 'booking.coachMenu', label: ctx.t({ de: 'Coach-Menü', en: 'Coach menu' }) },
        ],
      },
    ];
  }

  async function coachBookings(ctx: TurnContext): Promise<Reply[]> {
    const v = viewer(ctx);
    const items = await store.coachSlots(ctx.user.key, now());
    if (!items.length) {
      return coachMenu(
        ctx,
        ctx.t({
          de: 'Sie haben keine kommenden Termine veröffentlicht.',
          en: 'You have no upcoming slots published.',
        }),
      );
    }
    const lines: string[] = [];
    const canvasButtons: ReplyAction[] = [];
    for (const { slot, bookings } of items) {
      lines.push(
        `**${longWhen(slot.startsAt, slot.endsAt, v.zone, ctx.locale)}** · ${slot.title} (${slot.booked}/${slot.seats})`,
      );
      if (!bookings.length) lines.push(ctx.t({ de: '- noch keine Buchungen', en: '- no bookings yet' }));
      for (const b of bookings) {
        const topic = b.topic ? ` – ${ctx.t({ de: 'Thema', en: 'topic' })}: ${b.topic}` : '';
        const canvas = b.canvasTitle ? ` – Canvas: ${b.canvasTitle}` : '';
        lines.push(`- ${b.userName ?? b.userKey}${topic}${canvas}`);
        if (b.canvasId && ctx.services.canvases && canvasButtons.length < 5) {
          canvasButtons.push({
            id: 'booking.canvas',
            value: String(b.id),
            label: `Canvas: ${b.canvasTitle ?? b.userName ?? b.userKey}`.slice(0, 70),
          });
        }
      }
      lines.push('');
    }
    return [
      {
        text: `${ctx.t({ de: '**Ihre kommenden Termine und Buchungen:**', en: '**Your upcoming slots and bookings:**' })}\n\n${lines.join('\n').trim()}`,
        choice: {
          id: 'booking.slotCancel',
          label: ctx.t({ de: 'Termin absagen', en: 'Cancel a slot' }),
          options: items.map(({ slot }) => slotOption(slot, v)),
        },
        actions: [
          ...canvasButtons,
          { id: 'booking.coachMenu', label: ctx.t({ de: 'Coach-Menü', en: 'Coach menu' }) },
        ],
      },
    ];
  }

  async function showCanvas(ctx: TurnContext, rawId: string | undefined): Promise<Reply[]> {
    const id = toId(rawId);
    const b = id ? await ctx.services.db.tx((c) => store.bookingFor(c, id)) : undefined;
    // A coach sees canvases attached to their own slots only.
    const md =
      b && b.slot.coachKey === ctx.user.key && b.canvasId
        ? await ctx.services.canvases?.markdown(b.canvasId, ctx.user.key)
        : undefined;
    return [
      {
        text:
          md ??
          ctx.t({
            de: 'Diese Canvas kann ich Ihnen nicht zeigen – vielleicht wurde sie gelöscht.',
            en: 'I cannot show you this canvas – it may have been deleted.',
          }),
        actions: [{ id: 'booking.coachBookings', label: ctx.t({ de: 'Zurück', en: 'Back' }) }],
      },
    ];
  }

  async function askSlotCancel(ctx: TurnContext, rawId: string | undefined): Promise<Reply[]> {
    const slot = await slotById(rawId);
    if (!slot || slot.coachKey !== ctx.user.key || slot.cancelledAt) {
      return coachMenu(
        ctx,
        ctx.t({
          de: 'Diesen Termin finde ich unter Ihren nicht.',
          en: 'I cannot find this slot among yours.',
        }),
      );
    }
    expectConfirmation(
      ctx,
      { id: 'booking.slotCancelYes', value: String(slot.id) },
      { id: 'booking.slotKeep' },
    );
    return [
      {
        text: `${ctx.t({
          de: `Möchten Sie diesen Termin absagen? ${slot.booked ? `${slot.booked} gebuchte Person(en) werden benachrichtigt und bekommen andere Termine vorgeschlagen.` : 'Es hat noch niemand gebucht.'}`,
          en: `Do you want to cancel this slot? ${slot.booked ? `${slot.booked} booked person(s) will be notified and offered other slots.` : 'Nobody has booked yet.'}`,
        })}\n${slotDetails(slot, viewer(ctx))}`,
        actions: [
          {
            id: 'booking.slotCancelYes',
            value: String(slot.id),
            label: ctx.t({ de: 'Ja, Termin absagen', en: 'Yes, cancel slot' }),
            style: 'danger',
          },
          { id: 'booking.slotKeep', label: ctx.t({ de: 'Nein, zurück', en: 'No, go back' }) },
        ],
      },
    ];
  }

  async function slotCancel(ctx: TurnContext, rawId: string | undefined): Promise<Reply[]> {
    const id = toId(rawId);
    const t = now();
    const alternatives = await store.freeSlots(t, { except: id ?? 0, limit: 6 });
    const result = id
      ? await store.cancelSlot(ctx.user.key, id, async (c, { bookings }) => {
          const n = notifier(ctx);
          for (const b of bookings) await n.slotCancelled(c, b, alternatives, t);
        })
      : undefined;
    if (!result) {
      return coachMenu(
        ctx,
        ctx.t({
          de: 'Diesen Termin finde ich unter Ihren offenen Terminen nicht.',
          en: 'I cannot find this slot among your open ones.',
        }),
      );
    }
    const n = result.bookings.length;
    return coachMenu(
      ctx,
      ctx.t({
        de: `**Termin abgesagt.** ${n ? `${n} Person(en) wurden benachrichtigt und haben andere Termine angeboten bekommen.` : 'Es hatte noch niemand gebucht.'}`,
        en: `**Slot cancelled.** ${n ? `${n} person(s) were notified and offered other slots.` : 'Nobody had booked.'}`,
      }),
    );
  }

  async function feed(ctx: TurnContext): Promise<Reply[]> {
    const token = await store.feedToken(ctx.user.key);
    const url = `${ctx.services.config.publicUrl}/ical/${token}.ics`;
    return coachMenu(
      ctx,
      ctx.t({
        de: `**Ihr Kalender-Abo** mit allen Ihren Terminen und Buchungen:\n${url}\n\nIn Outlook: _Kalender hinzufügen → Aus dem Internet abonnieren_. In Google Kalender: _Weitere Kalender → Per URL_. Der Link ist geheim – bitte nicht weitergeben.`,
        en: `**Your calendar feed** with all your slots and bookings:\n${url}\n\nOutlook: _Add calendar → Subscribe from web_. Google Calendar: _Other calendars → From URL_. The link is secret – please do not share it.`,
      }),
    );
  }

  async function grant(ctx: TurnContext, action: IncomingAction, typed?: string): Promise<Reply[]> {
    const key = (typed ?? action.fields?.user ?? '').trim();
    if (!key) {
      const granted = await roles.granted();
      return [
        {
          text: ctx.t({
            de: 'Wen möchten Sie als CoDiLe freischalten? Geben Sie die Kennung ein, z. B. **slack:U0123ABCD**, **teams:<Azure-AD-Objekt-ID>** oder **local:name**.',
            en: 'Whom would you like to add as a CoDiLe? Enter the id, e.g. **slack:U0123ABCD**, **teams:<Azure AD object id>** or **local:name**.',
          }),
          form: {
            id: 'booking.grant',
            fields: [
              {
                id: 'user',
                label: ctx.t({ de: 'Kennung', en: 'User id' }),
                type: 'text',
                required: true,
                maxLength: 120,
              },
            ],
            submitLabel: ctx.t({ de: 'Freischalten', en: 'Add' }),
          },
          choice: granted.length
            ? {
                id: 'booking.revoke',
                label: ctx.t({ de: 'Freischaltung entziehen', en: 'Revoke' }),
                options: granted.map((g) => ({ value: g.userKey, label: g.userKey })),
              }
            : undefined,
          actions: [{ id: 'booking.coachMenu', label: ctx.t({ de: 'Zurück', en: 'Back' }) }],
        },
      ];
    }
    const r = await roles.grant(ctx.user.key, key);
    const text = {
      granted: ctx.t({
        de: `**${key}** ist jetzt CoDiLe und kann Termine veröffentlichen.`,
        en: `**${key}** is now a CoDiLe and can publish slots.`,
      }),
      already: ctx.t({ de: `**${key}** ist bereits CoDiLe.`, en: `**${key}** is already a CoDiLe.` }),
      invalid: ctx.t({
        de: `„${key}“ ist keine gültige Kennung. Bitte im Format kanal:id angeben, z. B. slack:U0123ABCD oder local:anna.`,
        en: `“${key}” is not a valid id. Please use channel:id, e.g. slack:U0123ABCD or local:anna.`,
      }),
    }[r];
    return coachMenu(ctx, text);
  }

  async function revoke(ctx: TurnContext, key: string | undefined): Promise<Reply[]> {
    const k = (key ?? '').trim();
    const r = USER_KEY.test(k) ? await roles.revoke(k) : 'unknown';
    const text = {
      revoked: ctx.t({
        de: `**${k}** ist nicht mehr CoDiLe. Bereits veröffentlichte Termine bleiben bestehen.`,
        en: `**${k}** is no longer a CoDiLe. Slots already published remain.`,
      }),
      configured: ctx.t({
        de: `**${k}** ist in der Konfiguration (COACHES) eingetragen; das kann nur der Betrieb dort ändern.`,
        en: `**${k}** is configured in COACHES; only the operators can change that.`,
      }),
      unknown: ctx.t({
        de: `„${k}“ ist nicht per Chat freigeschaltet.`,
        en: `“${k}” was not added in chat.`,
      }),
    }[r];
    return coachMenu(ctx, text);
  }

  function coachOnly(ctx: TurnContext): Reply[] {
    return [
      {
        text: ctx.t({
          de: 'Das können nur Coaches für digitales Lernen (CoDiLe). Sie können aber gern einen Termin in der Sprechstunde oder im E-Coaching buchen.',
          en: 'Only coaches for digital learning (CoDiLe) can do that. You are welcome to book a consultation hour or e-coaching slot, though.',
        }),
        actions: [freeButton(ctx), mineButton(ctx), menuButton(ctx)],
      },
    ];
  }

  async function start(ctx: TurnContext, value?: string): Promise<Reply[]> {
    const canvasId = value?.startsWith('canvas:') ? value.slice('canvas:'.length) : undefined;
    reset(ctx, canvasId ? { canvasId } : {});
    if (!canvasId && (await roles.isCoach(ctx.user.key))) return coachMenu(ctx);
    return freeSlots(ctx);
  }

  return {
    name: 'booking',
    command: COMMAND,
    cue(text) {
      if (MINE.test(text.trim()) || MY_NEXT.test(text)) return 1;
      if (BOOKING_NOUN.test(text) && BOOKING_VERB.test(text)) return 0.8;
      if (BOOKING_NOUN.test(text) && WANT.test(text)) return 0.6;
      return 0;
    },
    async onText(ctx, text, reason) {
      const t = text.trim();
      if (reason === 'active') {
        return flow(ctx).step === 'topic' && flow(ctx).slotId ? topicTyped(ctx, t) : null;
      }
      const grantCmd = t.match(/^codile (freischalten|entziehen)(?: (\S+))?$/i);
      if (grantCmd) {
        if (!(await roles.isCoach(ctx.user.key))) return coachOnly(ctx);
        if (grantCmd[1]!.toLowerCase() === 'entziehen')
          return grantCmd[2] ? revoke(ctx, grantCmd[2]) : grant(ctx, { id: 'booking.grant' });
        return grant(ctx, { id: 'booking.grant' }, grantCmd[2]);
      }
      if (
        MINE.test(t) ||
        MY_NEXT.test(t) ||
        (reason === 'cue' && /\b(absagen|stornier\w*|verschieb\w*|cancel|reschedule)\b/i.test(t))
      ) {
        return mine(ctx);
      }
      if (COACH_WORDS.test(t)) {
        if (!(await roles.isCoach(ctx.user.key))) return coachOnly(ctx);
        return /kalender/i.test(t) ? feed(ctx) : coachMenu(ctx);
      }
      return start(ctx);
    },
    async onAction(ctx, action) {
      const verb = action.id.slice('booking.'.length);
      if (COACH_ONLY.has(verb) && !(await roles.isCoach(ctx.user.key))) return coachOnly(ctx);
      switch (verb) {
        case 'start':
          return start(ctx, action.value);
        case 'free':
          return freeSlots(ctx, undefined, action.value);
        case 'pick':
          return pick(ctx, action.value);
        case 'confirm':
          return confirm(ctx, action);
        case 'abort':
          return abort(ctx);
        case 'mine':
          return mine(ctx);
        case 'manage':
          return manage(ctx, action.value);
        case 'ics': {
          const id = toId(action.value);
          const b = id ? await store.bookingOf(ctx.user.key, id) : undefined;
          if (b?.status !== 'confirmed') return notFound(ctx);
          return [
            {
              text: ctx.t({
                de: 'Hier ist Ihre Kalendereinladung.',
                en: 'Here is your calendar invitation.',
              }),
              files: [await invitation(ctx, b, 'REQUEST')],
              actions: [mineButton(ctx)],
            },
          ];
        }
        case 'cancel':
          return askCancel(ctx, action.value);
        case 'cancelYes':
          return cancel(ctx, action.value);
        case 'keep':
          return keep(ctx, action.value);
        case 'reschedule':
          return askReschedule(ctx, action.value);
        case 'moveTo':
          return moveTo(ctx, action.value);
        case 'coachMenu':
          return coachMenu(ctx);
        case 'publish':
          return publish(ctx, action);
        case 'coachBookings':
          return coachBookings(ctx);
        case 'canvas':
          return showCanvas(ctx, action.value);
        case 'slotCancel':
          return askSlotCancel(ctx, action.value);
        case 'slotCancelYes':
          return slotCancel(ctx, action.value);
        case 'slotKeep': {
          const [list, ...rest] = await coachBookings(ctx);
          const kept = ctx.t({
            de: 'Alles klar, der Termin bleibt bestehen.',
            en: 'All right, the slot stays.',
          });
          return [{ ...list!, text: `${kept}\n\n${list!.text}` }, ...rest];
        }
        case 'feed':
          return feed(ctx);
        case 'grant':
          return grant(ctx, action);
        case 'revoke':
          return revoke(ctx, action.value);
        default:
          return start(ctx);
      }
    },
  };

  async function slotById(raw: string | undefined): Promise<Slot | undefined> {
    const id = toId(raw);
    return id ? store.slot(id) : undefined;
  }

  function whyNot(ctx: TurnContext, slot: Slot): 'own' | 'cancelled' | 'past' | 'full' {
    if (slot.coachKey === ctx.user.key) return 'own';
    if (slot.cancelledAt) return 'cancelled';
    if (slot.startsAt <= now()) return 'past';
    return 'full';
  }
}

/** True when the slots in the way are exactly the ones submitted: same times, kind and title, nothing else. */
function samePublished(conflicts: Slot[], draft: { kind: Slot['kind']; title: string }, times: Occurrence[]) {
  if (conflicts.length !== times.length) return false;
  return times.every((t) =>
    conflicts.some(
      (s) =>
        s.startsAt.getTime() === t.startsAt.getTime() &&
        s.endsAt.getTime() === t.endsAt.getTime() &&
        s.kind === draft.kind &&
        s.title === draft.title,
    ),
  );
}

function toId(raw: string | undefined): number | undefined {
  if (!raw || !/^\d{1,15}$/.test(raw.trim())) return undefined;
  return Number(raw.trim());
}
