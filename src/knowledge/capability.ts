import type OpenAI from 'openai';
import type { ActionTable } from '../core/actions.ts';
import type { Capability, Installed, Services, TurnContext } from '../core/context.ts';
import type { Reply } from '../core/reply.ts';
import { smallTalk } from '../core/small-talk.ts';
import { knowledgeActions } from './actions.ts';
import { answer } from './flows/ask.ts';
import { TYPED_REPLY_MS, typedAnswer } from './flows/coach-reply.ts';
import { coachReply, endCoachReply, type FlowDeps, NAME } from './flows/common.ts';
import { openQuestions } from './flows/open-questions.ts';
import { Glossary } from './glossary.ts';
import { Handoffs } from './handoff.ts';
import { ingestPaths } from './ingest.ts';
import { COMMAND, SUGGESTIONS } from './intents.ts';
import { showSuggestions } from './learning/flow.ts';
import { createEmbedder, type Embedder, openaiClient } from './openai.ts';
import { knowledgeData } from './personal-data.ts';
import { QuestionLog } from './questions.ts';
import { KnowledgeBase } from './search.ts';
import { synonymsForKnowledge } from './thesaurus.ts';

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
  const { personalData, retention } = knowledgeData();
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

/**
 * Questions and answers with citations, feedback, hand-off to the coaches and their answers. The flows live
 * in flows/ (ask, feedback, hand-off, open questions, coach reply), learning from use in learning/, typed
 * commands in intents.ts, buttons in actions.ts, texts in messages/.
 */
export class KnowledgeCapability implements Capability {
  readonly name = NAME;
  readonly command = COMMAND;
  readonly actions: ActionTable;
  private readonly d: FlowDeps;

  constructor(services: Services, kb: KnowledgeBase, embedder?: Embedder, llm?: OpenAI) {
    this.d = {
      services,
      kb,
      embedder,
      llm,
      questions: new QuestionLog(services.db),
      handoffs: new Handoffs(services),
    };
    this.actions = knowledgeActions(this.d);
  }

  async onText(
    ctx: TurnContext,
    text: string,
    reason: 'command' | 'active' | 'cue' | 'default',
  ): Promise<Reply[] | null> {
    const reply = coachReply(ctx);
    if (reply && reason === 'active' && Date.now() - reply.since < TYPED_REPLY_MS) {
      return typedAnswer(this.d, ctx, reply, text);
    }
    // Another flow took over, a command, or too late: the text is no answer any more.
    if (reply) endCoachReply(ctx);
    if (reason === 'command' && SUGGESTIONS.test(text.trim())) return showSuggestions(this.d, ctx);
    if (reason === 'command') return openQuestions(this.d, ctx);
    if (reason === 'active' && ctx.state.active === this.name) ctx.state.active = undefined;
    // "danke" or "ok" is no question (also right after "Frage stellen"): help answers it, nothing is logged.
    if (smallTalk(text)) return null;
    return answer(this.d, ctx, text);
  }
}
