import type { Db } from '../db/index.ts';
import { COMPOUND_HEAD_MIN } from './compounds.ts';
import type { TermGroup } from './query-terms.ts';
import type { TermStatistics } from './term-statistics.ts';

/** Minimum trigram similarity for correcting a misspelt word to a word of the corpus. */
const MIN_WORD_SIMILARITY = 0.52;
/** A corrected word is less certain than one the user wrote as the corpus has it. */
const CORRECTED_WEIGHT = 0.8;

/** A query word that was replaced, e.g. sprechstnde → sprechstunde (shown to the user). */
export interface Correction {
  from: string;
  to: string;
}

/**
 * Words the corpus lacks are replaced by the most similar corpus word (trigrams), if close enough; a
 * compound the corpus lacks by its longest last part the corpus has. The changed groups are analysed
 * again; every replacement is added to `corrections`.
 */
export async function correctUnknownWords(
  db: Db,
  stats: TermStatistics,
  groups: TermGroup[],
  corrections: Correction[],
): Promise<void> {
  const unknown = groups.filter(
    (g) => g.tsquery && !g.df && g.alts.length === 1 && /^\p{L}{5,}$/u.test(g.word),
  );
  if (!unknown.length) return;
  const changed: TermGroup[] = [];
  // A compound the corpus lacks is searched by its longest last part the corpus has: "Vorqualifikation"
  // → "Qualifikation". Only parts long enough to carry a meaning, after a first part of a word's length.
  const heads = unknown.flatMap((g) =>
    Array.from({ length: Math.max(0, g.word.length - COMPOUND_HEAD_MIN - 2) }, (_, i) => g.word.slice(i + 3)),
  );
  if (heads.length) {
    const { rows: known } = await db.query<{ word: string }>(
      'SELECT word FROM knowledge_words WHERE word = ANY($1::text[])',
      [heads],
    );
    const corpus = new Set(known.map((r) => r.word));
    for (const g of unknown) {
      const head = heads.find((h) => g.word.endsWith(h) && g.word !== h && corpus.has(h));
      if (!head) continue;
      corrections.push({ from: g.word, to: head });
      g.alts = [head];
      g.weight *= CORRECTED_WEIGHT;
      changed.push(g);
    }
  }
  const rest = unknown.filter((g) => !changed.includes(g));
  if (!rest.length) {
    await stats.analyse(changed);
    return;
  }
  const { rows } = await db.query<{ w: string; word: string; sim: number }>(
    `SELECT DISTINCT ON (w) w, word, similarity(word, w) AS sim
     FROM unnest($1::text[]) AS w JOIN knowledge_words ON word % w
     ORDER BY w, sim DESC, df DESC`,
    [rest.map((g) => g.word)],
  );
  for (const r of rows) {
    if (r.sim < MIN_WORD_SIMILARITY || r.word === r.w) continue;
    for (const g of rest.filter((u) => u.word === r.w)) {
      g.alts = [r.word];
      g.weight *= CORRECTED_WEIGHT;
      changed.push(g);
    }
    corrections.push({ from: r.w, to: r.word });
  }
  if (changed.length) await stats.analyse(changed);
}
