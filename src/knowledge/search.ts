import type { Logger } from 'pino';
import type { KnowledgeSearch, Passage } from '../core/context.ts';
import type { Db } from '../db/index.ts';
import { answers, askedTypes, isAskingWord } from './answer-type.ts';
import { type EntryIndex as CuratedIndex, EntryIndex, type EntryMatch } from './entries.ts';
import { Glossary } from './glossary.ts';
import { type Embedder, toVectorLiteral } from './openai.ts';
import { COMMON_WORDS, contentWords, normalise, STOP_WORDS, type WordShape, wordShapes } from './text.ts';
import type { Synonyms } from './thesaurus.ts';

/**
 * Abstention threshold on "coverage": the share of the question's term weight (IDF) that the best passages
 * contain (see KNOWN_MISSING_WEIGHT). Calibrated with `npm run eval -- --calibrate` on the development set
 * and our held-out questions: answerable questions reached 0.52–1.00, off-topic ones (weather, stock prices,
 * football, Python, train times) 0.00–0.25; the threshold sits between the two groups.
 */
export const MIN_COVERAGE = 0.4;
/** How much a word counts for coverage when only its thesaurus synonyms occur in the knowledge base. */
const SYNONYM_IMPORTANCE = 0.5;
/** Cosine similarity that lets a passage count as relevant on meaning alone (only with embeddings). */
export const MIN_COSINE = 0.55;
/**
 * A question word the corpus knows but the best passage lacks counts half: it shows the question is on
 * topic and the wording differs. Words the corpus has never seen count fully – off-topic questions consist
 * mostly of those ("Wetter", "Aktie", "Python").
 */
const KNOWN_MISSING_WEIGHT = 0.5;
/** Minimum trigram similarity for correcting a misspelt word to a word of the corpus. */
const MIN_WORD_SIMILARITY = 0.52;
/** Weight of the previous question's words when a follow-up is searched with its context. */
const CONTEXT_WEIGHT = 0.4;
/** …and all context words together weigh at most this share of the question's own words. */
const CONTEXT_SHARE = 0.5;
const QUESTION_FORM_WEIGHT = 0.3;
/**
 * A glossary term is searched with its synonyms; the literal term the user wrote weighs this much extra,
 * so "Redefinition" prefers the passage about that SAMR level to any passage about SAMR.
 */
const LITERAL_WEIGHT = 0.5;
/**
 * For coverage, a question's nouns and names carry its topic; its verbs and adjectives much less, common words
 * hardly. Without this, a question worded differently from the text ("Von wem stammt das SAMR-Modell?")
 * looked off-topic because of one verb the corpus happens not to use.
 */
const IMPORTANCE: Record<WordShape, number> = { number: 1.5, name: 1, unknown: 0.7, lower: 0.4 };
const COMMON_IMPORTANCE = 0.3;
const RRF_K = 20;
const LIST_WEIGHTS = { fulltext: 1, trigram: 0.35, vector: 1 } as const;
const CANDIDATES = 40;
/**
 * Two-stage full-text ranking: first the chunks with the most IDF weight of matching question words (a cheap
 * boolean match per word), then ts_rank, which weighs headings and frequencies but costs more, for only
 * these. Keeps the cost bounded on a large corpus.
 */
const POOL_SIZE = 100;
/** Words in more than this share of chunks ("Lernen", "Cluster") do not select candidates on their own. */
const SELECTIVE_SHARE = 0.25;
const COUNT_CACHE_MS = 5000;
const DF_CACHE_MS = 60_000;

/**
 * The curated question layer (entries.ts): an entry answers when its best phrasing matches the question at
 * least this well (0..1), the phrasing's own terms are mostly in the question, and the passages agree (its
 * section is among the best ENTRY_SECTION_RANKS) …
 */
export const MIN_ENTRY_SCORE = 0.6;
const MIN_ENTRY_OWN = 0.5;
/** … or, when the passages rank its section lower, the phrasing and the question cover each other nearly. */
const SURE_ENTRY_SHARE = 0.8;
/** A question the passages do not cover (coverage below MIN_COVERAGE) is only answered by an entry this sure. */
export const OVERRIDE_ENTRY_SCORE = 0.85;
/**
 * An entry whose phrasing holds less than this share of the question yields to a passage of another section
 * that covers YIELD_MARGIN more of it.
 */
