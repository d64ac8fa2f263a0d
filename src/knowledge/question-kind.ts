/**
 * What kind of fact a question asks for, read from its question word ("wie viele", "wie oft", "wann",
 * "warum"), and whether a sentence states such a fact. The extractive answer prefers, among the sentences
 * of the best passage that share the question's words, one that states the kind asked for: "Wie viele haben
 * das Zertifikat?" is answered by the sentence with the number, not by the one that explains the certificate.
 */
export type QuestionKind = 'count' | 'frequency' | 'when' | 'why';

const NUMBER_WORD =
  /\b(?:zwei|drei|vier|fünf|fuenf|sechs|sieben|acht|neun|zehn|elf|zwölf|zwoelf|zwanzig|dreißig|dreissig|hundert|tausend|dutzend|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|hundred)\w*/i;
const MONTH =
  /\b(?:januar|februar|märz|maerz|april|mai|juni|juli|august|september|oktober|november|dezember|january|february|march|may|june|july|october|december)\b/i;

const KINDS: { kind: QuestionKind; asks: RegExp; states: (s: string) => boolean }[] = [
  {
    kind: 'count',
    asks: /\bwie ?viele?\b|\banzahl\b|\bhow many\b/i,
    states: (s) => /\d/.test(s) || NUMBER_WORD.test(s),
  },
  {
    kind: 'frequency',
    asks: /\bwie (?:oft|häufig|haeufig|regelmäßig)\b|\bin welchem (?:rhythmus|abstand|turnus)\b|\bhow often\b/i,
    states: (s) =>
      /\b(?:täglich|wöchentlich|zweiwöchentlich|vierzehntägig|\d+-tägig|monatlich|jährlich|quartalsweise|regelmäßig|turnus|rhythmus|mal|weekly|biweekly|monthly|every)\b|\balle \w+ (?:tage|wochen|monate|jahre)\b|\b(?:pro|je|im|jede[nr]?) (?:woche|monat|jahr|quartal)\b/i.test(
        s,
      ),
  },
  {
    kind: 'when',
    asks: /^\s*(?:und |aber )?(?:ab |bis |seit )?wann\b|\bzu welchem zeitpunkt\b|^\s*when\b/i,
    states: (s) => /\b(?:19|20)\d{2}\b|\d{1,2}[.:]\d{2}|\buhr\b/i.test(s) || MONTH.test(s),
  },
  {
    kind: 'why',
    asks: /^\s*(?:und |aber )?(?:warum|wieso|weshalb|wozu|weswegen)\b|^\s*why\b/i,
    states: (s) =>
      /\b(?:weil|damit|denn|deshalb|daher|deswegen|sodass|so dass|ziel|zweck|grund|because|so that|in order)\b|\bum\b.*\bzu\b/i.test(
        s,
      ),
  },
];

export function questionKind(question: string): QuestionKind | undefined {
  return KINDS.find((k) => k.asks.test(question))?.kind;
}

/** Whether a sentence states the kind of fact asked for. */
export function statesKind(kind: QuestionKind, sentence: string): boolean {
  return KINDS.find((k) => k.kind === kind)!.states(sentence);
}
