import { targetedId } from '../../core/actions.ts';
import { expectConfirmation } from '../../core/confirm.ts';
import type { TurnContext } from '../../core/context.ts';
import type { Reply } from '../../core/reply.ts';
import { cancelReminders, planReminders, REMINDER_DAYS_BEFORE } from '../reminders.ts';
import type { Canvas } from '../store.ts';
import { type FlowDeps, leave, listAction, slot, summaryAction, zone } from './common.ts';
import { list } from './start.ts';

// Reminders of milestones, and renaming, archiving and deleting a canvas.

export async function reminders(d: FlowDeps, ctx: TurnContext, c: Canvas, on: boolean): Promise<Reply[]> {
  const next = await d.store.update(c, { remindersOn: on });
  if (!on) {
    await cancelReminders(ctx.services.db, c.id);
    return [
      {
        text: ctx.t({ de: 'Erinnerungen sind ausgeschaltet.', en: 'Reminders are off.' }),
        actions: [summaryAction(ctx, c)],
      },
    ];
  }
  const planned = await planReminders(ctx.services.db, next, zone(ctx));
  const days = REMINDER_DAYS_BEFORE.filter((d) => d > 0).join(', ');
  return [
    {
      text: planned
        ? ctx.t({
            de: `Ich erinnere Sie an Ihre ${next.milestones.length} Meilensteine: ${days} Tage vorher und am Tag selbst, jeweils um 9 Uhr (${planned} Erinnerungen geplant). Ändern Sie einen Meilenstein, passe ich die Erinnerungen an.`,
            en: `I will remind you of your ${next.milestones.length} milestones: ${days} days before and on the day, at 9 am (${planned} reminders planned). If you change a milestone, I adjust them.`,
          })
        : ctx.t({
            de: 'Alle Meilensteine liegen zu nah oder in der Vergangenheit – es gibt nichts mehr zu erinnern.',
            en: 'All milestones are too close or past – nothing left to remind of.',
          }),
      actions: [
        {
          id: 'canvas.remindersOff',
          value: c.id,
          label: ctx.t({ de: 'Erinnerungen ausschalten', en: 'Turn reminders off' }),
        },
        summaryAction(ctx, c),
      ],
    },
  ];
}

// --- managing canvases ---

export function manage(ctx: TurnContext, c: Canvas): Reply[] {
  return [
    {
      text: ctx.t({
        de: `Was möchten Sie mit „${c.title}“ tun?`,
        en: `What would you like to do with “${c.title}”?`,
      }),
      actions: [
        { id: 'canvas.rename', value: c.id, label: ctx.t({ de: 'Umbenennen', en: 'Rename' }) },
        c.archived
          ? {
              id: 'canvas.unarchive',
              value: c.id,
              label: ctx.t({ de: 'Aus dem Archiv holen', en: 'Unarchive' }),
            }
          : { id: 'canvas.archive', value: c.id, label: ctx.t({ de: 'Archivieren', en: 'Archive' }) },
        {
          id: 'canvas.delete',
          value: c.id,
          label: ctx.t({ de: 'Löschen', en: 'Delete' }),
          style: 'danger',
        },
        { id: 'canvas.list', label: ctx.t({ de: 'Zurück zur Liste', en: 'Back to the list' }) },
      ],
    },
  ];
}

export function renameForm(ctx: TurnContext, c: Canvas, error?: string): Reply {
  return {
    text: ctx.t({ de: `Neuer Name für „${c.title}“:`, en: `New name for “${c.title}”:` }),
    form: {
      id: targetedId('canvas', 'renameTo', c.id),
      fields: [
        {
          id: 'title',
          label: ctx.t({ de: 'Name', en: 'Name' }),
          type: 'text',
          required: true,
          maxLength: 200,
          value: c.title,
        },
      ],
      submitLabel: ctx.t({ de: 'Umbenennen', en: 'Rename' }),
      errors: error ? { title: error } : undefined,
    },
  };
}

/** The rename form, sent. */
export async function renameTo(d: FlowDeps, ctx: TurnContext, c: Canvas, raw: string): Promise<Reply[]> {
  const title = raw.trim();
  if (!title || title.length > 200) {
    return [
      renameForm(
        ctx,
        c,
        ctx.t({
          de: 'Bitte einen Namen mit 1 bis 200 Zeichen.',
          en: 'Please a name of 1 to 200 characters.',
        }),
      ),
    ];
  }
  const next = await d.store.update(c, { title }, { title });
  return [
    {
      text: ctx.t({ de: `Umbenannt in „${next.title}“.`, en: `Renamed to “${next.title}”.` }),
      actions: [summaryAction(ctx, next), listAction(ctx)],
    },
  ];
}

/** The canvas leaves the conversation when it is archived or deleted. */
function forget(ctx: TurnContext, c: Canvas): void {
  if (slot(ctx).id !== c.id) return;
  leave(ctx);
  delete slot(ctx).id;
}

export async function archive(d: FlowDeps, ctx: TurnContext, c: Canvas, archived: boolean): Promise<Reply[]> {
  const next = await d.store.update(c, { archived });
  if (archived) forget(ctx, c);
  return [
    {
      text: archived
        ? ctx.t({
            de: `„${next.title}“ ist archiviert. Sie finden sie weiter unter „meine canvases“.`,
            en: `“${next.title}” is archived. It is still listed under “my canvases”.`,
          })
        : ctx.t({
            de: `„${next.title}“ ist wieder aktiv.`,
            en: `“${next.title}” is active again.`,
          }),
      actions: [listAction(ctx)],
    },
  ];
}

/** "Löschen": asks first; a typed "ja" or "nein" answers like the buttons. */
export function askDelete(ctx: TurnContext, c: Canvas): Reply[] {
  const yes = { id: 'canvas.confirmDelete', value: c.id };
  const no = { id: 'canvas.keepCanvas', value: c.id };
  expectConfirmation(ctx, yes, no);
  return [
    {
      text: ctx.t({
        de: `Möchten Sie „${c.title}“ wirklich endgültig löschen? Alle Antworten und Meilensteine gehen verloren.`,
        en: `Do you really want to delete “${c.title}” for good? All answers and milestones will be lost.`,
      }),
      actions: [
        {
          ...yes,
          label: ctx.t({ de: 'Ja, endgültig löschen', en: 'Yes, delete for good' }),
          style: 'danger',
        },
        { ...no, label: ctx.t({ de: 'Nein, behalten', en: 'No, keep it' }) },
      ],
    },
  ];
}

/** "Nein" to the delete question: say that nothing was lost, then the list as before. */
export async function keepCanvas(d: FlowDeps, ctx: TurnContext, c: Canvas): Promise<Reply[]> {
  const [first, ...rest] = await list(d, ctx);
  const kept = ctx.t({ de: `Gut, „${c.title}“ bleibt erhalten.`, en: `Fine, “${c.title}” is kept.` });
  return [{ ...first!, text: `${kept}\n\n${first!.text}` }, ...rest];
}

export async function confirmDelete(d: FlowDeps, ctx: TurnContext, c: Canvas): Promise<Reply[]> {
  await d.store.remove(c.id);
  forget(ctx, c);
  return [
    {
      text: ctx.t({ de: `„${c.title}“ ist gelöscht.`, en: `“${c.title}” is deleted.` }),
      actions: [listAction(ctx)],
    },
  ];
}
