import type { Db } from '../db/index.ts';
import { EntryIndex, type EntryMatch } from './entries.ts';
import { COUNT_CACHE_MS } from './term-statistics.ts';

/**
 * The curated question layer at retrieval time: the entries in memory (entries.ts matches them) and the
 * thresholds that make a match an answer. Whether it beats the passages is decision.ts's job.
 */

/**
 * An entry answers when its best phrasing matches the question at least this well (0..1), the phrasing's
 * own terms are mostly in the question, and the passages agree (see decision.ts) …
 */
export const MIN_ENTRY_SCORE = 0.6;
export const MIN_ENTRY_OWN = 0.5;
/** … or, when the passages rank its section lower, the phrasing and the question cover each other nearly. */
const SURE_ENTRY_SHARE = 0.8;
/** A question the passages do not cover (coverage below MIN_COVERAGE) is only answered by an entry this sure. */
export const OVERRIDE_ENTRY_SCORE = 0.85;

/** The match is close enough to answer, if the passages do not speak against it. */
export function closeEnough(m: EntryMatch): boolean {
  return m.score >= MIN_ENTRY_SCORE && m.own >= MIN_ENTRY_OWN;
}

/** Phrasing and question cover each other nearly: the entry needs no passage to agree. */
export function sureOfEntry(m: EntryMatch | undefined): m is EntryMatch {
  return m !== undefined && m.asked >= SURE_ENTRY_SHARE && m.own >= SURE_ENTRY_SHARE;
}

/**
 * The curated entries in memory (a few hundred), reloaded when an ingest or a coach changed them: checked
 * at most every few seconds by the highest entry and phrasing ids and counts and the chunk count.
 */
export class CuratedEntries {
  private cache?: { index: EntryIndex; stamp: string; at: number };

  constructor(private readonly db: Db) {}

  /** A coach taught a phrasing: this instance reloads the entries now, others within seconds (stamp). */
  forget(): void {
    this.cache = undefined;
  }

  async index(total: number): Promise<EntryIndex> {
    const cached = this.cache;
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
    this.cache = { index, stamp, at: Date.now() };
    return index;
  }
}
