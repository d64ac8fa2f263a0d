import type { KnowledgeSearch, TurnContext } from '../../core/context.ts';
import type { Reply, ReplyAction } from '../../core/reply.ts';
import { knownTimeZone } from '../../core/time-zone.ts';
import { MAX_FIELD_LENGTH, STEP_COUNT } from '../definition.ts';
import { canvasText } from '../messages/index.ts';
import type { PendingShare, ShareFlow } from '../share.ts';
import { type Canvas, CanvasConflict, type CanvasStore } from '../store.ts';
import { stepPrompt, summary } from '../views.ts';

/** What every canvas flow needs, handed in explicitly instead of closed over. */
export interface FlowDeps {
  store: CanvasStore;
  sharing: ShareFlow;
  /** The knowledge base, when installed: passages for the step help. */
  knowledge?: KnowledgeSearch;
}

export const NAME = 'canvas';

/** What a button that moves through the flow carries: its canvas and the revision it was shown at. */
export interface CanvasRef {
  canvas?: string;
  rev?: number;
}

/**
 * What the roadmap step is waiting for, valid only while the canvas stays at this revision: a milestone
 * being edited or read from text (a date typed next completes or changes it; "Übernehmen" saves a
 * proposal), or the answer to "Roadmap ohne Meilensteine überspringen?".
 */
export type Pending =
  | {
      kind: 'milestone';
      canvas: string;
      rev: number;
      /** The milestone being changed; none for a new one. */
      id?: string;
      what: string;
      /** ISO date; none while the date is still missing. */
      due?: string;
      who: string;
      /** Shown back with "Übernehmen" / "Ändern". */
      proposed: boolean;
    }
  | { kind: 'skip'; canvas: string; rev: number };

export interface CanvasState {
  id?: string;
  share?: PendingShare;
  pending?: Pending;
}

/** The user's time zone as the channel reports it, if valid; else DEFAULT_TIMEZONE (Europe/Berlin). */
export const zone = (ctx: TurnContext) =>
  knownTimeZone(ctx.user.timeZone, ctx.services.config.DEFAULT_TIMEZONE);

export const slot = (ctx: TurnContext): CanvasState => {
  if (!ctx.state.data[NAME]) ctx.state.data[NAME] = {};
  return ctx.state.data[NAME] as CanvasState;
};
export const activate = (ctx: TurnContext, c: Canvas) => {
  slot(ctx).id = c.id;
  ctx.state.active = c.step <= STEP_COUNT ? NAME : undefined;
};
export const leave = (ctx: TurnContext) => {
  if (ctx.state.active === NAME) ctx.state.active = undefined;
};

export const saved = (ctx: TurnContext) => canvasText(ctx, 'common.saved');

/** The canvas the user is working on: the one in state, else their latest unfinished one. */
export async function current(d: FlowDeps, ctx: TurnContext): Promise<Canvas | undefined> {
  const id = slot(ctx).id;
  if (id) {
    const opened = await d.store.open(id, ctx.user.key);
    if (opened?.access === 'owner' && !opened.canvas.archived) return opened.canvas;
  }
  return d.store.latestInProgress(ctx.user.key);
}

export async function owned(
  d: FlowDeps,
  ctx: TurnContext,
  id: string | undefined,
): Promise<Canvas | Reply[]> {
  const opened = id ? await d.store.open(id, ctx.user.key) : undefined;
  if (!opened) return notFound(ctx);
  if (opened.access !== 'owner') {
    return [
      {
        text: canvasText(ctx, 'common.thisCanvasWasShared'),
        actions: [{ id: 'canvas.open', value: opened.canvas.id, label: canvasText(ctx, 'common.view') }],
      },
    ];
  }
  return opened.canvas;
}

/** Checks a button's canvas and revision against the canvas; a stale one shows where the user actually is. */
export async function fresh(d: FlowDeps, ctx: TurnContext, ref: CanvasRef): Promise<Canvas | Reply[]> {
  const r = await owned(d, ctx, ref.canvas);
  if (Array.isArray(r)) return r;
  if (r.rev !== ref.rev) {
    activate(ctx, r);
    const where = r.step > STEP_COUNT ? summary(ctx, r, 'owner') : stepPrompt(ctx, r);
    where[0]!.text = `${canvasText(ctx, 'common.thatButtonIsFrom')}\n\n${where[0]!.text}`;
    return where;
  }
  return r;
}

/** A change that lost a race with another instance: say so and show the canvas as it is now. */
export async function guarded<T extends Reply[] | null>(
  d: FlowDeps,
  ctx: TurnContext,
  fn: () => Promise<T>,
): Promise<T | Reply[]> {
  try {
    return await fn();
  } catch (err) {
    if (!(err instanceof CanvasConflict)) throw err;
    const c = await d.store.load(err.canvasId);
    const note = canvasText(ctx, 'common.thisCanvasWasJust');
    if (!c) return notFound(ctx);
    activate(ctx, c);
    return c.step > STEP_COUNT ? summary(ctx, c, 'owner', note) : stepPrompt(ctx, c, note);
  }
}

export const summaryAction = (ctx: TurnContext, c: Canvas): ReplyAction => ({
  id: 'canvas.summary',
  value: c.id,
  label: canvasText(ctx, 'common.toTheSummary'),
});

export const listAction = (ctx: TurnContext): ReplyAction => ({
  id: 'canvas.list',
  label: canvasText(ctx, 'common.myCanvases'),
});

export function notFound(ctx: TurnContext): Reply[] {
  return [
    {
      text: canvasText(ctx, 'common.thisCanvasDoesNot'),
      actions: [listAction(ctx)],
    },
  ];
}

export function noCanvas(ctx: TurnContext): Reply[] {
  return [
    {
      text: canvasText(ctx, 'common.youHaveNoCanvas'),
      actions: [
        {
          id: 'canvas.startNew',
          label: canvasText(ctx, 'common.startACanvas'),
          style: 'primary',
        },
      ],
    },
  ];
}

/** Where to cut an over-long answer: the last sentence end (or space) before the limit. */
export function cutPoint(text: string): number {
  const head = text.slice(0, MAX_FIELD_LENGTH);
  const sentence = Math.max(head.lastIndexOf('. '), head.lastIndexOf('! '), head.lastIndexOf('? '));
  if (sentence > MAX_FIELD_LENGTH * 0.7) return sentence + 1;
  const space = head.lastIndexOf(' ');
  return space > MAX_FIELD_LENGTH * 0.7 ? space : MAX_FIELD_LENGTH;
}
