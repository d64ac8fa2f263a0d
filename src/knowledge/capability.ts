import { DateTime } from 'luxon';
import type OpenAI from 'openai';
import { type ActionTable, runAction } from '../core/actions.ts';
import type { Capability, Installed, Passage, Services, TurnContext } from '../core/context.ts';
import { tableSource } from '../core/personal-data.ts';
import type { IncomingAction, Reply, ReplyAction } from '../core/reply.ts';
import { smallTalk } from '../core/small-talk.ts';
import { composeAnswer, extractiveAnswer } from './answer.ts';
import { followUp, topicSubject } from './follow-up.ts';
import { Glossary } from './glossary.ts';
import { type Handoff, Handoffs, type OpenHandoff } from './handoff.ts';
import { COACH_ROOT, ingestPaths, storeEntry } from './ingest.ts';
import { invalidLearningButton, learningActions, SUGGESTIONS, showSuggestions } from './learning/flow.ts';
import { groundedAnswer, withoutPromptMarkers } from './llm.ts';
import { createEmbedder, type Embedder, openaiClient } from './openai.ts';
import { QuestionLog } from './questions.ts';
import { KnowledgeBase, type Retrieval } from './search.ts';
import { contentWords, words } from './text.ts';
import { synonymsForKnowledge } from './thesaurus.ts';

/** What the knowledge capability keeps in the conversation state. */
interface KnowledgeState {
  /** The last question that stood on its own: what follow-ups are about (never a chain of them). */
  topic?: string;
  lastQuestionId?: number;
  lastAt?: number;
}

/** A follow-up within this time may lean on the conversation's topic. */
const FOLLOW_UP_WINDOW_MS = 30 * 60_000;
const MAX_ANSWER_CHARS = 3000;
/** A coach's command: the hand-offs nobody has answered yet. */
const OPEN_QUESTIONS = /^(offene (fragen|weitergaben)( anzeigen)?|open questions)[.!?]?$/i;
const OPEN_LIST_MAX = 10;
/** After "Antworten" the coach's typed messages are the answer; a day later a message is a question again. */
const TYPED_REPLY_MS = 24 * 60 * 60_000;

/**
 * A coach pressed "Antworten": what they type next is their answer to this hand-off (coaches in Slack and
 * Teams write in the chat rather than in the form). Its own slot, apart from the question state.
 */
interface CoachReplyState {
  handoffId: number;
  since: number;
  /** What the coach has typed so far; shown back with "Senden" / "Ändern" / "Nicht senden". */
  draft?: string;
}

/** The knowledge folders: KNOWLEDGE_DIR, comma-separated when a cluster keeps several. */
export const knowledgeDirs = (dir: string) =>
  dir
    .split(',')
    .map((d) => d.trim())
    .filter(Boolean);

export interface KnowledgeModule extends Installed {
  /** Provided to others: the canvas's step hints (KnowledgeSearch). */
  search: KnowledgeBase;
  /** The start-up ingest; resolved (never rejected) when done. */
  ready: Promise<void>;
}

/**
 * Builds the knowledge capability: ingests KNOWLEDGE_DIR in the background (searches wait for it),
 * answers questions with citations, logs them, and hands them to coaches on request.
 */
