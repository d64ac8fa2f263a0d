import { DateTime } from 'luxon';
import type { Locale } from '../core/i18n.ts';

/** "16:00", "16.00", "16 Uhr", "9:30" → minutes after midnight; undefined when not a time. */
export function parseClock(raw: string | undefined): { hour: number; minute: number } | undefined {
  const m = raw?.trim().match(/^(\d{1,2})(?:[:.](\d{2}))?\s*(?:uhr|h)?$/i);
  if (!m) return undefined;
  const hour = Number(m[1]);
  const minute = Number(m[2] ?? 0);
  if (hour > 23 || minute > 59) return undefined;
  return { hour, minute };
}

/** "2026-12-01" or "1.12.2026" → {year, month, day}; undefined when not a real date. */
export function parseDay(raw: string | undefined): { year: number; month: number; day: number } | undefined {
  const s = raw?.trim() ?? '';
  let m = s.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  let parts: [number, number, number] | undefined;
  if (m) parts = [Number(m[1]), Number(m[2]), Number(m[3])];
  m = s.match(/^(\d{1,2})\.(\d{1,2})\.(\d{4})$/);
  if (m) parts = [Number(m[3]), Number(m[2]), Number(m[1])];
  if (!parts) return undefined;
  const [year, month, day] = parts;
  return DateTime.fromObject({ year, month, day }).isValid ? { year, month, day } : undefined;
}

export interface Occurrence {
  startsAt: Date;
  endsAt: Date;
}

/**
 * The occurrences of a slot or series in the coach's zone. Adding weeks in local calendar terms keeps
 * the wall time (16:00 stays 16:00) when a daylight-saving change falls between two dates.
 */
export function occurrences(opts: {
  day: { year: number; month: number; day: number };
  start: { hour: number; minute: number };
  durationMinutes: number;
  zone: string;
  everyWeeks: number;
  forWeeks: number;
}): Occurrence[] {
  const first = DateTime.fromObject({ ...opts.day, ...opts.start }, { zone: opts.zone });
  const result: Occurrence[] = [];
  const count = opts.everyWeeks > 0 ? Math.max(1, Math.ceil(opts.forWeeks / opts.everyWeeks)) : 1;
  for (let i = 0; i < count; i++) {
    const start = first.plus({ weeks: i * opts.everyWeeks });
    result.push({
      startsAt: start.toJSDate(),
      endsAt: start.plus({ minutes: opts.durationMinutes }).toJSDate(),
    });
  }
  return result;
}

const at = (d: Date, zone: string, locale: Locale) =>
  DateTime.fromJSDate(d, { zone }).setLocale(locale === 'de' ? 'de-DE' : 'en-GB');

/** "Dienstag, 1. Dezember 2026" */
export function dayHeading(d: Date, zone: string, locale: Locale): string {
  return at(d, zone, locale).toLocaleString({
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
}

/** Key for grouping by local day. */
export function localDay(d: Date, zone: string): string {
  return DateTime.fromJSDate(d, { zone }).toISODate() ?? '';
}

/** "16:00–17:00" */
export function timeRange(start: Date, end: Date, zone: string, locale: Locale): string {
  return `${at(start, zone, locale).toFormat('HH:mm')}–${at(end, zone, locale).toFormat('HH:mm')}`;
}

/** "Di., 01.12. 16:00–17:00" (short, for lists and choices) */
export function shortWhen(start: Date, end: Date, zone: string, locale: Locale): string {
  const s = at(start, zone, locale);
  return `${s.toFormat(locale === 'de' ? 'ccc dd.MM.' : 'ccc dd/MM')} ${timeRange(start, end, zone, locale)}`;
}

/** "Dienstag, 1. Dezember 2026, 16:00–17:00 Uhr" */
export function longWhen(start: Date, end: Date, zone: string, locale: Locale): string {
  const suffix = locale === 'de' ? ' Uhr' : '';
  const tz = zone === 'Europe/Berlin' ? '' : ` (${zone})`;
  return `${dayHeading(start, zone, locale)}, ${timeRange(start, end, zone, locale)}${suffix}${tz}`;
}

export function minutesBetween(a: Date, b: Date): number {
  return Math.round((b.getTime() - a.getTime()) / 60_000);
}
