import type { Passage, TurnContext } from '../../core/context.ts';
import type { Reply, ReplyAction } from '../../core/reply.ts';
import { LEARNING_QUESTIONS, stepAt } from '../definition.ts';
import { subPhase } from '../phase.ts';
import type { Canvas } from '../store.ts';
import { learnIndex, samrChoice, stepActions, stepPrompt, summary, token } from '../views.ts';

// Help inside a step: the knowledge base, the step's explanation and example, and questions asked mid-flow.

/** Knowledge-base passages for the canvas; [] without a knowledge base or when the search fails. */
export async function searchKnowledge(ctx: TurnContext, query: string): Promise<Passage[]> {
  try {
    return (await ctx.services.knowledge?.search(query, 2)) ?? [];
  } catch (err) {
    ctx.services.log.warn({ err: (err as Error).message }, 'knowledge search for canvas help failed');
    return [];
  }
}

export const quoted = (ctx: TurnContext, passages: Passage[]) => [
  ctx.t({ de: '**Aus der Wissensbasis:**', en: '**From the knowledge base:**' }),
  ...passages.map((p) => `> ${p.text.length > 600 ? `${p.text.slice(0, 600).trimEnd()} …` : p.text}`),
];
export const citations = (passages: Passage[]) =>
  passages.map((p) => ({ title: p.title, url: p.url, excerpt: p.text.slice(0, 200) }));

/** The "Hilfe" button: what the knowledge base says about the step, its explanation and example. */
export async function help(ctx: TurnContext, c: Canvas, lead?: string): Promise<Reply[]> {
  const step = stepAt(c.step);
  if (!step) return summary(ctx, c, 'owner');
  const passages = await searchKnowledge(ctx, `${ctx.t(step.title)}: ${ctx.t(step.question)}`);
  const parts = lead ? [lead, ''] : [];
  if (passages.length) parts.push(...quoted(ctx, passages));
  parts.push(
    `**${ctx.t({ de: 'Zu diesem Schritt', en: 'About this step' })} – ${ctx.t(step.title)}:** ${ctx.t(step.explanation)}`,
    `${ctx.t({ de: 'Beispiel', en: 'Example' })}: ${ctx.t(step.example)}`,
    '',
    ctx.t({
      de: `Schreiben Sie Ihre Antwort auf Schritt ${c.step} einfach als nächste Nachricht – oder überspringen Sie ihn und ergänzen ihn später.`,
      en: `Just type your answer to step ${c.step} as your next message – or skip it and fill it in later.`,
    }),
  );
  const replies: Reply[] = [
    { text: parts.join('\n'), citations: citations(passages), actions: stepActions(ctx, c) },
  ];
  if (subPhase(c.phase) === 'samr') replies.push(samrChoice(ctx, c));
  return replies;
}

/** "Keine Ahnung", "weiß nicht", "?": help with the step instead of saving that as the answer. */
export function unsure(ctx: TurnContext, c: Canvas): Promise<Reply[]> {
  return help(
    ctx,
    c,
    ctx.t({
      de: 'Kein Problem – dafür bin ich da. Gespeichert habe ich nichts. Hier ist etwas Hilfe zu diesem Schritt:',
      en: 'No problem – that is what I am here for. I did not save anything. Here is some help with this step:',
    }),
  );
}

/** "Als Antwort übernehmen": saves the text kept in the draft as the step's answer after all. */
export const takeDraft = (ctx: TurnContext, c: Canvas): ReplyAction => ({
  id: 'canvas.useDraft',
  value: token(c),
  label:
    stepAt(c.step)?.kind === 'roadmap'
      ? ctx.t({ de: 'Als Meilenstein übernehmen', en: 'Use as milestone' })
      : ctx.t({ de: 'Als Antwort übernehmen', en: 'Use as my answer' }),
});

/**
 * A question to the bot inside the flow (kept in the draft, stored nowhere else): the knowledge base's
 * answer, then the step again with all its buttons, and a way to take the text as the answer after all.
 */
export async function answerQuestion(ctx: TurnContext, c: Canvas, question: string): Promise<Reply[]> {
  const passages = await searchKnowledge(ctx, question);
  const parts = passages.length
    ? quoted(ctx, passages)
    : [
        ctx.t({
          de: 'Dazu finde ich in meiner Wissensbasis leider nichts Passendes. Eine CoDiLe hilft gern weiter, z. B. in der virtuellen Sprechstunde.',
          en: 'I cannot find anything fitting in my knowledge base, sorry. A CoDiLe is glad to help, e.g. in the virtual consultation hour.',
        }),
      ];
  const again = stepPrompt(
    ctx,
    c,
    stepAt(c.step)?.kind === 'roadmap'
      ? ctx.t({
          de: 'Ihre Frage habe ich nicht als Meilenstein gespeichert. Weiter mit Ihrer Canvas:',
          en: 'I did not save your question as a milestone. On with your canvas:',
        })
      : ctx.t({
          de: 'Ihre Frage habe ich nicht als Antwort gespeichert. Weiter mit Ihrer Canvas:',
          en: 'I did not save your question as an answer. On with your canvas:',
        }),
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
        ? ctx.t({ de: 'SAMR-Stufe', en: 'SAMR level' })
        : ctx.t(step.short);
  const which =
    step.kind === 'roadmap'
      ? ctx.t({
          de: 'Ist das eine Frage an mich oder Ihr Meilenstein für die Roadmap?',
          en: 'Is this a question for me or your milestone for the roadmap?',
        })
      : ctx.t({
          de: `Ist das eine Frage an mich oder Ihre Antwort für das Feld „${field}“?`,
          en: `Is this a question for me or your answer for the field “${field}”?`,
        });
  return [
    {
      text: `${ctx.t({ de: 'Sie haben geschrieben', en: 'You wrote' })}: „${text}“\n\n${which}`,
      actions: [
        takeDraft(ctx, c),
        {
          id: 'canvas.answerDraft',
          value: token(c),
          label: ctx.t({ de: 'Frage beantworten', en: 'Answer the question' }),
        },
        ...stepActions(ctx, c),
      ],
    },
  ];
}
