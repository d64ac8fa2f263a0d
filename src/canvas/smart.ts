import type { Bilingual } from '../core/i18n.ts';
import { bilingual } from '../core/messages.ts';
import { canvasText } from './messages/index.ts';

/**
 * An offline SMART check for the canvas goal: cheap text heuristics that give concrete, friendly hints.
 * It can only see wording, so it asks questions rather than judging; the user may keep any goal.
 */
export interface SmartResult {
  specific: boolean;
  measurable: boolean;
  realistic: boolean;
  timeBound: boolean;
  hints: Bilingual[];
}

const MONTHS =
  'januar|februar|märz|maerz|april|mai|juni|juli|august|september|oktober|november|dezember|january|february|march|may|june|july|october|december';

const TIME_PATTERNS = [
  /\b\d{1,2}\.\s?\d{1,2}\.(\d{2,4})?/,
  /\b(19|20)\d{2}\b/,
  new RegExp(`\\b(${MONTHS})\\b`, 'i'),
  /\b(kw|kalenderwoche|quartal|q[1-4]|halbjahr|jahresende|monatsende|stichtag|deadline|frist)\b/i,
  /\bin (\d+|einem|einer|zwei|drei|vier|fünf|sechs|zwölf) (tag|tagen|woche|wochen|monat|monaten|jahr|jahren)\b/i,
  /\b(bis|ab|by|until|within|innerhalb) (zum |ende |mitte |anfang |nächste|naechste|kommende|end )?/i,
];

const MEASURE_PATTERNS = [
  /\d/,
  /%|prozent|percent/i,
  /\b(hälfte|haelfte|drittel|viertel|doppelt|verdoppel\w*|halbier\w*)\b/i,
  /\b(anzahl|quote|rate|kennzahl|indikator|messbar|gemessen|zufriedenheit\w*|bewertung|fehlerquote|dauer|minuten|stunden|kosten|umsatz|ausschuss|rückfragen|teilnehm\w*|abschluss\w*|zertifi\w*|prüfung|test)\b/i,
  /\b(zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|zwanzig|hundert)\b/i,
];

const ABSOLUTES =
  /\b100\s?(%|prozent)|\b(hundert prozent|null fehler|keine fehler mehr|niemand mehr|nie wieder|nie mehr|komplett alle|vollständig digital)\b/i;

export function checkSmart(goal: string): SmartResult {
  const text = goal.trim();
  const words = text.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  const specific = words.length >= 6;
  const measurable = MEASURE_PATTERNS.some((p) => p.test(text));
  const timeBound = TIME_PATTERNS.some((p) => p.test(text));
  const realistic = !ABSOLUTES.test(text);
  const hints: Bilingual[] = [];
  if (!specific) {
    hints.push(bilingual(canvasText, 'smart.specific'));
  }
  if (!measurable) {
    hints.push(bilingual(canvasText, 'smart.measurable'));
  }
  if (!timeBound) {
    hints.push(bilingual(canvasText, 'smart.timeBound'));
  }
  if (!realistic) {
    hints.push(bilingual(canvasText, 'smart.realistic'));
  }
  return { specific, measurable, realistic, timeBound, hints };
}
