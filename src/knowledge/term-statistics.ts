import type { Db } from '../db/index.ts';
import { CompoundLexicon } from './compounds.ts';
import type { TermGroup } from './query-terms.ts';

/**
 * What the corpus says about a question's term groups: each group's tsquery and document frequency, and
 * the number of chunks – from the statistics table `knowledge_lexemes` (see ingest.ts), in one round trip.
 */

/**
 * A single stemmed word also matches as the start of a compound ("Verbund" finds "Verbundpartner"), which
 * German writes as one word. Short stems stay exact: "lern:*" would match half the corpus.
 */
const PREFIX_MIN_LENGTH = 5;
/** How long the chunk count (and the curated entries' stamp, see curated.ts) is trusted. */
export const COUNT_CACHE_MS = 5000;
const DF_CACHE_MS = 60_000;

export class TermStatistics {
  private readonly compounds: CompoundLexicon;
  private countCache?: { n: number; at: number };
  /** Chunks holding any synonym of a glossary group, by the group's tsquery (see analyse). */
  private synonymDf?: { total: number; at: number; df: Map<string, number> };

  constructor(private readonly db: Db) {
    this.compounds = new CompoundLexicon(db);
  }

  /** The number of chunks, cached briefly: it only changes with an ingest. */
  async chunkCount(): Promise<number> {
    if (this.countCache && Date.now() - this.countCache.at < COUNT_CACHE_MS) return this.countCache.n;
    const { rows } = await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM knowledge_chunks');
    this.countCache = { n: rows[0]?.n ?? 0, at: Date.now() };
    return this.countCache.n;
  }

  /**
   * One round trip: each group's tsquery (OR of its alternatives; single words also as compound prefix),
   * its document frequency, and the number of chunks. Returns the chunk count.
   */
  async analyse(groups: TermGroup[]): Promise<number> {
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
    await this.compounds.addCompounds(groups, total);
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
}
