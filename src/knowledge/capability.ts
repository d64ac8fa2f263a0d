import type OpenAI from 'openai';
import type { Capability, Passage, Services, TurnContext } from '../core/context.ts';
import { tableSource } from '../core/personal-data.ts';
import type { IncomingAction, Reply, ReplyAction } from '../core/reply.ts';
import { smallTalk } from '../core/small-talk.ts';
import { extractiveAnswer } from './answer.ts';
import { followUp, topicSubject } from './follow-up.ts';
import { Glossary } from './glossary.ts';
import { type Handoff, Handoffs } from './handoff.ts';
import { COACH_ROOT, ingestPaths, storeEntry } from './ingest.ts';
import { groundedAnswer, withoutPromptMarkers } from './llm.ts';
import { createEmbedder, type Embedder, openaiClient } from './openai.ts';
import { QuestionLog } from './questions.ts';
import { KnowledgeBase, type Retrieval } from './search.ts';
import { contentWords, words } from './text.ts';

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

/** The knowledge folders: KNOWLEDGE_DIR, comma-separated when a cluster keeps several. */
export const knowledgeDirs = (dir: string) =>
  dir
    .split(',')
    .map((d) => d.trim())
    .filter(Boolean);

export interface KnowledgeModule {
  capability: Capability;
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
  services.personalData.unshift(
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
  );
  services.retention.push(
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
  );
  const ready = (async () => {
    try {
      search.setGlossary(
        await Glossary.load(dirs, (file, err) => log.warn({ file, err: err.message }, 'glossary ignored')),
      );
      await ingestPaths(db, dirs, { exclusive: true, embedder, log });
    } catch (err) {
      log.error({ err }, 'knowledge base could not be ingested; answers use what is already stored');
    } finally {
      resolveReady();
    }
  })();
  const capability = new KnowledgeCapability(services, search, embedder, openaiClient(config));
  return { capability, search, ready };
}

export class KnowledgeCapability implements Capability {
  readonly name = 'knowledge';
  private readonly questions: QuestionLog;
  private readonly handoffs: Handoffs;

  constructor(
    private readonly services: Services,
    private readonly kb: KnowledgeBase,
    private readonly embedder: Embedder | undefined,
    private readonly llm: OpenAI | undefined,
  ) {
    this.questions = new QuestionLog(services.db);
    this.handoffs = new Handoffs(services);
  }

  async onText(ctx: TurnContext, text: string, reason: 'command' | 'active' | 'cue' | 'default') {
    if (reason === 'active' && ctx.state.active === this.name) ctx.state.active = undefined;
    // "danke" or "ok" is no question (also right after "Frage stellen"): help answers it, nothing is logged.
    if (smallTalk(text)) return null;
    return this.answer(ctx, text);
  }

  async onAction(ctx: TurnContext, action: IncomingAction): Promise<Reply[]> {
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
      case 'knowledge.up':
      case 'knowledge.down':
        return this.feedback(ctx, id, action.id === 'knowledge.up' ? 1 : -1);
      case 'knowledge.handoff':
        return this.handOff(ctx, id);
      case 'knowledge.reply':
        return this.coachReplyForm(ctx, id);
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
    let mode: 'extractive' | 'llm' = 'extractive';
    let answerText: string | undefined;
    if (retrieval.abstained) {
      reply = { text: '' };
    } else {
      const grounded = await this.llmAnswer(question, retrieval.passages, usedContext);
      if (grounded === 'no-answer') {
        retrieval = { ...retrieval, abstained: true, passages: [] };
        reply = { text: '' };
        mode = 'llm';
      } else if (grounded) {
        mode = 'llm';
        answerText = grounded.text;
        reply = { text: grounded.text, citations: grounded.citations };
      } else {
        const ex = extractiveAnswer(question, retrieval.passages);
        answerText = ex.short;
        reply = { text: ex.short, citations: ex.citations.slice(0, 1) };
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
    const note = correctionNote(ctx, retrieval);
    reply.text = note + reply.text;
    reply.actions = [
      { id: 'knowledge.more', value: String(questionId), label: ctx.t({ de: 'Mehr dazu', en: 'More' }) },
      ...feedbackActions(questionId),
    ];
    return [reply];
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

  /** One click: the question and what the bot answered go to every configured coach. */
  private async handOff(ctx: TurnContext, id: number): Promise<Reply[]> {
    const q = Number.isInteger(id) ? await this.questions.get(id, ctx.user.key) : undefined;
    if (!q) return [gone(ctx)];
    if (!this.services.config.coaches.length) return [noCoach(ctx)];
    const handoff = await this.handoffs.create({
      questionId: q.id,
      askerKey: ctx.user.key,
      question: q.question,
      context: q.context ?? undefined,
    });
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
        actions: [{ id: 'knowledge.reply', value: String(handoff.id), label: 'Antworten', style: 'primary' }],
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

  private async coachReplyForm(
    ctx: TurnContext,
    id: number,
    errors?: Record<string, string>,
    draft?: string,
  ) {
    if (!(await this.handoffs.isCoach(ctx.user.key))) return [onlyCoaches(ctx)];
    const h = Number.isInteger(id) ? await this.handoffs.get(id) : undefined;
    if (!h) return [gone(ctx)];
    if (h.answer) return [alreadyAnswered(h)];
    return [
      {
        text: `Frage: „${h.question}“`,
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
              value: draft,
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
    const existing = await this.handoffs.get(id);
    if (!existing) return [gone(ctx)];
    const h = await this.handoffs.answer(id, ctx.user.key, answer);
    if (!h) return [alreadyAnswered(existing)];
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
    const kept = fields.keep === 'ja' ? await this.keepAnswer(h) : undefined;
    const actions: ReplyAction[] = kept
      ? []
      : [{ id: 'knowledge.keep', value: String(h.id), label: 'Als Wissenseintrag speichern' }];
    return [
      {
        text: kept
          ? 'Danke! Die Antwort ist unterwegs und steht ab jetzt auch in der Wissensbasis.'
          : 'Danke! Ihre Antwort ist an die Fragestellerin / den Fragesteller unterwegs.',
        actions,
      },
    ];
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

const onlyCoaches = (ctx: TurnContext): Reply => ({
  text: ctx.t({
    de: 'Auf weitergeleitete Fragen können nur Coaches für digitales Lernen (CoDiLe) antworten.',
    en: 'Only coaches (CoDiLe) can answer forwarded questions.',
  }),
});

const alreadyAnswered = (h: Handoff): Reply => ({
  text: `Diese Frage wurde bereits beantwortet:\n\n${h.answer ?? ''}`,
});
