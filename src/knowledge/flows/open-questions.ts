// "offene Fragen" (coaches): the hand-offs nobody has answered yet, oldest first, each with "Antworten".
import { DateTime } from 'luxon';
import type { TurnContext } from '../../core/context.ts';
import type { Reply } from '../../core/reply.ts';
import type { OpenHandoff } from '../handoff.ts';
import { askAction, type FlowDeps, knowledgeId, menuAction, say } from './common.ts';

const OPEN_LIST_MAX = 10;

export async function openQuestions(d: FlowDeps, ctx: TurnContext): Promise<Reply[]> {
  if (!(await d.handoffs.isCoach(ctx.user.key))) return [onlyCoaches(ctx)];
  const { items, total } = await d.handoffs.open(OPEN_LIST_MAX);
  if (!items.length) return [{ text: say(ctx, 'open.none'), actions: [menuAction(ctx)] }];
  const header: Reply = {
    text:
      total > items.length
        ? say(ctx, 'open.headerSome', { total, shown: items.length })
        : say(ctx, 'open.headerAll', { total }),
  };
  return [header, ...items.map((h) => openItem(d, ctx, h))];
}

function openItem(d: FlowDeps, ctx: TurnContext, h: OpenHandoff): Reply {
  let at = DateTime.fromJSDate(h.createdAt, { zone: ctx.user.timeZone });
  if (!at.isValid) at = DateTime.fromJSDate(h.createdAt, { zone: d.services.config.DEFAULT_TIMEZONE });
  const when = at.setLocale(ctx.locale === 'de' ? 'de-DE' : 'en-GB').toLocaleString(DateTime.DATETIME_SHORT);
  const from = h.askerName ? `${h.askerName} (${h.askerKey})` : h.askerKey;
  return {
    text: [
      `„${h.question}“`,
      say(ctx, 'open.from', { from, when }),
      h.context ? say(ctx, 'open.context', { context: h.context }) : '',
    ]
      .filter(Boolean)
      .join('\n'),
    actions: [
      {
        id: knowledgeId('replyToHandoff'),
        value: String(h.id),
        label: say(ctx, 'open.reply'),
        style: 'primary',
      },
    ],
  };
}

const onlyCoaches = (ctx: TurnContext): Reply => ({
  text: say(ctx, 'open.onlyCoaches'),
  actions: [askAction(ctx), menuAction(ctx)],
});
