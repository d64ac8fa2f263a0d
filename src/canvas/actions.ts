/**
 * The canvas's buttons, choices and forms as a typed action table (see core/actions.ts): the core dispatches
 * "canvas.<name>" here and parses the payload first. The schemas are lenient on purpose (`.catch`): a missing
 * or unreadable value reaches the flow as "no canvas", which answers as before ("Diese Canvas gibt es nicht
 * (mehr)", or the current step for a stale button) instead of a bare "button no longer valid".
 */
import { z } from 'zod';
import { type ActionHandler, type ActionTable, action, payload } from '../core/actions.ts';
import type { TurnContext } from '../core/context.ts';
import type { Reply } from '../core/reply.ts';
import { activate, type CanvasRef, type FlowDeps, fresh, guarded, owned, slot } from './flows/common.ts';
import { exportMarkdown, exportPicture } from './flows/export.ts';
import { answerQuestion, help } from './flows/help.ts';
import {
  archive,
  askDelete,
  confirmDelete,
  keepCanvas,
  manage,
  reminders,
  renameForm,
  renameTo,
} from './flows/manage.ts';
import {
  answerProposal,
  editPicked,
  formSaved,
  pickMilestone,
  removePicked,
} from './flows/milestone-actions.ts';
import { list, openCanvas, resume, showSummary, start } from './flows/start.ts';
import {
  back,
  chooseSamr,
  editStep,
  goTo,
  keepGoal,
  nextStep,
  pause,
  skip,
  useDraft,
} from './flows/steps.ts';
import type { Canvas } from './store.ts';
import { stepPrompt } from './views.ts';

const text = z.string().optional().catch(undefined);
/** A canvas id carried as the button's or choice's value. */
const canvasId = text.transform((v) => v || undefined);

/**
 * A value packed with `packed({ canvas, … })`, or the older "<canvas>:<x>:<y>" text of buttons sent before the
 * action table; `legacy` names the parts of that text.
 */
function canvasValue<T extends { canvas?: string }>(
  packedValue: z.ZodType<T>,
  legacy: (parts: string[]) => T,
) {
  return z
    .union([payload.packed(packedValue), z.string().transform((s) => legacy(s.split(':')))])
    .optional()
    .catch(undefined)
    .transform((v): Partial<T> => v ?? {});
}

const id = z.string().optional();
const num = z.number().optional();
const legacyNumber = (n: string | undefined) => (n ? Number(n) : undefined);
/** Canvas and revision ("<canvas>:<rev>" before). */
const ref = canvasValue(z.object({ canvas: id, rev: num }), ([canvas, rev]) => ({
  canvas,
  rev: legacyNumber(rev),
}));
/** Canvas, revision and SAMR level ("<canvas>:<rev>:<level>" before). */
const samr = canvasValue(z.object({ canvas: id, rev: num, level: id }), ([canvas, rev, level]) => ({
  canvas,
  rev: legacyNumber(rev),
  level,
}));
/** Canvas and step number ("<canvas>:<n>" before). */
const step = canvasValue(z.object({ canvas: id, step: num }), ([canvas, n]) => ({
  canvas,
  step: legacyNumber(n),
}));
/** Canvas and milestone ("<canvas>:<milestone>" before). */
const milestone = canvasValue(z.object({ canvas: id, milestone: id }), ([canvas, m]) => ({
  canvas,
  milestone: m,
}));
/** Canvas and user key ("<canvas>:<user key>" before; the key has a colon of its own). */
const person = canvasValue(z.object({ canvas: id, user: id }), ([canvas, ...key]) => ({
  canvas,
  user: key.join(':'),
}));

/** The milestone form: "<canvas>:<milestone id | new>" in its id. */
const milestoneForm = payload
  .targeted(z.record(z.string(), z.string()))
  .transform(
    ({ target, fields }): { canvas?: string; milestone?: string; fields: Record<string, string> } => {
      const [canvas, milestone] = target.split(':');
      return { canvas, milestone, fields };
    },
  )
  .catch({ fields: {} });
/** A form that belongs to one canvas (share, rename): the canvas id in its id, and one field. */
const canvasForm = (field: string) =>
  payload
    .targeted(z.record(z.string(), z.string()))
    .transform(({ target, fields }): { canvas?: string; value: string } => ({
      canvas: target,
      value: fields[field] ?? '',
    }))
    .catch({ value: '' });

