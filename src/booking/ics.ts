import ical, { ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { BookingWithSlot, Slot } from './store.ts';

const PRODUCT = { company: 'LoDiLe', product: 'LoDiLe-Bot', language: 'DE' };

export const kindLabel = (slot: Slot, locale: 'de' | 'en') =>
  slot.kind === 'sprechstunde'
    ? locale === 'de'
      ? 'Virtuelle Sprechstunde'
      : 'Virtual consultation hour'
    : 'E-Coaching';

/**
 * "Virtuelle Sprechstunde: Lernvideos"; a title that already starts with the kind (in either language, as the
 * publish form suggests "Virtuelle Sprechstunde") is shown alone instead of "Virtuelle Sprechstunde: Virtuelle
 * Sprechstunde".
 */
export function slotName(slot: Slot, locale: 'de' | 'en'): string {
  const title = slot.title.trim();
  const plain = (t: string) => t.toLocaleLowerCase('de').replace(/[\s-]+/g, '');
  const repeats = (['de', 'en'] as const).some((l) => plain(title).startsWith(plain(kindLabel(slot, l))));
  return repeats ? title : `${kindLabel(slot, locale)}: ${title}`;
}

/**
 * We know chat identities, not e-mail addresses; calendar clients need a mailto: for ORGANIZER and
 * ATTENDEE, so they get a non-deliverable address on the bot's host (the CN carries the real name).
 */
function address(userKey: string, host: string): string {
  return `${userKey.replace(/[^\w.-]/g, '.')}@${host}`;
}

function hostOf(publicUrl: string): string {
  try {
    return new URL(publicUrl).hostname || 'lodile-bot.local';
  } catch {
    return 'lodile-bot.local';
  }
}

function describe(slot: Slot, booking?: BookingWithSlot): string {
  return [
    slot.note,
    booking?.topic ? `Thema / topic: ${booking.topic}` : undefined,
    booking?.canvasTitle ? `Canvas: ${booking.canvasTitle}` : undefined,
    slot.meetingUrl ? `Online-Raum / meeting link: ${slot.meetingUrl}` : undefined,
    'Gebucht über den LoDiLe-Bot.',
  ]
    .filter(Boolean)
    .join('\n');
}

/**
 * The invitation (METHOD:REQUEST) or its cancellation (METHOD:CANCEL) for one booking: same UID,
 * higher SEQUENCE on cancel so calendar clients replace the event. Times are written in UTC.
 */
export function bookingIcs(
  booking: BookingWithSlot,
  method: 'REQUEST' | 'CANCEL',
  opts: { publicUrl: string; now: Date },
): string {
  const { slot } = booking;
  const host = hostOf(opts.publicUrl);
  const cancel = method === 'CANCEL';
  const cal = ical({
    prodId: PRODUCT,
    method: cancel ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  cal.createEvent({
    id: booking.uid,
    sequence: cancel ? 1 : 0,
    stamp: opts.now,
    start: slot.startsAt,
    end: slot.endsAt,
    summary: slotName(slot, 'de'),
    description: describe(slot, booking),
    location: slot.meetingUrl ?? undefined,
    url: slot.meetingUrl ?? undefined,
    status: cancel ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: {
      name: slot.coachName ?? 'CoDiLe',
      email: address(slot.coachKey, host),
    },
    attendees: [
      {
        name: booking.userName ?? booking.userKey,
        email: address(booking.userKey, host),
        status: cancel ? undefined : ICalAttendeeStatus.ACCEPTED,
      },
    ],
  });
  return cal.toString();
}

/** The coach's subscription feed (METHOD:PUBLISH): one event per slot with who booked and their topics. */
export function coachFeedIcs(
  coachKey: string,
  items: { slot: Slot; bookings: BookingWithSlot[] }[],
  opts: { publicUrl: string; now: Date },
): string {
  const host = hostOf(opts.publicUrl);
  const cal = ical({
    prodId: PRODUCT,
    method: ICalCalendarMethod.PUBLISH,
    name: 'LoDiLe-Bot – meine Termine',
    ttl: 15 * 60,
  });
  for (const { slot, bookings } of items) {
    const who = bookings.map(
      (b) =>
        `- ${b.userName ?? b.userKey}${b.topic ? `: ${b.topic}` : ''}${b.canvasTitle ? ` (Canvas: ${b.canvasTitle})` : ''}`,
    );
    cal.createEvent({
      id: `slot-${slot.id}@${host}`,
      stamp: opts.now,
      start: slot.startsAt,
      end: slot.endsAt,
      summary: `${slotName(slot, 'de')} (${slot.booked}/${slot.seats})`,
      description: [
        bookings.length ? `Gebucht von:\n${who.join('\n')}` : 'Noch keine Buchungen.',
        slot.note,
        slot.meetingUrl,
      ]
        .filter(Boolean)
        .join('\n\n'),
      location: slot.meetingUrl ?? undefined,
      url: slot.meetingUrl ?? undefined,
      status: slot.cancelledAt ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      organizer: { name: slot.coachName ?? 'CoDiLe', email: address(coachKey, host) },
    });
  }
  return cal.toString();
}
