/**
 * German synonyms from OpenThesaurus (Debian package `mythes-de`, MyThes format), read at ingest.
 * Only what helps retrieval is kept: a word users may type that the knowledge base never uses, mapped to
 * the knowledge base's own words with the same meaning ("Schulung" → "weiterbildung", "seminar").
 * Without the package the map is empty and retrieval works as before (docs/knowledge.md says so).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Queryable } from '../db/index.ts';
import { normalise, STOP_WORDS, words as textWords } from './text.ts';

export const DEFAULT_THESAURUS = '/usr/share/mythes/th_de_DE_v2.dat';

/** At most this many knowledge-base words per typed word: more would blur the question. */
const MAX_TARGETS = 3;
/** Synonym sets larger than this are loose associations ("Sache", "Ding", …), not synonyms. */
const MAX_SET = 10;

export type Synonyms = ReadonlyMap<string, readonly string[]>;

/**
 * One synonym set's single nouns, normalised; "(ugs.)" and other remarks removed. Only nouns (capitalised
 * in German): verb and adjective sets are too loose for retrieval ("abgeben" → "beschäftigen").
 */
function words(line: string): string[] {
  return line
    .split('|')
    .slice(1)
    .map((w) => w.replace(/\([^)]*\)/g, '').trim())
    .filter((w) => /^\p{Lu}[\p{L}-]{2,}$/u.test(w))
    .map(normalise)
    .filter((w) => !STOP_WORDS.has(w));
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

// The file is 28 MB and the same for every knowledge base in this process: read it once.
const files = new Map<string, Promise<string>>();

/** Reads the thesaurus file if it is installed; an empty map otherwise. */
export async function loadSynonyms(
  vocabulary: ReadonlySet<string>,
  path = DEFAULT_THESAURUS,
): Promise<{ synonyms: Map<string, string[]>; source?: string }> {
  if (!path || !existsSync(path)) return { synonyms: new Map() };
  let text = files.get(path);
  if (!text) {
    text = readFile(path, 'utf8');
    files.set(path, text);
  }
  return { synonyms: synonymsFor(await text, vocabulary), source: path };
}

/** Synonyms for the ingested knowledge base: its vocabulary is every word of its passages. */
export async function synonymsForKnowledge(
  db: Queryable,
  path = DEFAULT_THESAURUS,
): Promise<{ synonyms: Map<string, string[]>; source?: string }> {
  const { rows } = await db.query<{ body: string; title: string }>(
    'SELECT body, title FROM knowledge_chunks',
  );
  const vocabulary = new Set<string>();
  for (const r of rows) for (const w of textWords(`${r.title} ${r.body}`)) vocabulary.add(w);
  return loadSynonyms(vocabulary, path);
}
