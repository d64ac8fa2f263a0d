/**
 * Some questions ask for a kind of fact that a passage either contains or not: a price, a phone number,
 * an e-mail address. Words alone cannot tell: "Was kostet das Einstiegsseminar?" finds the seminar's
 * passages, yet none names a price. Such a question is only answered by a passage holding that kind of fact;
 * otherwise the bot says honestly that its knowledge base does not say.
 */
interface AnswerType {
  name: string;
  /** The question asks for this kind of fact. */
  asks: RegExp;
  /** A passage contains such a fact. */
  evidence: RegExp;
  /** Question words that only ask for the kind of fact; the topic is in the other words. */
  askingWords: RegExp;
}

const ANSWER_TYPES: AnswerType[] = [
  {
    name: 'price',
    asks: /\b(?:was|wie ?viel) kostet\b|\bwie teuer\b|\b(?:preis|preise|gebühr|gebühren|teilnahmegebühr|kostenbeitrag)\b|\bkosten (?:entstehen|fallen)\b|\bhow much (?:does|is)\b|\b(?:price|fee|fees)\b/i,
    evidence:
      /\d[\d.,]*\s?(?:€|euro\b|eur\b)|€|\b(?:kostenlos|kostenfrei|gebührenfrei|unentgeltlich|preis|gebühr|free of charge)/i,
    askingWords: /^(?:kost|preis|gebühr|teuer|teilnahmegebühr|price|fee|cost)/,
  },
  {
    name: 'phone',
    asks: /\b(?:telefonnummer|rufnummer|handynummer|hotline|phone number)\b/i,
    evidence: /(?:\+|\b0)\d[\d /-]{5,}\d/,
    askingWords: /^(?:telefon|rufnummer|handynummer|hotline|phone|number|erreiche)/,
  },
  {
    name: 'email',
    asks: /\b(?:e-?mail-?adresse|mailadresse|e-?mail address)\b/i,
    evidence: /[\w.+-]+@[\w-]+\.[\w.-]+/,
    askingWords: /^(?:e-?mail|mail|adresse|address)/,
  },
];

/** The kinds of fact a question asks for (usually none). */
export function askedTypes(question: string): AnswerType[] {
  return ANSWER_TYPES.filter((t) => t.asks.test(question));
}

/** Whether a question word only asks for the kind of fact ("kostet", "Telefonnummer"). */
export function isAskingWord(types: AnswerType[], word: string): boolean {
  return types.some((t) => t.askingWords.test(word));
}

/** Whether a passage holds every kind of fact asked for. */
export function answers(types: AnswerType[], passage: string): boolean {
  return types.every((t) => t.evidence.test(passage));
}
