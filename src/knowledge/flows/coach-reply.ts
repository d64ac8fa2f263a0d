// A coach answers a hand-off: "Antworten" opens the form, or the answer is typed into the chat and shown back
// with "Senden" / "Ändern" / "Nicht senden"; the first answer reaches the asker and may become knowledge.
import type { TurnContext } from '../../core/context.ts';
import type { Reply, ReplyAction } from '../../core/reply.ts';
import { smallTalk } from '../../core/small-talk.ts';
import type { Handoff } from '../handoff.ts';
import { COACH_ROOT, storeEntry } from '../ingest.ts';
import {
  answerFormId,
  type CoachReplyState,
  coachReply,
  endCoachReply,
  type FlowDeps,
  gone,
  inGerman,
  knowledgeId,
  NAME,
  openQuestionsAction,
  say,
} from './common.ts';

const MAX_ANSWER_CHARS = 3000;
/** After "Antworten" the coach's typed messages are the answer; a day later a message is a question again. */
export const TYPED_REPLY_MS = 24 * 60 * 60_000;

const tooLong = (length: number) => inGerman('reply.tooLong', { max: MAX_ANSWER_CHARS, length });

/** "Antworten": the form; a message typed into the chat instead is taken as the answer, too. */
export async function replyForm(
  d: FlowDeps,
  ctx: TurnContext,
  id: number | undefined,
  errors?: Record<string, string>,
  draft?: string,
): Promise<Reply[]> {
  if (!(await d.handoffs.isCoach(ctx.user.key))) return [onlyCoaches(ctx)];
  const h = id === undefined ? undefined : await d.handoffs.get(id);
  if (!h || h.answer) {
    endCoachReply(ctx);
    return [h ? alreadyAnswered(h) : gone(ctx)];
  }
  // "Ändern" and a second "Antworten" keep what the coach typed so far.
  const pending = coachReply(ctx);
  const text = draft ?? (pending?.handoffId === h.id ? pending.draft : undefined);
  ctx.state.data.coachReply = { handoffId: h.id, since: Date.now(), draft: text } satisfies CoachReplyState;
  ctx.state.active = NAME;
  return [
    {
      text: `${inGerman('reply.question', { question: h.question })}\n\n${say(ctx, 'reply.formHint')}`,
      form: {
        id: answerFormId(h.id),
        title: inGerman('reply.formTitle'),
        fields: [
          {
            id: 'answer',
            label: inGerman('reply.formAnswer'),
            type: 'textarea' as const,
            required: true,
            maxLength: MAX_ANSWER_CHARS,
            value: text,
          },
          {
            id: 'keep',
            label: inGerman('reply.formKeep'),
            type: 'select' as const,
            options: [
              { value: 'nein', label: inGerman('reply.no') },
              { value: 'ja', label: inGerman('reply.yes') },
            ],
            value: 'nein',
          },
        ],
        submitLabel: inGerman('reply.submit'),
        errors,
      },
    },
  ];
}

/**
 * A message the coach typed after "Antworten": shown back with "Senden" / "Ändern" / "Nicht senden", so a
 * typed answer is never lost and nothing goes out unseen. Further messages are added to it.
 */
export async function typedAnswer(
  d: FlowDeps,
  ctx: TurnContext,
  pending: CoachReplyState,
  text: string,
): Promise<Reply[]> {
  const typed = text.trim();
  if (!(await d.handoffs.isCoach(ctx.user.key))) {
    endCoachReply(ctx);
    return [onlyCoaches(ctx)];
  }
  const h = await d.handoffs.get(pending.handoffId);
  if (!h || h.answer) {
    endCoachReply(ctx);
    return [notSent(ctx, h, pending.draft ? `${pending.draft}\n${typed}` : typed)];
  }
  // "ok" or "danke" after the draft is no addition to the answer.
  const draft = !pending.draft ? typed : smallTalk(typed) ? pending.draft : `${pending.draft}\n${typed}`;
  ctx.state.data.coachReply = { ...pending, since: Date.now(), draft } satisfies CoachReplyState;
  if (draft.length > MAX_ANSWER_CHARS)
    return replyForm(d, ctx, h.id, { answer: tooLong(draft.length) }, draft);
  const value = String(h.id);
  return [
    {
      text: say(ctx, 'reply.draft', { question: h.question, draft }),
      actions: [
        { id: knowledgeId('sendTypedAnswer'), value, label: say(ctx, 'reply.send'), style: 'primary' },
        { id: knowledgeId('replyToHandoff'), value, label: say(ctx, 'reply.edit') },
        { id: knowledgeId('discardTypedAnswer'), value, label: say(ctx, 'reply.doNotSend') },
      ],
    },
  ];
}