const YIELD_BELOW_ASKED = 0.75;
const YIELD_MARGIN = 0.1;
/** Passages checked for the entry's section. */
const ENTRY_SECTION_RANKS = 3;

export interface Retrieval {
  /** Best passages, best first; empty when the bot abstains. */
  passages: Passage[];
  /** The best passages even when abstaining (evaluation, logs). */
  candidates: Passage[];
  abstained: boolean;
  /** Coverage of the best candidate, 0..1 (see MIN_COVERAGE). */
  confidence: number;
  /** Query words that were corrected by trigram similarity, e.g. sprechstnde → sprechstunde. */
  corrections: { from: string; to: string }[];
  /** The curated entry that answers (its section's passage then comes first); none when abstaining. */
  entry?: EntryMatch;
}

export interface RetrieveOptions {
  k?: number;
  /** The previous question: its words join the search with less weight (follow-ups). */
  context?: string;
}

interface Group {
  /** What the user wrote for this term (for corrections). */
  word: string;
  /** Alternatives: the word itself, glossary synonyms, or a spelling correction. */
  alts: string[];
  weight: number;
  fromContext: boolean;
  /** Ranks only: the literal glossary term the user wrote; not counted for coverage. */
  literal?: boolean;
  /** How much the word says about the topic, for coverage (see IMPORTANCE). */
  importance: number;
  /** A glossary group's IDF for coverage: that of the literal word when rarer. */
  topicIdf?: number;
  tsquery?: string;
  /** The tsquery also holds corpus compounds ending in the word (see addCompounds). */
  compounds?: boolean;
  df?: number;
  idf?: number;
}

/**
 * A single stemmed word also matches as the start of a compound ("Verbund" finds "Verbundpartner"), which
 * German writes as one word. Short stems stay exact: "lern:*" would match half the corpus.
 */
const PREFIX_MIN_LENGTH = 5;
/** A word this long may be the last part of a compound in the corpus; the compounds searched per word. */
const COMPOUND_HEAD_MIN = 6;
const COMPOUNDS_PER_WORD = 8;

interface RankedRow {
  id: string;
  title: string;
  heading: string;
  source: string;
  url: string | null;
  body: string;
  score: number;
  groups: number[] | null;
  cosine: number | null;
}

/**
 * Hybrid retrieval in PostgreSQL: German full text (a question as a weighted bag of stemmed terms,
 * IDF-weighted, glossary synonyms, trigram spelling correction), trigram similarity to section headings,
 * and pgvector similarity when embeddings exist; fused by reciprocal rank fusion.
 */
export class KnowledgeBase implements KnowledgeSearch {
  constructor(
    private readonly db: Db,
    private readonly opts: {
      glossary?: Glossary;
      embedder?: Embedder;
      log?: Logger;
      /** Resolves when the start-up ingest is done; searches wait for it. */
      ready?: Promise<unknown>;
    } = {},
  ) {}

  get glossary(): Glossary {
    return this.opts.glossary ?? Glossary.empty();
  }

  setGlossary(glossary: Glossary): void {
    this.opts.glossary = glossary;
  }

  private synonyms: Synonyms = new Map();

  /** Thesaurus synonyms (thesaurus.ts): a word the knowledge base lacks also searches for these. */
  setSynonyms(synonyms: Synonyms): void {
    this.synonyms = synonyms;
  }

  async search(question: string, k = 5): Promise<Passage[]> {
    return (await this.retrieve(question, { k })).passages;
  }

