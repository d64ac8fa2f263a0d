import { deu, eng } from 'stopword';

/**
 * Turning a question into search terms. PostgreSQL's German configuration stems and drops function words;
 * what it keeps but a question does not need (question words, "bedeutet", "genau") is dropped here, so a
 * question is searched as a bag of its content words.
 */

const QUESTION_WORDS = [
  'was',
  'wie',
  'wer',
  'wen',
  'wem',
  'wessen',
  'wo',
  'wann',
  'warum',
  'weshalb',
  'wieso',
  'weswegen',
  'welche',
  'welcher',
  'welches',
  'welchen',
  'welchem',
  'wofür',
  'wozu',
  'woran',
  'worauf',
  'woraus',
  'wodurch',
  'womit',
  'wovon',
  'worin',
  'worum',
  'woher',
  'wohin',
  'wieviel',
  'wieviele',
  'viele',
  'vielen',
];

const FILLERS = [
  'bedeutet',
  'bedeuten',
  'bedeutung',
  'heißt',
  'heisst',
  'heißen',
  'heissen',
  'lautet',
  'lauten',
  'anzahl',
  'genau',
  'eigentlich',
  'bitte',
  'gibt',
  'gibts',
  'geben',
  'sagen',
  'sag',
  'erkläre',
  'erklären',
  'erklär',
  'kurz',
  'mal',
  'denn',
  'eigentlich',
  'ungefähr',
  'besonders',
  'genannt',
  'nennt',
  'gemeint',
  'meint',
  'steht',
  'stehen',
  'versteht',
  'verstehe',
  'man',
  'kann',
  'können',
  'kannst',
  'könnte',
  'könnten',
  'soll',
  'sollte',
  'sollen',
  'muss',
  'müssen',
  'darf',
  'dürfen',
  'ich',
  'mir',
  'mich',
  'du',
  'dir',
  'ihr',
  'uns',
  'wir',
  'sie',
  'es',
  'gerne',
  'gern',
  'möchte',
  'würde',
  'hallo',
  'danke',
  'dabei',
  'dazu',
  'dort',
  'davon',
  'darüber',
  'hier',
  'noch',
  'auch',
  'dann',
  'also',
  'jetzt',
  'eigentlich',
  // Colloquial chat words that say nothing about the topic.
  'fürs',
  'aufs',
  // Spoken articles as typed in chat: "was für ne Arbeitsprobe", "gibt's nen Termin".
  'ne',
  'nen',
  'nem',
  'ner',
  'son',
  'sone',
  'übers',
  'komplett',
  'wirklich',
  'überhaupt',
  'insgesamt',
  'leute',
  'krieg',
  'kriege',
  'kriegt',
  'bekomme',
  'bekommt',
  'bekommen',
];

/** Articles, prepositions, conjunctions, auxiliaries (PostgreSQL drops these too; the answer picker needs them). */
const FUNCTION_WORDS = [
  'der',
  'die',
  'das',
  'den',
  'dem',
  'des',
  'ein',
  'eine',
  'einer',
  'eines',
  'einem',
  'einen',
  'und',
  'oder',
  'aber',
  'in',
  'im',
  'ins',
  'an',
  'am',
  'auf',
  'aus',
  'bei',
  'beim',
  'mit',
  'nach',
  'von',
  'vom',
  'zu',
  'zum',
  'zur',
  'für',
  'über',
  'unter',
  'um',
  'durch',
  'gegen',
  'ohne',
  'vor',
  'als',
  'wie',
  'ist',
  'sind',
  'war',
  'waren',
  'wird',
  'werden',
  'wurde',
  'wurden',
  'hat',
  'haben',
  'hatte',
  'hatten',
  'sein',
  'seine',
  'ihre',
  'nicht',
  'kein',
  'keine',
  'so',
  'zwar',
  'dass',
  'daß',
  'wenn',
  'ob',
  'weil',
  'sich',
  'diese',
  'dieser',
  'dieses',
];

/**
 * Words that carry no topic in a question. English function words too: the knowledge is German, so an
 * English question is searched by its content words ("survey", "CoDiCLUST") and the glossary.
 */
