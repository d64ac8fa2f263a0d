// Publishing slots (one or a series) from the coach's form.

import type { TurnContext } from '../../core/context.ts';
import type { Reply } from '../../core/reply.ts';
import { bookingText } from '../messages/index.ts';
import { slotsByDay } from '../present.ts';
import { publishForm, readPublishForm } from '../publish.ts';
import type { Slot } from '../store.ts';
import { longWhen, type Occurrence } from '../time.ts';
import { type FlowDeps, viewer } from './common.ts';

/** Without `fields` shows the form; with them validates and publishes. */
export async function publish(
  d: FlowDeps,
  ctx: TurnContext,
  fields: Record<string, string> | undefined,
): Promise<Reply[]> {
  const zone = viewer(ctx).zone;
  if (!fields) {
    return [
      {
        text: bookingText(ctx, 'publish.ask', { zone }),
        form: publishForm(ctx.t, zone),
        actions: [{ id: 'booking.coachMenu', label: bookingText(ctx, 'publish.back') }],
      },
    ];
  }
  const input = readPublishForm(fields, zone, d.now(), ctx.t);
  if (!input.ok) {
    return [
      {
        text: bookingText(ctx, 'publish.invalid'),
        form: publishForm(ctx.t, zone, fields, input.errors),
        actions: [{ id: 'booking.coachMenu', label: bookingText(ctx, 'publish.back') }],
      },
    ];
  }
  const result = await d.store.publish(
    {
      ...input.draft,
      coachKey: ctx.user.key,
      coachName: ctx.user.name ?? (await d.store.displayName(ctx.user.key)),
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
        text: `${bookingText(ctx, 'publish.alreadyPublished', { n })}\n\n${slotsByDay(result.conflicts, v)}`,
        actions: [
          {
            id: 'booking.coachBookings',
            label: bookingText(ctx, 'publish.mySessions'),
            style: 'primary',
          },
          { id: 'booking.publish', label: bookingText(ctx, 'publish.anotherSlot') },
          { id: 'booking.coachMenu', label: bookingText(ctx, 'publish.coachMenu') },
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
        text: `${bookingText(ctx, 'publish.overlap')}\n${list.join('\n')}`,
        form: publishForm(ctx.t, zone, fields, {
          start: bookingText(ctx, 'publish.overlap.field'),
        }),
        actions: [{ id: 'booking.coachMenu', label: bookingText(ctx, 'publish.back') }],
      },
    ];
  }
  const n = result.slots.length;
  return [
    {
      text: `${bookingText(ctx, 'publish.published', { n })}\n\n${slotsByDay(result.slots, v)}`,
      actions: [
        { id: 'booking.publish', label: bookingText(ctx, 'publish.anotherSlot') },
        { id: 'booking.coachBookings', label: bookingText(ctx, 'publish.mySessions') },
        { id: 'booking.coachMenu', label: bookingText(ctx, 'publish.coachMenu') },
      ],
    },
  ];
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
