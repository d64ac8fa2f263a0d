import type { Locale } from '../core/i18n.ts';
import type { Option } from '../core/reply.ts';
import { slotName } from './ics.ts';
import { bookingText } from './messages/index.ts';
import type { BookingWithSlot, Slot } from './store.ts';
import { dayHeading, localDay, longWhen, shortWhen, timeRange } from './time.ts';

/** How one slot reads to one viewer (their language and time zone). */
export interface Viewer {
  locale: Locale;
  zone: string;
}

/** Option labels stay short: Slack allows 75 characters, Teams and the web chat show one line. */
function label(parts: string[], tail = ''): string {
  const text = parts.join(' ');
  const room = 75 - tail.length;
  return (text.length > room ? `${text.slice(0, room - 1)}…` : text) + tail;
}

export function seatsText(slot: Slot, v: Viewer): string {
  const free = slot.seats - slot.booked;
  if (slot.kind === 'coaching' || slot.seats === 1) return bookingText(v.locale, 'present.oneToOne');
  return bookingText(v.locale, 'present.seatsLeft', { free: String(free), seats: String(slot.seats) });
}

function coachText(slot: Slot, v: Viewer): string {
  return slot.coachName ? bookingText(v.locale, 'present.with', { coachName: slot.coachName }) : '';
}

/** The free slots as a Markdown list grouped by local day. */
export function slotsByDay(slots: Slot[], v: Viewer): string {
  const lines: string[] = [];
  let day = '';
  for (const s of slots) {
    const d = localDay(s.startsAt, v.zone);
    if (d !== day) {
      day = d;
      lines.push('', `**${dayHeading(s.startsAt, v.zone, v.locale)}**`);
    }
    lines.push(
      `- ${timeRange(s.startsAt, s.endsAt, v.zone, v.locale)} · ${slotName(s, v.locale)}${coachText(s, v)} (${seatsText(s, v)})`,
    );
  }
  return lines.join('\n').trim();
}

export function slotOption(s: Slot, v: Viewer): Option {
  const free = s.seats - s.booked;
  const seats = s.seats > 1 ? bookingText(v.locale, 'present.left', { free: String(free) }) : '';
  return {
    value: String(s.id),
    label: label([shortWhen(s.startsAt, s.endsAt, v.zone, v.locale), s.title], seats),
  };
}

/** Several lines describing a slot, for confirmations and notifications. */
export function slotDetails(s: Slot, v: Viewer): string {
  const lines = [
    `**${slotName(s, v.locale)}**${coachText(s, v)}`,
    longWhen(s.startsAt, s.endsAt, v.zone, v.locale),
  ];
  if (s.meetingUrl) lines.push(bookingText(v.locale, 'present.meetingLink', { meetingUrl: s.meetingUrl }));
  if (s.note) lines.push(`_${s.note}_`);
  return lines.join('\n');
}

export function bookingOption(b: BookingWithSlot, v: Viewer): Option {
  return {
    value: String(b.id),
    label: label([shortWhen(b.slot.startsAt, b.slot.endsAt, v.zone, v.locale), b.slot.title]),
  };
}

export function bookingLine(b: BookingWithSlot, v: Viewer): string {
  const topic = b.topic ? bookingText(v.locale, 'present.topic', { topic: b.topic }) : '';
  const canvas = b.canvasTitle ? ` – Canvas: ${b.canvasTitle}` : '';
  return `- ${longWhen(b.slot.startsAt, b.slot.endsAt, v.zone, v.locale)} · ${slotName(b.slot, v.locale)}${coachText(b.slot, v)}${topic}${canvas}`;
}
