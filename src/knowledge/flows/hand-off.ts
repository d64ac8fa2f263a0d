// "Coach fragen": the question and what the bot answered go to every configured coach, once per question.
import type { TurnContext } from '../../core/context.ts';
import type { Reply } from '../../core/reply.ts';
import type { Handoff } from '../handoff.ts';
import type { StoredQuestion } from '../questions.ts';
import { askAction, bookAction, type FlowDeps, gone, inGerman, knowledgeId, say } from './common.ts';

export async function handOff(d: FlowDeps, ctx: TurnContext, id: number | undefined): Promise<Reply[]> {
  const q = id === undefined ? undefined : await d.questions.get(id, ctx.user.key);
  if (!q) return [gone(ctx)];
  if (!d.services.config.coaches.length) return [noCoach(ctx)];
  const { handoff, created } = await d.handoffs.create({
    questionId: q.id,
    askerKey: ctx.user.key,
    question: q.question,
    context: q.context ?? undefined,
  });
  if (!created) return [alreadyHandedOff(ctx, handoff)];
  const asker = ctx.user.name ? `${ctx.user.name} (${ctx.user.key})` : ctx.user.key;
  const reached = await d.handoffs.notifyCoaches(() => [coachNotice(q, handoff, asker)]);
  if (!reached) return [noCoach(ctx)];
  return [{ text: say(ctx, 'handoff.passed'), actions: [askAction(ctx, 'common.anotherQuestion')] }];
}

/** What each coach receives: the question, who asked, what the bot answered, and "Antworten". */
function coachNotice(q: StoredQuestion, handoff: Handoff, asker: string): Reply {
  return {
    text: [
      inGerman('notice.title'),
      inGerman('notice.from', { asker }),
      inGerman('notice.question', { question: q.question }),
      q.context ? inGerman('notice.context', { context: q.context }) : '',
      q.abstained || !q.answer
        ? inGerman('notice.noAnswer')
        : inGerman('notice.botAnswer', { answer: q.answer }),
    ]
      .filter(Boolean)
      .join('\n'),
    citations: q.abstained ? undefined : q.passages.slice(0, 2).map((p) => ({ title: p.title, url: p.url })),
    actions: [
      {
        id: knowledgeId('replyToHandoff'),
        value: String(handoff.id),
        label: inGerman('notice.reply'),
        style: 'primary',
      },
      { id: knowledgeId('openQuestions'), label: inGerman('notice.openQuestions') },
    ],
  };
}

const noCoach = (ctx: TurnContext): Reply => ({
  text: say(ctx, 'handoff.noCoach'),
  actions: [bookAction(ctx), askAction(ctx, 'common.rephrase')],
});

const alreadyHandedOff = (ctx: TurnContext, h: Handoff): Reply => ({
  text: h.answer
    ? say(ctx, 'handoff.alreadyAnswered', { answer: h.answer })
    : say(ctx, 'handoff.alreadyPassed'),
  actions: [askAction(ctx, 'common.anotherQuestion')],
});
