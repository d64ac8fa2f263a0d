import type { Queryable } from '../db/index.ts';
import type { CuratedEntry } from './entries.ts';
import { formAdjusted, questionForm } from './question-form.ts';
import { contentWords, words } from './text.ts';

/**
 * English questions against the curated layer's English side. The brochure and the German stems know no
 * English, so an English question's words ("share", "workplace", "courses") all looked unknown there and
 * weighed the most. Here each entry is the bag of its English phrasings and its English answer, stemmed by
 * PostgreSQL's English configuration, and a word weighs by how few entries hold it – the same IDF as BM25's.
 */

export interface EnglishMatch {
  entry: CuratedEntry;
  /** Share of the question's English term weight (IDF) that the entry's English text holds, 0..1. */
  asked: number;
  /** Share of its closest English phrasing's weight that the question holds, 0..1. */
  own: number;
  score: number;
  /** That phrasing. */
  phrasing: string;
  /** Share of the question's words (stop words too) in that phrasing: decides between equal scores. */
  wording: number;
  /** How many of the question's lexemes the entry holds. */
  held: number;
}

export interface EnglishDoc {
  entry: CuratedEntry;
  /** Each English phrasing with its lexemes and its question form (question-form.ts). */
  phrasings: { text: string; lexemes: string[]; type?: string }[];
  /** Lexemes of the English answer. */
  answer: string[];
}

/** Weight of the question's side in the score (geometric mean), as for German phrasings (entries.ts). */
const ASKED_EXPONENT = 0.7;

/**
 * A text's lexemes as PostgreSQL's English configuration stems them. Our stop words go first: PostgreSQL's
 * English list keeps "many" and "much", which belong to the question form ("how many"), not to its topic.
 */
export async function englishLexemes(db: Queryable, texts: string[]): Promise<string[][]> {
  if (!texts.length) return [];
  texts = texts.map((t) => contentWords(t).join(' '));
  const { rows } = await db.query<{ lexemes: string[] }>(
    `SELECT tsvector_to_array(to_tsvector('english', t)) AS lexemes
     FROM unnest($1::text[]) WITH ORDINALITY AS u(t, n) ORDER BY n`,
    [texts],
  );
  return rows.map((r) => r.lexemes);
}

export class EnglishIndex {
  private readonly df = new Map<string, number>();
  private readonly bags: Set<string>[];
  /** Lexeme → the entries holding it: a question is only compared with entries sharing a word. */
  private readonly postings = new Map<string, number[]>();
  /** Per entry, its phrasings with what does not change between questions: IDF mass and words. */
  private readonly phrasings: (EnglishDoc['phrasings'][number] & { mass: number; words: string[] })[][];

  constructor(private readonly docs: EnglishDoc[]) {
    this.bags = docs.map((d) => new Set([...d.phrasings.flatMap((p) => p.lexemes), ...d.answer]));
    this.bags.forEach((bag, i) => {
      for (const l of bag) {
        this.df.set(l, (this.df.get(l) ?? 0) + 1);
        const list = this.postings.get(l);
        if (list) list.push(i);
        else this.postings.set(l, [i]);
      }
    });
    this.phrasings = docs.map((d) =>
      d.phrasings.map((p) => ({
        ...p,
        mass: p.lexemes.reduce((s, l) => s + this.idf(l), 0),
        words: words(p.text),
      })),
    );
  }

  /** A word no entry holds weighs the most: a question made of such words is about something else. */
  private idf(lexeme: string): number {
    const n = this.df.get(lexeme) ?? 0;
    return Math.log(1 + (this.docs.length - n + 0.5) / (n + 0.5));
  }

  /** The entries holding the most of the question's weight, best first. */
  match(question: string, lexemes: string[], limit = 3): EnglishMatch[] {
    const asked = new Set(lexemes);
    const terms = [...asked];
    const said = new Set(words(question));
    const form = questionForm(question);
    const weights = terms.map((t) => this.idf(t));
    const mass = weights.reduce((s, w) => s + w, 0);
    if (!mass) return [];
    const out: EnglishMatch[] = [];
    const candidates = new Set(terms.flatMap((t) => this.postings.get(t) ?? []));
    for (const di of [...candidates].sort((a, b) => a - b)) {
      const d = this.docs[di]!;
      const bag = this.bags[di]!;
      let found = 0;
      let held = 0;
      terms.forEach((t, i) => {
        if (!bag.has(t)) return;
        found += weights[i]!;
        held++;
      });
      // Many entries hold "lodile": the one whose own question the user asked comes first, and of the same
      // form ("how often" for "how often"), as for German phrasings.
      const share = found / mass;
      let best: EnglishMatch | undefined;
      for (const p of this.phrasings[di]!) {
        const own = p.mass
          ? p.lexemes.filter((l) => asked.has(l)).reduce((s, l) => s + this.idf(l), 0) / p.mass
          : 0;
        const score = formAdjusted(
          share ** ASKED_EXPONENT * own ** (1 - ASKED_EXPONENT),
          form,
          p.type ?? d.entry.type,
        );
        const wording = p.words.filter((x) => said.has(x)).length / Math.max(said.size, 1);
        if (!best || score > best.score || (score === best.score && wording > best.wording))
          best = { entry: d.entry, asked: share, own, score, phrasing: p.text, wording, held };
      }
      if (best) out.push(best);
    }
    return out.sort((a, b) => b.score - a.score || b.wording - a.wording).slice(0, limit);
  }
}
