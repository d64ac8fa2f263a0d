import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';

/**
 * German date input for milestones ("15.03.2027", "15.3.", "Ende April", "Mitte Mai", "in 6 Wochen",
 * "nächsten Freitag", "KW 12", "Q1 2027", "nächsten Monat") → a calendar date in the user's time zone.
 * Deadlines, so vague inputs resolve to the latest day they can mean ("April" → 30 April, "KW 12" → the
 * Friday of that week, "nächsten Monat" → the last day of next month, "Q1 2027" → 31.03.2027, "Anfang
 * nächsten Jahres" → 31 January), and a day without a year is the next such day from today. The one
 * exception is kept from the start: "Anfang <Monat>" is the 1st.
 */
export type DateResult =
  | { ok: true; date: string }
  | { ok: false; reason: 'past'; date: string }
  | { ok: false; reason: 'invalid' | 'unknown' };

export interface DateContext {
  /** "Now"; tests fix it. */
  now?: Date;
  timeZone: string;
}

const MONTHS: Record<string, number> = {
  januar: 1,
  jänner: 1,
  jan: 1,
  january: 1,
  februar: 2,
  feb: 2,
  february: 2,
  märz: 3,
  maerz: 3,
  mär: 3,
  mrz: 3,
  march: 3,
  mar: 3,
  april: 4,
  apr: 4,
  mai: 5,
  may: 5,
  juni: 6,
  jun: 6,
  june: 6,
  juli: 7,
  jul: 7,
  july: 7,
  august: 8,
  aug: 8,
  september: 9,
  sep: 9,
  sept: 9,
  oktober: 10,
  okt: 10,
  october: 10,
  oct: 10,
  november: 11,
  nov: 11,
  dezember: 12,
  dez: 12,
  december: 12,
  dec: 12,
};

const NUMBER_WORDS: Record<string, number> = {
  ein: 1,
  eine: 1,
  einem: 1,
  einer: 1,
  einen: 1,
  zwei: 2,
  drei: 3,
  vier: 4,
  fünf: 5,
  fuenf: 5,
  sechs: 6,
  sieben: 7,
  acht: 8,
  neun: 9,
  zehn: 10,
  elf: 11,
  zwölf: 12,
  zwoelf: 12,
  a: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
};

const MONTH_RE = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|');

export function parseGermanDate(input: string, ctx: DateContext): DateResult {
  const today = DateTime.fromJSDate(ctx.now ?? new Date())
    .setZone(ctx.timeZone)
    .startOf('day');
  if (!today.isValid) return { ok: false, reason: 'unknown' };
  const text = normalise(input);
  if (!text) return { ok: false, reason: 'unknown' };
  const found = ownRules(text, today) ?? viaChrono(text, today, ctx.timeZone);
  if (!found) return { ok: false, reason: 'unknown' };
  if (found === 'invalid' || !found.isValid) return { ok: false, reason: 'invalid' };
  const date = found.toISODate()!;
  if (found < today) return { ok: false, reason: 'past', date };
  return { ok: true, date };
}

function normalise(input: string): string {
  let t = input
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[!]+$/, '')
    .replace(/\.{2,}$/, '.');
  // Filler words in front of a deadline: "bis zum 15.3.", "spätestens Ende April".
  for (let prev = ''; prev !== t; ) {
    prev = t;
    t = t.replace(
      /^(bis|spätestens|spaetestens|by|until|am|zum|zur|den|dem|ab|the|im|in der|innerhalb)\s+/,
      '',
    );
  }
  // "kommenden Freitag" is "nächsten Freitag"; "innerhalb von 6 Wochen" is "in 6 Wochen".
  return t.replace(/^(kommenden?|kommende[rs]|folgenden?) /, 'nächsten ').replace(/^von (\S+ \S+)$/, 'in $1');
}

type Found = DateTime | 'invalid' | undefined;

