import type { Logger } from 'pino';
import type { KnowledgeSearch, Passage } from '../core/context.ts';
import type { Db } from '../db/index.ts';
import { Glossary } from './glossary.ts';
import { type Embedder, toVectorLiteral } from './openai.ts';
import { normalise, STOP_WORDS } from './text.ts';

/**
 * Abstention threshold on "coverage": the share of the question's term weight (IDF) that the best passages
 * contain (see KNOWN_MISSING_WEIGHT). Calibrated with `npm run eval -- --calibrate` on the development set
 * and our held-out questions: answerable questions reached 0.52–1.00, off-topic ones (weather, stock prices,
 * football, Python, train times) 0.00–0.25; the threshold sits between the two groups.
 */
export const MIN_COVERAGE = 0.4;
/** Cosine similarity that lets a passage count as relevant on meaning alone (only with embeddings). */
export const MIN_COSINE = 0.55;
/**
 * A question word the corpus knows but the best passage lacks counts half: it shows the question is on
 * topic and the wording differs. Words the corpus has never seen count fully – off-topic questions consist
 * mostly of those ("Wetter", "Aktie", "Python").
 */
const KNOWN_MISSING_WEIGHT = 0.5;
/** Minimum trigram similarity for correcting a misspelt word to a word of the corpus. */
const MIN_WORD_SIMILARITY = 0.55;
/** Weight of the previous question's words when a follow-up is searched with its context. */
const CONTEXT_WEIGHT = 0.4;
const RRF_K = 20;
const LIST_WEIGHTS = { fulltext: 1, trigram: 0.35, vector: 1 } as const;
const CANDIDATES = 40;

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
  tsquery?: string;
  df?: number;
  idf?: number;
}

/**
 * A single stemmed word also matches as the start of a compound ("Verbund" finds "Verbundpartner"), which
 * German writes as one word. Short stems stay exact: "lern:*" would match half the corpus.
 */
export function prefixed(tsquery: string): string {
  const single = /^'([^']+)'$/.exec(tsquery);
  return single && single[1]!.length >= PREFIX_MIN_LENGTH ? `${tsquery}:*` : tsquery;
}
const PREFIX_MIN_LENGTH = 5;

interface ChunkRow {
  id: string;
  title: string;
  source: string;
  url: string | null;
  body: string;
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

  async search(question: string, k = 5): Promise<Passage[]> {
    return (await this.retrieve(question, { k })).passages;
  }

  async retrieve(question: string, options: RetrieveOptions = {}): Promise<Retrieval> {
    const k = options.k ?? 5;
    await this.opts.ready?.catch(() => {});
    const groups = [
      ...this.groups(question, 1, false),
      ...(options.context ? this.groups(options.context, CONTEXT_WEIGHT, true) : []),
    ];
    const corrections: Retrieval['corrections'] = [];
    const none: Retrieval = { passages: [], candidates: [], abstained: true, confidence: 0, corrections };
    const total = await this.chunkCount();
    if (!total) return none;
    await this.prepare(groups, total, corrections);
    // The previous question's words count too (with their lower weight): a follow-up such as "Und wie oft?"
    // is on topic through its context.
    const own = groups;

    const [fulltext, trigram, vector] = await Promise.all([
      this.fulltextRanking(groups),
      this.trigramRanking(question),
      this.vectorRanking(question, options.context),
    ]);
    const fused = new Map<string, number>();
    const add = (ids: string[], weight: number) => {
      for (const [rank, id] of ids.entries())
        fused.set(id, (fused.get(id) ?? 0) + weight / (RRF_K + rank + 1));
    };
    add(
      fulltext.map((r) => r.id),
      LIST_WEIGHTS.fulltext,
    );
    add(
      trigram.map((r) => r.id),
      LIST_WEIGHTS.trigram,
    );
    add(
      vector.map((r) => r.id),
      LIST_WEIGHTS.vector,
    );
    const ranked = [...fused].sort((a, b) => b[1] - a[1]).slice(0, k);
    if (!ranked.length) return none;

    const matched = new Map(fulltext.map((r) => [r.id, r.groups]));
    const cosine = new Map(vector.map((r) => [r.id, r.similarity]));
    const coverageOf = (id: string) => {
      const hit = new Set(matched.get(id) ?? []);
      let found = 0;
      let missing = 0;
      own.forEach((g, i) => {
        const w = g.idf! * g.weight;
        if (hit.has(i)) found += w;
        else missing += g.df ? w * KNOWN_MISSING_WEIGHT : w;
      });
      return found + missing > 0 ? found / (found + missing) : 0;
    };
    const top = ranked.slice(0, 3).map(([id]) => id);
    const confidence = Math.max(...top.map(coverageOf));
    const bestCosine = Math.max(0, ...top.map((id) => cosine.get(id) ?? 0));
    const abstained = confidence < MIN_COVERAGE && bestCosine < MIN_COSINE;

    const rows = await this.chunks(ranked.map(([id]) => id));
    const candidates = ranked.flatMap(([id, score]) => {
      const r = rows.get(id);
      return r
        ? [
            {
              text: r.body,
              title: r.title,
              source: r.source,
              url: r.url ?? undefined,
              score: Number(score.toFixed(5)),
            },
          ]
        : [];
    });
    return { passages: abstained ? [] : candidates, candidates, abstained, confidence, corrections };
  }

