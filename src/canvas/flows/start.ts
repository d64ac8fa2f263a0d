import { DateTime } from 'luxon';
import type { TurnContext } from '../../core/context.ts';
import type { Reply } from '../../core/reply.ts';
import { STEP_COUNT } from '../definition.ts';
import { listReply } from '../list-view.ts';
import { canvasText } from '../messages/index.ts';
import type { Canvas } from '../store.ts';
import { stepPrompt, summary } from '../views.ts';
import { activate, current, type FlowDeps, notFound, owned, slot, zone } from './common.ts';

// Starting a canvas, resuming one, opening one from the list, and the list itself.

// --- starting, resuming, listing ---

export async function start(d: FlowDeps, ctx: TurnContext, forceNew: boolean): Promise<Reply[]> {
  const existing = forceNew ? undefined : await d.store.latestInProgress(ctx.user.key);
  if (existing) {
    return [
      {
        text: canvasText(ctx, 'start.youHaveACanvas', {
          title: existing.title,
          step: Math.min(existing.step, STEP_COUNT),
          count: STEP_COUNT,
        }),
        actions: [
          {
            id: 'canvas.resume',
            value: existing.id,
            label: canvasText(ctx, 'start.continue'),
            style: 'primary',
          },
          { id: 'canvas.startNew', label: canvasText(ctx, 'start.newCanvas') },
          { id: 'canvas.list', label: canvasText(ctx, 'start.allMyCanvases') },
        ],
      },
    ];
  }
  const today = DateTime.now().setZone(zone(ctx));
  const date =
    ctx.locale === 'en' ? today.toFormat('d LLL yyyy', { locale: 'en' }) : today.toFormat('dd.MM.yyyy');
  const title = canvasText(ctx, 'start.canvasOf', { date });
  const c = await d.store.create(ctx.user.key, title);
  activate(ctx, c);
  const intro = canvasText(ctx, 'start.greatThatYouAre');
  return stepPrompt(ctx, c, intro);
}

export async function resume(d: FlowDeps, ctx: TurnContext, id?: string): Promise<Reply[]> {
  delete slot(ctx).pending;
  let c: Canvas | undefined;
  if (id) {
    const r = await owned(d, ctx, id);
    if (Array.isArray(r)) return r;
    c = r;
  } else {
    c = await current(d, ctx);
    if (c && c.status === 'done' && c.step > STEP_COUNT && !c.archived) {
      // The remembered canvas is finished; an unfinished one is more likely meant.
      c = (await d.store.latestInProgress(ctx.user.key)) ?? c;
    }
  }
  if (!c) {
    return [
      {
        text: canvasText(ctx, 'start.youHaveNoCanvas'),
        actions: [
          {
            id: 'canvas.startNew',
            label: canvasText(ctx, 'common.startACanvas'),
            style: 'primary',
          },
          { id: 'canvas.list', label: canvasText(ctx, 'common.myCanvases') },
        ],
      },
    ];
  }
  if (c.archived) c = await d.store.update(c, { archived: false });
  activate(ctx, c);
  if (c.step > STEP_COUNT) return summary(ctx, c, 'owner');
  return stepPrompt(ctx, c, canvasText(ctx, 'start.letSContinueWith', { title: c.title }));
}

export async function openCanvas(d: FlowDeps, ctx: TurnContext, id: string | undefined): Promise<Reply[]> {
  const opened = id ? await d.store.open(id, ctx.user.key) : undefined;
  if (!opened) return notFound(ctx);
  if (opened.access === 'shared') return summary(ctx, opened.canvas, 'shared');
  return resume(d, ctx, opened.canvas.id);
}

export async function list(d: FlowDeps, ctx: TurnContext): Promise<Reply[]> {
  return listReply(ctx, await d.store.listFor(ctx.user.key));
}

export async function lastOwned(d: FlowDeps, ctx: TurnContext): Promise<Canvas | undefined> {
  const first = (await d.store.listOwned(ctx.user.key))[0];
  return first && d.store.load(first.id);
}

/** "Zur Zusammenfassung": the owner's or a shared reader's summary. */
export async function showSummary(d: FlowDeps, ctx: TurnContext, id: string | undefined): Promise<Reply[]> {
  const opened = id ? await d.store.open(id, ctx.user.key) : undefined;
  return opened ? summary(ctx, opened.canvas, opened.access) : notFound(ctx);
}
