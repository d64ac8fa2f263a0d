import type { Passage, TurnContext } from '../../core/context.ts';
import type { Reply, ReplyAction } from '../../core/reply.ts';
import { LEARNING_QUESTIONS, stepAt } from '../definition.ts';
import { canvasText } from '../messages/index.ts';
import { subPhase } from '../phase.ts';
import type { Canvas } from '../store.ts';
import { learnIndex, samrChoice, stepActions, stepPrompt, summary, token } from '../views.ts';
import type { FlowDeps } from './common.ts';

// Help inside a step: the knowledge base, the step's explanation and example, and questions asked mid-flow.

/** Knowledge-base passages for the canvas; [] without a knowledge base or when the search fails. */
export async function searchKnowledge(d: FlowDeps, ctx: TurnContext, query: string): Promise<Passage[]> {
  try {
    return (await d.knowledge?.search(query, 2)) ?? [];
  } catch (err) {
    ctx.services.log.warn({ err: (err as Error).message }, 'knowledge search for canvas help failed');
    return [];
  }
}

export const quoted = (ctx: TurnContext, passages: Passage[]) => [
  canvasText(ctx, 'help.fromTheKnowledgeBase'),
  ...passages.map((p) => `> ${p.text.length > 600 ? `${p.text.slice(0, 600).trimEnd()} …` : p.text}`),
];
export const citations = (passages: Passage[]) =>
  passages.map((p) => ({ title: p.title, url: p.url, excerpt: p.text.slice(0, 200) }));

/** The "Hilfe" button: what the knowledge base says about the step, its explanation and example. */
export async function help(d: FlowDeps, ctx: TurnContext, c: Canvas, lead?: string): Promise<Reply[]> {
  const step = stepAt(c.step);
  if (!step) return summary(ctx, c, 'owner');
  const passages = await searchKnowledge(d, ctx, `${ctx.t(step.title)}: ${ctx.t(step.question)}`);
  const parts = lead ? [lead, ''] : [];
  if (passages.length) parts.push(...quoted(ctx, passages));
  parts.push(
    `**${canvasText(ctx, 'help.aboutThisStep')} – ${ctx.t(step.title)}:** ${ctx.t(step.explanation)}`,
    `${canvasText(ctx, 'help.example')}: ${ctx.t(step.example)}`,
    '',
    canvasText(ctx, 'help.justTypeYourAnswer', { step: c.step }),
  );
  const replies: Reply[] = [
    { text: parts.join('\n'), citations: citations(passages), actions: stepActions(ctx, c) },
  ];
  if (subPhase(c.phase) === 'samr') replies.push(samrChoice(ctx, c));
  return replies;
}

/** "Keine Ahnung", "weiß nicht", "?": help with the step instead of saving that as the answer. */
export function unsure(d: FlowDeps, ctx: TurnContext, c: Canvas): Promise<Reply[]> {
  return help(d, ctx, c, canvasText(ctx, 'help.noProblemThatIs'));
}

/** "Als Antwort übernehmen": saves the text kept in the draft as the step's answer after all. */
export const takeDraft = (ctx: TurnContext, c: Canvas): ReplyAction => ({
  id: 'canvas.useDraft',
  value: token(c),
  label:
    stepAt(c.step)?.kind === 'roadmap'
      ? canvasText(ctx, 'help.useAsMilestone')
      : canvasText(ctx, 'help.useAsMyAnswer'),
});

/**
 * A question to the bot inside the flow (kept in the draft, stored nowhere else): the knowledge base's
 * answer, then the step again with all its buttons, and a way to take the text as the answer after all.
 */
export async function answerQuestion(
  d: FlowDeps,
  ctx: TurnContext,
  c: Canvas,
  question: string,
): Promise<Reply[]> {
  const passages = await searchKnowledge(d, ctx, question);
  const parts = passages.length ? quoted(ctx, passages) : [canvasText(ctx, 'help.iCannotFindAnything')];
  const again = stepPrompt(
    ctx,
    c,
    stepAt(c.step)?.kind === 'roadmap'
      ? canvasText(ctx, 'help.questionNotSavedAsMilestone')
      : canvasText(ctx, 'help.questionNotSavedAsAnswer'),
  );
  return [{ text: parts.join('\n'), citations: citations(passages), actions: [takeDraft(ctx, c)] }, ...again];
}

/** Could be a question to the bot or the field's content: the user decides; the text waits in the draft. */
export function askWhich(ctx: TurnContext, c: Canvas, text: string): Reply[] {
  const step = stepAt(c.step)!;
  const field =
    step.kind === 'learnings'
      ? ctx.t(LEARNING_QUESTIONS[learnIndex(c)]!.short)
      : step.id === 'medium' && subPhase(c.phase) === 'samr'
        ? canvasText(ctx, 'help.samrLevel')
        : ctx.t(step.short);
  const which =
    step.kind === 'roadmap'
      ? canvasText(ctx, 'help.questionOrMilestone')
      : canvasText(ctx, 'help.questionOrAnswer', { field });
  return [
    {
      text: `${canvasText(ctx, 'help.youWrote')}: „${text}“\n\n${which}`,
      actions: [
        takeDraft(ctx, c),
        {
          id: 'canvas.answerDraft',
          value: token(c),
          label: canvasText(ctx, 'help.answerTheQuestion'),
        },
        ...stepActions(ctx, c),
      ],
    },
  ];
}
