import type { TurnContext } from '../../core/context.ts';
import type { Reply } from '../../core/reply.ts';
import { STEP_COUNT } from '../definition.ts';
import { canvasText } from '../messages/index.ts';
import { planReminders } from '../reminders.ts';
import type { Canvas } from '../store.ts';
import { milestoneForm, milestonePick, navActions, stepPrompt, summary } from '../views.ts';
import { activate, type FlowDeps, slot, summaryAction, zone } from './common.ts';
import { acceptProposal, correctionForm, pendingFor, saveMilestone } from './roadmap.ts';

// The roadmap's buttons and forms: answering a proposal, the milestone form, picking one to change or remove.

const gone = (ctx: TurnContext) => canvasText(ctx, 'roadmap.thisMilestoneNoLonger');

/** "Übernehmen" (accept) or "Ändern" (fix) under a milestone the bot read from text. */
export function answerProposal(
  d: FlowDeps,
  ctx: TurnContext,
  c: Canvas,
  verb: 'accept' | 'fix',
): Promise<Reply[]> | Reply[] {
  const p = pendingFor(ctx, c);
  if (p?.kind !== 'milestone' || (verb === 'accept' && !p.proposed)) {
    return stepPrompt(ctx, c, canvasText(ctx, 'roadmap.thisSuggestionIsOut'));
  }
  return verb === 'accept' ? acceptProposal(d, ctx, c, p) : [correctionForm(ctx, c, p)];
}

/** The milestone form, sent for a new milestone ("new") or for the one with this id. */
export function formSaved(
  d: FlowDeps,
  ctx: TurnContext,
  c: Canvas,
  milestoneId: string | undefined,
  fields: Record<string, string>,
): Promise<Reply[]> | Reply[] {
  const changing = milestoneId && milestoneId !== 'new';
  const existing = changing ? c.milestones.find((m) => m.id === milestoneId) : undefined;
  if (changing && !existing) return [{ text: gone(ctx), actions: [summaryAction(ctx, c)] }];
  return saveMilestone(d, ctx, c, existing, fields);
}

/** "Meilenstein ändern" / "entfernen": which one? */
export function pickMilestone(ctx: TurnContext, c: Canvas, mode: 'edit' | 'remove'): Reply[] {
  return c.milestones.length ? [milestonePick(ctx, c, mode)] : stepPrompt(ctx, c);
}

/** The milestone picked to change: its form, and text typed next changes it ("Ende Januar"). */
export function editPicked(ctx: TurnContext, c: Canvas, milestoneId: string | undefined): Reply[] {
  const m = c.milestones.find((x) => x.id === milestoneId);
  if (!m) return stepPrompt(ctx, c, gone(ctx));
  slot(ctx).pending = {
    kind: 'milestone',
    canvas: c.id,
    rev: c.rev,
    id: m.id,
    what: m.what,
    due: m.due,
    who: m.who,
    proposed: false,
  };
  activate(ctx, c);
  return [
    {
      text: canvasText(ctx, 'roadmap.editPicked', { what: m.what }),
      form: milestoneForm(ctx, c, m),
      actions: navActions(ctx, c),
    },
  ];
}

/** The milestone picked to remove. */
export async function removePicked(
  d: FlowDeps,
  ctx: TurnContext,
  c: Canvas,
  milestoneId: string | undefined,
): Promise<Reply[]> {
  const m = c.milestones.find((x) => x.id === milestoneId);
  const next = m ? await d.store.removeMilestone(c.id, m.id) : undefined;
  if (!next || !m) return stepPrompt(ctx, c, gone(ctx));
  if (next.remindersOn) await planReminders(ctx.services.db, next, zone(ctx));
  const prefix = canvasText(ctx, 'roadmap.milestoneRemoved', { what: m.what });
  return next.step > STEP_COUNT ? summary(ctx, next, 'owner', prefix) : stepPrompt(ctx, next, prefix);
}
