import type { QueryTerm } from './entries.ts';
import type { Glossary } from './glossary.ts';
import { COMMON_WORDS, normalise, STOP_WORDS, type WordShape, wordShapes } from './text.ts';
import type { Synonyms } from './thesaurus.ts';

/**
 * A question as retrieval sees it: term groups (a glossary phrase with its synonyms, or one content word),
 * each with a weight for ranking and an importance for coverage. term-statistics.ts then gives every group
 * its tsquery and document frequency; weighTerms turns those into IDF weights.
 */

/** How much a word counts for coverage when only its thesaurus synonyms occur in the knowledge base. */
const SYNONYM_IMPORTANCE = 0.5;
/** Weight of the previous question's words when a follow-up is searched with its context. */
export const CONTEXT_WEIGHT = 0.4;
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
export const IMPORTANCE: Record<WordShape, number> = { number: 1.5, name: 1, unknown: 0.7, lower: 0.4 };
const COMMON_IMPORTANCE = 0.3;

export interface TermGroup {
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
  /** The tsquery also holds corpus compounds ending in the word (see compounds.ts). */
  compounds?: boolean;
  df?: number;
  idf?: number;
}

/** Splits a question into term groups: glossary phrases with their synonyms, then single content words. */
export function termGroups(
  question: string,
  weight: number,
  fromContext: boolean,
  glossary: Glossary,
  synonymsOf: Synonyms,
): TermGroup[] {
  const text = normalise(question);
  const out: TermGroup[] = [];
  const found = glossary.find(text);
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
      const synonyms = synonymsOf.get(part) ?? [];
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
 * BM25's IDF for every group; a word the corpus lacks entirely gets the highest weight, which is what makes
 * off-topic questions fall below the coverage threshold.
 */
export function setIdf(groups: TermGroup[], total: number): void {
  for (const g of groups) {
    const df = g.df ?? 0;
    g.idf = Math.log(1 + (total - df + 0.5) / (df + 0.5));
  }
}

/**
 * IDF weights for a question (with its context), and the groups that carry information: those with a
 * tsquery. The context's weights are scaled down here.
 */
export function weighTerms(groups: TermGroup[], total: number): TermGroup[] {
  setIdf(groups, total);
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
  return used;
}

/** The groups as the curated layer matches them (entries.ts): tsquery and IDF × weight × importance. */
export function queryTerms(groups: TermGroup[]): QueryTerm[] {
  return groups.map((g) => ({ tsquery: g.tsquery!, weight: g.idf! * g.weight * g.importance }));
}
