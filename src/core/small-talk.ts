export type SmallTalk = 'thanks' | 'ack' | 'greeting' | 'farewell';

/** Whole phrases only; a message is small talk when it consists of nothing else (see smallTalk). */
const PHRASES: Record<SmallTalk, string[]> = {
  thanks: [
    'danke',
    'danke schön',
    'danke schoen',
    'dankeschön',
    'dankeschoen',
    'danke sehr',
    'dankesehr',
    'vielen dank',
    'vielen lieben dank',
    'lieben dank',
    'besten dank',
    'herzlichen dank',
    'tausend dank',
    'merci',
    'thanks',
    'thank you',
    'thanks a lot',
    'many thanks',
    'thx',
    'ja danke',
    'nein danke',
    // "danke für die Info": what was thanked for is no question either.
    'für die antwort',
    'für die schnelle antwort',
    'für die info',
    'für die infos',
    'für die information',
    'für die informationen',
    'für die auskunft',
    'für die hilfe',
    'für ihre hilfe',
    'for the help',
    'for your help',
    'for the answer',
    'for the info',
  ],
  ack: [
    'ok',
    'okay',
    'okey',
    'oki',
    'alles klar',
    'klar',
    'alles gut',
    'gut',
    'sehr gut',
    'super',
    'prima',
    'toll',
    'top',
    'perfekt',
    'passt',
    'verstanden',
    'gut zu wissen',
    'hilfreich',
    'sehr hilfreich',
    'das hilft',
    'das hilft mir',
    'das hilft mir weiter',
    'das hat geholfen',
    'aha',
    'ach so',
    'achso',
    'cool',
    'great',
    'perfect',
    'got it',
    'understood',
    'fine',
    'nice',
  ],
  greeting: [
    'hallo',
    'hallöchen',
    'hi',
    'hey',
    'moin',
    'servus',
    'grüß gott',
    'grüß dich',
    'gruess gott',
    'guten morgen',
    'guten tag',
    'guten abend',
    'hello',
    'good morning',
    'good afternoon',
    'good evening',
  ],
  farewell: [
    'tschüss',
    'tschüs',
    'tschuess',
    'tschau',
    'ciao',
    'bye',
    'bye bye',
    'goodbye',
    'good bye',
    'auf wiedersehen',
    'bis bald',
    'bis dann',
    'bis später',
    'schönen tag',
    'schönen tag noch',
    'schönes wochenende',
    'see you',
    'have a nice day',
  ],
};

/** Words that may stand around the phrases without making the message a question ("danke dir", "ok, dann tschüss"). */
const FILLERS = new Set([
  'und',
  'noch',
  'nochmal',
  'nochmals',
  'auch',
  'dann',
  'erstmal',
  'dir',
  'ihnen',
  'euch',
  'so',
  'bot',
  'lodile',
  'zusammen',
  'very',
  'much',
  'and',
  'you',
]);

const BY_LENGTH = Object.entries(PHRASES)
  .flatMap(([kind, list]) => list.map((p) => ({ kind: kind as SmallTalk, words: p.split(' ') })))
  .sort((a, b) => b.words.length - a.words.length);

/**
 * The kinds of small talk the whole message consists of, or undefined when it is anything else. Tight on
 * purpose: every word must belong to a known phrase or be a filler, so "Danke, und wer leitet die
 * Sprechstunde?" stays a question for the knowledge base.
 */
export function smallTalk(text: string): ReadonlySet<SmallTalk> | undefined {
  const plain = text
    .normalize('NFC')
    .toLowerCase()
    .replace(/\p{Extended_Pictographic}|\u200d|\ufe0f/gu, ' ')
    .replace(/[!.,;:?…~()„“"'»«-]+/g, ' ')
    .trim();
  // A lone emoji (👍, 🙂) is a nod.
  if (!plain) return /\p{Extended_Pictographic}/u.test(text) ? new Set(['ack']) : undefined;
  const words = plain.split(/\s+/);
  if (words.length > 8) return undefined;
  const found = new Set<SmallTalk>();
  let i = 0;
  while (i < words.length) {
    const match = BY_LENGTH.find((p) => p.words.every((w, k) => words[i + k] === w));
    if (match) {
      found.add(match.kind);
      i += match.words.length;
    } else if (FILLERS.has(words[i]!)) {
      i++;
    } else {
      return undefined;
    }
  }
  return found.size ? found : undefined;
}

export type YesNo = 'yes' | 'no';

const YES_WORDS = new Set(
  'ja jaa jap jep jo jawohl genau gerne gern klar sicher natürlich ok okay okey yes yep yeah sure absagen stornieren löschen loeschen buchen delete book'.split(
    ' ',
  ),
);
const NO_WORDS = new Set(
  'nein nee ne nö noe no nope nicht kein keine abbrechen abbruch stopp stop behalten zurück zurueck not keep never'.split(
    ' ',
  ),
);
/** Words that may stand around the answer ("ja, bitte absagen", "nein danke", "lieber nicht"). */
const ANSWER_FILLERS = new Set(
  'bitte danke doch lieber den die das termin canvas ihn sie es mal jetzt endgültig endgueltig verbindlich wirklich mach machen tun dann gleich alles please thanks thank you it do go ahead the booking slot mind and und'.split(
    ' ',
  ),
);
/** The answer words a message can consist of with nothing asked ("ja", "nein", "abbrechen"). */
const BARE = /^(ja|jaa|jap|jep|jo|jawohl|yes|yep|yeah|nein|nee|nö|noe|no|nope|abbrechen|stopp?)$/;

function answerWords(text: string): string[] {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/\p{Extended_Pictographic}|\u200d|\ufe0f/gu, ' ')
    .replace(/[!.,;:?…~()„“"'»«-]+/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
}

/**
 * A typed answer to a yes/no question ("ja", "Ja, absagen", "nein danke", "abbrechen", "yes"), or undefined
 * when the message is anything else. Every word must be an answer word or a filler; any "no" word wins, so
 * "ja, doch nicht" changes nothing.
 */
export function yesNo(text: string): YesNo | undefined {
  const words = answerWords(text);
  if (!words.length || words.length > 6) return undefined;
  if (!words.every((w) => YES_WORDS.has(w) || NO_WORDS.has(w) || ANSWER_FILLERS.has(w))) return undefined;
  if (words.some((w) => NO_WORDS.has(w))) return 'no';
  return words.some((w) => YES_WORDS.has(w)) ? 'yes' : undefined;
}

/** "ja", "nein", "abbrechen" on their own (or with fillers): an answer, though nothing may have been asked. */
export function bareYesNo(text: string): YesNo | undefined {
  const answer = yesNo(text);
  return answer && BARE.test(answerWords(text)[0] ?? '') ? answer : undefined;
}