  /** Splits a question into term groups: glossary phrases with their synonyms, then single content words. */
  private groups(question: string, weight: number, fromContext: boolean): Group[] {
    const text = normalise(question);
    const out: Group[] = [];
    const found = this.glossary.find(text);
    const covered = (i: number) => found.some((f) => i >= f.start && i < f.end);
    for (const f of found) {
      out.push({ word: f.term, alts: [f.term, ...f.synonyms], weight, fromContext });
    }
    for (const m of text.matchAll(/[\p{L}\p{N}]+(?:[-*][\p{L}\p{N}]+)*/gu)) {
      if (covered(m.index)) continue;
      // Hyphenated and starred words count part by part ("Lern-Zielgruppen", "Lots*innen").
      for (const part of m[0].split(/[-*]/)) {
        if (part.length < 2 || STOP_WORDS.has(part)) continue;
        if (out.some((g) => g.alts.includes(part))) continue;
        out.push({ word: part, alts: [part], weight, fromContext });
      }
    }
    return out;
  }

  /** Builds each group's tsquery, its document frequency and IDF; corrects words the corpus lacks. */
  private async prepare(groups: Group[], total: number, corrections: Retrieval['corrections']) {
    await this.buildQueries(groups);
    await this.countDocuments(groups);
    for (const g of groups) {
      if (g.df || g.alts.length !== 1 || !/^\p{L}{5,}$/u.test(g.word)) continue;
      const { rows } = await this.db.query<{ word: string; sim: number }>(
        `SELECT word, similarity(word, $1) AS sim FROM knowledge_words
         WHERE word % $1 ORDER BY sim DESC, df DESC LIMIT 1`,
        [g.word],
      );
      const best = rows[0];
      if (best && best.sim >= MIN_WORD_SIMILARITY && best.word !== g.word) {
        g.alts = [best.word];
        g.weight *= 0.8;
        g.tsquery = undefined;
        corrections.push({ from: g.word, to: best.word });
      }
    }
    if (corrections.length) {
      await this.buildQueries(groups.filter((g) => g.tsquery === undefined));
      await this.countDocuments(groups.filter((g) => corrections.some((c) => c.to === g.alts[0])));
    }
    for (const g of groups) {
      const df = g.df ?? 0;
      // BM25's IDF; a word the corpus lacks entirely gets the highest weight, which is what makes
      // off-topic questions fall below the coverage threshold.
      g.idf = Math.log(1 + (total - df + 0.5) / (df + 0.5));
    }
    // Stop-word-only groups (empty tsquery) carry no information.
    for (let i = groups.length - 1; i >= 0; i--) if (!groups[i]!.tsquery) groups.splice(i, 1);
  }