function ownRules(text: string, today: DateTime): Found {
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m) return exact(Number(m[1]), Number(m[2]), Number(m[3]));

  // 15.03.2027 · 15.3.27 · 15.3. · 15.3
  m = /^(\d{1,2})\.\s?(\d{1,2})\.?(?:\s?(\d{4}|\d{2}))?$/.exec(text);
  if (m) return dayMonth(Number(m[1]), Number(m[2]), m[3], today);

  // 15. März 2027 · 15 März
  m = new RegExp(`^(\\d{1,2})\\.? ?(${MONTH_RE})\\.?(?: (\\d{4}))?$`).exec(text);
  if (m) return dayMonth(Number(m[1]), MONTHS[m[2]!]!, m[3], today);

  // Anfang / Mitte / Ende April (2027)
  m = new RegExp(`^(anfang|beginn|mitte|ende|early|mid|end of|late) (${MONTH_RE})\\.?(?: (\\d{4}))?$`).exec(
    text,
  );
  if (m) {
    const month = MONTHS[m[2]!]!;
    const part = m[1]!;
    const pickDay = (d: DateTime) =>
      /anfang|beginn|early/.test(part)
        ? d.set({ day: 1 })
        : /mitte|mid/.test(part)
          ? d.set({ day: 15 })
          : d.endOf('month').startOf('day');
    return inMonth(month, m[3], today, pickDay);
  }

  // April (2027): by the end of that month
  m = new RegExp(`^(${MONTH_RE})\\.?(?: (\\d{4}))?$`).exec(text);
  if (m) return inMonth(MONTHS[m[1]!]!, m[2], today, (d) => d.endOf('month').startOf('day'));

  // KW 12 (2027) · Kalenderwoche 12: the Friday of that ISO week
  m = /^(?:kw|kalenderwoche|week|cw) ?(\d{1,2})(?:[ /](\d{4}))?$/.exec(text);
  if (m) {
    const week = Number(m[1]);
    const explicitYear = m[2] ? Number(m[2]) : undefined;
    const at = (year: number) =>
      DateTime.fromObject({ weekYear: year, weekNumber: week, weekday: 5 }, { zone: today.zone });
    if (week < 1 || week > 53) return 'invalid';
    if (explicitYear) return at(explicitYear);
    const thisYear = at(today.weekYear);
    return thisYear.isValid && thisYear < today ? at(today.weekYear + 1) : thisYear;
  }

  // in 6 Wochen · in zwei Monaten · in einem Jahr · in 10 Tagen
  m =
    /^in (\d{1,3}|[a-zäöü]+) (tag|tagen|days?|wochen?|weeks?|monat|monaten|months?|jahr|jahren|years?)$/.exec(
      text,
    );
  if (m) {
    const n = /^\d+$/.test(m[1]!) ? Number(m[1]) : NUMBER_WORDS[m[1]!];
    if (n === undefined) return undefined;
    const unit = m[2]!;
    if (/^(tag|day)/.test(unit)) return today.plus({ days: n });
    if (/^(woche|week)/.test(unit)) return today.plus({ weeks: n });
    if (/^(monat|month)/.test(unit)) return today.plus({ months: n });
    return today.plus({ years: n });
  }

  // Q1 2027 · 1. Quartal · drittes Quartal 2027: the last day of that quarter
  m =
    /^(?:ende (?:des )?)?(?:q([1-4])|([1-4])\. ?quartal|(erste|zweite|dritte|vierte)[sn]? quartal)(?:[ /-]?(\d{4}))?$/.exec(
      text,
    );
  if (m) {
    const quarter = Number(m[1] ?? m[2] ?? ['erste', 'zweite', 'dritte', 'vierte'].indexOf(m[3]!) + 1);
    return inMonth(quarter * 3, m[4], today, (d) => d.endOf('month').startOf('day'));
  }

  // (Anfang / Mitte / Ende) nächsten Monat(s) / dieses Monats / nächsten Jahres / des Jahres
  m =
    /^(?:(anfang|beginn|mitte|ende) (?:des |der )?)?(nächste[nrs]?|naechste[nrs]?|kommende[nrs]?|diese[nrs]?|des)? ?(monats?|jahr(?:es)?|woche)$/.exec(
      text,
    );
  if (m && (m[1] || m[2])) {
    const part = m[1] ?? 'ende';
    const next = /^(nä|nae|ko)/.test(m[2] ?? '');
    if (m[3]!.startsWith('monat')) {
      const month = (next ? today.plus({ months: 1 }) : today).startOf('month');
      return part === 'ende'
        ? month.endOf('month').startOf('day')
        : month.set({ day: part === 'mitte' ? 15 : 1 });
    }
    if (m[3]!.startsWith('jahr')) {
      // The beginning of a year is its first month: as a deadline, the end of January.
      const year = (next ? today.plus({ years: 1 }) : today).startOf('year');
      return part === 'ende'
        ? year.endOf('year').startOf('day')
        : year
            .set({ month: part === 'mitte' ? 6 : 1 })
            .endOf('month')
            .startOf('day');
    }
    // nächste Woche · Ende dieser Woche: the Friday of that week, like "KW 12"
    const week = (next ? today.plus({ weeks: 1 }) : today).set({ weekday: part === 'ende' ? 5 : 1 });
    return part === 'mitte' ? week.set({ weekday: 3 }) : week;
  }

  if (/^(jahresende|ende nächstes jahr|end of (the )?year)$/.test(text)) {
    return (text.includes('nächstes') ? today.plus({ years: 1 }) : today).endOf('year').startOf('day');
  }
  if (/^(monatsende|end of (the )?month)$/.test(text)) {
    return today.endOf('month').startOf('day');
  }
  if (/^(next month)$/.test(text)) return today.plus({ months: 1 }).endOf('month').startOf('day');
  if (/^(next year)$/.test(text)) return today.plus({ years: 1 }).endOf('year').startOf('day');
  return undefined;
}

