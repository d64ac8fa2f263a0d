// What the knowledge flows share: their dependencies, the conversation state they keep, and the small replies
// and buttons several of them show.
import type OpenAI from 'openai';
import { actionId, targetedId } from '../../core/actions.ts';
import type { Services, TurnContext } from '../../core/context.ts';
import type { Locale } from '../../core/i18n.ts';
import type { Values } from '../../core/messages.ts';
import type { Reply, ReplyAction } from '../../core/reply.ts';
import type { Handoffs } from '../handoff.ts';
import { type KnowledgeKey, knowledgeText } from '../messages/index.ts';
import type { Embedder } from '../openai.ts';
import type { QuestionLog } from '../questions.ts';
import type { KnowledgeBase } from '../search.ts';

/** The capability's name: the prefix of its action ids ("knowledge.ask"). */
export const NAME = 'knowledge';

/** What the flows work with, passed explicitly. */
export interface FlowDeps {
  services: Services;
  kb: KnowledgeBase;
  questions: QuestionLog;
  handoffs: Handoffs;
  embedder?: Embedder;
  /** The LLM for grounded answers; undefined answers extractively. */
  llm?: OpenAI;
}

/** What the knowledge capability keeps in the conversation state. */
export interface KnowledgeState {
  /** The last question that stood on its own: what follow-ups are about (never a chain of them). */
  topic?: string;
  lastQuestionId?: number;
  lastAt?: number;
}

export function knowledgeState(ctx: TurnContext): KnowledgeState {
  const s = ctx.state.data.knowledge;
  return s && typeof s === 'object' ? (s as KnowledgeState) : {};
}

/**
 * A coach pressed "Antworten": what they type next is their answer to this hand-off (coaches in Slack and
 * Teams write in the chat rather than in the form). Its own slot, apart from the question state.
 */
export interface CoachReplyState {
  handoffId: number;
  since: number;
  /** What the coach has typed so far; shown back with "Senden" / "Ändern" / "Nicht senden". */
  draft?: string;
}

export function coachReply(ctx: TurnContext): CoachReplyState | undefined {
  const s = ctx.state.data.coachReply as CoachReplyState | undefined;
  return s && typeof s === 'object' && Number.isInteger(s.handoffId) ? s : undefined;
}

/** The coach does something else: their next message is a question again. */
export function endCoachReply(ctx: TurnContext): void {
  if (!ctx.state.data.coachReply) return;
  delete ctx.state.data.coachReply;
  if (ctx.state.active === NAME) ctx.state.active = undefined;
}

/** "knowledge.<name>": the id of one of the capability's buttons (see actions.ts). */
export const knowledgeId = (name: string) => actionId(NAME, name);

/** The coach's answer form names its hand-off: "knowledge.submitAnswer:<hand-off id>". */
export const answerFormId = (handoffId: number) => targetedId(NAME, 'submitAnswer', String(handoffId));

/** A text in the reader's language. */
export const say = (ctx: TurnContext, key: KnowledgeKey, values?: Values) => knowledgeText(ctx, key, values);

/**
 * The coach-side texts that were always German, whoever reads them (the notice to the coaches, the answer
 * form, the answer as it reaches the asker): still German, so nothing changes for a reader.
 */
const GERMAN: Locale = 'de';
export const inGerman = (key: KnowledgeKey, values?: Values) => knowledgeText(GERMAN, key, values);

export const askAction = (ctx: TurnContext, label: KnowledgeKey = 'common.askQuestion'): ReplyAction => ({
  id: knowledgeId('ask'),
  label: say(ctx, label),
});

export const askCoachAction = (ctx: TurnContext, questionId: number): ReplyAction => ({
  id: knowledgeId('askCoach'),
  value: String(questionId),
  label: say(ctx, 'common.askCoach'),
});

export const bookAction = (ctx: TurnContext): ReplyAction => ({
  id: 'booking.start',
  label: say(ctx, 'common.bookSession'),
});

export const menuAction = (ctx: TurnContext): ReplyAction => ({
  id: 'help.menu',
  label: say(ctx, 'common.backToMenu'),
});

export const openQuestionsAction = (ctx: TurnContext): ReplyAction => ({
  id: knowledgeId('openQuestions'),
  label: say(ctx, 'common.openQuestions'),
});

export const feedbackActions = (questionId: number): ReplyAction[] => [
  { id: knowledgeId('helpful'), value: String(questionId), label: '👍' },
  { id: knowledgeId('notHelpful'), value: String(questionId), label: '👎' },
];

/** The question (or its button) is gone: deleted, another user's, or an unreadable value. */
export const gone = (ctx: TurnContext): Reply => ({
  text: say(ctx, 'common.questionGone'),
  actions: [askAction(ctx)],
});