  private async buildQueries(groups: Group[]): Promise<void> {
    const alts = groups.flatMap((g, gi) => g.alts.map((a) => [gi, a] as const));
    if (!alts.length) return;
    const { rows } = await this.db.query<{ i: string; q: string }>(
      `SELECT i, phraseto_tsquery('german', a)::text AS q FROM unnest($1::text[]) WITH ORDINALITY AS t(a, i)`,
      [alts.map(([, a]) => a)],
    );
    const parts = new Map<number, string[]>();
    for (const r of rows) {
      const [gi] = alts[Number(r.i) - 1]!;
      if (r.q) parts.set(gi, [...(parts.get(gi) ?? []), `(${prefixed(r.q)})`]);
    }
    groups.forEach((g, gi) => {
      const p = [...new Set(parts.get(gi) ?? [])];
      g.tsquery = p.length ? p.join(' | ') : '';
    });
  }

  private async countDocuments(groups: Group[]): Promise<void> {
    const withQuery = groups.filter((g) => g.tsquery);
    if (!withQuery.length) return;
    const { rows } = await this.db.query<{ i: string; n: number }>(
      `SELECT t.i, (SELECT count(*)::int FROM knowledge_chunks c WHERE c.tsv @@ t.q::tsquery) AS n
       FROM unnest($1::text[]) WITH ORDINALITY AS t(q, i)`,
      [withQuery.map((g) => g.tsquery)],
    );
    for (const r of rows) withQuery[Number(r.i) - 1]!.df = r.n;
  }

  private async chunkCount(): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM knowledge_chunks');
    return rows[0]?.n ?? 0;
  }

  /** Σ over term groups of IDF × weight × ts_rank (heading A, article title B, body D). */
  private async fulltextRanking(groups: Group[]): Promise<{ id: string; groups: number[] }[]> {
    if (!groups.length) return [];
    const { rows } = await this.db.query<{ id: string; groups: number[] }>(
      `WITH q AS (SELECT * FROM unnest($1::text[], $2::float8[], $3::int[]) AS q(query, w, g))
       SELECT c.id, array_agg(q.g) AS groups
       FROM knowledge_chunks c JOIN q ON c.tsv @@ q.query::tsquery
       GROUP BY c.id
       ORDER BY sum(q.w * ts_rank('{0.1, 0.2, 0.4, 1.0}', c.tsv, q.query::tsquery, 1)) DESC, c.id
       LIMIT $4`,
      [
        groups.map((g) => g.tsquery),
        groups.map((g) => g.idf! * g.weight),
        groups.map((_, i) => i),
        CANDIDATES,
      ],
    );
    return rows.map((r) => ({ id: String(r.id), groups: r.groups.map(Number) }));
  }

  /** Section headings that look like the question (typos and word order do not matter much). */
  private async trigramRanking(question: string): Promise<{ id: string }[]> {
    const q = normalise(question);
    if (q.length < 4) return [];
    const { rows } = await this.db.query<{ id: string }>(
      `SELECT id FROM knowledge_chunks WHERE heading % $1
       ORDER BY similarity(heading, $1) DESC, id LIMIT $2`,
      [q, CANDIDATES / 2],
    );
    return rows.map((r) => ({ id: String(r.id) }));
  }

  private async vectorRanking(
    question: string,
    context?: string,
  ): Promise<{ id: string; similarity: number }[]> {
    const embedder = this.opts.embedder;
    if (!this.db.vector || !embedder) return [];
    try {
      const [v] = await embedder.embed([context ? `${context}\n${question}` : question]);
      if (!v) return [];
      const { rows } = await this.db.query<{ id: string; similarity: number }>(
        `SELECT id, 1 - (embedding <=> $1::vector) AS similarity FROM knowledge_chunks
         WHERE embedding IS NOT NULL AND embedding_model = $2
         ORDER BY embedding <=> $1::vector LIMIT $3`,
        [toVectorLiteral(v), embedder.model, CANDIDATES / 2],
      );
      return rows.map((r) => ({ id: String(r.id), similarity: Number(r.similarity) }));
    } catch (err) {
      this.opts.log?.warn({ err: (err as Error).message }, 'vector search skipped');
      return [];
    }
  }

  private async chunks(ids: string[]): Promise<Map<string, ChunkRow>> {
    const { rows } = await this.db.query<ChunkRow>(
      'SELECT id, title, source, url, body FROM knowledge_chunks WHERE id = ANY($1::bigint[])',
      [ids],
    );
    return new Map(rows.map((r) => [String(r.id), r]));
  }
}