/**
 * Buttons already sent to users (Slack and Teams messages, typed yes/no answers waiting in conversation state)
 * carry these older action names; they keep working as aliases of the new entries. Their older values
 * ("<canvas>:<rev>", "<canvas>:<milestone>", …) are still read by the schemas above.
 * Do not remove an alias while such messages may still be around.
 */
const LEGACY_ALIASES = {
  new: 'startNew',
  keepgoal: 'keepGoal',
  usedraft: 'useDraft',
  askdraft: 'answerDraft',
  msaccept: 'acceptMilestone',
  msfix: 'fixMilestone',
  msedit: 'editMilestone',
  mseditpick: 'editPickedMilestone',
  msremove: 'removeMilestone',
  msremovepick: 'removePickedMilestone',
  mssave: 'saveMilestone',
  sharewith: 'shareWith',
  sharepick: 'shareWithPicked',
  reminders: 'remindersOn',
  remindersoff: 'remindersOff',
  renameto: 'renameTo',
  deleteconfirm: 'confirmDelete',
  deletekeep: 'keepCanvas',
} as const;

/** A milestone in hand (being changed, or proposed) stays only while the user works on it. */
const KEEP_PENDING = new Set([
  'acceptMilestone',
  'fixMilestone',
  'editPickedMilestone',
  'saveMilestone',
  'help',
]);