const STOP_LIST = [
  ...QUESTION_WORDS,
  ...FILLERS,
  ...FUNCTION_WORDS,
  ...eng,
  // Question forms the English list lacks.
  ...['does', 'why', 'when', 'will', 'may', 'please', 'tell', 'explain', 'mean', 'means', 'according'],
];

/** Umlauts and ß as typed without them: "für" → "fuer", "heißt" → "heisst". */
export const asciiFold = (w: string) =>
  w.replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss');

/** Stop words, also as typed on a keyboard without umlauts ("fuer", "ueber", "koennen"). */
export const STOP_WORDS: ReadonlySet<string> = new Set([...STOP_LIST, ...STOP_LIST.map(asciiFold)]);

/**
 * Common German words ("gerade", "zweite", "neue", "jahr"): kept for the search, where they may help, but
 * they say little about whether a passage is on the question's topic.
 */
export const COMMON_WORDS: ReadonlySet<string> = new Set(deu);

/**
 * How a question writes a word. German capitalises nouns and names – the topic of a question; lower-case
 * words are mostly verbs and adjectives ("stammt", "probiert", "fängt … an"). A question typed all in lower
 * case tells nothing ("unknown").
 */
export type WordShape = 'number' | 'name' | 'lower' | 'unknown';

/** The shape of each (lower-cased) word of a question, including the parts of hyphenated words. */
export function wordShapes(question: string): Map<string, WordShape> {
  const text = question.normalize('NFC');
  const allLower = text === text.toLowerCase();
  const shapes = new Map<string, WordShape>();
  for (const m of text.matchAll(/[\p{L}\p{N}]+(?:[-*][\p{L}\p{N}]+)*/gu)) {
    const word = m[0];
    // A capital at the start of a sentence may be grammar, but after the question word it is mostly a noun
    // ("Förderkennzeichen von CoDiCLUST?"); so every capitalised word counts as a name.
    const shape: WordShape = /^\p{N}+$/u.test(word)
      ? 'number'
      : allLower
        ? 'unknown'
        : /\p{N}/u.test(word) || /\p{Lu}/u.test(word)
          ? 'name'
          : 'lower';
    const lower = word.toLowerCase();
    for (const part of [lower, ...lower.split(/[-*]/)]) {
      // The strongest shape wins when a word occurs twice.
      if (!shapes.has(part) || shape === 'name' || shape === 'number') shapes.set(part, shape);
    }
  }
  return shapes;
}

const ENGLISH = new Set(eng);
const GERMAN = new Set(deu);
/** Whether a text is rather English than German, by its function words ("what", "does" vs "was", "ist"). */
export function looksEnglish(text: string): boolean {
  let en = 0;
  let de = 0;
  for (const w of words(text)) {
    if (ENGLISH.has(w) && !GERMAN.has(w)) en++;
    else if (GERMAN.has(w) && !ENGLISH.has(w)) de++;
  }
  return en > de;
}

