// Publishing slots (one or a series) from the coach's form.
import type { TurnContext } from '../../core/context.ts';
import type { Reply } from '../../core/reply.ts';
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
        text: ctx.t({
          de: `Tragen Sie den Termin ein (Zeiten in ${zone}). Für eine Serie wählen Sie eine Wiederholung, z. B. alle 2 Wochen für 12 Wochen.`,
          en: `Enter the slot (times in ${zone}). For a series pick a repetition, e.g. every 2 weeks for 12 weeks.`,
        }),
        form: publishForm(ctx.t, zone),
        actions: [{ id: 'booking.coachMenu', label: ctx.t({ de: 'Zurück', en: 'Back' }) }],
      },
    ];
  }
  const input = readPublishForm(fields, zone, d.now(), ctx.t);
  if (!input.ok) {
    return [
      {
        text: ctx.t({
          de: 'Bitte prüfen Sie die markierten Angaben – Ihre Eingaben sind noch da.',
          en: 'Please check the marked fields – what you entered is still there.',
        }),
        form: publishForm(ctx.t, zone, fields, input.errors),
        actions: [{ id: 'booking.coachMenu', label: ctx.t({ de: 'Zurück', en: 'Back' }) }],
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
        form: publishForm(ctx.t, zone, fields, {
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
