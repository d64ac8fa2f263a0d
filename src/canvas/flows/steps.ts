import type { TurnContext } from '../../core/context.ts';
import type { Reply } from '../../core/reply.ts';
import {
  LEARNING_QUESTIONS,
  MAX_FIELD_LENGTH,
  SAMR_FIELD,
  SAMR_LEVELS,
  STEP_COUNT,
  STEPS,
  stepAt,
} from '../definition.ts';
import { canvasText } from '../messages/index.ts';
import { isEdit, subPhase, withSub } from '../phase.ts';
import { checkSmart } from '../smart.ts';
import type { Canvas, CanvasPatch } from '../store.ts';
import {
  learnIndex,
  navActions,
  SUMMARY_STEP,
  samrChoice,
  stepPrompt,
  summary,
  token,
  tooLong,
} from '../views.ts';
import { activate, cutPoint, type FlowDeps, leave, saved, slot } from './common.ts';
import { milestoneFromText } from './roadmap.ts';

// Moving through the steps: an answer, back, skip, pause, and jumping to a step to change it.

// --- moving through the steps ---

/** Saves the position and shows the next prompt; after the last step, the summary. */
export async function goTo(
  d: FlowDeps,
  ctx: TurnContext,
  c: Canvas,
  step: number,
  extra: CanvasPatch = {},
  prefix?: string,
  fields: Record<string, string | null> = {},
): Promise<Reply[]> {
  if (step > STEP_COUNT) {
    const done = await d.store.update(
      c,
      { step: SUMMARY_STEP, phase: null, furthest: SUMMARY_STEP, status: 'done', ...extra },
      fields,
    );
    activate(ctx, done);
    const lead =
      c.status === 'done'
        ? `${prefix ? `${prefix} ` : ''}${canvasText(ctx, 'steps.hereIsTheCurrent')}`
        : `${prefix ? `${prefix} ` : ''}${canvasText(ctx, 'steps.doneYouWentThrough')}`;
    return summary(ctx, done, 'owner', lead);
  }
  const target = STEPS[step - 1]!;
  const phase = target.kind === 'learnings' ? 'learn:0' : null;
  const next = await d.store.update(
    c,
    { step, phase, furthest: Math.max(c.furthest, step), ...extra },
    fields,
  );
  activate(ctx, next);
  return stepPrompt(ctx, next, prefix);
}

/** Where an answer leads: on to the next step, or back to where the user was when they edited this one. */
export function nextStep(c: Canvas): number {
  if (!isEdit(c.phase)) return c.step + 1;
  return c.status === 'done' ? SUMMARY_STEP : Math.max(c.step + 1, c.furthest);
}

export async function answer(d: FlowDeps, ctx: TurnContext, c: Canvas, raw: string): Promise<Reply[]> {
  const text = raw.trim();
  const step = stepAt(c.step);
  if (!step) return summary(ctx, c, 'owner');
  if (!/\p{L}.*\p{L}|\d/u.test(text)) {
    return stepPrompt(ctx, c, canvasText(ctx, 'steps.theAnswerIsEmpty'));
  }
  if (step.kind === 'roadmap') return milestoneFromText(d, ctx, c, text);
  if (text.length > MAX_FIELD_LENGTH) {
    const kept = await d.store.update(c, { draft: text });
    activate(ctx, kept);
    return [tooLong(ctx, kept, text.length, text.slice(cutPoint(text)))];
  }
  if (step.kind === 'learnings') {
    const i = learnIndex(c);
    const fields = { [LEARNING_QUESTIONS[i]!.field]: text };
    if (i < LEARNING_QUESTIONS.length - 1) {
      const next = await d.store.update(
        c,
        { phase: withSub(c.phase, `learn:${i + 1}`), draft: null },
        fields,
      );
      activate(ctx, next);
      return stepPrompt(ctx, next, saved(ctx));
    }
    return goTo(d, ctx, c, nextStep(c), { draft: null }, saved(ctx), fields);
  }
  if (step.id === 'medium' && subPhase(c.phase) === 'samr') {
    const level = SAMR_LEVELS.find((l) => new RegExp(`^(${l.value}|${l.value[0]})$`, 'i').test(text));
    if (level)
      return goTo(d, ctx, c, nextStep(c), { draft: null }, saved(ctx), { [SAMR_FIELD]: level.value });
    if (/^(ohne|keine|nein|none|no|ohne einordnung)$/i.test(text))
      return goTo(d, ctx, c, nextStep(c), { draft: null });
    // Not a level: do not overwrite the medium answer by accident.
    return [
      samrChoice(
        ctx,
        c,
        `${canvasText(ctx, 'steps.isNotASamr', { answer: text.length > 80 ? `${text.slice(0, 80)} …` : text })}\n\n`,
      ),
    ];
  }
  if (step.id === 'goal') {
    const smart = checkSmart(text);
    if (smart.hints.length) {
      const kept = await d.store.update(c, { phase: withSub(c.phase, 'smart'), draft: null }, { goal: text });
      activate(ctx, kept);
      return [
        {
          text: `${saved(ctx)} ${canvasText(ctx, 'steps.soYouCanCheck')}\n${smart.hints.map((h) => `- ${ctx.t(h)}`).join('\n')}\n\n${canvasText(ctx, 'steps.feelFreeToRewrite')}`,
          actions: [
            {
              id: 'canvas.keepGoal',
              value: token(kept),
              label: canvasText(ctx, 'steps.keepThisGoal'),
              style: 'primary',
            },
            ...navActions(ctx, kept),
          ],
        },
      ];
    }
    return goTo(
      d,
      ctx,
      c,
      nextStep(c),
      { draft: null },
      `${saved(ctx)} ${canvasText(ctx, 'steps.yourGoalIsSmart')}`,
      { goal: text },
    );
  }
  if (step.id === 'medium') {
    const next = await d.store.update(c, { phase: withSub(c.phase, 'samr'), draft: null }, { medium: text });
    activate(ctx, next);
    return [samrChoice(ctx, next, `${saved(ctx)}\n\n`)];
  }
  const extra: CanvasPatch = { draft: null };
  if (step.id === 'title') extra.title = text.slice(0, 200);
  return goTo(d, ctx, c, nextStep(c), extra, saved(ctx), { [step.id]: text });
}

