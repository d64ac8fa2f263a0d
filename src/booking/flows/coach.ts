// The CoDiLe side: coach menu, own slots and their bookings, attached canvases, slot cancelling, calendar feed, roles.
import { expectConfirmation } from '../../core/confirm.ts';
import type { TurnContext } from '../../core/context.ts';
import type { Reply, ReplyAction } from '../../core/reply.ts';
import { slotDetails, slotOption } from '../present.ts';
import { USER_KEY } from '../roles.ts';
import { longWhen } from '../time.ts';
import { type FlowDeps, freeButton, menuButton, mineButton, notifier, slotById, viewer } from './common.ts';

export function coachMenu(ctx: TurnContext, intro?: string): Reply[] {
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
        { id: 'booking.calendarFeed', label: ctx.t({ de: 'Kalender-Abo', en: 'Calendar feed' }) },
        { id: 'booking.grant', label: ctx.t({ de: 'CoDiLe freischalten', en: 'Add a CoDiLe' }) },
        // Questions the bot could not answer wait here for a coach (see the knowledge hand-off).
        { id: 'knowledge.open', label: ctx.t({ de: 'Offene Fragen', en: 'Open questions' }) },
        freeButton(ctx),
        menuButton(ctx),
      ],
    },
  ];
}

export async function coachBookings(d: FlowDeps, ctx: TurnContext): Promise<Reply[]> {
  const v = viewer(ctx);
  const items = await d.store.coachSlots(ctx.user.key, d.now());
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

export async function showCanvas(d: FlowDeps, ctx: TurnContext, id: number | undefined): Promise<Reply[]> {
  const b = id ? await ctx.services.db.tx((c) => d.store.bookingFor(c, id)) : undefined;
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

export async function askSlotCancel(d: FlowDeps, ctx: TurnContext, id: number | undefined): Promise<Reply[]> {
  const slot = await slotById(d, id);
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
    { id: 'booking.keepSlot' },
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
        { id: 'booking.keepSlot', label: ctx.t({ de: 'Nein, zurück', en: 'No, go back' }) },
      ],
    },
  ];
}

export async function slotCancel(d: FlowDeps, ctx: TurnContext, id: number | undefined): Promise<Reply[]> {
  const t = d.now();
  const alternatives = await d.store.freeSlots(t, { except: id ?? 0, limit: 6 });
  const result = id
    ? await d.store.cancelSlot(ctx.user.key, id, async (c, { bookings }) => {
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

export async function calendarFeed(d: FlowDeps, ctx: TurnContext): Promise<Reply[]> {
  const token = await d.store.feedToken(ctx.user.key);
  const url = `${ctx.services.config.publicUrl}/ical/${token}.ics`;
  return coachMenu(
    ctx,
    ctx.t({
      de: `**Ihr Kalender-Abo** mit allen Ihren Terminen und Buchungen:\n${url}\n\nIn Outlook: _Kalender hinzufügen → Aus dem Internet abonnieren_. In Google Kalender: _Weitere Kalender → Per URL_. Der Link ist geheim – bitte nicht weitergeben.`,
      en: `**Your calendar feed** with all your slots and bookings:\n${url}\n\nOutlook: _Add calendar → Subscribe from web_. Google Calendar: _Other calendars → From URL_. The link is secret – please do not share it.`,
    }),
  );
}

/** Without `user` asks whom to add (and offers to revoke); with it adds that user id as a CoDiLe. */
export async function grant(d: FlowDeps, ctx: TurnContext, user?: string): Promise<Reply[]> {
  const key = (user ?? '').trim();
  if (!key) {
    const granted = await d.roles.granted();
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
  const r = await d.roles.grant(ctx.user.key, key);
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

export async function revoke(d: FlowDeps, ctx: TurnContext, key: string | undefined): Promise<Reply[]> {
  const k = (key ?? '').trim();
  const r = USER_KEY.test(k) ? await d.roles.revoke(k) : 'unknown';
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

export function coachOnly(ctx: TurnContext): Reply[] {
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

/** "Nein" to "Termin absagen?": the slot stays, and the coach sees their list again. */
export async function keepSlot(d: FlowDeps, ctx: TurnContext): Promise<Reply[]> {
  const [list, ...rest] = await coachBookings(d, ctx);
  const kept = ctx.t({
    de: 'Alles klar, der Termin bleibt bestehen.',
    en: 'All right, the slot stays.',
  });
  return [{ ...list!, text: `${kept}\n\n${list!.text}` }, ...rest];
}
