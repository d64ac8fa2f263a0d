import { MIN_ENTRY_OWN } from './curated.ts';
import type { EnglishMatch } from './english.ts';
import type { EntryMatch } from './entries.ts';

/**
 * "Meinten Sie …?": a question the bot declines may still resemble a few curated entries, too loosely to
 * answer with but close enough to offer as buttons ("warum soll ausgerechnet das cluster digitales lernen
 * anbieten? koennen die firmen doch selber machen" → "Warum sollte ein Cluster digitales Lernen anbieten?").
 * The user picks one or rephrases; no dead end, and the pick teaches the coach a phrasing (learning/).
 */

/** Suggestions at most. */
export const SUGGESTIONS = 3;
/** A suggested entry's phrasing holds at least this share of the question (answering needs 0.5). */
export const SUGGEST_MIN_ASKED = 0.35;
/** Its score (0..1, entries.ts); its own words must be in the question as much as for answering (MIN_ENTRY_OWN). */
const MIN_SCORE = 0.45;
/** A part of a question offers suggestions when it has this many content words. */
const MIN_PART_WORDS = 2;
/** The English side's score (english.ts; answering needs 0.45), with two shared words. */
const MIN_ENGLISH_SCORE = 0.4;

/** The entries worth offering, best first: the English side's for an English question, else the German. */
export function suggestions(english: EnglishMatch[], german: () => EntryMatch[]): EntryMatch[] {
  const fromEnglish = english
    .filter((m) => m.score >= MIN_ENGLISH_SCORE && m.own >= MIN_ENTRY_OWN && m.held >= 2)
    .map(({ entry, score, phrasing, asked, own }) => ({ entry, score, phrasing, asked, own }));
  const picked = fromEnglish.length
    ? fromEnglish
    : german().filter((m) => m.score >= MIN_SCORE && m.own >= MIN_ENTRY_OWN);
  return picked.slice(0, SUGGESTIONS);
}

/**
 * Suggestions of a question's parts, each entry once. A part of one word ("ist das gut?") resembles many
 * entries and says little of the question, so it offers none; the others rank by their share of the
 * question's words.
 */
export function mergeSuggestions(
  parts: { suggestions: EntryMatch[]; words: number }[],
  total: number,
): EntryMatch[] {
  const best = new Map<string, { m: EntryMatch; rank: number }>();
  for (const { suggestions: list, words } of parts) {
    if (words < MIN_PART_WORDS) continue;
    for (const m of list) {
      const rank = m.score * Math.min(1, words / Math.max(total, 1));
      const prev = best.get(m.entry.key);
      if (!prev || rank > prev.rank) best.set(m.entry.key, { m, rank });
    }
  }
  return [...best.values()]
    .sort((a, b) => b.rank - a.rank)
    .slice(0, SUGGESTIONS)
    .map((b) => b.m);
}