  async retrieve(question: string, options: RetrieveOptions = {}): Promise<Retrieval> {
    const k = options.k ?? 5;
    await this.opts.ready?.catch(() => {});
    // The previous question's words join with a lower weight, and count for coverage too: a follow-up such
    // as "Und wie oft?" is on topic through its context.
    const groups = [
      ...this.groups(question, 1, false),
      ...(options.context ? this.groups(options.context, CONTEXT_WEIGHT, true) : []),
    ];
    const corrections: Retrieval['corrections'] = [];
    const [total, queryVector] = await Promise.all([
      this.analyse(groups),
      this.embedQuestion(options.context ? `${options.context}\n${question}` : question),
    ]);
    const none: Retrieval = { passages: [], candidates: [], abstained: true, confidence: 0, corrections };
    if (!total) return none;
    await this.correct(groups, corrections);
    for (const g of groups) {
      const df = g.df ?? 0;
      // BM25's IDF; a word the corpus lacks entirely gets the highest weight, which is what makes
      // off-topic questions fall below the coverage threshold.
      g.idf = Math.log(1 + (total - df + 0.5) / (df + 0.5));
    }
    // A glossary term is as specific as the word the user wrote: "Kümmerer" is rare although its synonym
    // "LoDiLe" is everywhere; for coverage the group weighs with the rarer literal word.
    for (const literal of groups.filter((g) => g.literal)) {
      const group = groups.find(
        (g) => !g.literal && g.word === literal.word && g.fromContext === literal.fromContext,
      );
      if (group) group.topicIdf = Math.max(group.idf!, literal.idf!);
    }
    // Stop-word-only groups (empty tsquery) carry no information.
    const used = groups.filter((g) => g.tsquery);
    // The context may steer, not dominate: its words weigh at most half of the question's own words.
    const mass = (fromContext: boolean) =>
      used
        .filter((g) => g.fromContext === fromContext && !g.literal)
        .reduce((s, g) => s + g.idf! * g.weight, 0);
    const contextMass = mass(true);
    if (contextMass > 0) {
      const scale = Math.min(1, (CONTEXT_SHARE * mass(false)) / contextMass);
      for (const g of used) if (g.fromContext) g.weight *= scale;
    }

    const [ranked, entries] = await Promise.all([
      this.rank(used, contentWords(question).join(' '), queryVector, k, total),
      this.entryIndex(total),
    ]);
    let rows = ranked;
    // The curated question layer, matched with the same terms (stems, synonyms, corrections, weights) of
    // the question itself: the previous question's topic must not make an off-topic follow-up answerable.
    const [match] = entries.match(
      question,
      used
        .filter((g) => !g.literal && !g.fromContext)
        .map((g) => ({ tsquery: g.tsquery!, weight: g.idf! * g.weight * g.importance })),
    );
    // No passage shares a word with the question (an English one), but a phrasing says the same.
    const sureOfEntry = (m: EntryMatch | undefined) =>
      m !== undefined && m.asked >= SURE_ENTRY_SHARE && m.own >= SURE_ENTRY_SHARE;
    if (!rows.length && !(sureOfEntry(match) && match!.score >= OVERRIDE_ENTRY_SCORE)) return none;
    const coverageOf = (r: RankedRow, counts: (g: Group) => boolean = () => true) => {
      const hit = new Set((r.groups ?? []).map(Number));
      let found = 0;
      let missing = 0;
      used.forEach((g, i) => {
        if (g.literal || !counts(g)) return;
        const w = (g.topicIdf ?? g.idf!) * g.weight * g.importance;
        if (hit.has(i)) found += w;
        else missing += g.df ? w * KNOWN_MISSING_WEIGHT : w;
      });
      return found + missing > 0 ? found / (found + missing) : 0;
    };
    const top = rows.slice(0, 3);
    const confidence = Math.max(0, ...top.map((r) => coverageOf(r)));
    const bestCosine = Math.max(0, ...top.map((r) => Number(r.cosine ?? 0)));
    // A question for a price or a phone number needs a passage that names one (see answer-type.ts).
    // It must be on topic too – judged without the asking words ("kostet") – and goes first.
    const asked = askedTypes(question);
    const topical = (g: Group) => !isAskingWord(asked, g.word);
    const answering = asked.length
      ? rows.filter((r) => answers(asked, r.body) && coverageOf(r, topical) >= MIN_COVERAGE)
      : [];
    if (answering.length) rows = [...answering, ...rows.filter((r) => !answering.includes(r))];
    const unanswerable = asked.length > 0 && !answering.length;
    let abstained = unanswerable || (confidence < MIN_COVERAGE && bestCosine < MIN_COSINE);
    if (process.env.KNOWLEDGE_DEBUG_ENTRIES && match) {
      const rank = rows.findIndex(
        (r) => r.source === match.entry.source && r.heading === match.entry.section,
      );
      process.stderr.write(
        `  [entry] ${question} → ${match.entry.key} ${match.score.toFixed(2)} (asked ${match.asked.toFixed(2)}, own ${match.own.toFixed(2)}, rank ${rank + 1}, cov ${confidence.toFixed(2)}) „${match.phrasing}“\n`,
      );
    }
    let entry: EntryMatch | undefined;
    if (match && match.score >= MIN_ENTRY_SCORE && match.own >= MIN_ENTRY_OWN) {
      const section = `${match.entry.section}`;
      const ranked = rows
        .slice(0, ENTRY_SECTION_RANKS)
        .some((r) => r.source === match.entry.source && r.heading === section);
      const sure = sureOfEntry(match);
      // Asked for a price the passages do not name: only an entry whose own answer names one.
      const typeOk = !unanswerable || answers(asked, match.entry.answer);
      const covered = !abstained || match.score >= OVERRIDE_ENTRY_SCORE;
      // An entry that leaves part of the question unexplained yields to a better passage of another section
      // that explains it ("Worauf liegt bei WOL der Fokus?": the principles, not what WOL stands for).
      const own = rows.find((r) => r.source === match.entry.source && r.heading === section);
      const ownCoverage = own ? coverageOf(own) : 0;
      const better =
        match.asked >= YIELD_BELOW_ASKED
          ? undefined
          : rows
              .slice(0, ENTRY_SECTION_RANKS)
              .filter((r) => r !== own && coverageOf(r) > ownCoverage + YIELD_MARGIN)
              .sort((a, b) => coverageOf(b) - coverageOf(a))[0];
      if (better) rows = [better, ...rows.filter((r) => r !== better)];
      else if ((ranked || sure) && typeOk && covered) {
        entry = match;
        abstained = false;
        const own = await this.sectionRows(match.entry.documentId, section);
        const ids = new Set(own.map((r) => r.id));
        rows = [...own, ...rows.filter((r) => !ids.has(r.id))];
      }
    }
    const candidates: Passage[] = rows.map((r) => ({
      text: r.body,
      title: r.title,
      source: r.source,
      url: r.url ?? undefined,
      score: Number(Number(r.score).toFixed(5)),
    }));
    return {
      passages: abstained ? [] : candidates,
      candidates,
      abstained,
      confidence,
      corrections,
      entry: abstained ? undefined : entry,
    };
  }

