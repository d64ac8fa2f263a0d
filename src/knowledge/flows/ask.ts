// Asking and answering: the question typed or picked, retrieval (leaning on the conversation's topic for a
// follow-up), the curated, LLM or extractive answer with its buttons, and "Mehr dazu".
import type { Passage, TurnContext } from '../../core/context.ts';
import type { Reply, ReplyAction } from '../../core/reply.ts';
import { composeAnswer, extractiveAnswer } from '../answer.ts';
import type { EntryMatch } from '../entries.ts';
import { followUp, topicSubject } from '../follow-up.ts';
import { groundedAnswer, withoutPromptMarkers } from '../llm.ts';
import type { Retrieval } from '../search.ts';
import { contentWords, words } from '../text.ts';
import {
  askAction,
  askCoachAction,
  bookAction,
  type FlowDeps,
  feedbackActions,
  gone,
  type KnowledgeState,
  knowledgeId,
  knowledgeState,
  menuAction,
  NAME,
  say,
} from './common.ts';

/** A follow-up within this time may lean on the conversation's topic. */
const FOLLOW_UP_WINDOW_MS = 30 * 60_000;
/** Follow-up buttons of a curated answer at most. */
const RELATED_MAX = 3;

/** "Frage stellen": the next message is the question. */
export function askPrompt(ctx: TurnContext): Reply[] {
  ctx.state.active = NAME;
  return [{ text: say(ctx, 'ask.prompt'), actions: [menuAction(ctx)] }];
}

export async function answer(d: FlowDeps, ctx: TurnContext, asked: string): Promise<Reply[]> {
  const question = withoutPromptMarkers(asked);
  const state = knowledgeState(ctx);
  let { retrieval, context: usedContext } = await retrieve(d, state, question);
  // Words of the topic were corrected when it was asked; only the question's own corrections are news.
  const own = new Set(words(question));
  retrieval = { ...retrieval, corrections: retrieval.corrections.filter((c) => own.has(c.from)) };

  let reply: Reply;
  let mode: 'extractive' | 'llm' | 'curated' = 'extractive';
  let answerText: string | undefined;
  if (retrieval.abstained) {
    reply = { text: '' };
  } else if (retrieval.entry) {
    // A curated entry answers in its own words, with its section quoted and cited; no model needed.
    mode = 'curated';
    const a = composeAnswer(question, retrieval, ctx.locale);
    answerText = a.text;
    reply = { text: a.text, citations: a.citations };
  } else {
    const grounded = await llmAnswer(d, question, retrieval.passages, usedContext);
    if (grounded === 'no-answer') {
      retrieval = { ...retrieval, abstained: true, passages: [] };
      reply = { text: '' };
      mode = 'llm';
    } else if (grounded) {
      mode = 'llm';
      answerText = grounded.text;
      reply = { text: grounded.text, citations: grounded.citations, generated: true };
    } else {
      // The quoted passage stays German; composeAnswer tells an English reader so.
      const a = composeAnswer(question, retrieval, ctx.locale);
      answerText = a.text;
      reply = { text: a.text, citations: a.citations };
    }
  }
  const questionId = await d.questions.record({
    userKey: ctx.user.key,
    question,
    context: usedContext,
    abstained: retrieval.abstained,
    mode,
    answer: answerText,
    passages: retrieval.candidates,
  });
  ctx.state.data.knowledge = {
    // A chain of follow-ups keeps its topic: "Was ist WOL?" → "Und wer hat es erfunden?" → "Seit wann?"
    // is still about WOL, without the words of "erfunden" drifting into the next search.
    topic: usedContext ?? question,
    lastQuestionId: questionId,
    lastAt: Date.now(),
  } satisfies KnowledgeState;
  if (retrieval.abstained) return [abstention(ctx, questionId, retrieval.suggestions)];
  reply.text = correctionNote(ctx, retrieval) + reply.text;
  reply.actions = answerActions(ctx, questionId, retrieval.entry?.entry.related);
  return [reply];
}

/**
 * A follow-up button of a curated answer: that entry's answer, as if its question had been asked. It
 * becomes the conversation's topic, so "Und wie oft?" after it is about it (see follow-up.ts).
 */
export async function answerEntry(d: FlowDeps, ctx: TurnContext, key: string): Promise<Reply[]> {
  const found = key ? await d.kb.entry(key) : undefined;
  if (!found) return [gone(ctx)];
  const { match, passages } = found;
  const asked = ctx.t(match.entry.label);
  const a = composeAnswer(asked, { passages, entry: match }, ctx.locale);
  const questionId = await d.questions.record({
    userKey: ctx.user.key,
    question: asked,
    abstained: false,
    mode: 'curated',
    answer: a.text,
    passages,
  });
  ctx.state.data.knowledge = {
    topic: asked,
    lastQuestionId: questionId,
    lastAt: Date.now(),
  } satisfies KnowledgeState;
  return [
    { text: a.text, citations: a.citations, actions: answerActions(ctx, questionId, match.entry.related) },
  ];
}

/** "Mehr dazu": the longer extractive detail of an answer, with 👍 / 👎 and "Coach fragen". */
export async function more(d: FlowDeps, ctx: TurnContext, id: number | undefined): Promise<Reply[]> {
  const q = id === undefined ? undefined : await d.questions.get(id, ctx.user.key);
  if (!q || q.abstained || !q.passages.length) return [gone(ctx)];
  const ex = extractiveAnswer(q.question, q.passages);
  return [
    {
      text: ex.detail,
      citations: ex.citations,
      actions: [...feedbackActions(q.id), askCoachAction(ctx, q.id)],
    },
  ];
}

