import type { Glossary } from './glossary.ts';
import { contentWords, normalise } from './text.ts';

/**
 * Whether a question leans on the conversation's topic (the last question that stood on its own):
 * "Und wie oft findet sie statt?" after "Was ist die virtuelle Sprechstunde?" is about the Sprechstunde,
 * "Und was ist das SAMR-Modell?" is not. The wording decides, not a first search of the question alone:
 * a follow-up's few words are nearly always found somewhere ("Wer leitet sie?" fully covers a passage on
 * the coaching system), so a confident search says nothing about whether the question has a topic.
 *
 * - `own`: it names a concept of the glossary, and nothing before it points back → searched alone
 *   ("Und was ist das SAMR-Modell?", "Was ist WOL und wer hat es erfunden?").
 * - `missing`: its subject is a word pointing back ("sie", "das?", "dabei") before any concept, or it has
 *   no concept and starts with "und"/"aber" or is only a verb or two ("Und wie oft?") → searched with the
 *   topic as its subject ("Wer leitet sie?", "Warum braucht man sie im Cluster?").
 * - `both`: a concept, then a "dabei"/"dort"/"darin" → searched with the topic as context, which steers but
 *   does not dominate: "Welche Inhalte vermitteln die CoDiLe dabei?" is about the topic, "Was ist die DLC
 *   und was steht darin?" about the DLC.
 * - `unclear`: none of these → searched alone; the topic helps only if that finds nothing.
 */
export type FollowUp = 'own' | 'missing' | 'both' | 'unclear';

const FOLLOW_UP_START = /^(und|aber|auch|sowie|was ist mit|wie ist es mit|wie sieht es mit|gilt das)\b/i;
/** Pronouns: they point back unless a concept comes first ("Was ist WOL und wer hat es erfunden?"). */
const PRONOUNS = new Set([
  'sie',
  'es',
  'er',
  'ihn',
  'ihm',
  'ihnen',
  'ihr',
  'ihre',
  'ihren',
  'ihrem',
  'ihrer',
  'ihres',
  'deren',
  'dessen',
]);
/** "dabei", "dort", "diese …" point back wherever they stand ("Welche Konferenzsysteme wurden dabei getestet?"). */
const BACK_POINTERS = new Set([
  'dies',
  'diese',
  'dieser',
  'dieses',
  'diesem',
  'diesen',
  'dabei',
  'dort',
  'dazu',
  'davon',
  'damit',
  'darin',
  'dafür',
  'darüber',
  'daran',
  'darauf',
  'dahinter',
]);
/** "Gibt es …?", "Geht es …?": this "es" stands for nothing. */
const EXPLETIVE_BEFORE_ES = new Set(['gibt', 'gäbe', 'geht', 'ging']);
const WORD = /[\p{L}\p{N}]+(?:[-*][\p{L}\p{N}]+)*/gu;

export function followUp(question: string, glossary: Glossary): FollowUp {
  const q = question.trim();
  const text = normalise(q);
  const concepts = glossary.concepts(text);
  const pointer = pointers(q);
  if (concepts.length) {
    const concept = (text.slice(0, concepts[0]!.start).match(WORD) ?? []).length;
    if (pointer.first >= 0 && pointer.first < concept) return 'missing';
    return pointer.back ? 'both' : 'own';
  }
  if (pointer.first >= 0 || FOLLOW_UP_START.test(q)) return 'missing';
  // Two words at most and no noun among them ("Seit wann?", "Wann genau?"); "Was bedeutet
  // Digitalisierung?" has a topic of its own. Typed all in lower case, nouns cannot be told apart.
  const own = contentWords(q);
  const nouns = nounsOf(q);
  return own.length <= 2 && q !== q.toLowerCase() && !own.some((w) => nouns.has(w)) ? 'missing' : 'unclear';
}

/** The topic's subject for a question that lacks one: its concepts ("virtuelle sprechstunde"), else its words. */
export function topicSubject(topic: string, glossary: Glossary): string {
  const concepts = glossary.concepts(normalise(topic)).map((c) => c.term);
  return [...new Set(concepts.length ? concepts : contentWords(topic))].join(' ');
}

/**
 * Words pointing back: the position of the first (-1 if none), and whether one of them is a "dabei", "dort" or
 * "diese", which point back wherever they stand.
 */
function pointers(question: string): { first: number; back: boolean } {
  // The first word's capital is grammar; inside a sentence "Sie" is the polite "you", not "she"/"they".
  const text = question.charAt(0).toLowerCase() + question.slice(1);
  const words = [...text.matchAll(WORD)];
  let first = -1;
  let back = false;
  for (const [i, m] of words.entries()) {
    const w = m[0];
    const expletive = w === 'es' && EXPLETIVE_BEFORE_ES.has(words[i - 1]?.[0].toLowerCase() ?? '');
    // "Wer macht das?" – not the article in "das SAMR-Modell", since German capitalises the noun.
    const demonstrative = w === 'das' && !/^\s*[„"]?[\p{Lu}\p{N}]/u.test(text.slice(m.index + w.length));
    back ||= BACK_POINTERS.has(w);
    if (first < 0 && (BACK_POINTERS.has(w) || demonstrative || (PRONOUNS.has(w) && !expletive))) first = i;
  }
  return { first, back };
}

/** Capitalised words after the first, lower-cased: German capitalises nouns; the first capital is grammar. */
function nounsOf(question: string): Set<string> {
  const words = [...question.matchAll(WORD)].map((m) => m[0]);
  return new Set(
    words
      .slice(1)
      .filter((w) => /^\p{Lu}/u.test(w))
      .map((w) => w.toLowerCase()),
  );
}
