import type { Passage } from '../core/context.ts';
import type { Db } from '../db/index.ts';
import { toVectorLiteral } from './openai.ts';
import { IMPORTANCE, type TermGroup } from './query-terms.ts';

/**
 * Candidate passages in one round trip: full-text ranking (Σ over term groups of IDF × weight × ts_rank with
 * heading A, article title B, body D), trigram similarity of section headings, vector similarity when there
 * is a question vector; fused by weighted reciprocal rank fusion.
 */

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

export interface RankedRow {
  id: string;
  title: string;
  heading: string;
  source: string;
  url: string | null;
  body: string;
  score: number;
  /** Indexes of the term groups the chunk matched (for coverage); null for a section's own rows. */
  groups: number[] | null;
  cosine: number | null;
}

/** A question vector and the embedding model it was made with (only chunks of that model compare). */
export interface QueryVector {
  vector: number[];
  model: string;
}

/** The best k chunks for the term groups (and the question's content words, for heading similarity). */
export async function rankPassages(
  db: Db,
  groups: TermGroup[],
  question: string,
  vector: QueryVector | undefined,
  k: number,
  total: number,
): Promise<RankedRow[]> {
  // Candidates come from the question's selective words ("Förderkennzeichen", not "Lernen"); if it has
  // none, if they are only verbs or common words ("macht" would hide every passage about the noun beside
  // it), or they match nothing (a word the corpus lacks, an English phrase), from all its words.
  const rare = groups.filter((g) => !g.fromContext && g.df && g.df <= total * SELECTIVE_SHARE);
  const selective = rare.some((g) => g.importance >= IMPORTANCE.unknown) ? rare : [];
  const rows = selective.length ? await rankFrom(db, selective, groups, question, vector, k) : [];
  return rows.length ? rows : rankFrom(db, groups, groups, question, vector, k);
}

async function rankFrom(
  db: Db,
  poolGroups: TermGroup[],
  groups: TermGroup[],
  question: string,
  vector: QueryVector | undefined,
  k: number,
): Promise<RankedRow[]> {
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
    params.push(toVectorLiteral(vector.vector), vector.model, LIST_WEIGHTS.vector);
    vectorList = `
       UNION ALL
       SELECT id, $15::float8 / ($6 + row_number() OVER (ORDER BY embedding <=> $13::vector)) AS s
       FROM (SELECT id, embedding FROM knowledge_chunks WHERE embedding IS NOT NULL AND embedding_model = $14
             ORDER BY embedding <=> $13::vector LIMIT $4) v`;
  }
  const cosine = vector ? '1 - (c.embedding <=> $13::vector)' : 'NULL::float8';
  const { rows } = await db.query<RankedRow>(
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

/** The passages of an entry's section, in order, ranked first when the entry answers. */
export async function sectionRows(db: Db, documentId: string, heading: string): Promise<RankedRow[]> {
  const { rows } = await db.query<RankedRow>(
    `SELECT id, title, source, url, body, heading, 1::float8 AS score, NULL::int[] AS groups, NULL::float8 AS cosine
     FROM knowledge_chunks WHERE document_id = $1 AND heading = $2 ORDER BY ord`,
    [documentId, heading],
  );
  return rows;
}

/** A ranked row as the caller sees it; `score` overrides the row's own (a curated entry's section: 1). */
export function toPassage(r: RankedRow, score = Number(Number(r.score).toFixed(5))): Passage {
  return { text: r.body, title: r.title, source: r.source, url: r.url ?? undefined, score };
}
