/**
 * German synonyms from OpenThesaurus (Debian package `mythes-de`, MyThes format), read at ingest.
 * Only what helps retrieval is kept: a word users may type that the knowledge base never uses, mapped to
 * the knowledge base's own words with the same meaning ("Schulung" → "weiterbildung", "seminar").
 * Without the package the map is empty and retrieval works as before (docs/knowledge.md says so).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { normalise, STOP_WORDS } from './text.ts';

export const DEFAULT_THESAURUS = '/usr/share/mythes/th_de_DE_v2.dat';

/** At most this many knowledge-base words per typed word: more would blur the question. */
const MAX_TARGETS = 3;
/** Synonym sets larger than this are loose associations ("Sache", "Ding", …), not synonyms. */
const MAX_SET = 10;

export type Synonyms = ReadonlyMap<string, readonly string[]>;

/** One synonym set's single words, normalised; "(ugs.)" and other remarks removed. */
function words(line: string): string[] {
  return line
    .split('|')
    .slice(1)
    .map((w) => normalise(w.replace(/\([^)]*\)/g, '')))
    .filter((w) => w.length >= 3 && /^[\p{L}-]+$/u.test(w) && !STOP_WORDS.has(w));
}

/**
 * Maps words outside `vocabulary` to words inside it that share a synonym set. `vocabulary` holds the
 * normalised words of the knowledge base.
 */
export function synonymsFor(thesaurus: string, vocabulary: ReadonlySet<string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const sets = new Map<string, string[]>();
  for (const line of thesaurus.split('\n')) {
    // Meaning lines start with "-" (or "(Adjektiv)" etc.); headword lines are "word|count".
    if (!line.includes('|') || /^[^|]*\|\d+$/.test(line) || sets.has(line)) continue;
    const set = words(line);
    if (set.length >= 2 && set.length <= MAX_SET) sets.set(line, set);
  }
  // Small sets first: the fewer words share a meaning, the closer they are.
  for (const set of [...sets.values()].sort((a, b) => a.length - b.length)) {
    const known = set.filter((w) => vocabulary.has(w));
    if (!known.length) continue;
    for (const w of set) {
      if (vocabulary.has(w)) continue;
      const targets = out.get(w) ?? [];
      for (const k of known) if (targets.length < MAX_TARGETS && !targets.includes(k)) targets.push(k);
      out.set(w, targets);
    }
  }
  return out;
}

/** Reads the thesaurus file if it is installed; an empty map otherwise. */
export async function loadSynonyms(
  vocabulary: ReadonlySet<string>,
  path = DEFAULT_THESAURUS,
): Promise<{ synonyms: Map<string, string[]>; source?: string }> {
  if (!existsSync(path)) return { synonyms: new Map() };
  return { synonyms: synonymsFor(await readFile(path, 'utf8'), vocabulary), source: path };
}