/** Lower-cased, NFC-normalised, gender star and typographic quotes removed, whitespace collapsed. */
export function normalise(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[„“”"«»‚‘’`]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The words of a text: letters, digits and inner hyphens ("nicht-wissen", "e-coaching", "2014"). */
export function words(text: string): string[] {
  return normalise(text).match(/[\p{L}\p{N}]+(?:[-*][\p{L}\p{N}]+)*/gu) ?? [];
}

/** Content words of a question, in order, without question words and fillers. */
export function contentWords(text: string): string[] {
  return words(text).filter((w) => !STOP_WORDS.has(w));
}

/**
 * The search terms of a question as retrieval splits it (see KnowledgeBase.groups): content words, hyphenated
 * and starred words part by part ("Lern-Zielgruppen", "Lots*innen"), no stop words. Curated phrasings are
 * stored with these terms, stemmed, so a phrasing and a user's question are normalised alike.
 */
export function questionTerms(text: string): string[] {
  const out: string[] = [];
  for (const w of words(text)) {
    for (const part of w.split(/[-*]/)) {
      if (part.length >= 2 && !STOP_WORDS.has(part) && !out.includes(part)) out.push(part);
    }
  }
  return out;
}

/**
 * Abbreviations whose full stop does not end a sentence ("bzw. Tablets", "Dr. Huber"), lower case, without
 * the dot. Single letters ("z. B.", "d. h.", "u. a.", "e.g.") are handled apart. "usw." and "etc." are missing
 * on purpose: they mostly end their sentence.
 */
const ABBREVIATIONS = new Set([
  ...[
    'bzw',
    'ca',
    'nr',
    'dr',
    'prof',
    'dipl',
    'ing',
    'hr',
    'fr',
    'ggf',
    'evtl',
    'vgl',
    'inkl',
    'zzgl',
    'exkl',
  ],
  ...['bspw', 'sog', 'ggü', 'lt', 'gem', 'mind', 'max', 'min', 'std', 'mio', 'mrd', 'tel', 'str', 'abs'],
  ...['bzgl', 'usf', 'jh', 'jhd', 'kap', 'abb', 'tab', 'anm', 'allg', 'insb', 'mr', 'mrs', 'ms'],
  ...['vs', 'st', 'jan', 'feb', 'mär', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'okt', 'nov', 'dez'],
]);
const MONTH =
  /^(januar|jänner|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember|jan|feb|mär|apr|jun|jul|aug|sep|sept|okt|nov|dez)\b/i;
/** Words before a number that make it an ordinal ("am 3. Termin", "der 2. Schritt"). */
const ORDINAL_BEFORE =
  /^(am|vom|zum|bis|ab|seit|im|der|die|das|den|dem|des|jeden|jedem|jeder|zur|beim|ihr|ihre|ihrem|ihren|sein|seine|seinem|seinen|unser|unsere|unserem)$/i;
/** After "e. V." (or "usw.") these words start a new sentence: "… Forschung e. V. Er war …". */
const SENTENCE_START =
  /^(der|die|das|den|dem|des|ein|eine|einer|er|sie|es|wir|ich|man|dies|diese|dieser|dieses|damit|dabei|dazu|daher|deshalb|außerdem|zudem|so|im|in|auf|bei|mit|für|als|auch|nach|seit|the|it|this|they|we)$/i;

/** Whether the full stop at the end of `before` ends a sentence, judged with the word that follows. */
function endsSentence(before: string, next: string): boolean {
  if (!before.endsWith('.')) return true; // ! and ?
  const words = before.slice(0, -1).split(/\s+/);
  const word = words.at(-1)!.replace(/^[„"([]+/, '');
  const last = word.split(/[.-]/).at(-1)!; // "z.B" → "B", "e.g" → "g", "Dipl.-Ing" → "Ing"
  if (/^\p{L}$/u.test(last)) {
    // "e. V." and "u. Ä." may close a sentence; other single letters are initials or abbreviations.
    const closing = /^e\.?\s*V$|^u\.?\s*Ä$/i.test(`${words.at(-2) ?? ''}${word}`) || /^e\.V$/i.test(word);
    return closing && SENTENCE_START.test(next);
  }
  if (ABBREVIATIONS.has(last.toLowerCase())) return false;
  if (/^\d{1,2}$/.test(word)) {
    // "15. März", "am 3. Termin": an ordinal; "Schritten: 1. Evaluieren, 2. Befähigen": list numbers.
    const before2 = words.at(-2) ?? '';
    return !(MONTH.test(next) || ORDINAL_BEFORE.test(before2) || /[:,;]$/.test(before2));
  }
  return true;
}

/**
 * Sentences of a passage (for short answers). Keeps list items as their own sentences. A full stop after an
 * abbreviation ("z. B.", "bzw.", "Dr.") or an ordinal ("15. März") does not end the sentence.
 */
export function sentences(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\n+/)) {
    let start = 0;
    for (const m of line.matchAll(/(?<=[.!?])\s+(?=[A-ZÄÖÜ„"(])/gu)) {
      const next = /^[„"(]?([\p{L}\p{N}]+)/u.exec(line.slice(m.index + m[0].length))?.[1] ?? '';
      if (!endsSentence(line.slice(start, m.index), next)) continue;
      out.push(line.slice(start, m.index));
      start = m.index + m[0].length;
    }
    out.push(line.slice(start));
  }
  return out.map((s) => s.trim()).filter(Boolean);
}
