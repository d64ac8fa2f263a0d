import { type DateContext, findDates, parseGermanDate } from './dates.ts';

/**
 * A milestone typed as text → what, by when, who. Two ways of writing it are understood:
 * - the step's own format "Was; bis wann; wer" (also "|" or line breaks between the parts), and labels
 *   ("verantwortlich: Herr Maier", "wer: …", "bis wann: …", "was: …");
 * - a plain sentence: the date phrase is found anywhere ("Pilot in der Frühschicht in 6 Wochen, Herr
 *   Maier", "Videos drehen bis Mitte Mai - Lena und Azubi Tim"), the person stands after a comma or dash
 *   behind it, the rest is the what.
 * `sure` says whether it can be saved as read; otherwise the bot shows what it understood and asks.
 */
export interface MilestoneText {
  what: string;
  /** The date as typed ("bis Mitte Mai"); '' when the text names none. */
  when: string;
  who: string;
  sure: boolean;
}

const SEPARATOR = /\s*(?:;|\||\n|\s[–—-]\s)\s*/;
const STRUCTURED = /[;|\n]/;
const LABELS: Record<'what' | 'when' | 'who', string> = {
  what: 'was|what',
  when: 'bis wann|bis|wann|datum|termin|frist|by when|when|due',
  who: 'wer|verantwortlich|zuständig|zustaendig|who|responsible|owner',
};
const EDGE = /^[\s,;:|·–—-]+|[\s,;:|·–—-]+$/g;
const clean = (s: string) => s.replace(EDGE, '').replace(/\s+/g, ' ').trim();
const words = (s: string) => s.split(/\s+/).filter(Boolean).length;
/** "durch Herrn Maier", "von Lena": the person without the preposition. */
const personOf = (s: string) => clean(s).replace(/^(?:durch|von|by)\s+/i, '');
/** Words that start a person or team, so "bis Ende April Frau Jansen" reads who = "Frau Jansen". */
const PERSON_START = /^(?:herr|herrn|frau|hr\.|fr\.|dr\.|team|azubi|kolleg\w*|abteilung|by)\b/i;

/** True when the whole text is a date ("Ende Januar", "bis 15.3."), e.g. to change a milestone's date. */
export function isDateOnly(text: string, ctx: DateContext): boolean {
  const r = parseGermanDate(text, ctx);
  return r.ok || r.reason !== 'unknown';
}

export function readMilestone(raw: string, ctx: DateContext): MilestoneText {
  let text = raw.trim();
  // Labelled parts first: "…, verantwortlich: Herr Maier" takes the person out of the sentence.
  const labelled: Partial<Record<keyof typeof LABELS, string>> = {};
  for (const key of ['who', 'when', 'what'] as const) {
    const re = new RegExp(`(?:^|[,;|·\\n\\s–—-])\\s*(?:${LABELS[key]})\\s*:\\s*([^;|·\\n]*)`, 'i');
    const m = re.exec(text);
    if (!m) continue;
    labelled[key] = clean(m[1]!);
    text = `${text.slice(0, m.index)}; ${text.slice(m.index + m[0].length)}`;
  }
  text = clean(text);
  const finish = (what: string, when: string, who: string, sure: boolean): MilestoneText => ({
    what: labelled.what ?? clean(what),
    when: labelled.when ?? clean(when),
    who: labelled.who ?? personOf(who),
    sure,
  });
  if (labelled.when) return finish(text, '', '', !!(labelled.what || text));

  // "Was; bis wann; wer" as the step asks for it.
  const parts = text.split(SEPARATOR).filter(Boolean);
  if (parts.length >= 2 && parts.length <= 3 && isDateOnly(parts[1]!, ctx)) {
    return finish(parts[0]!, parts[1]!, parts[2] ?? '', true);
  }

  const dates = findDates(text, ctx);
  if (!dates.length) {
    // With explicit separators the second part is where the date belongs: say what is wrong with it.
    if (STRUCTURED.test(text) && parts.length >= 2 && parts.length <= 3) {
      return finish(parts[0]!, parts[1]!, parts[2] ?? '', true);
    }
    return finish(text, '', '', false);
  }
  // Several dates ("Schulung am 3.5. vorbereiten, spätestens 30.4."): the deadline, else the last one.
  const date = dates.find((d) => d.deadline) ?? dates[dates.length - 1]!;
  let sure = dates.length === 1;
  const rawBefore = text.slice(0, date.start);
  const rawAfter = text.slice(date.end);
  let what = clean(rawBefore);
  let who = '';
  const after = clean(rawAfter);
  if (after) {
    if (!what) {
      // The date first: "Nächsten Freitag Auswertung, Betriebsrat".
      const [first, ...rest] = after.split(/\s*(?:,|;|\||\s[–—-]\s)\s*/);
      what = first ?? '';
      who = rest.join(', ');
      sure = false;
    } else if (/^\s*[,;:|·–—-]/.test(rawAfter) || PERSON_START.test(after)) {
      who = after;
      if (words(after) > 6 || !/^\s*[,;:|·–—-]/.test(rawAfter)) sure = false;
    } else {
      // "Pilot bis Ende Mai in der Frühschicht": the rest belongs to the what.
      what = `${what} ${after}`;
      sure = false;
    }
  } else if (/[,;|–—-]\s*$/.test(rawBefore)) {
    // "Pilot in der Frühschicht, Herr Maier, in 6 Wochen": the person may stand before the date.
    const m = /^(.*\S)\s*(?:,|;|\||\s[–—-])\s*([^,;|]+)$/.exec(what);
    if (m && words(m[2]!) <= 4) {
      what = m[1]!;
      who = m[2]!;
    }
    sure = false;
  }
  if (!clean(what)) sure = false;
  return finish(what, date.phrase, who, sure);
}
