import type { TurnContext } from '../core/context.ts';
import type { Reply, ReplyAction } from '../core/reply.ts';
import { STEP_COUNT } from './definition.ts';
import { canvasText } from './messages/index.ts';
import type { CanvasListing } from './store.ts';

/** "Meine Canvases": own and shared canvases to open, and the own ones to rename, archive or delete. */
export function listReply(ctx: TurnContext, items: CanvasListing[]): Reply[] {
  const newAction: ReplyAction = {
    id: 'canvas.startNew',
    label: canvasText(ctx, 'views.startANewCanvas'),
    style: 'primary',
  };
  if (!items.length) {
    return [
      {
        text: canvasText(ctx, 'common.youHaveNoCanvas'),
        actions: [newAction],
      },
    ];
  }
  const describe = (i: CanvasListing) => {
    const state =
      i.access === 'shared'
        ? canvasText(ctx, 'views.sharedByReadOnly', { owner: i.ownerName ?? i.ownerKey })
        : i.archived
          ? canvasText(ctx, 'views.archived')
          : i.status === 'done'
            ? canvasText(ctx, 'views.completed')
            : canvasText(ctx, 'views.list.stepOf', { step: i.step, count: STEP_COUNT });
    return `${i.title} (${state})`;
  };
  const owned = items.filter((i) => i.access === 'owner');
  const replies: Reply[] = [
    {
      text: `**${canvasText(ctx, 'views.yourCanvases')}**\n${items.map((i, n) => `${n + 1}. ${describe(i)}`).join('\n')}`,
      choice: {
        id: 'canvas.open',
        label: canvasText(ctx, 'views.list.open'),
        options: items.map((i) => ({ value: i.id, label: describe(i) })),
      },
      actions: [newAction],
    },
  ];
  if (owned.length) {
    replies.push({
      text: canvasText(ctx, 'views.renameArchiveOrDelete'),
      choice: {
        id: 'canvas.manage',
        label: canvasText(ctx, 'views.manageACanvas'),
        options: owned.map((i) => ({ value: i.id, label: describe(i) })),
      },
    });
  }
  return replies;
}