/** The LLM's grounded answer; undefined to answer extractively (no model, timeout, 429, 5xx …). */
async function llmAnswer(
  d: FlowDeps,
  question: string,
  passages: Passage[],
  context?: string,
): Promise<{ text: string; citations: Reply['citations'] } | 'no-answer' | undefined> {
  if (!d.llm) return undefined;
  const { config, log } = d.services;
  try {
    const a = await groundedAnswer(d.llm, config.OPENAI_CHAT_MODEL, question, passages.slice(0, 4), {
      context,
      timeoutMs: config.LLM_TIMEOUT_MS,
    });
    if (a.text === undefined) return 'no-answer';
    return { text: a.text, citations: a.citations };
  } catch (err) {
    const e = err as { status?: number; name?: string; message?: string };
    log.warn(
      { status: e.status, err: e.name ?? e.message },
      'language model failed; extractive answer instead',
    );
    return undefined;
  }
}

/**
 * Searches the question, leaning on the conversation's topic only when it lacks its own (see
 * follow-up.ts); returns the topic it leaned on as context.
 */
async function retrieve(
  d: FlowDeps,
  state: KnowledgeState,
  question: string,
): Promise<{ retrieval: Retrieval; context?: string }> {
  const { kb } = d;
  const topic = recent(state) ? state.topic : undefined;
  const kind = topic ? followUp(question, kb.glossary) : 'own';
  if (topic && kind === 'missing') {
    // The question's "sie" stands for the topic, so it is ranked as if written out: as a weak hint the topic
    // loses to a generic word ("Wer leitet sie?" found the coaching system). Whether there is an answer at
    // all is judged with the topic as context only: the topic itself is always found, and must not make
    // "Und wann fährt dorthin ein Zug?" look answerable.
    const subject = topicSubject(topic, kb.glossary);
    const [ranked, judged] = await Promise.all([
      kb.retrieve(`${subject} ${question}`, { k: 5 }),
      kb.retrieve(question, { k: 5, context: topic }),
    ]);
    return { retrieval: judged.abstained ? judged : ranked, context: topic };
  }
  if (topic && kind === 'both') {
    return { retrieval: await kb.retrieve(question, { k: 5, context: topic }), context: topic };
  }
  const alone = await kb.retrieve(question, { k: 5 });
  // A short question that finds nothing on its own may still belong to the topic ("seit wann").
  if (topic && kind === 'unclear' && alone.abstained && contentWords(question).length <= 3) {
    const retry = await kb.retrieve(question, { k: 5, context: topic });
    if (!retry.abstained) return { retrieval: retry, context: topic };
  }
  return { retrieval: alone };
}

function recent(state: KnowledgeState): boolean {
  return Boolean(state.topic && state.lastAt && Date.now() - state.lastAt < FOLLOW_UP_WINDOW_MS);
}

/** Under an answer: "Mehr dazu", the curated follow-ups (related entries), 👍 / 👎. */
function answerActions(
  ctx: TurnContext,
  questionId: number,
  related: { key: string; de: string; en: string }[] = [],
): ReplyAction[] {
  return [
    { id: knowledgeId('more'), value: String(questionId), label: say(ctx, 'ask.more') },
    ...related
      .slice(0, RELATED_MAX)
      .map((r) => ({ id: knowledgeId('relatedEntry'), value: r.key, label: ctx.t(r) })),
    ...feedbackActions(questionId),
  ];
}

/**
 * "Meinten Sie …?": the asker picked an entry the declined question resembles. The pick is kept with the
 * question (learning/suggestions.ts offers it to a coach as a phrasing), then the entry answers.
 */
export async function pickSuggestion(
  d: FlowDeps,
  ctx: TurnContext,
  pick: { questionId?: number; key: string },
): Promise<Reply[]> {
  if (pick.questionId !== undefined && pick.key)
    await d.questions.choose(pick.questionId, ctx.user.key, pick.key);
  return answerEntry(d, ctx, pick.key);
}

/** A suggestion button carries the declined question and the entry: "<question id>:<entry key>". */
export const suggestionValue = (questionId: number, key: string) => `${questionId}:${key}`;

/**
 * The bot declines. With entries the question resembles, it offers them first ("Meinten Sie …?"); then
 * rephrasing, the canvas, a coach and a booking: never a dead end.
 */
function abstention(ctx: TurnContext, questionId: number, suggestions: EntryMatch[]): Reply {
  return {
    text: say(ctx, suggestions.length ? 'ask.didYouMean' : 'ask.nothingFound'),
    actions: [
      ...suggestions.map((s) => ({
        id: knowledgeId('pickSuggestion'),
        value: suggestionValue(questionId, s.entry.key),
        label: ctx.t(s.entry.label),
      })),
      askAction(ctx, 'common.rephrase'),
      { id: 'canvas.start', label: say(ctx, 'ask.startCanvas') },
      askCoachAction(ctx, questionId),
      bookAction(ctx),
    ],
  };
}

function correctionNote(ctx: TurnContext, r: Retrieval): string {
  if (!r.corrections.length) return '';
  const list = r.corrections.map((c) => `„${c.from}“ → „${c.to}“`).join(', ');
  return `${say(ctx, 'ask.readAs', { list })}\n`;
}
