import type { Logger } from 'pino';
import type { KnowledgeSearch, Passage } from '../core/context.ts';
import type { Db } from '../db/index.ts';
import { clauses } from './clauses.ts';
import { type Correction, correctUnknownWords } from './correction.ts';
import { CuratedEntries, closeEnough } from './curated.ts';
import { decide } from './decision.ts';
import { englishLexemes } from './english.ts';
import type { EntryMatch } from './entries.ts';
import { Glossary } from './glossary.ts';
import type { Embedder } from './openai.ts';
import { CONTEXT_WEIGHT, queryTerms, setIdf, type TermGroup, termGroups, weighTerms } from './query-terms.ts';
import { type QueryVector, rankPassages, sectionRows, toPassage } from './ranking.ts';
import { mergeSuggestions, SUGGEST_MIN_ASKED, SUGGESTIONS, suggestions } from './suggest.ts';
import { TermStatistics } from './term-statistics.ts';
import { contentWords, looksEnglish } from './text.ts';
import type { Synonyms } from './thesaurus.ts';

export { MIN_ENTRY_SCORE, OVERRIDE_ENTRY_SCORE } from './curated.ts';
/*
 * Retrieval, one job per module: query-terms.ts (a question as weighted term groups), term-statistics.ts
 * (their tsqueries and document frequencies) with compounds.ts (compound endings), correction.ts (words the
 * corpus lacks), ranking.ts (candidate passages), curated.ts (the curated entries) and decision.ts (what to
 * answer with, or abstain). This file wires them into the KnowledgeBase the capability uses.
 */
export { MIN_COSINE, MIN_COVERAGE } from './decision.ts';

export interface Retrieval {
  /** Best passages, best first; empty when the bot abstains. */
  passages: Passage[];
  /** The best passages even when abstaining (evaluation, logs). */
  candidates: Passage[];
  abstained: boolean;
  /** Coverage of the best candidate, 0..1 (see MIN_COVERAGE). */
  confidence: number;
  /** Query words that were corrected by trigram similarity, e.g. sprechstnde → sprechstunde. */
  corrections: Correction[];
  /** The curated entry that answers (its section's passage then comes first); none when abstaining. */
  entry?: EntryMatch;
  /** When abstaining: entries the question resembles, offered as "Meinten Sie …?" (suggest.ts). */
  suggestions: EntryMatch[];
}

export interface RetrieveOptions {
  k?: number;
  /** The previous question: its words join the search with less weight (follow-ups). */
  context?: string;
}

/**
 * Hybrid retrieval in PostgreSQL: German full text (a question as a weighted bag of stemmed terms,
 * IDF-weighted, glossary synonyms, trigram spelling correction), trigram similarity to section headings,
 * and pgvector similarity when embeddings exist; fused by reciprocal rank fusion.
 */
type Offer = 'if-declined' | 'unless-answered' | 'never';

/** Whether a search looks for "Meinten Sie …?" suggestions: a whole question when declined, a part unless answered. */
const offers = (offer: Offer, abstained: boolean, entry: EntryMatch | undefined) =>
  offer === 'if-declined' ? abstained : offer === 'unless-answered' && !entry;

export class KnowledgeBase implements KnowledgeSearch {
  private readonly stats: TermStatistics;
  private readonly curated: CuratedEntries;
  private synonyms: Synonyms = new Map();

  constructor(
    private readonly db: Db,
    private readonly opts: {
      glossary?: Glossary;
      embedder?: Embedder;
      log?: Logger;
      /** Resolves when the start-up ingest is done; searches wait for it. */
      ready?: Promise<unknown>;
    } = {},
  ) {
    this.stats = new TermStatistics(db);
    this.curated = new CuratedEntries(db);
  }

  get glossary(): Glossary {
    return this.opts.glossary ?? Glossary.empty();
  }

  setGlossary(glossary: Glossary): void {
    this.opts.glossary = glossary;
  }

  /** Thesaurus synonyms (thesaurus.ts): a word the knowledge base lacks also searches for these. */
  setSynonyms(synonyms: Synonyms): void {
    this.synonyms = synonyms;
  }

  async search(question: string, k = 5): Promise<Passage[]> {
    return (await this.retrieve(question, { k })).passages;
  }

  async retrieve(question: string, options: RetrieveOptions = {}): Promise<Retrieval> {
    const whole = await this.retrieveOnce(question, options, 'if-declined');
    if (whole.entry) return whole;
    // A question that asks two things at once ("was genau ist ein lodile? so ne art digitalbeauftragter?")
    // rarely matches a curated phrasing as a whole; one of its parts may, with the others as context.
    const parts = clauses(question);
    if (parts.length < 2) return whole;
    let best: Retrieval | undefined;
    const size = contentWords(question).length;
    const offered = [{ suggestions: whole.suggestions, words: size }];
    for (const [i, part] of parts.entries()) {
      const rest = parts.filter((_, j) => j !== i).join(' ');
      const context = [options.context, rest].filter(Boolean).join(' ');
      // The parts' suggestions count only when the whole question is declined.
      const r = await this.retrieveOnce(
        part,
        { ...options, context },
        whole.abstained ? 'unless-answered' : 'never',
      );
      if (r.entry && (!best || r.entry.score > best.entry!.score)) best = r;
      offered.push({ suggestions: r.suggestions, words: contentWords(part).length });
    }
    return best ?? { ...whole, suggestions: mergeSuggestions(offered, size) };
  }