const NUMBER_RE = Object.keys(NUMBER_WORDS)
  .filter((w) => w.length > 1)
  .sort((a, b) => b.length - a.length)
  .join('|');
const WEEKDAY_RE =
  'montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|monday|tuesday|wednesday|thursday|friday|saturday|sunday';

/** Words in front of a date that make it a deadline ("bis", "spätestens") or just place it ("am", "im"). */
const LEAD = '(?:(?:bis|spätestens|spaetestens|am|zum|zur|im|in der|by|until)\\s+){0,3}';
const DEADLINE_LEAD = /^(bis|spätestens|spaetestens|by|until)\b/i;

/** The shapes a date takes inside a sentence; each one is checked by parseGermanDate afterwards. */
const DATE_SHAPES = [
  '\\d{4}-\\d{2}-\\d{2}',
  '\\d{1,2}\\.\\s?\\d{1,2}\\.(?:\\s?(?:\\d{4}|\\d{2})(?!\\d))?',
  `\\d{1,2}\\.?\\s?(?:${MONTH_RE})\\.?(?:\\s\\d{4})?`,
  `(?:anfang|beginn|mitte|ende|early|mid|end of|late)\\s(?:${MONTH_RE})\\.?(?:\\s\\d{4})?`,
  '(?:(?:anfang|beginn|mitte|ende)\\s(?:des\\s|der\\s)?)?(?:nächste[nrs]?|naechste[nrs]?|kommende[nrs]?|diese[nrs]?|des)\\s(?:monats?|jahr(?:es)?|woche)',
  '(?:anfang|mitte|ende)\\sder\\swoche',
  'jahresende|monatsende|next month|next year|end of (?:the )?(?:month|year)',
  '(?:kw|kalenderwoche)\\s?\\d{1,2}(?:[ /]\\d{4})?',
  '(?:ende\\s(?:des\\s)?)?(?:q[1-4]|[1-4]\\.\\s?quartal|(?:erste|zweite|dritte|vierte)[sn]?\\squartal)(?:[ /-]?\\d{4})?',
  `(?:in|innerhalb von|within)\\s(?:\\d{1,3}|${NUMBER_RE})\\s(?:tagen|tag|wochen|woche|monaten|monat|jahren|jahr|days?|weeks?|months?|years?)`,
  `(?:(?:nächste[nr]?|naechste[nr]?|kommende[nr]?|diese[nr]?|next|this)\\s)?(?:${WEEKDAY_RE})`,
  'übermorgen|uebermorgen|morgen|tomorrow',
].join('|');
const MONTH_ONLY = `(?:bis|im|zum|ab|by|until|in)\\s(?:(?:${MONTH_RE})\\.?(?:\\s\\d{4})?|\\d{1,2}\\.\\d{1,2})|(?:${MONTH_RE})\\s\\d{4}`;
const DATE_IN_TEXT = new RegExp(
  `(?<![\\p{L}\\d.])(${LEAD}(?:${DATE_SHAPES})|${MONTH_ONLY})(?![\\p{L}\\d])`,
  'giu',
);