export function createKnowledge(services: Services): KnowledgeModule {
  const { config, db, log } = services;
  const dirs = knowledgeDirs(config.KNOWLEDGE_DIR);
  const embedder = createEmbedder(config);
  let resolveReady!: () => void;
  const readyGate = new Promise<void>((r) => {
    resolveReady = r;
  });
  const search = new KnowledgeBase(db, { embedder, log, ready: readyGate });
  // Asked questions and hand-offs are personal data ("meine Daten") and are kept only RETENTION_DAYS.
  const personalData = [
    tableSource(
      {
        label: { de: 'Gestellte Fragen und Bewertungen', en: 'Questions asked and ratings' },
        about: {
          de: 'Ihre Fragen mit der Antwort des Bots, den Quellen und Ihrer Bewertung (👍/👎).',
          en: 'Your questions with the bot’s answer, the sources and your rating (👍/👎).',
        },
      },
      'knowledge_questions',
      'user_key',
      'question, context, abstained, answer, feedback, created_at',
    ),
    tableSource(
      {
        label: { de: 'An Coaches weitergegebene Fragen', en: 'Questions passed to coaches' },
        about: {
          de: 'Fragen, die Sie an die Coaches weitergeben ließen, mit deren Antwort.',
          en: 'Questions you had passed to the coaches, with their answer.',
        },
      },
      'knowledge_handoffs',
      'asker_key',
      'question, context, answer, answered_at, created_at',
    ),
  ];
  const retention = [
    {
      table: 'knowledge_questions',
      column: 'created_at',
      label: { de: 'Gestellte Fragen und Bewertungen', en: 'Questions asked and ratings' },
      after: { de: 'der Frage', en: 'the question' },
    },
    {
      table: 'knowledge_handoffs',
      column: 'created_at',
      label: { de: 'An Coaches weitergegebene Fragen', en: 'Questions passed to coaches' },
      after: { de: 'der Weitergabe', en: 'it was passed on' },
    },
  ];
  const ready = (async () => {
    try {
      search.setGlossary(
        await Glossary.load(dirs, (file, err) => log.warn({ file, err: err.message }, 'glossary ignored')),
      );
      await ingestPaths(db, dirs, { exclusive: true, embedder, log });
      const thesaurus = await synonymsForKnowledge(db, config.KNOWLEDGE_THESAURUS);
      search.setSynonyms(thesaurus.synonyms);
      if (thesaurus.source) log.info({ words: thesaurus.synonyms.size }, 'thesaurus synonyms loaded');
      else log.info('searching without thesaurus synonyms (KNOWLEDGE_THESAURUS)');
    } catch (err) {
      log.error({ err }, 'knowledge base could not be ingested; answers use what is already stored');
    } finally {
      resolveReady();
    }
  })();
  const capability = new KnowledgeCapability(services, search, embedder, openaiClient(config));
  return { capability, search, ready, personalData, retention };
}

export class KnowledgeCapability implements Capability {
  readonly name = 'knowledge';
  readonly command = new RegExp(`${OPEN_QUESTIONS.source}|${SUGGESTIONS.source}`, 'i');
  private readonly questions: QuestionLog;
  private readonly handoffs: Handoffs;
  /** Learning from use (learning/): the coach's suggestions from unanswered and 👎 questions. */
  private readonly learning: ActionTable;

  constructor(
    private readonly services: Services,
    private readonly kb: KnowledgeBase,
    private readonly embedder: Embedder | undefined,
    private readonly llm: OpenAI | undefined,
  ) {
    this.questions = new QuestionLog(services.db);
    this.handoffs = new Handoffs(services);
    this.learning = learningActions({ services, kb });
  }

  async onText(ctx: TurnContext, text: string, reason: 'command' | 'active' | 'cue' | 'default') {
    const reply = coachReply(ctx);
    if (reply && reason === 'active' && Date.now() - reply.since < TYPED_REPLY_MS) {
      return this.typedCoachAnswer(ctx, reply, text);
    }
    // Another flow took over, a command, or too late: the text is no answer any more.
    if (reply) endCoachReply(ctx);
    if (reason === 'command' && SUGGESTIONS.test(text.trim()))
      return showSuggestions({ services: this.services, kb: this.kb }, ctx);
    if (reason === 'command') return this.openQuestions(ctx);
    if (reason === 'active' && ctx.state.active === this.name) ctx.state.active = undefined;
    // "danke" or "ok" is no question (also right after "Frage stellen"): help answers it, nothing is logged.
    if (smallTalk(text)) return null;
    return this.answer(ctx, text);
  }

  async onAction(ctx: TurnContext, action: IncomingAction): Promise<Reply[]> {
    // Any other button ends a typed answer in progress: the coach does something else.
    if (!/^knowledge\.(reply|send|discard|answer\.\d+)$/.test(action.id)) endCoachReply(ctx);
    const learned = await runAction(this.learning, ctx, action);
    if (learned.kind !== 'unknown')
      return learned.kind === 'ran' ? learned.replies : [invalidLearningButton(ctx)];
    const id = Number(action.value);
    const answerForm = /^knowledge\.answer\.(\d+)$/.exec(action.id);
    if (answerForm) return this.receiveCoachAnswer(ctx, Number(answerForm[1]), action.fields ?? {});
    switch (action.id) {
      case 'knowledge.ask':
        ctx.state.active = this.name;
        return [
          {
            text: ctx.t({
              de: 'Was möchten Sie wissen? Schreiben Sie Ihre Frage einfach hier in den Chat, zum Beispiel: _Wie oft findet die virtuelle Sprechstunde statt?_',
              en: 'What would you like to know? Just type your question here, for example: _How often is the virtual consultation hour?_ (My knowledge base is in German.)',
            }),
            actions: [{ id: 'help.menu', label: ctx.t({ de: 'Zurück zum Menü', en: 'Back to the menu' }) }],
          },
        ];
      case 'knowledge.more':
        return this.more(ctx, id);
      case 'knowledge.entry':
        return this.answerEntry(ctx, String(action.value ?? ''));
      case 'knowledge.up':
      case 'knowledge.down':
        return this.feedback(ctx, id, action.id === 'knowledge.up' ? 1 : -1);
      case 'knowledge.handoff':
        return this.handOff(ctx, id);
      case 'knowledge.reply':
        return this.coachReplyForm(ctx, id);
      case 'knowledge.send':
        return this.sendTypedAnswer(ctx, id);
      case 'knowledge.discard':
        return this.discardTypedAnswer(ctx, id);
      case 'knowledge.open':
        return this.openQuestions(ctx);
      case 'knowledge.keep':
        return this.keep(ctx, id);
      default:
        return [
          {
            text: ctx.t({
              de: 'Diese Schaltfläche kenne ich nicht. Stellen Sie Ihre Frage gern einfach neu.',
              en: 'I do not know this button. Feel free to ask your question again.',
            }),
            actions: [askAction(ctx)],
          },
        ];
    }
  }