  /** The passages of an entry's section, in order, ranked first when the entry answers. */
  private async sectionRows(documentId: string, heading: string): Promise<RankedRow[]> {
    const { rows } = await this.db.query<RankedRow>(
      `SELECT id, title, source, url, body, heading, 1::float8 AS score, NULL::int[] AS groups, NULL::float8 AS cosine
       FROM knowledge_chunks WHERE document_id = $1 AND heading = $2 ORDER BY ord`,
      [documentId, heading],
    );
    return rows;
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
    const total = await this.analyse(groups);
    if (!total) return [];
    await this.correct(groups, []);
    for (const g of groups) {
      const df = g.df ?? 0;
      g.idf = Math.log(1 + (total - df + 0.5) / (df + 0.5));
    }
    const index = await this.entryIndex(total);
    const used = groups.filter((g) => g.tsquery && !g.literal);
    const answering = new Set(
      index
        .match(
          question,
          used.map((g) => ({ tsquery: g.tsquery!, weight: g.idf! * g.weight * g.importance })),
          limit * 3,
        )
        .filter((m) => m.score >= MIN_ENTRY_SCORE && m.own >= MIN_ENTRY_OWN)
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
    this.entryCache = undefined;
  }

  private entryCache?: { index: CuratedIndex; stamp: string; at: number };
  /**
   * The curated entries in memory (a few hundred), reloaded when an ingest or a coach changed them: checked
   * at most every few seconds by the highest entry and phrasing ids and counts and the chunk count.
   */
  private async entryIndex(total: number): Promise<CuratedIndex> {
    const cached = this.entryCache;
    if (cached && Date.now() - cached.at < COUNT_CACHE_MS) return cached.index;
    const { rows } = await this.db.query<{ stamp: string }>(
      `SELECT coalesce(max(id), 0) || '/' || count(*) || '/' || $1::int || '/' ||
              (SELECT coalesce(max(id), 0) || ':' || count(*) FROM knowledge_phrasings) AS stamp
       FROM knowledge_entries`,
      [total],
    );
    const stamp = rows[0]?.stamp ?? '';
    if (cached && cached.stamp === stamp) {
      cached.at = Date.now();
      return cached.index;
    }
    const index = await EntryIndex.load(this.db, total);
    this.entryCache = { index, stamp, at: Date.now() };
    return index;
  }

  /** A curated entry by its key (a follow-up button), with the passages of its section. */
  async entry(key: string): Promise<{ match: EntryMatch; passages: Passage[] } | undefined> {
    await this.opts.ready?.catch(() => {});
    const index = await this.entryIndex(await this.chunkCount());
    const e = index.byKey.get(key);
    if (!e) return undefined;
    const rows = await this.sectionRows(e.documentId, e.section);
    if (!rows.length) return undefined;
    return {
      match: { entry: e, score: 1, phrasing: '', asked: 1, own: 1 },
      passages: rows.map((r) => ({
        text: r.body,
        title: r.title,
        source: r.source,
        url: r.url ?? undefined,
        score: 1,
      })),
    };
  }

  /** Splits a question into term groups: glossary phrases with their synonyms, then single content words. */
  private groups(question: string, weight: number, fromContext: boolean): Group[] {
    const text = normalise(question);
    const out: Group[] = [];
    const found = this.glossary.find(text);
    const covered = (i: number) => found.some((f) => i >= f.start && i < f.end);
    for (const f of found) {
      out.push({ word: f.term, alts: [f.term, ...f.synonyms], weight, fromContext, importance: 1 });
      if (f.synonyms.length) {
        const literal = { alts: [f.term], weight: weight * LITERAL_WEIGHT, literal: true };
        out.push({ word: f.term, ...literal, fromContext, importance: 1 });
      }
    }
    const shapes = wordShapes(question);
    const importance = (word: string) =>
      COMMON_WORDS.has(word) ? COMMON_IMPORTANCE : IMPORTANCE[shapes.get(word) ?? 'unknown'];
    let previous = '';
    for (const m of text.matchAll(/[\p{L}\p{N}]+(?:[-*][\p{L}\p{N}]+)*/gu)) {
      // "Wie hoch / lange / oft …": the word after "wie" is part of the question form, rarely the topic.
      const w = previous === 'wie' ? weight * QUESTION_FORM_WEIGHT : weight;
      previous = m[0];
      if (covered(m.index)) continue;
      // Hyphenated and starred words count part by part ("Lern-Zielgruppen", "Lots*innen").
      for (const part of m[0].split(/[-*]/)) {
        if (part.length < 2 || STOP_WORDS.has(part)) continue;
        if (out.some((g) => g.alts.includes(part))) continue;
        // A word found only through a thesaurus synonym is weaker evidence that a passage is on topic
        // ("Berlin" → "Bundesregierung"): it ranks like the word, but counts less for coverage.
        const synonyms = this.synonyms.get(part) ?? [];
        const weight = synonyms.length ? SYNONYM_IMPORTANCE : 1;
        out.push({
          word: part,
          alts: [part, ...synonyms],
          weight: w,
          fromContext,
          importance: importance(part) * weight,
        });
      }
    }
    return out;
  }

  /**
   * One round trip: each group's tsquery (OR of its alternatives; single words also as compound prefix),
   * its document frequency, and the number of chunks. Returns the chunk count.
   */
  private async analyse(groups: Group[]): Promise<number> {
    const total = await this.chunkCount();
    const alts = groups.flatMap((g, gi) => g.alts.map((a) => [gi, a] as const));
    for (const g of groups) {
      g.tsquery = '';
      g.df = 0;
      g.compounds = false;
    }
    if (!total || !alts.length) return total;
    // Document frequencies come from the statistics table: a single word also counts its compounds
    // (prefix), a phrase is as frequent as its rarest word, a group of alternatives adds them up.
    const { rows } = await this.db.query<{ g: number; q: string; df: number }>(
      `WITH alt AS (
         SELECT g, a, phraseto_tsquery('german', a) AS q FROM unnest($1::int[], $2::text[]) AS t(g, a)
       ), alt_df AS (
         SELECT alt.g, alt.a, alt.q,
                (SELECT min(CASE WHEN numnode(alt.q) = 1 AND length(l) >= $3
                             THEN (SELECT coalesce(sum(df), 0) FROM knowledge_lexemes WHERE lexeme LIKE l || '%')
                             ELSE (SELECT coalesce(max(df), 0) FROM knowledge_lexemes WHERE lexeme = l) END)
                 FROM unnest(tsvector_to_array(to_tsvector('german', alt.a))) AS l) AS df
         FROM alt WHERE numnode(alt.q) > 0
       )
       SELECT g, string_agg(DISTINCT '(' || (CASE WHEN numnode(q) = 1 AND length(q::text) >= $3 + 2
                                            THEN q::text || ':*' ELSE q::text END) || ')', ' | ') AS q,
              least(sum(coalesce(df, 0)), $4)::int AS df
       FROM alt_df GROUP BY g`,
      [alts.map(([gi]) => gi), alts.map(([, a]) => a), PREFIX_MIN_LENGTH, total],
    );
    for (const r of rows) {
      const g = groups[Number(r.g)]!;
      g.tsquery = r.q;
      g.df = r.df;
    }
    await this.addCompounds(groups, total);
    // Synonyms mostly occur together ("LoDiLe" beside "Lots*innen"): the sum of their frequencies would
    // make a glossary term look as common as "und". Count the chunks that hold any of them instead.
    // Counting costs a scan of the matching chunks, so counts are kept for a while (glossary terms recur).
    if (!this.synonymDf || this.synonymDf.total !== total || Date.now() - this.synonymDf.at > DF_CACHE_MS) {
      this.synonymDf = { total, at: Date.now(), df: new Map() };
    }
    const known = this.synonymDf.df;
    const multi = groups.filter((g) => g.tsquery && (g.alts.length > 1 || g.compounds));
    const missing = [...new Set(multi.map((g) => g.tsquery!).filter((q) => !known.has(q)))];
    if (missing.length) {
      const { rows: counted } = await this.db.query<{ i: number; df: number }>(
        `SELECT i, (SELECT count(*) FROM knowledge_chunks WHERE tsv @@ q::tsquery)::int AS df
         FROM unnest($1::text[]) WITH ORDINALITY AS t(q, i)`,
        [missing],
      );
      for (const r of counted) known.set(missing[Number(r.i) - 1]!, r.df);
    }
    for (const g of multi) g.df = known.get(g.tsquery!) ?? g.df;
    return total;
  }

  /**
   * German compounds carry their meaning in the last part: an "Einstiegsseminar" is a "Seminar". A single
   * word of the question also searches the corpus lexemes that end in its stem ("seminar" →
   * "einstiegsseminar"); lexemes starting with it are found as prefixes anyway. The lexicon of such endings
   * is kept in memory (it changes only with an ingest), so this costs no round trip.
   */
  private async addCompounds(groups: Group[], total: number): Promise<void> {
    const plain = groups.filter(
      (g) => !g.literal && g.alts.length === 1 && g.word.length >= COMPOUND_HEAD_MIN && g.tsquery,
    );
    if (!plain.length) return;
    const endings = await this.compoundEndings(total);
    for (const g of plain) {
      const head = /^\('((?:[^']|'')+)'(?::\*)?\)$/.exec(g.tsquery!)?.[1];
      if (!head || head.length < COMPOUND_HEAD_MIN - 1) continue;
      const compounds = (endings.get(head) ?? []).filter((c) => !c.lexeme.startsWith(head));
      if (!compounds.length) continue;
      const top = compounds.slice(0, COMPOUNDS_PER_WORD);
      g.tsquery += top.map((c) => ` | ('${c.lexeme.replace(/'/g, "''")}':*)`).join('');
      g.df = Math.min(total, (g.df ?? 0) + top.reduce((sum, c) => sum + c.df, 0));
      g.compounds = true;
    }
  }

  private endings?: { total: number; at: number; map: Map<string, { lexeme: string; df: number }[]> };
  /** Every lexeme under each of its endings (most frequent first), for addCompounds. */
  private async compoundEndings(total: number): Promise<Map<string, { lexeme: string; df: number }[]>> {
    const cached = this.endings;
    if (cached && cached.total === total && Date.now() - cached.at < DF_CACHE_MS) return cached.map;
    const { rows } = await this.db.query<{ lexeme: string; df: number }>(
      'SELECT lexeme, df FROM knowledge_lexemes WHERE length(lexeme) >= $1 ORDER BY df DESC',
      [COMPOUND_HEAD_MIN + 2],
    );
    const map = new Map<string, { lexeme: string; df: number }[]>();
    for (const r of rows) {
      const entry = { lexeme: r.lexeme, df: Number(r.df) };
      // Endings of a head's length after a first part of at least three letters.
      for (let i = 3; i <= r.lexeme.length - (COMPOUND_HEAD_MIN - 1); i++) {
        const ending = r.lexeme.slice(i);
        const list = map.get(ending);
        if (list) list.push(entry);
        else map.set(ending, [entry]);
      }
    }
    this.endings = { total, at: Date.now(), map };
    return map;
  }

  private countCache?: { n: number; at: number };
  /** Chunks holding any synonym of a glossary group, by the group's tsquery (see analyse). */
  private synonymDf?: { total: number; at: number; df: Map<string, number> };
  /** The number of chunks, cached briefly: it only changes with an ingest. */
  private async chunkCount(): Promise<number> {
    if (this.countCache && Date.now() - this.countCache.at < COUNT_CACHE_MS) return this.countCache.n;
    const { rows } = await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM knowledge_chunks');
    this.countCache = { n: rows[0]?.n ?? 0, at: Date.now() };
    return this.countCache.n;
  }

  /** Words the corpus lacks are replaced by the most similar corpus word (trigrams), if close enough. */
  private async correct(groups: Group[], corrections: Retrieval['corrections']): Promise<void> {
    const unknown = groups.filter(
      (g) => g.tsquery && !g.df && g.alts.length === 1 && /^\p{L}{5,}$/u.test(g.word),
    );
    if (!unknown.length) return;
    const changed: Group[] = [];
    // A compound the corpus lacks is searched by its longest last part the corpus has: "Vorqualifikation"
    // → "Qualifikation". Only parts long enough to carry a meaning, after a first part of a word's length.
    const heads = unknown.flatMap((g) =>
      Array.from({ length: Math.max(0, g.word.length - COMPOUND_HEAD_MIN - 2) }, (_, i) =>
        g.word.slice(i + 3),
      ),
    );
    if (heads.length) {
      const { rows: known } = await this.db.query<{ word: string }>(
        'SELECT word FROM knowledge_words WHERE word = ANY($1::text[])',
        [heads],
      );
      const corpus = new Set(known.map((r) => r.word));
      for (const g of unknown) {
        const head = heads.find((h) => g.word.endsWith(h) && g.word !== h && corpus.has(h));
        if (!head) continue;
        corrections.push({ from: g.word, to: head });
        g.alts = [head];
        g.weight *= 0.8;
        changed.push(g);
      }
    }
    const rest = unknown.filter((g) => !changed.includes(g));
    if (!rest.length) {
      await this.analyse(changed);
      return;
    }
    const { rows } = await this.db.query<{ w: string; word: string; sim: number }>(
      `SELECT DISTINCT ON (w) w, word, similarity(word, w) AS sim
       FROM unnest($1::text[]) AS w JOIN knowledge_words ON word % w
       ORDER BY w, sim DESC, df DESC`,
      [rest.map((g) => g.word)],
    );
    for (const r of rows) {
      if (r.sim < MIN_WORD_SIMILARITY || r.word === r.w) continue;
      for (const g of rest.filter((u) => u.word === r.w)) {
        g.alts = [r.word];
        g.weight *= 0.8;
        changed.push(g);
      }
      corrections.push({ from: r.w, to: r.word });
    }
    if (changed.length) await this.analyse(changed);
  }

  private async embedQuestion(text: string): Promise<number[] | undefined> {
    const embedder = this.opts.embedder;
    if (!this.db.vector || !embedder) return undefined;
    try {
      return (await embedder.embed([text]))[0];
    } catch (err) {
      this.opts.log?.warn({ err: (err as Error).message }, 'question embedding failed; lexical search only');
      return undefined;
    }
  }

  /**
   * One round trip: full-text ranking (Σ over term groups of IDF × weight × ts_rank with heading A,
   * article title B, body D), trigram similarity of section headings, vector similarity when there is a
   * question vector; fused by weighted reciprocal rank fusion.
   */
  private async rank(
    groups: Group[],
    question: string,
    vector: number[] | undefined,
    k: number,
    total: number,
  ) {
    // Candidates come from the question's selective words ("Förderkennzeichen", not "Lernen"); if it has
    // none, if they are only verbs or common words ("macht" would hide every passage about the noun beside
    // it), or they match nothing (a word the corpus lacks, an English phrase), from all its words.
    const rare = groups.filter((g) => !g.fromContext && g.df && g.df <= total * SELECTIVE_SHARE);
    const selective = rare.some((g) => g.importance >= IMPORTANCE.unknown) ? rare : [];
    const rows = selective.length ? await this.rankFrom(selective, groups, question, vector, k) : [];
    return rows.length ? rows : this.rankFrom(groups, groups, question, vector, k);
  }

  private async rankFrom(
    poolGroups: Group[],
    groups: Group[],
    question: string,
    vector: number[] | undefined,
    k: number,
  ) {
    const params: unknown[] = [
      groups.map((g) => g.tsquery),
      groups.map((g) => g.idf! * g.weight),
      groups.map((_, i) => i),
      CANDIDATES,
      question,
      RRF_K,
      LIST_WEIGHTS.fulltext,
      LIST_WEIGHTS.trigram,
      k,
      POOL_SIZE,
      poolGroups.map((g) => g.tsquery),
      poolGroups.map((g) => g.idf! * g.weight),
    ];
    let vectorList = '';
    if (vector) {
      params.push(toVectorLiteral(vector), this.opts.embedder!.model, LIST_WEIGHTS.vector);
      vectorList = `
       UNION ALL
       SELECT id, $15::float8 / ($6 + row_number() OVER (ORDER BY embedding <=> $13::vector)) AS s
       FROM (SELECT id, embedding FROM knowledge_chunks WHERE embedding IS NOT NULL AND embedding_model = $14
             ORDER BY embedding <=> $13::vector LIMIT $4) v`;
    }
    const cosine = vector ? '1 - (c.embedding <=> $13::vector)' : 'NULL::float8';
    const { rows } = await this.db.query<RankedRow>(
      `WITH q AS (SELECT * FROM unnest($1::text[], $2::float8[], $3::int[]) AS q(query, w, g)),
       pq AS (SELECT * FROM unnest($11::text[], $12::float8[]) AS pq(query, w)),
       pool AS (
         SELECT c.id, sum(pq.w) AS matched FROM knowledge_chunks c JOIN pq ON c.tsv @@ pq.query::tsquery
         GROUP BY c.id ORDER BY matched DESC, c.id LIMIT $10
       ),
       ft AS (
         SELECT c.id, c.heading, array_agg(q.g) AS groups,
                sum(q.w * ts_rank('{0.1, 0.2, 0.4, 1.0}', c.tsv, q.query::tsquery, 1)) AS s
         -- OFFSET 0 keeps the pool a separate step: the words are then tested on these rows only,
         -- not looked up in the whole index and joined afterwards.
         FROM (SELECT c.id, c.heading, c.tsv FROM pool JOIN knowledge_chunks c ON c.id = pool.id OFFSET 0) c
         CROSS JOIN q WHERE c.tsv @@ q.query::tsquery
         GROUP BY c.id, c.heading ORDER BY s DESC, c.id LIMIT $4
       ),
       lists AS (
         SELECT id, $7::float8 / ($6 + row_number() OVER (ORDER BY s DESC, id)) AS s FROM ft
         UNION ALL
         SELECT id, $8::float8 / ($6 + row_number() OVER (ORDER BY similarity(heading, $5) DESC, id)) AS s
         FROM ft WHERE similarity(heading, $5) > 0.2${vectorList}
       ),
       fused AS (SELECT id, sum(s) AS score FROM lists GROUP BY id ORDER BY score DESC, id LIMIT $9)
       SELECT c.id, c.title, c.heading, c.source, c.url, c.body, fused.score, ft.groups, ${cosine} AS cosine
       FROM fused JOIN knowledge_chunks c ON c.id = fused.id LEFT JOIN ft ON ft.id = fused.id
       ORDER BY fused.score DESC, c.id`,
      params,
    );
    return rows;
  }
}