  /** `offer`: when to look for "Meinten Sie …?" suggestions (suggest.ts), only where they can be shown. */
  private async retrieveOnce(question: string, options: RetrieveOptions, offer: Offer): Promise<Retrieval> {
    const k = options.k ?? 5;
    await this.opts.ready?.catch(() => {});
    // The previous question's words join with a lower weight, and count for coverage too: a follow-up such
    // as "Und wie oft?" is on topic through its context.
    const groups = [
      ...this.groups(question, 1, false),
      ...(options.context ? this.groups(options.context, CONTEXT_WEIGHT, true) : []),
    ];
    const corrections: Correction[] = [];
    const [total, queryVector] = await Promise.all([
      this.stats.analyse(groups),
      this.embedQuestion(options.context ? `${options.context}\n${question}` : question),
    ]);
    const none: Retrieval = {
      passages: [],
      candidates: [],
      abstained: true,
      confidence: 0,
      corrections,
      suggestions: [],
    };
    if (!total) return none;
    await correctUnknownWords(this.db, this.stats, groups, corrections);
    const used = weighTerms(groups, total);

    const english = looksEnglish(question);
    const [ranked, entries, [englishTerms]] = await Promise.all([
      rankPassages(this.db, used, contentWords(question).join(' '), queryVector, k, total),
      this.curated.index(total),
      english ? englishLexemes(this.db, [question]) : [],
    ]);
    // The curated question layer, matched with the same terms (stems, synonyms, corrections, weights) of
    // the question itself: the previous question's topic must not make an off-topic follow-up answerable.
    const terms = queryTerms(used.filter((g) => !g.literal && !g.fromContext));
    const [match] = entries.match(question, terms);
    // An English question is also matched against the entries' English side (english.ts).
    const [inEnglish] = english ? entries.english.match(question, englishTerms ?? []) : [];
    const decision = decide(question, ranked, used, match, inEnglish);
    const suggest = () =>
      suggestions(english ? entries.english.match(question, englishTerms ?? [], SUGGESTIONS) : [], () =>
        entries.match(question, terms, SUGGESTIONS, { minAsked: SUGGEST_MIN_ASKED }),
      );
    if (!decision) return { ...none, suggestions: offers(offer, true, undefined) ? suggest() : [] };
    const { abstained, confidence, entry } = decision;
    let rows = decision.rows;
    if (entry) {
      const own = await sectionRows(this.db, entry.entry.documentId, `${entry.entry.section}`);
      const ids = new Set(own.map((r) => r.id));
      rows = [...own, ...rows.filter((r) => !ids.has(r.id))];
    }
    const candidates = rows.map((r) => toPassage(r));
    return {
      passages: abstained ? [] : candidates,
      candidates,
      abstained,
      confidence,
      corrections,
      entry: abstained ? undefined : entry,
      suggestions: offers(offer, abstained, entry) ? suggest() : [],
    };
  }

  /**
   * The curated entries a question resembles, best first, by plain token overlap (every term weighs the
   * same: a word the corpus lacks is what a coach teaches, so IDF must not drown the rest), with no
   * threshold – for the coach's suggestions (learning/suggestions.ts). `answers`: the entry already answers
   * the question as retrieve weighs it.
   */
  async resemblingEntries(question: string, limit = 3): Promise<{ match: EntryMatch; answers: boolean }[]> {
    await this.opts.ready?.catch(() => {});
    const groups = this.groups(question, 1, false);
    const total = await this.stats.analyse(groups);
    if (!total) return [];
    await correctUnknownWords(this.db, this.stats, groups, []);
    setIdf(groups, total);
    const index = await this.curated.index(total);
    const used = groups.filter((g) => g.tsquery && !g.literal);
    const answering = new Set(
      index
        .match(question, queryTerms(used), limit * 3)
        .filter(closeEnough)
        .map((m) => m.entry.key),
    );
    return index
      .match(
        question,
        used.map((g) => ({ tsquery: g.tsquery!, weight: 1 })),
        limit,
        { minAsked: 0, uniform: true },
      )
      .map((match) => ({ match, answers: answering.has(match.entry.key) }));
  }

  /** A coach taught a phrasing: this instance reloads the entries now, others within seconds (stamp). */
  forgetEntries(): void {
    this.curated.forget();
  }

  /** A curated entry by its key (a follow-up button), with the passages of its section. */
  async entry(key: string): Promise<{ match: EntryMatch; passages: Passage[] } | undefined> {
    await this.opts.ready?.catch(() => {});
    const index = await this.curated.index(await this.stats.chunkCount());
    const e = index.byKey.get(key);
    if (!e) return undefined;
    const rows = await sectionRows(this.db, e.documentId, e.section);
    if (!rows.length) return undefined;
    return {
      match: { entry: e, score: 1, phrasing: '', asked: 1, own: 1 },
      passages: rows.map((r) => toPassage(r, 1)),
    };
  }

  private groups(question: string, weight: number, fromContext: boolean): TermGroup[] {
    return termGroups(question, weight, fromContext, this.glossary, this.synonyms);
  }

  private async embedQuestion(text: string): Promise<QueryVector | undefined> {
    const embedder = this.opts.embedder;
    if (!this.db.vector || !embedder) return undefined;
    try {
      const vector = (await embedder.embed([text]))[0];
      return vector ? { vector, model: embedder.model } : undefined;
    } catch (err) {
      this.opts.log?.warn({ err: (err as Error).message }, 'question embedding failed; lexical search only');
      return undefined;
    }
  }
}