export async function back(d: FlowDeps, ctx: TurnContext, c: Canvas): Promise<Reply[]> {
  const i = learnIndex(c);
  if (stepAt(c.step)?.kind === 'learnings' && i > 0) {
    const next = await d.store.update(c, { phase: withSub(c.phase, `learn:${i - 1}`) });
    activate(ctx, next);
    return stepPrompt(ctx, next);
  }
  if (subPhase(c.phase) === 'samr') {
    const next = await d.store.update(c, { phase: withSub(c.phase, null) });
    activate(ctx, next);
    return stepPrompt(ctx, next);
  }
  if (c.step <= 1) return stepPrompt(ctx, c, canvasText(ctx, 'steps.thisIsAlreadyThe'));
  const target = Math.min(c.step, SUMMARY_STEP) - 1;
  const phase = stepAt(target)?.kind === 'learnings' ? `learn:${LEARNING_QUESTIONS.length - 1}` : null;
  const next = await d.store.update(c, { step: target, phase });
  activate(ctx, next);
  return stepPrompt(ctx, next);
}

export async function skip(d: FlowDeps, ctx: TurnContext, c: Canvas): Promise<Reply[]> {
  const step = stepAt(c.step);
  if (step?.kind === 'learnings') {
    const i = learnIndex(c);
    if (i < LEARNING_QUESTIONS.length - 1) {
      const next = await d.store.update(c, { phase: withSub(c.phase, `learn:${i + 1}`), draft: null });
      activate(ctx, next);
      return stepPrompt(ctx, next);
    }
  }
  return goTo(d, ctx, c, nextStep(c), { draft: null });
}

export async function pause(ctx: TurnContext, c: Canvas): Promise<Reply[]> {
  leave(ctx);
  delete slot(ctx).pending;
  slot(ctx).id = c.id;
  return [
    {
      text: canvasText(ctx, 'steps.pausedYourCanvasIs', {
        title: c.title,
        step: Math.min(c.step, STEP_COUNT),
        count: STEP_COUNT,
      }),
      actions: [
        {
          id: 'canvas.resume',
          value: c.id,
          label: canvasText(ctx, 'steps.continue'),
          style: 'primary',
        },
        { id: 'canvas.list', label: canvasText(ctx, 'common.myCanvases') },
      ],
    },
  ];
}

export async function editStep(d: FlowDeps, ctx: TurnContext, c: Canvas, n: number): Promise<Reply[]> {
  const target = stepAt(n);
  if (!target) return summary(ctx, c, 'owner');
  const sub = target.kind === 'learnings' ? 'learn:0' : '';
  // Jumping to the step the user is already on is not an edit; it just shows the step.
  const phase = n === c.step && !isEdit(c.phase) ? sub || null : `edit:${sub}`;
  const next = await d.store.update(c, { step: n, phase, archived: false });
  activate(ctx, next);
  return stepPrompt(ctx, next);
}

/** "Ziel so übernehmen" after the SMART hints. */
export function keepGoal(d: FlowDeps, ctx: TurnContext, c: Canvas): Promise<Reply[]> {
  return goTo(d, ctx, c, nextStep(c), { draft: null }, saved(ctx));
}

/** "Als Antwort übernehmen" / "Gekürzt übernehmen": the text kept in the draft becomes the answer. */
export async function useDraft(d: FlowDeps, ctx: TurnContext, c: Canvas): Promise<Reply[]> {
  if (!c.draft) return stepPrompt(ctx, c);
  const text = c.draft.length > MAX_FIELD_LENGTH ? c.draft.slice(0, cutPoint(c.draft)).trimEnd() : c.draft;
  const cleared = await d.store.update(c, { draft: null });
  return answer(d, ctx, cleared, text);
}

/** A SAMR level from the choice; "none" (or anything unknown) goes on without one. */
export function chooseSamr(
  d: FlowDeps,
  ctx: TurnContext,
  c: Canvas,
  level: string | undefined,
): Promise<Reply[]> {
  const known = SAMR_LEVELS.some((l) => l.value === level);
  return goTo(d, ctx, c, nextStep(c), { draft: null }, saved(ctx), { [SAMR_FIELD]: known ? level! : null });
}
