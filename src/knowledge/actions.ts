/**
 * The knowledge capability's buttons and forms as a typed action table (see core/actions.ts): the core
 * dispatches "knowledge.<name>" here and parses the payload first. The schemas are lenient on purpose: a
 * missing or unreadable id reaches the flow as `undefined`, which answers as before ("Diese Frage finde ich
 * nicht mehr") instead of a bare "button no longer valid".
 */
import { z } from 'zod';
import { type ActionHandler, type ActionTable, action, payload } from '../core/actions.ts';
import { answerEntry, askPrompt, more, pickSuggestion } from './flows/ask.ts';
import {
  discardTypedAnswer,
  keepAsEntry,
  replyForm,
  sendTypedAnswer,
  submitAnswer,
} from './flows/coach-reply.ts';
import { endCoachReply, type FlowDeps } from './flows/common.ts';
import { feedback } from './flows/feedback.ts';
import { handOff } from './flows/hand-off.ts';
import { openQuestions } from './flows/open-questions.ts';
import { learningActions } from './learning/flow.ts';

const toId = (v: unknown) => {
  const n = Number(v);
  return Number.isInteger(n) ? n : undefined;
};
/** A question or hand-off id carried as the button's value. */
const recordId = z.unknown().transform(toId);
/** The key of a curated entry (a follow-up button of its answer). */
const entryKey = z.unknown().transform((v) => (typeof v === 'string' ? v : ''));
/** A "Meinten Sie …?" button: the declined question's id and the entry's key, "12:lodile-was". */
const suggestionPick = z.unknown().transform((v) => {
  const m = typeof v === 'string' ? /^(\d+):(.+)$/.exec(v) : null;
  return { questionId: m ? toId(m[1]) : undefined, key: m ? m[2]! : '' };
});
/** The coach's answer form: the hand-off's id in the form's id (see `answerFormId`), and its fields. */
const answerForm = payload
  .targeted(z.record(z.string(), z.string()))
  .transform(({ target, fields }) => ({ handoff: toId(target), fields }))
  .catch({ handoff: undefined, fields: {} });

/**
 * Buttons already sent to users (Slack and Teams messages) carry these older action names; they keep working
 * as aliases of the new entries. The old answer form "knowledge.answer.<id>" is read by the core as
 * "answer" with that target. Do not remove an alias while such messages may still be around.
 */
const LEGACY_ALIASES = {
  entry: 'relatedEntry',
  up: 'helpful',
  down: 'notHelpful',
  handoff: 'askCoach',
  reply: 'replyToHandoff',
  send: 'sendTypedAnswer',
  discard: 'discardTypedAnswer',
  answer: 'submitAnswer',
  open: 'openQuestions',
  keep: 'keepAsEntry',
} as const;

/** The coach's typed answer in progress stays only while they work on it; any other button ends it. */
const KEEP_TYPED_ANSWER = new Set([
  'replyToHandoff',
  'sendTypedAnswer',
  'discardTypedAnswer',
  'submitAnswer',
]);

export function knowledgeActions(d: FlowDeps): ActionTable {
  const table = {
    // Asking and answering.
    ask: action(payload.none, async (ctx) => askPrompt(ctx)),
    more: action(recordId, (ctx, id) => more(d, ctx, id)),
    relatedEntry: action(entryKey, (ctx, key) => answerEntry(d, ctx, key)),
    pickSuggestion: action(suggestionPick, (ctx, pick) => pickSuggestion(d, ctx, pick)),
    helpful: action(recordId, (ctx, id) => feedback(d, ctx, id, 1)),
    notHelpful: action(recordId, (ctx, id) => feedback(d, ctx, id, -1)),
    askCoach: action(recordId, (ctx, id) => handOff(d, ctx, id)),
    // The coaches' side: open questions and answering them.
    openQuestions: action(payload.none, (ctx) => openQuestions(d, ctx)),
    replyToHandoff: action(recordId, (ctx, id) => replyForm(d, ctx, id)),
    sendTypedAnswer: action(recordId, (ctx, id) => sendTypedAnswer(d, ctx, id)),
    discardTypedAnswer: action(recordId, async (ctx, id) => discardTypedAnswer(ctx, id)),
    submitAnswer: action(answerForm, (ctx, v) => submitAnswer(d, ctx, v.handoff, v.fields)),
    keepAsEntry: action(recordId, (ctx, id) => keepAsEntry(d, ctx, id)),
    // Learning from use: suggestions from unanswered and 👎 questions.
    ...learningActions(d),
  } satisfies ActionTable;

  const withRule = (name: string, handler: ActionHandler): ActionHandler =>
    KEEP_TYPED_ANSWER.has(name)
      ? handler
      : {
          value: handler.value,
          run: (ctx, value, incoming) => {
            endCoachReply(ctx);
            return handler.run(ctx, value, incoming);
          },
        };
  const entries = Object.fromEntries(
    Object.entries(table).map(([name, handler]) => [name, withRule(name, handler as ActionHandler)]),
  ) as Record<keyof typeof table, ActionHandler>;
  const aliases = Object.fromEntries(
    Object.entries(LEGACY_ALIASES).map(([old, current]) => [old, entries[current]]),
  );
  return { ...entries, ...aliases };
}