export function canvasActions(d: FlowDeps): ActionTable {
  /** Runs fn with the user's own canvas, else says why not (not found, shared read-only). */
  const withCanvas = async (
    ctx: TurnContext,
    id: string | undefined,
    fn: (c: Canvas) => Promise<Reply[]> | Reply[],
  ) => {
    const r = await owned(d, ctx, id);
    return Array.isArray(r) ? r : fn(r);
  };
  /** The same at the revision the button was shown at; a stale button shows where the user actually is. */
  const withFresh = async (
    ctx: TurnContext,
    value: CanvasRef,
    fn: (c: Canvas) => Promise<Reply[]> | Reply[],
  ) => {
    const r = await fresh(d, ctx, value);
    return Array.isArray(r) ? r : fn(r);
  };

  const table = {
    // Starting, resuming, listing.
    start: action(text, (ctx, value) => start(d, ctx, value === 'new')),
    startNew: action(payload.none, (ctx) => start(d, ctx, true)),
    resume: action(canvasId, (ctx, id) => resume(d, ctx, id)),
    list: action(payload.none, (ctx) => list(d, ctx)),
    open: action(canvasId, (ctx, id) => openCanvas(d, ctx, id)),
    summary: action(canvasId, (ctx, id) => showSummary(d, ctx, id)),
    // Moving through the steps.
    back: action(ref, (ctx, v) => withFresh(ctx, v, (c) => back(d, ctx, c))),
    skip: action(ref, (ctx, v) => withFresh(ctx, v, (c) => skip(d, ctx, c))),
    next: action(ref, (ctx, v) => withFresh(ctx, v, (c) => goTo(d, ctx, c, nextStep(c)))),
    keepGoal: action(ref, (ctx, v) => withFresh(ctx, v, (c) => keepGoal(d, ctx, c))),
    useDraft: action(ref, (ctx, v) => withFresh(ctx, v, (c) => useDraft(d, ctx, c))),
    samr: action(samr, (ctx, v) => withFresh(ctx, v, (c) => chooseSamr(d, ctx, c, v.level))),
    pause: action(ref, (ctx, v) => withCanvas(ctx, v.canvas, (c) => pause(ctx, c))),
    edit: action(step, (ctx, v) => withCanvas(ctx, v.canvas, (c) => editStep(d, ctx, c, Number(v.step)))),
    // Help inside a step.
    help: action(ref, (ctx, v) =>
      withCanvas(ctx, v.canvas, (c) => {
        activate(ctx, c);
        return help(d, ctx, c);
      }),
    ),
    answerDraft: action(ref, (ctx, v) =>
      withFresh(ctx, v, (c) => {
        activate(ctx, c);
        return c.draft ? answerQuestion(d, ctx, c, c.draft) : stepPrompt(ctx, c);
      }),
    ),
    // The roadmap.
    acceptMilestone: action(ref, (ctx, v) => withFresh(ctx, v, (c) => answerProposal(d, ctx, c, 'accept'))),
    fixMilestone: action(ref, (ctx, v) => withFresh(ctx, v, (c) => answerProposal(d, ctx, c, 'fix'))),
    saveMilestone: action(milestoneForm, (ctx, v) =>
      withCanvas(ctx, v.canvas, (c) => formSaved(d, ctx, c, v.milestone, v.fields)),
    ),
    editMilestone: action(canvasId, (ctx, id) => withCanvas(ctx, id, (c) => pickMilestone(ctx, c, 'edit'))),
    removeMilestone: action(canvasId, (ctx, id) =>
      withCanvas(ctx, id, (c) => pickMilestone(ctx, c, 'remove')),
    ),
    editPickedMilestone: action(milestone, (ctx, v) =>
      withCanvas(ctx, v.canvas, (c) => editPicked(ctx, c, v.milestone)),
    ),
    removePickedMilestone: action(milestone, (ctx, v) =>
      withCanvas(ctx, v.canvas, (c) => removePicked(d, ctx, c, v.milestone)),
    ),
    remindersOn: action(canvasId, (ctx, id) => withCanvas(ctx, id, (c) => reminders(d, ctx, c, true))),
    remindersOff: action(canvasId, (ctx, id) => withCanvas(ctx, id, (c) => reminders(d, ctx, c, false))),
    // Exports and sharing.
    export: action(canvasId, (ctx, id) => exportMarkdown(d, ctx, id)),
    png: action(canvasId, (ctx, id) => exportPicture(d, ctx, id, 'png')),
    pdf: action(canvasId, (ctx, id) => exportPicture(d, ctx, id, 'pdf')),
    share: action(canvasId, (ctx, id) => withCanvas(ctx, id, (c) => d.sharing.form(ctx, c))),
    shareWith: action(canvasForm('with'), (ctx, v) =>
      withCanvas(ctx, v.canvas, (c) => d.sharing.submit(ctx, c, v.value)),
    ),
    shareWithPicked: action(person, (ctx, v) =>
      withCanvas(ctx, v.canvas, (c) => d.sharing.pick(ctx, c, v.user ?? '')),
    ),
    // Managing canvases.
    manage: action(canvasId, (ctx, id) => withCanvas(ctx, id, (c) => manage(ctx, c))),
    rename: action(canvasId, (ctx, id) => withCanvas(ctx, id, (c) => [renameForm(ctx, c)])),
    renameTo: action(canvasForm('title'), (ctx, v) =>
      withCanvas(ctx, v.canvas, (c) => renameTo(d, ctx, c, v.value)),
    ),
    archive: action(canvasId, (ctx, id) => withCanvas(ctx, id, (c) => archive(d, ctx, c, true))),
    unarchive: action(canvasId, (ctx, id) => withCanvas(ctx, id, (c) => archive(d, ctx, c, false))),
    delete: action(canvasId, (ctx, id) => withCanvas(ctx, id, (c) => askDelete(ctx, c))),
    keepCanvas: action(canvasId, (ctx, id) => withCanvas(ctx, id, (c) => keepCanvas(d, ctx, c))),
    confirmDelete: action(canvasId, (ctx, id) => withCanvas(ctx, id, (c) => confirmDelete(d, ctx, c))),
  } satisfies ActionTable;

  /**
   * Every canvas button ends an open share question (the share form asks it again) and a milestone in hand,
   * and a change that lost a race with another instance says so instead of failing.
   */
  const canvasTurn = (name: string, handler: ActionHandler): ActionHandler => ({
    value: handler.value,
    run: async (ctx, value, incoming) =>
      (await guarded(d, ctx, async () => {
        d.sharing.take(ctx);
        if (!KEEP_PENDING.has(name)) delete slot(ctx).pending;
        return handler.run(ctx, value, incoming);
      })) as Reply[],
  });
  const entries = Object.fromEntries(
    Object.entries(table).map(([name, handler]) => [name, canvasTurn(name, handler as ActionHandler)]),
  ) as Record<keyof typeof table, ActionHandler>;
  const aliases = Object.fromEntries(
    Object.entries(LEGACY_ALIASES).map(([old, current]) => [old, entries[current]]),
  );
  return { ...entries, ...aliases };
}
