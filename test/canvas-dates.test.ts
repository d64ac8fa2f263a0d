import { describe, expect, it } from 'vitest';
import { findDates, parseGermanDate } from '../src/canvas/dates.ts';

// Thursday, 26 November 2026, 10:00 in Berlin.
const now = new Date('2026-11-26T09:00:00Z');
const parse = (s: string, timeZone = 'Europe/Berlin') => parseGermanDate(s, { now, timeZone });
const ok = (date: string) => ({ ok: true, date });

describe('German milestone dates', () => {
  it.each([
    ['15.03.2027', '2027-03-15'],
    ['15.3.27', '2027-03-15'],
    ['15.3.', '2027-03-15'],
    ['bis zum 15.3.', '2027-03-15'],
    ['1.12.', '2026-12-01'],
    ['2027-05-01', '2027-05-01'],
    ['15. März 2027', '2027-03-15'],
    ['3. Mai', '2027-05-03'],
    ['Ende April', '2027-04-30'],
    ['bis Ende April', '2027-04-30'],
    ['Mitte Mai', '2027-05-15'],
    ['Anfang Juni 2027', '2027-06-01'],
    ['Ende Februar 2028', '2028-02-29'],
    ['Ende Dezember', '2026-12-31'],
    ['April', '2027-04-30'],
    ['Jahresende', '2026-12-31'],
    ['in 6 Wochen', '2027-01-07'],
    ['in zwei Monaten', '2027-01-26'],
    ['in einem Jahr', '2027-11-26'],
    ['in 10 Tagen', '2026-12-06'],
    ['morgen', '2026-11-27'],
    ['nächsten Freitag', '2026-12-04'],
    ['KW 12', '2027-03-26'],
    ['KW 50', '2026-12-11'],
    ['Kalenderwoche 3 2028', '2028-01-21'],
    // "im nächsten Monat" means by its end; a quarter ends with its last month.
    ['nächsten Monat', '2026-12-31'],
    ['im nächsten Monat', '2026-12-31'],
    ['bis nächsten Monat', '2026-12-31'],
    ['Anfang nächsten Monats', '2026-12-01'],
    ['Q1 2027', '2027-03-31'],
    ['Q3', '2027-09-30'],
    ['Q4', '2026-12-31'],
    ['1. Quartal 2028', '2028-03-31'],
    ['drittes Quartal', '2027-09-30'],
    // The beginning of a year is its first month.
    ['Anfang nächsten Jahres', '2027-01-31'],
    ['Mitte nächsten Jahres', '2027-06-30'],
    ['nächstes Jahr', '2027-12-31'],
    ['Ende des Jahres', '2026-12-31'],
    ['Ende nächsten Jahres', '2027-12-31'],
    ['nächste Woche', '2026-12-04'],
    ['kommenden Freitag', '2026-12-04'],
    ['innerhalb von 6 Wochen', '2027-01-07'],
  ])('%s → %s', (input, expected) => {
    expect(parse(input)).toEqual(ok(expected));
  });

  it('a day without a year that has passed this year means next year', () => {
    expect(parse('1.11.')).toEqual(ok('2027-11-01'));
    expect(parse('Anfang November')).toEqual(ok('2027-11-01'));
  });

  it('refuses past dates and says which date it understood', () => {
    expect(parse('01.02.2020')).toEqual({ ok: false, reason: 'past', date: '2020-02-01' });
    expect(parse('Ende April 2025')).toEqual({ ok: false, reason: 'past', date: '2025-04-30' });
    expect(parse('heute')).toEqual(ok('2026-11-26'));
  });

  it('refuses impossible and unknown dates', () => {
    expect(parse('30.02.2027')).toEqual({ ok: false, reason: 'invalid' });
    expect(parse('KW 60')).toEqual({ ok: false, reason: 'invalid' });
    expect(parse('irgendwann')).toEqual({ ok: false, reason: 'unknown' });
    expect(parse('wenn Zeit ist, vielleicht 5')).toEqual({ ok: false, reason: 'unknown' });
    expect(parse('')).toEqual({ ok: false, reason: 'unknown' });
  });

  it('counts "today" in the user\'s time zone', () => {
    // 23:30 UTC on 31 Dec 2026 is already 1 Jan 2027 in Berlin but not in New York.
    const late = new Date('2026-12-31T23:30:00Z');
    expect(parseGermanDate('morgen', { now: late, timeZone: 'Europe/Berlin' })).toEqual(ok('2027-01-02'));
    expect(parseGermanDate('morgen', { now: late, timeZone: 'America/New_York' })).toEqual(ok('2027-01-01'));
    expect(parseGermanDate('31.12.2026', { now: late, timeZone: 'Europe/Berlin' }).ok).toBe(false);
    expect(parseGermanDate('31.12.2026', { now: late, timeZone: 'America/New_York' }).ok).toBe(true);
  });

  it('finds date phrases inside a sentence, deadlines marked', () => {
    const found = (s: string) =>
      findDates(s, { now, timeZone: 'Europe/Berlin' }).map((d) => [d.phrase, d.result, d.deadline]);
    expect(found('Pilot in der Frühschicht in 6 Wochen, Herr Maier')).toEqual([
      ['in 6 Wochen', ok('2027-01-07'), false],
    ]);
    expect(found('Videos drehen bis Mitte Mai - Lena')).toEqual([['bis Mitte Mai', ok('2027-05-15'), true]]);
    expect(found('Rollout in der KW 40')).toEqual([['in der KW 40', ok('2027-10-08'), false]]);
    expect(found('Software 2.0 einführen')).toEqual([]);
    expect(found('Morgenrunde einführen')).toEqual([]);
    expect(found('Schulung bis 01.02.2020')).toEqual([
      ['bis 01.02.2020', { ok: false, reason: 'past', date: '2020-02-01' }, true],
    ]);
  });
});