export interface DateInText {
  /** Where the phrase starts and ends in the text, lead words ("bis zum") included. */
  start: number;
  end: number;
  phrase: string;
  result: DateResult;
  /** Said as a deadline: "bis …", "spätestens …". */
  deadline: boolean;
}

/**
 * Date phrases anywhere in a sentence ("Pilot in der Frühschicht in 6 Wochen, Herr Maier"), left to right.
 * Only phrases that read as a date (also a past or impossible one, so the user hears about it) count.
 */
export function findDates(text: string, ctx: DateContext): DateInText[] {
  const found: DateInText[] = [];
  for (const m of text.matchAll(DATE_IN_TEXT)) {
    const phrase = m[1]!.trim();
    const result = parseGermanDate(phrase, ctx);
    if (!result.ok && result.reason === 'unknown') continue;
    found.push({
      start: m.index!,
      end: m.index! + m[0].length,
      phrase,
      result,
      deadline: DEADLINE_LEAD.test(phrase),
    });
  }
  return found;
}

function exact(year: number, month: number, day: number): Found {
  const d = DateTime.fromObject({ year, month, day });
  return d.isValid ? d : 'invalid';
}

function dayMonth(day: number, month: number, rawYear: string | undefined, today: DateTime): Found {
  if (rawYear) {
    const year = rawYear.length === 2 ? 2000 + Number(rawYear) : Number(rawYear);
    return inZone(exact(year, month, day), today);
  }
  const thisYear = inZone(exact(today.year, month, day), today);
  if (thisYear === 'invalid' || !thisYear) {
    // 29.2. in a year without it: try the next year before calling it invalid.
    return inZone(exact(today.year + 1, month, day), today);
  }
  return thisYear < today ? inZone(exact(today.year + 1, month, day), today) : thisYear;
}

function inMonth(
  month: number,
  rawYear: string | undefined,
  today: DateTime,
  pickDay: (firstOfMonth: DateTime) => DateTime,
): Found {
  const of = (year: number) => pickDay(DateTime.fromObject({ year, month, day: 1 }, { zone: today.zone }));
  if (rawYear) return of(Number(rawYear));
  const thisYear = of(today.year);
  return thisYear < today ? of(today.year + 1) : thisYear;
}

function inZone(d: Found, today: DateTime): Found {
  if (!d || d === 'invalid') return d;
  return DateTime.fromObject({ year: d.year, month: d.month, day: d.day }, { zone: today.zone });
}

function viaChrono(text: string, today: DateTime, timeZone: string): Found {
  // Reference: noon today in the user's zone, so "morgen" never slips a day across midnight UTC.
  const ref = today.set({ hour: 12 }).toJSDate();
  const results = chrono.de.parse(text, { instant: ref, timezone: timeZone }, { forwardDate: true });
  const first =
    results[0] ?? chrono.en.parse(text, { instant: ref, timezone: timeZone }, { forwardDate: true })[0];
  // Only accept a parse that covers most of the input, not a stray number inside a sentence.
  if (!first || first.text.length < text.length * 0.6) return undefined;
  const d = DateTime.fromJSDate(first.start.date()).setZone(timeZone).startOf('day');
  return d;
}

/** "15.03.2027" for the user. A calendar date: no time zone can shift it. */
export function formatDate(isoDate: string, locale: 'de' | 'en'): string {
  const d = DateTime.fromISO(isoDate, { zone: 'utc' });
  return locale === 'en' ? d.toFormat('d LLL yyyy', { locale: 'en' }) : d.toFormat('dd.MM.yyyy');
}

/** The calendar day (YYYY-MM-DD) of an instant in the user's time zone, e.g. for "Stand:". */
export function dayIn(instant: Date, timeZone: string): string {
  return DateTime.fromJSDate(instant).setZone(timeZone).toISODate()!;
}
