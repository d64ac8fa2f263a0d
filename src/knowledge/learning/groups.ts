import { normalise, questionTerms } from '../text.ts';

/** Two wordings belong to one group when they share this much of their content words (Jaccard). */
const SAME_QUESTION = 0.5;

export interface QuestionGroup {
  /** The group's most asked wording: what a coach is offered to take over. */
  question: string;
  /** All its wordings, most asked first. */
  wordings: string[];
  /** How often the group was asked. */
  count: number;
  /** The content words of `question`, sorted: the group's normalised key. */
  terms: string[];
}

/** A logged wording as groups keep it: trimmed, inner whitespace collapsed. */
export const wording = (text: string) => text.trim().replace(/\s+/g, ' ');

/** The content words of a wording, lower case, without question words and fillers, sorted. */
export function groupTerms(text: string): string[] {
  return [...new Set(questionTerms(normalise(text)))].sort();
}

/** Jaccard overlap of two term lists. */
export function overlap(a: string[], b: string[]): number {
  if (!a.length || !b.length) return 0;
  const set = new Set(a);
  const shared = b.filter((t) => set.has(t)).length;
  return shared / (set.size + new Set(b).size - shared);
}

/**
 * Groups logged wordings (most asked first) by token overlap: each joins the first group whose key
 * wording it overlaps enough, else opens a new one. Wordings without content words are dropped.
 */
export function groupQuestions(asked: { text: string; count: number }[]): QuestionGroup[] {
  const groups: QuestionGroup[] = [];
  for (const { text, count } of [...asked].sort((a, b) => b.count - a.count)) {
    const said = wording(text);
    const terms = groupTerms(said);
    if (!terms.length) continue;
    const group = groups.find((g) => overlap(g.terms, terms) >= SAME_QUESTION);
    if (!group) {
      groups.push({ question: said, wordings: [said], count, terms });
      continue;
    }
    group.count += count;
    if (!group.wordings.includes(said)) group.wordings.push(said);
  }
  return groups;
}
