// The CoDiLe side: coach menu, own slots and their bookings, attached canvases, slot cancelling, calendar feed, roles.
import { expectConfirmation } from '../../core/confirm.ts';
import type { TurnContext } from '../../core/context.ts';
import type { Reply, ReplyAction } from '../../core/reply.ts';
import { USER_KEY } from '../../core/roles.ts';
import { bookingText } from '../messages/index.ts';
import { slotDetails, slotOption } from '../present.ts';
import { longWhen } from '../time.ts';
import { type FlowDeps, freeButton, menuButton, mineButton, notifier, slotById, viewer } from './common.ts';

export function coachMenu(ctx: TurnContext, intro?: string): Reply[] {
  return [
    {
      text: intro ?? bookingText(ctx, 'coach.menu'),
      actions: [
        {
          id: 'booking.publish',
          label: bookingText(ctx, 'coach.publishASlot'),
          style: 'primary',
        },
        { id: 'booking.coachBookings', label: bookingText(ctx, 'coach.mySessions') },
        { id: 'booking.calendarFeed', label: bookingText(ctx, 'coach.calendarFeed') },
        { id: 'booking.grant', label: bookingText(ctx, 'coach.addACodile') },
        // Questions the bot could not answer wait here for a coach (see the knowledge hand-off).
        { id: 'knowledge.open', label: bookingText(ctx, 'coach.openQuestions') },
        // Unanswered and 👎 questions that resemble an entry: a coach teaches the wording (knowledge/learning).
        { id: 'knowledge.suggestions', label: bookingText(ctx, 'coach.suggestions') },
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
    return coachMenu(ctx, bookingText(ctx, 'coach.noSlots'));
  }
  const lines: string[] = [];
  const canvasButtons: ReplyAction[] = [];
  for (const { slot, bookings } of items) {
    lines.push(
      `**${longWhen(slot.startsAt, slot.endsAt, v.zone, ctx.locale)}** · ${slot.title} (${slot.booked}/${slot.seats})`,
    );
    if (!bookings.length) lines.push(bookingText(ctx, 'coach.noBookingsYet'));
    for (const b of bookings) {
      const topic = b.topic ? ` – ${bookingText(ctx, 'coach.topic')}: ${b.topic}` : '';
      const canvas = b.canvasTitle ? ` – Canvas: ${b.canvasTitle}` : '';
      lines.push(`- ${b.userName ?? b.userKey}${topic}${canvas}`);
      if (b.canvasId && d.canvases && canvasButtons.length < 5) {
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
      text: `${bookingText(ctx, 'coach.slots.title')}\n\n${lines.join('\n').trim()}`,
      choice: {
        id: 'booking.slotCancel',
        label: bookingText(ctx, 'coach.cancelASlot'),
        options: items.map(({ slot }) => slotOption(slot, v)),
      },
      actions: [...canvasButtons, { id: 'booking.coachMenu', label: bookingText(ctx, 'coach.coachMenu') }],
    },
  ];
}

export async function showCanvas(d: FlowDeps, ctx: TurnContext, id: number | undefined): Promise<Reply[]> {
  const b = id ? await ctx.services.db.tx((c) => d.store.bookingFor(c, id)) : undefined;
  // A coach sees canvases attached to their own slots only.
  const md =
    b && b.slot.coachKey === ctx.user.key && b.canvasId
      ? await d.canvases?.markdown(b.canvasId, ctx.user.key)
      : undefined;
  return [
    {
      text: md ?? bookingText(ctx, 'coach.canvasMissing'),
      actions: [{ id: 'booking.coachBookings', label: bookingText(ctx, 'coach.back') }],
    },
  ];
}

export async function askSlotCancel(d: FlowDeps, ctx: TurnContext, id: number | undefined): Promise<Reply[]> {
  const slot = await slotById(d, id);
  if (!slot || slot.coachKey !== ctx.user.key || slot.cancelledAt) {
    return coachMenu(ctx, bookingText(ctx, 'coach.slotNotFound'));
  }
  expectConfirmation(
    ctx,
    { id: 'booking.slotCancelYes', value: String(slot.id) },
    { id: 'booking.keepSlot' },
  );
  return [
    {
      text: `${bookingText(ctx, 'coach.askSlotCancel', { booked: slot.booked })}\n${slotDetails(slot, viewer(ctx))}`,
      actions: [
        {
          id: 'booking.slotCancelYes',
          value: String(slot.id),
          label: bookingText(ctx, 'coach.yesCancelSlot'),
          style: 'danger',
        },
        { id: 'booking.keepSlot', label: bookingText(ctx, 'coach.noGoBack') },
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
    return coachMenu(ctx, bookingText(ctx, 'coach.openSlotNotFound'));
  }
  const n = result.bookings.length;
  return coachMenu(ctx, bookingText(ctx, 'coach.slotCancelled', { n }));
}

export async function calendarFeed(d: FlowDeps, ctx: TurnContext): Promise<Reply[]> {
  const token = await d.store.feedToken(ctx.user.key);
  const url = `${ctx.services.config.publicUrl}/ical/${token}.ics`;
  return coachMenu(ctx, bookingText(ctx, 'coach.feed', { url }));
}

/** Without `user` asks whom to add (and offers to revoke); with it adds that user id as a CoDiLe. */
export async function grant(d: FlowDeps, ctx: TurnContext, user?: string): Promise<Reply[]> {
  const key = (user ?? '').trim();
  if (!key) {
    const granted = await d.roles.granted();
    return [
      {
        text: bookingText(ctx, 'coach.grant.ask'),
        form: {
          id: 'booking.grant',
          fields: [
            {
              id: 'user',
              label: bookingText(ctx, 'coach.userId'),
              type: 'text',
              required: true,
              maxLength: 120,
            },
          ],
          submitLabel: bookingText(ctx, 'coach.add'),
        },
        choice: granted.length
          ? {
              id: 'booking.revoke',
              label: bookingText(ctx, 'coach.revoke'),
              options: granted.map((g) => ({ value: g.userKey, label: g.userKey })),
            }
          : undefined,
        actions: [{ id: 'booking.coachMenu', label: bookingText(ctx, 'coach.back') }],
      },
    ];
  }
  const r = await d.roles.grant(ctx.user.key, key);
  const text = {
    granted: bookingText(ctx, 'coach.grant.granted', { key }),
    already: bookingText(ctx, 'coach.grant.already', { key }),
    invalid: bookingText(ctx, 'coach.grant.invalid', { key }),
  }[r];
  return coachMenu(ctx, text);
}

export async function revoke(d: FlowDeps, ctx: TurnContext, key: string | undefined): Promise<Reply[]> {
  const k = (key ?? '').trim();
  const r = USER_KEY.test(k) ? await d.roles.revoke(k) : 'unknown';
  const text = {
    revoked: bookingText(ctx, 'coach.revoke.revoked', { k }),
    configured: bookingText(ctx, 'coach.revoke.configured', { k }),
    unknown: bookingText(ctx, 'coach.revoke.unknown', { k }),
  }[r];
  return coachMenu(ctx, text);
}

export function coachOnly(ctx: TurnContext): Reply[] {
  return [
    {
      text: bookingText(ctx, 'coach.only'),
      actions: [freeButton(ctx), mineButton(ctx), menuButton(ctx)],
    },
  ];
}

/** "Nein" to "Termin absagen?": the slot stays, and the coach sees their list again. */
export async function keepSlot(d: FlowDeps, ctx: TurnContext): Promise<Reply[]> {
  const [list, ...rest] = await coachBookings(d, ctx);
  const kept = bookingText(ctx, 'coach.slotKept');
  return [{ ...list!, text: `${kept}\n\n${list!.text}` }, ...rest];
}
