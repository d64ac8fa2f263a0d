import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import type { TestApp, WireReply } from './app.ts';
import { automation } from './app.ts';

export interface ParsedIcs {
  method: string;
  uid: string;
  start: Date;
  end: Date;
  status: string;
  sequence: number;
  summary: string;
  organizer: string;
  location?: string;
  description?: string;
  /** UTC or a TZID: what the DTSTART carries. */
  zone: string;
  events: number;
}

/** Parses an iCalendar text with ical.js (a real RFC 5545 parser), first VEVENT. */
export function parseIcs(text: string): ParsedIcs {
  const cal = new ICAL.Component(ICAL.parse(text));
  const events = cal.getAllSubcomponents('vevent');
  const vevent = events[0]!;
  const ev = new ICAL.Event(vevent);
  const dtstamp = vevent.getFirstPropertyValue('dtstamp');
  if (!dtstamp) throw new Error('DTSTAMP missing');
  return {
    method: String(cal.getFirstPropertyValue('method') ?? ''),
    uid: ev.uid,
    start: ev.startDate.toJSDate(),
    end: ev.endDate.toJSDate(),
    status: String(vevent.getFirstPropertyValue('status') ?? ''),
    sequence: Number(vevent.getFirstPropertyValue('sequence') ?? 0),
    summary: ev.summary,
    organizer: String(vevent.getFirstPropertyValue('organizer') ?? ''),
    location: ev.location ?? undefined,
    description: ev.description ?? undefined,
    zone: ev.startDate.zone?.tzid ?? '',
    events: events.length,
  };
}

export async function fetchFile(
  app: TestApp,
  file: { url: string },
): Promise<{ type: string; body: string }> {
  const res = await fetch(app.url + file.url, { headers: automation });
  if (!res.ok) throw new Error(`file ${file.url}: HTTP ${res.status}`);
  return { type: res.headers.get('content-type') ?? '', body: await res.text() };
}

export async function inbox(app: TestApp, user: string): Promise<{ replies: WireReply[] }[]> {
  const res = await fetch(`${app.url}/api/local/users/${user}/inbox`, { headers: automation });
  return ((await res.json()) as { messages: { replies: WireReply[] }[] }).messages;
}

/** A local calendar day in Berlin, `days` from today, as YYYY-MM-DD. */
export function berlinDay(days: number): string {
  return DateTime.now().setZone('Europe/Berlin').plus({ days }).toISODate()!;
}

/** The publish form fields of a coach, with overrides. */
export function slotFields(over: Record<string, string> = {}): Record<string, string> {
  return {
    kind: 'sprechstunde',
    title: 'Virtuelle Sprechstunde',
    date: berlinDay(3),
    start: '16:00',
    end: '17:00',
    duration: '',
    seats: '8',
    link: 'https://meet.example.org/lodile',
    note: '',
    every: '0',
    weeks: '12',
    ...over,
  };
}

export const allText = (replies: WireReply[]) => replies.map((r) => r.text).join('\n');
