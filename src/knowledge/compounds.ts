import type { Db } from '../db/index.ts';
import type { TermGroup } from './query-terms.ts';

/**
 * German compounds carry their meaning in the last part: an "Einstiegsseminar" is a "Seminar". A single
 * word of the question also searches the corpus lexemes that end in its stem ("seminar" →
 * "einstiegsseminar"); lexemes starting with it are found as prefixes anyway. The lexicon of such endings
 * is kept in memory (it changes only with an ingest), so this costs no round trip.
 */

/** A word this long may be the last part of a compound in the corpus; the compounds searched per word. */
export const COMPOUND_HEAD_MIN = 6;
const COMPOUNDS_PER_WORD = 8;
/** How long the lexicon is kept before it is read again (an ingest also changes the chunk count). */
const LEXICON_CACHE_MS = 60_000;

interface Lexeme {
  lexeme: string;
  df: number;
}

export class CompoundLexicon {
  private endings?: { total: number; at: number; map: Map<string, Lexeme[]> };

  constructor(private readonly db: Db) {}

  /** Adds to each plain single-word group's tsquery the corpus compounds ending in its stem. */
  async addCompounds(groups: TermGroup[], total: number): Promise<void> {
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

  /** Every lexeme under each of its endings (most frequent first). */
  private async compoundEndings(total: number): Promise<Map<string, Lexeme[]>> {
    const cached = this.endings;
    if (cached && cached.total === total && Date.now() - cached.at < LEXICON_CACHE_MS) return cached.map;
    const { rows } = await this.db.query<Lexeme>(
      'SELECT lexeme, df FROM knowledge_lexemes WHERE length(lexeme) >= $1 ORDER BY df DESC',
      [COMPOUND_HEAD_MIN + 2],
    );
    const map = new Map<string, Lexeme[]>();
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
}
