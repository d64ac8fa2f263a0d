import { DateTime } from 'luxon';
import type { TurnContext } from '../../core/context.ts';
import type { Reply } from '../../core/reply.ts';
import { STEP_COUNT } from '../definition.ts';
import type { Canvas } from '../store.ts';
import { listReply, stepPrompt, summary } from '../views.ts';
import { activate, current, type FlowDeps, notFound, owned, slot, zone } from './common.ts';

// Starting a canvas, resuming one, opening one from the list, and the list itself.

// --- starting, resuming, listing ---

export async function start(d: FlowDeps, ctx: TurnContext, forceNew: boolean): Promise<Reply[]> {
  const existing = forceNew ? undefined : await d.store.latestInProgress(ctx.user.key);
  if (existing) {
    return [
      {
        text: ctx.t({
          de: `Sie haben eine angefangene Canvas: „${existing.title}“ (Schritt ${Math.min(existing.step, STEP_COUNT)} von ${STEP_COUNT}). Möchten Sie dort weitermachen oder eine neue beginnen?`,
          en: `You have a canvas in progress: “${existing.title}” (step ${Math.min(existing.step, STEP_COUNT)} of ${STEP_COUNT}). Continue there or start a new one?`,
        }),
        actions: [
          {
            id: 'canvas.resume',
            value: existing.id,
            label: ctx.t({ de: 'Weitermachen', en: 'Continue' }),
            style: 'primary',
          },
          { id: 'canvas.startNew', label: ctx.t({ de: 'Neue Canvas', en: 'New canvas' }) },
          { id: 'canvas.list', label: ctx.t({ de: 'Alle meine Canvases', en: 'All my canvases' }) },
        ],
      },
    ];
  }
  const today = DateTime.now().setZone(zone(ctx));
  const title = ctx.t({
    de: `Canvas vom ${today.toFormat('dd.MM.yyyy')}`,
    en: `Canvas of ${today.toFormat('d LLL yyyy', { locale: 'en' })}`,
  });
  const c = await d.store.create(ctx.user.key, title);
  activate(ctx, c);
  const intro = ctx.t({
    de: 'Schön, dass Sie eine **Digital Learning Canvas** ausfüllen! Wir gehen die zehn Felder Schritt für Schritt durch. Ihre Antworten werden nach jedem Schritt gespeichert; Sie können jederzeit pausieren und mit „weiter“ fortsetzen.',
    en: 'Great that you are filling in a **Digital Learning Canvas**! We go through the ten fields step by step. Your answers are saved after every step; pause any time and continue with “continue”.',
  });
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
        text: ctx.t({
          de: 'Sie haben keine angefangene Canvas. Möchten Sie eine neue beginnen?',
          en: 'You have no canvas in progress. Would you like to start one?',
        }),
        actions: [
          {
            id: 'canvas.startNew',
            label: ctx.t({ de: 'Canvas beginnen', en: 'Start a canvas' }),
            style: 'primary',
          },
          { id: 'canvas.list', label: ctx.t({ de: 'Meine Canvases', en: 'My canvases' }) },
        ],
      },
    ];
  }
  if (c.archived) c = await d.store.update(c, { archived: false });
  activate(ctx, c);
  if (c.step > STEP_COUNT) return summary(ctx, c, 'owner');
  return stepPrompt(
    ctx,
    c,
    ctx.t({ de: `Weiter geht’s mit „${c.title}“.`, en: `Let’s continue with “${c.title}”.` }),
  );
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