  private async answer(ctx: TurnContext, asked: string): Promise<Reply[]> {
    const question = withoutPromptMarkers(asked);
    const state = knowledgeState(ctx);
    let { retrieval, context: usedContext } = await this.retrieve(state, question);
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
      const grounded = await this.llmAnswer(question, retrieval.passages, usedContext);
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
    const questionId = await this.questions.record({
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
    if (retrieval.abstained) return [abstention(ctx, questionId)];
    reply.text = correctionNote(ctx, retrieval) + reply.text;
    reply.actions = answerActions(ctx, questionId, retrieval.entry?.entry.related);
    return [reply];
  }

  /**
   * A follow-up button of a curated answer: that entry's answer, as if its question had been asked. It
   * becomes the conversation's topic, so "Und wie oft?" after it is about it (see follow-up.ts).
   */
  private async answerEntry(ctx: TurnContext, key: string): Promise<Reply[]> {
    const found = key ? await this.kb.entry(key) : undefined;
    if (!found) return [gone(ctx)];
    const { match, passages } = found;
    const asked = ctx.t(match.entry.label);
    const a = composeAnswer(asked, { passages, entry: match }, ctx.locale);
    const questionId = await this.questions.record({
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

  /** The LLM's grounded answer; undefined to answer extractively (no model, timeout, 429, 5xx …). */
  private async llmAnswer(
    question: string,
    passages: Passage[],
    context?: string,
  ): Promise<{ text: string; citations: Reply['citations'] } | 'no-answer' | undefined> {
    if (!this.llm) return undefined;
    const { config, log } = this.services;
    try {
      const a = await groundedAnswer(this.llm, config.OPENAI_CHAT_MODEL, question, passages.slice(0, 4), {
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
  private async retrieve(
    state: KnowledgeState,
    question: string,
  ): Promise<{ retrieval: Retrieval; context?: string }> {
    const topic = this.recent(state) ? state.topic : undefined;
    const kind = topic ? followUp(question, this.kb.glossary) : 'own';
    if (topic && kind === 'missing') {
      // The question's "sie" stands for the topic, so it is ranked as if written out: as a weak hint the topic
      // loses to a generic word ("Wer leitet sie?" found the coaching system). Whether there is an answer at
      // all is judged with the topic as context only: the topic itself is always found, and must not make
      // "Und wann fährt dorthin ein Zug?" look answerable.
      const subject = topicSubject(topic, this.kb.glossary);
      const [ranked, judged] = await Promise.all([
        this.kb.retrieve(`${subject} ${question}`, { k: 5 }),
        this.kb.retrieve(question, { k: 5, context: topic }),
      ]);
      return { retrieval: judged.abstained ? judged : ranked, context: topic };
    }
    if (topic && kind === 'both') {
      return { retrieval: await this.kb.retrieve(question, { k: 5, context: topic }), context: topic };
    }
    const alone = await this.kb.retrieve(question, { k: 5 });
    // A short question that finds nothing on its own may still belong to the topic ("seit wann").
    if (topic && kind === 'unclear' && alone.abstained && contentWords(question).length <= 3) {
      const retry = await this.kb.retrieve(question, { k: 5, context: topic });
      if (!retry.abstained) return { retrieval: retry, context: topic };
    }
    return { retrieval: alone };
  }

  private recent(state: KnowledgeState): boolean {
    return Boolean(state.topic && state.lastAt && Date.now() - state.lastAt < FOLLOW_UP_WINDOW_MS);
  }

  private async more(ctx: TurnContext, id: number): Promise<Reply[]> {
    const q = Number.isInteger(id) ? await this.questions.get(id, ctx.user.key) : undefined;
    if (!q || q.abstained || !q.passages.length) return [gone(ctx)];
    const ex = extractiveAnswer(q.question, q.passages);
    return [
      {
        text: ex.detail,
        citations: ex.citations,
        actions: [
          ...feedbackActions(q.id),
          {
            id: 'knowledge.handoff',
            value: String(q.id),
            label: ctx.t({ de: 'Coach fragen', en: 'Ask a coach' }),
          },
        ],
      },
    ];
  }

  private async feedback(ctx: TurnContext, id: number, value: 1 | -1): Promise<Reply[]> {
    if (!Number.isInteger(id) || !(await this.questions.feedback(id, ctx.user.key, value)))
      return [gone(ctx)];
    if (value === 1) {
      return [
        {
          text: ctx.t({ de: 'Danke für Ihr Feedback! 👍', en: 'Thanks for your feedback! 👍' }),
          actions: [askAction(ctx, { de: 'Weitere Frage', en: 'Another question' })],
        },
      ];
    }
    return [
      {
        text: ctx.t({
          de: 'Danke, das hilft uns, die Wissensbasis zu verbessern. Soll ich Ihre Frage an einen Coach für digitales Lernen (CoDiLe) weitergeben? Sie können sie auch anders formulieren.',
          en: 'Thanks, this helps us improve the knowledge base. Shall I pass your question to a coach (CoDiLe)? You can also rephrase it.',
        }),
        actions: [
          {
            id: 'knowledge.handoff',
            value: String(id),
            label: ctx.t({ de: 'Coach fragen', en: 'Ask a coach' }),
            style: 'primary',
          },
          askAction(ctx, { de: 'Umformulieren', en: 'Rephrase' }),
          { id: 'booking.start', label: ctx.t({ de: 'Termin buchen', en: 'Book a session' }) },
        ],
      },
    ];
  }

  /** One click: the question and what the bot answered go to every configured coach – once per question. */
  private async handOff(ctx: TurnContext, id: number): Promise<Reply[]> {
    const q = Number.isInteger(id) ? await this.questions.get(id, ctx.user.key) : undefined;
    if (!q) return [gone(ctx)];
    if (!this.services.config.coaches.length) return [noCoach(ctx)];
    const { handoff, created } = await this.handoffs.create({
      questionId: q.id,
      askerKey: ctx.user.key,
      question: q.question,
      context: q.context ?? undefined,
    });
    if (!created) return [alreadyHandedOff(ctx, handoff)];
    const asker = ctx.user.name ? `${ctx.user.name} (${ctx.user.key})` : ctx.user.key;
    const reached = await this.handoffs.notifyCoaches(() => [
      {
        text: [
          '**Neue Frage an die Coaches für digitales Lernen**',
          `Von: ${asker}`,
          `Frage: „${q.question}“`,
          q.context ? `Vorherige Frage im Gespräch: „${q.context}“` : '',
          q.abstained || !q.answer
            ? 'Der Bot hatte dazu nichts in seiner Wissensbasis.'
            : `Antwort des Bots: ${q.answer}`,
        ]
          .filter(Boolean)
          .join('\n'),
        citations: q.abstained
          ? undefined
          : q.passages.slice(0, 2).map((p) => ({ title: p.title, url: p.url })),
        actions: [
          { id: 'knowledge.reply', value: String(handoff.id), label: 'Antworten', style: 'primary' },
          { id: 'knowledge.open', label: 'Offene Fragen' },
        ],
      },
    ]);
    if (!reached) return [noCoach(ctx)];
    return [
      {
        text: ctx.t({
          de: 'Ich habe Ihre Frage an die Coaches für digitales Lernen (CoDiLe) weitergegeben. Sobald jemand antwortet, bekommen Sie die Antwort hier im Chat.',
          en: 'I passed your question to the coaches (CoDiLe). As soon as someone answers, you will get the answer here.',
        }),
        actions: [askAction(ctx, { de: 'Weitere Frage', en: 'Another question' })],
      },
    ];
  }

  /** "offene Fragen": the unanswered hand-offs, oldest first, each with its "Antworten" button. */
  private async openQuestions(ctx: TurnContext): Promise<Reply[]> {
    if (!(await this.handoffs.isCoach(ctx.user.key))) return [openQuestionsOnlyCoaches(ctx)];
    const { items, total } = await this.handoffs.open(OPEN_LIST_MAX);
    if (!items.length) {
      return [
        {
          text: ctx.t({
            de: 'Zurzeit ist keine Frage offen – alle weitergegebenen Fragen sind beantwortet.',
            en: 'No question is open right now – every forwarded question has been answered.',
          }),
          actions: [menuAction(ctx)],
        },
      ];
    }
    const header: Reply = {
      text:
        total > items.length
          ? ctx.t({
              de: `**Offene Fragen: ${total}** – hier die ${items.length} ältesten. Beantwortete verschwinden aus der Liste.`,
              en: `**Open questions: ${total}** – here are the ${items.length} oldest. Answered ones leave the list.`,
            })
          : ctx.t({
              de: `**Offene Fragen: ${total}** – die älteste zuerst.`,
              en: `**Open questions: ${total}** – oldest first.`,
            }),
    };
    return [header, ...items.map((h) => this.openItem(ctx, h))];
  }

  private openItem(ctx: TurnContext, h: OpenHandoff): Reply {
    let at = DateTime.fromJSDate(h.createdAt, { zone: ctx.user.timeZone });
    if (!at.isValid) at = DateTime.fromJSDate(h.createdAt, { zone: this.services.config.DEFAULT_TIMEZONE });
    const when = at
      .setLocale(ctx.locale === 'de' ? 'de-DE' : 'en-GB')
      .toLocaleString(DateTime.DATETIME_SHORT);
    const from = h.askerName ? `${h.askerName} (${h.askerKey})` : h.askerKey;
    return {
      text: [
        `„${h.question}“`,
        ctx.t({ de: `Von ${from}, ${when}`, en: `From ${from}, ${when}` }),
        h.context
          ? ctx.t({ de: `Vorherige Frage: „${h.context}“`, en: `Previous question: “${h.context}”` })
          : '',
      ]
        .filter(Boolean)
        .join('\n'),
      actions: [
        {
          id: 'knowledge.reply',
          value: String(h.id),
          label: ctx.t({ de: 'Antworten', en: 'Answer' }),
          style: 'primary',
        },
      ],
    };
  }

  /** "Antworten": the form; a message typed into the chat instead is taken as the answer, too. */
  private async coachReplyForm(
    ctx: TurnContext,
    id: number,
    errors?: Record<string, string>,
    draft?: string,
  ): Promise<Reply[]> {
    if (!(await this.handoffs.isCoach(ctx.user.key))) return [onlyCoaches(ctx)];
    const h = Number.isInteger(id) ? await this.handoffs.get(id) : undefined;
    if (!h || h.answer) {
      endCoachReply(ctx);
      return [h ? alreadyAnswered(h) : gone(ctx)];
    }
    // "Ändern" and a second "Antworten" keep what the coach typed so far.
    const pending = coachReply(ctx);
    const text = draft ?? (pending?.handoffId === h.id ? pending.draft : undefined);
    ctx.state.data.coachReply = { handoffId: h.id, since: Date.now(), draft: text } satisfies CoachReplyState;
    ctx.state.active = this.name;
    return [
      {
        text: `Frage: „${h.question}“\n\n${ctx.t({
          de: 'Schreiben Sie Ihre Antwort in das Formular – oder einfach direkt hier in den Chat.',
          en: 'Write your answer in the form – or simply type it here in the chat.',
        })}`,
        form: {
          id: `knowledge.answer.${h.id}`,
          title: 'Antwort an die Lotsin / den Lotsen',
          fields: [
            {
              id: 'answer',
              label: 'Ihre Antwort',
              type: 'textarea' as const,
              required: true,
              maxLength: MAX_ANSWER_CHARS,
              value: text,
            },
            {
              id: 'keep',
              label: 'Als Wissenseintrag für künftige Fragen speichern?',
              type: 'select' as const,
              options: [
                { value: 'nein', label: 'Nein' },
                { value: 'ja', label: 'Ja' },
              ],
              value: 'nein',
            },
          ],
          submitLabel: 'Antwort senden',
          errors,
        },
      },
    ];
  }

  /**
   * A message the coach typed after "Antworten": shown back with "Senden" / "Ändern" / "Nicht senden", so a
   * typed answer is never lost and nothing goes out unseen. Further messages are added to it.
   */
  private async typedCoachAnswer(ctx: TurnContext, pending: CoachReplyState, text: string): Promise<Reply[]> {
    const typed = text.trim();
    if (!(await this.handoffs.isCoach(ctx.user.key))) {
      endCoachReply(ctx);
      return [onlyCoaches(ctx)];
    }
    const h = await this.handoffs.get(pending.handoffId);
    if (!h || h.answer) {
      endCoachReply(ctx);
      return [notSent(ctx, h, pending.draft ? `${pending.draft}\n${typed}` : typed)];
    }
    // "ok" or "danke" after the draft is no addition to the answer.
    const draft = !pending.draft ? typed : smallTalk(typed) ? pending.draft : `${pending.draft}\n${typed}`;
    ctx.state.data.coachReply = { ...pending, since: Date.now(), draft } satisfies CoachReplyState;
    if (draft.length > MAX_ANSWER_CHARS) {
      return this.coachReplyForm(
        ctx,
        h.id,
        { answer: `Bitte höchstens ${MAX_ANSWER_CHARS} Zeichen (jetzt ${draft.length}).` },
        draft,
      );
    }
    return [
      {
        text: ctx.t({
          de: `Ihre Antwort auf die Frage „${h.question}“:\n\n${draft}\n\nSoll ich sie so senden? Schreiben Sie weiter, hänge ich es an.`,
          en: `Your answer to the question “${h.question}”:\n\n${draft}\n\nShall I send it like this? If you write more, I add it.`,
        }),
        actions: [
          {
            id: 'knowledge.send',
            value: String(h.id),
            label: ctx.t({ de: 'Senden', en: 'Send' }),
            style: 'primary',
          },
          { id: 'knowledge.reply', value: String(h.id), label: ctx.t({ de: 'Ändern', en: 'Edit' }) },
          {
            id: 'knowledge.discard',
            value: String(h.id),
            label: ctx.t({ de: 'Nicht senden', en: 'Do not send' }),
          },
        ],
      },
    ];
  }

  private async sendTypedAnswer(ctx: TurnContext, id: number): Promise<Reply[]> {
    if (!(await this.handoffs.isCoach(ctx.user.key))) return [onlyCoaches(ctx)];
    const pending = coachReply(ctx);
    // Without the typed text (sent already, or an old button): the form, or who answered.
    if (!pending?.draft || pending.handoffId !== id) return this.coachReplyForm(ctx, id);
    return this.deliverAnswer(ctx, id, pending.draft, 'ask');
  }

  private async discardTypedAnswer(ctx: TurnContext, id: number): Promise<Reply[]> {
    if (coachReply(ctx)?.handoffId === id) endCoachReply(ctx);
    return [
      {
        text: ctx.t({
          de: 'Gut, Ihre Antwort wurde nicht gesendet; die Frage bleibt offen. War Ihre Nachricht eine Frage an mich? Dann schreiben Sie sie einfach noch einmal.',
          en: 'Fine, your answer was not sent; the question stays open. Was your message a question for me? Then just type it again.',
        }),
        actions: [
          {
            id: 'knowledge.reply',
            value: String(id),
            label: ctx.t({ de: 'Doch antworten', en: 'Answer after all' }),
          },
          openAction(ctx),
        ],
      },
    ];
  }

  private async receiveCoachAnswer(ctx: TurnContext, id: number, fields: Record<string, string>) {
    if (!(await this.handoffs.isCoach(ctx.user.key))) return [onlyCoaches(ctx)];
    const answer = (fields.answer ?? '').trim();
    if (!answer) return this.coachReplyForm(ctx, id, { answer: 'Bitte schreiben Sie eine Antwort.' });
    if (answer.length > MAX_ANSWER_CHARS) {
      return this.coachReplyForm(
        ctx,
        id,
        { answer: `Bitte höchstens ${MAX_ANSWER_CHARS} Zeichen (jetzt ${answer.length}).` },
        answer,
      );
    }
    return this.deliverAnswer(ctx, id, answer, fields.keep === 'ja');
  }

  /** Stores the first answer, sends it to the asker and keeps it as knowledge if the coach wants. */
  private async deliverAnswer(ctx: TurnContext, id: number, answer: string, keep: boolean | 'ask') {
    const existing = await this.handoffs.get(id);
    if (coachReply(ctx)?.handoffId === id) endCoachReply(ctx);
    if (!existing) return [gone(ctx)];
    const h = await this.handoffs.answer(id, ctx.user.key, answer);
    if (!h) return [alreadyAnswered((await this.handoffs.get(id)) ?? existing)];
    const coach = ctx.user.name ?? 'einem Coach für digitales Lernen';
    await this.services.outbox.sendToUser(h.askerKey, [
      {
        text: `**Antwort von ${coach} (CoDiLe)** auf Ihre Frage „${h.question}“:\n\n${answer}`,
        actions: [
          { id: 'knowledge.ask', label: 'Weitere Frage' },
          { id: 'booking.start', label: 'Termin buchen' },
        ],
      },
    ]);
    const kept = keep === true ? await this.keepAnswer(h) : undefined;
    const actions: ReplyAction[] = kept
      ? [openAction(ctx)]
      : [
          { id: 'knowledge.keep', value: String(h.id), label: 'Als Wissenseintrag speichern' },
          openAction(ctx),
        ];
    let text = kept
      ? 'Danke! Die Antwort ist unterwegs und steht ab jetzt auch in der Wissensbasis.'
      : 'Danke! Ihre Antwort ist an die Fragestellerin / den Fragesteller unterwegs.';
    if (keep === 'ask') text += ' Soll sie auch als Wissenseintrag für künftige Fragen gespeichert werden?';
    return [{ text, actions }];
  }

  private async keep(ctx: TurnContext, id: number): Promise<Reply[]> {
    if (!(await this.handoffs.isCoach(ctx.user.key))) return [onlyCoaches(ctx)];
    const h = Number.isInteger(id) ? await this.handoffs.get(id) : undefined;
    if (!h?.answer) return [gone(ctx)];
    if (!h.keptSource) await this.keepAnswer(h);
    return [
      {
        text: 'Gespeichert: Die Antwort steht ab jetzt in der Wissensbasis und wird bei ähnlichen Fragen gefunden.',
      },
    ];
  }

  /** A coach's answer becomes a knowledge entry that retrieval finds from then on. */
  private async keepAnswer(h: Handoff): Promise<string> {
    const source = `${COACH_ROOT}/${h.id}`;
    await storeEntry(this.services.db, {
      source,
      title: `Antwort eines CoDiLe › ${h.question}`,
      body: `${h.question}\n\n${h.answer}`,
      embedder: this.embedder,
      log: this.services.log,
    });
    await this.handoffs.markKept(h.id, source);
    return source;
  }
}

function knowledgeState(ctx: TurnContext): KnowledgeState {
  const s = ctx.state.data.knowledge;
  return s && typeof s === 'object' ? (s as KnowledgeState) : {};
}

/** Follow-up buttons of a curated answer at most. */
const RELATED_MAX = 3;

/** Under an answer: "Mehr dazu", the curated follow-ups (related entries), 👍 / 👎. */
const answerActions = (
  ctx: TurnContext,
  questionId: number,
  related: { key: string; de: string; en: string }[] = [],
): ReplyAction[] => [
  { id: 'knowledge.more', value: String(questionId), label: ctx.t({ de: 'Mehr dazu', en: 'More' }) },
  ...related.slice(0, RELATED_MAX).map((r) => ({ id: 'knowledge.entry', value: r.key, label: ctx.t(r) })),
  ...feedbackActions(questionId),
];

const feedbackActions = (id: number): ReplyAction[] => [
  { id: 'knowledge.up', value: String(id), label: '👍' },
  { id: 'knowledge.down', value: String(id), label: '👎' },
];

const askAction = (ctx: TurnContext, label = { de: 'Frage stellen', en: 'Ask a question' }): ReplyAction => ({
  id: 'knowledge.ask',
  label: ctx.t(label),
});

function abstention(ctx: TurnContext, questionId: number): Reply {
  return {
    text: ctx.t({
      de: 'Dazu habe ich nichts in meiner Wissensbasis. Sie können die Frage anders formulieren, eine Digital Learning Canvas beginnen, einen Coach für digitales Lernen (CoDiLe) fragen oder einen Termin buchen.',
      en: 'I have nothing on that in my knowledge base. You can rephrase the question, start a Digital Learning Canvas, ask a coach (CoDiLe) or book a session.',
    }),
    actions: [
      askAction(ctx, { de: 'Umformulieren', en: 'Rephrase' }),
      { id: 'canvas.start', label: ctx.t({ de: 'Canvas starten', en: 'Start a canvas' }) },
      {
        id: 'knowledge.handoff',
        value: String(questionId),
        label: ctx.t({ de: 'Coach fragen', en: 'Ask a coach' }),
      },
      { id: 'booking.start', label: ctx.t({ de: 'Termin buchen', en: 'Book a session' }) },
    ],
  };
}

function correctionNote(ctx: TurnContext, r: Retrieval): string {
  if (!r.corrections.length) return '';
  const list = r.corrections.map((c) => `„${c.from}“ → „${c.to}“`).join(', ');
  return ctx.t({ de: `_(Gelesen als ${list})_\n`, en: `_(Read as ${list})_\n` });
}

const gone = (ctx: TurnContext): Reply => ({
  text: ctx.t({
    de: 'Diese Frage finde ich nicht mehr. Stellen Sie sie gern einfach noch einmal.',
    en: 'I cannot find this question any more. Feel free to ask it again.',
  }),
  actions: [askAction(ctx)],
});

const noCoach = (ctx: TurnContext): Reply => ({
  text: ctx.t({
    de: 'Gerade ist leider kein Coach für digitales Lernen (CoDiLe) über den Chat erreichbar. Sie können einen Termin in der Sprechstunde buchen.',
    en: 'Unfortunately no coach (CoDiLe) is reachable through the chat right now. You can book a consultation slot.',
  }),
  actions: [
    { id: 'booking.start', label: ctx.t({ de: 'Termin buchen', en: 'Book a session' }) },
    askAction(ctx, { de: 'Umformulieren', en: 'Rephrase' }),
  ],
});

const menuAction = (ctx: TurnContext): ReplyAction => ({
  id: 'help.menu',
  label: ctx.t({ de: 'Zurück zum Menü', en: 'Back to the menu' }),
});

const openAction = (ctx: TurnContext): ReplyAction => ({
  id: 'knowledge.open',
  label: ctx.t({ de: 'Offene Fragen', en: 'Open questions' }),
});

function coachReply(ctx: TurnContext): CoachReplyState | undefined {
  const s = ctx.state.data.coachReply as CoachReplyState | undefined;
  return s && typeof s === 'object' && Number.isInteger(s.handoffId) ? s : undefined;
}

/** The coach does something else: their next message is a question again. */
function endCoachReply(ctx: TurnContext): void {
  if (!ctx.state.data.coachReply) return;
  delete ctx.state.data.coachReply;
  if (ctx.state.active === 'knowledge') ctx.state.active = undefined;
}

const alreadyHandedOff = (ctx: TurnContext, h: Handoff): Reply =>
  h.answer
    ? {
        text: ctx.t({
          de: `Diese Frage haben Sie bereits an die Coaches weitergegeben, und die Antwort ist schon da:\n\n${h.answer}`,
          en: `You already passed this question to the coaches, and the answer is here:\n\n${h.answer}`,
        }),
        actions: [askAction(ctx, { de: 'Weitere Frage', en: 'Another question' })],
      }
    : {
        text: ctx.t({
          de: 'Diese Frage habe ich bereits an die Coaches für digitales Lernen (CoDiLe) weitergegeben. Sobald jemand antwortet, bekommen Sie die Antwort hier im Chat.',
          en: 'I already passed this question to the coaches (CoDiLe). As soon as someone answers, you will get the answer here.',
        }),
        actions: [askAction(ctx, { de: 'Weitere Frage', en: 'Another question' })],
      };

/** The typed answer could not go out (answered meanwhile, or deleted): shown back so it is not lost. */
const notSent = (ctx: TurnContext, h: Handoff | undefined, text: string): Reply => ({
  text: [
    h
      ? alreadyAnswered(h).text
      : ctx.t({ de: 'Diese Frage gibt es nicht mehr.', en: 'This question no longer exists.' }),
    ctx.t({
      de: `Ihr Text wurde deshalb nicht gesendet:\n\n${text}`,
      en: `So your text was not sent:\n\n${text}`,
    }),
  ].join('\n\n'),
  actions: [openAction(ctx)],
});

const openQuestionsOnlyCoaches = (ctx: TurnContext): Reply => ({
  text: ctx.t({
    de: 'Die Liste der offenen Fragen ist nur für Coaches für digitales Lernen (CoDiLe). Haben Sie selbst eine Frage? Schreiben Sie sie einfach hier in den Chat – finde ich keine Antwort, kann ich sie an die Coaches weitergeben.',
    en: 'The list of open questions is only for coaches (CoDiLe). Do you have a question yourself? Just type it here – if I find no answer, I can pass it to the coaches.',
  }),
  actions: [askAction(ctx), menuAction(ctx)],
});

const onlyCoaches = (ctx: TurnContext): Reply => ({
  text: ctx.t({
    de: 'Auf weitergeleitete Fragen können nur Coaches für digitales Lernen (CoDiLe) antworten.',
    en: 'Only coaches (CoDiLe) can answer forwarded questions.',
  }),
});

const alreadyAnswered = (h: Handoff): Reply => ({
  text: `Diese Frage wurde bereits beantwortet:\n\n${h.answer ?? ''}`,
});
