import { targetedId } from '../../core/actions.ts';
import { expectConfirmation } from '../../core/confirm.ts';
import type { TurnContext } from '../../core/context.ts';
import type { Reply } from '../../core/reply.ts';
import { canvasText } from '../messages/index.ts';
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
        text: canvasText(ctx, 'manage.remindersAreOff'),
        actions: [summaryAction(ctx, c)],
      },
    ];
  }
  const planned = await planReminders(ctx.services.db, next, zone(ctx));
  const days = REMINDER_DAYS_BEFORE.filter((d) => d > 0).join(', ');
  return [
    {
      text: planned
        ? canvasText(ctx, 'manage.iWillRemindYou', { milestones: next.milestones.length, days, planned })
        : canvasText(ctx, 'manage.allMilestonesAreToo'),
      actions: [
        {
          id: 'canvas.remindersOff',
          value: c.id,
          label: canvasText(ctx, 'manage.turnRemindersOff'),
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
      text: canvasText(ctx, 'manage.whatWouldYouLike', { title: c.title }),
      actions: [
        { id: 'canvas.rename', value: c.id, label: canvasText(ctx, 'manage.rename') },
        c.archived
          ? {
              id: 'canvas.unarchive',
              value: c.id,
              label: canvasText(ctx, 'manage.unarchive'),
            }
          : { id: 'canvas.archive', value: c.id, label: canvasText(ctx, 'manage.archive') },
        {
          id: 'canvas.delete',
          value: c.id,
          label: canvasText(ctx, 'manage.delete'),
          style: 'danger',
        },
        { id: 'canvas.list', label: canvasText(ctx, 'manage.backToTheList') },
      ],
    },
  ];
}

export function renameForm(ctx: TurnContext, c: Canvas, error?: string): Reply {
  return {
    text: canvasText(ctx, 'manage.newNameFor', { title: c.title }),
    form: {
      id: targetedId('canvas', 'renameTo', c.id),
      fields: [
        {
          id: 'title',
          label: canvasText(ctx, 'manage.name'),
          type: 'text',
          required: true,
          maxLength: 200,
          value: c.title,
        },
      ],
      submitLabel: canvasText(ctx, 'manage.rename'),
      errors: error ? { title: error } : undefined,
    },
  };
}

/** The rename form, sent. */
export async function renameTo(d: FlowDeps, ctx: TurnContext, c: Canvas, raw: string): Promise<Reply[]> {
  const title = raw.trim();
  if (!title || title.length > 200) {
    return [renameForm(ctx, c, canvasText(ctx, 'manage.pleaseANameOf'))];
  }
  const next = await d.store.update(c, { title }, { title });
  return [
    {
      text: canvasText(ctx, 'manage.renamedTo', { title: next.title }),
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
        ? canvasText(ctx, 'manage.isArchivedItIs', { title: next.title })
        : canvasText(ctx, 'manage.isActiveAgain', { title: next.title }),
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
      text: canvasText(ctx, 'manage.doYouReallyWant', { title: c.title }),
      actions: [
        {
          ...yes,
          label: canvasText(ctx, 'manage.yesDeleteForGood'),
          style: 'danger',
        },
        { ...no, label: canvasText(ctx, 'manage.noKeepIt') },
      ],
    },
  ];
}

/** "Nein" to the delete question: say that nothing was lost, then the list as before. */
export async function keepCanvas(d: FlowDeps, ctx: TurnContext, c: Canvas): Promise<Reply[]> {
  const [first, ...rest] = await list(d, ctx);
  const kept = canvasText(ctx, 'manage.fineIsKept', { title: c.title });
  return [{ ...first!, text: `${kept}\n\n${first!.text}` }, ...rest];
}

export async function confirmDelete(d: FlowDeps, ctx: TurnContext, c: Canvas): Promise<Reply[]> {
  await d.store.remove(c.id);
  forget(ctx, c);
  return [
    {
      text: canvasText(ctx, 'manage.isDeleted', { title: c.title }),
      actions: [listAction(ctx)],
    },
  ];
}
