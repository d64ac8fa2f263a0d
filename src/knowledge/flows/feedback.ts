// 👍 / 👎 under an answer: thanks, and after 👎 the offer to pass the question to a coach.
import type { TurnContext } from '../../core/context.ts';
import type { Reply } from '../../core/reply.ts';
import { askAction, askCoachAction, bookAction, type FlowDeps, gone, say } from './common.ts';

export async function feedback(
  d: FlowDeps,
  ctx: TurnContext,
  id: number | undefined,
  value: 1 | -1,
): Promise<Reply[]> {
  if (id === undefined || !(await d.questions.feedback(id, ctx.user.key, value))) return [gone(ctx)];
  if (value === 1) {
    return [{ text: say(ctx, 'feedback.thanks'), actions: [askAction(ctx, 'common.anotherQuestion')] }];
  }
  return [
    {
      text: say(ctx, 'feedback.offerCoach'),
      actions: [
        { ...askCoachAction(ctx, id), style: 'primary' },
        askAction(ctx, 'common.rephrase'),
        bookAction(ctx),
      ],
    },
  ];
}