export async function sendTypedAnswer(d: FlowDeps, ctx: TurnContext, id: number | undefined) {
  if (!(await d.handoffs.isCoach(ctx.user.key))) return [onlyCoaches(ctx)];
  const pending = coachReply(ctx);
  // Without the typed text (sent already, or an old button): the form, or who answered.
  if (id === undefined || !pending?.draft || pending.handoffId !== id) return replyForm(d, ctx, id);
  return deliverAnswer(d, ctx, id, pending.draft, 'ask');
}

export function discardTypedAnswer(ctx: TurnContext, id: number | undefined): Reply[] {
  if (id !== undefined && coachReply(ctx)?.handoffId === id) endCoachReply(ctx);
  return [
    {
      text: say(ctx, 'reply.discarded'),
      actions: [
        {
          id: knowledgeId('replyToHandoff'),
          value: String(id ?? ''),
          label: say(ctx, 'reply.answerAfterAll'),
        },
        openQuestionsAction(ctx),
      ],
    },
  ];
}

/** The answer form was sent. */
export async function submitAnswer(
  d: FlowDeps,
  ctx: TurnContext,
  id: number | undefined,
  fields: Record<string, string>,
): Promise<Reply[]> {
  if (!(await d.handoffs.isCoach(ctx.user.key))) return [onlyCoaches(ctx)];
  const answer = (fields.answer ?? '').trim();
  if (!answer) return replyForm(d, ctx, id, { answer: inGerman('reply.empty') });
  if (answer.length > MAX_ANSWER_CHARS)
    return replyForm(d, ctx, id, { answer: tooLong(answer.length) }, answer);
  if (id === undefined) return replyForm(d, ctx, id);
  return deliverAnswer(d, ctx, id, answer, fields.keep === 'ja');
}

/** Stores the first answer, sends it to the asker and keeps it as knowledge if the coach wants. */
async function deliverAnswer(
  d: FlowDeps,
  ctx: TurnContext,
  id: number,
  answer: string,
  keep: boolean | 'ask',
): Promise<Reply[]> {
  const existing = await d.handoffs.get(id);
  if (coachReply(ctx)?.handoffId === id) endCoachReply(ctx);
  if (!existing) return [gone(ctx)];
  const h = await d.handoffs.answer(id, ctx.user.key, answer);
  if (!h) return [alreadyAnswered((await d.handoffs.get(id)) ?? existing)];
  const coach = ctx.user.name ?? inGerman('delivery.someCoach');
  await d.services.outbox.sendToUser(h.askerKey, [
    {
      text: inGerman('delivery.answer', { coach, question: h.question, answer }),
      actions: [
        { id: knowledgeId('ask'), label: inGerman('delivery.anotherQuestion') },
        { id: 'booking.start', label: inGerman('delivery.bookSession') },
      ],
    },
  ]);
  const kept = keep === true ? await keepAnswer(d, h) : undefined;
  const actions: ReplyAction[] = kept
    ? [openQuestionsAction(ctx)]
    : [
        { id: knowledgeId('keepAsEntry'), value: String(h.id), label: inGerman('reply.keep') },
        openQuestionsAction(ctx),
      ];
  let text = inGerman(kept ? 'reply.sentAndKept' : 'reply.sent');
  if (keep === 'ask') text += ` ${inGerman('reply.askKeep')}`;
  return [{ text, actions }];
}

/** "Als Wissenseintrag speichern" after the answer went out. */
export async function keepAsEntry(d: FlowDeps, ctx: TurnContext, id: number | undefined): Promise<Reply[]> {
  if (!(await d.handoffs.isCoach(ctx.user.key))) return [onlyCoaches(ctx)];
  const h = id === undefined ? undefined : await d.handoffs.get(id);
  if (!h?.answer) return [gone(ctx)];
  if (!h.keptSource) await keepAnswer(d, h);
  return [{ text: inGerman('reply.kept') }];
}

/** A coach's answer becomes a knowledge entry that retrieval finds from then on. */
async function keepAnswer(d: FlowDeps, h: Handoff): Promise<string> {
  const source = `${COACH_ROOT}/${h.id}`;
  await storeEntry(d.services.db, {
    source,
    title: inGerman('reply.keptTitle', { question: h.question }),
    body: `${h.question}\n\n${h.answer}`,
    embedder: d.embedder,
    log: d.services.log,
  });
  await d.handoffs.markKept(h.id, source);
  return source;
}

/** The typed answer could not go out (answered meanwhile, or deleted): shown back so it is not lost. */
const notSent = (ctx: TurnContext, h: Handoff | undefined, text: string): Reply => ({
  text: [
    h ? alreadyAnswered(h).text : say(ctx, 'reply.questionGone'),
    say(ctx, 'reply.notSent', { text }),
  ].join('\n\n'),
  actions: [openQuestionsAction(ctx)],
});

const onlyCoaches = (ctx: TurnContext): Reply => ({ text: say(ctx, 'reply.onlyCoaches') });

const alreadyAnswered = (h: Handoff): Reply => ({
  text: inGerman('reply.alreadyAnswered', { answer: h.answer ?? '' }),
});
