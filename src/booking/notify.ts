import type { Services } from '../core/context.ts';
import { normaliseLocale } from '../core/i18n.ts';
import { findUser } from '../core/identity.ts';
import type { Reply } from '../core/reply.ts';
import { knownTimeZone } from '../core/time-zone.ts';
import type { Queryable } from '../db/index.ts';
import { bookingIcs, slotName } from './ics.ts';
import { bookingText } from './messages/index.ts';
import { bookingLine, slotDetails, slotOption, type Viewer } from './present.ts';
import type { BookingWithSlot, Slot } from './store.ts';
import { longWhen } from './time.ts';

/** The booker's topic and attached canvas, as lines for the coach. */
function topicLine(b: BookingWithSlot, v: Viewer): string {
  const topic = b.topic ? bookingText(v.locale, 'notify.topic', { topic: b.topic }) : '';
  return `${topic}${b.canvasTitle ? `\nCanvas: ${b.canvasTitle}` : ''}`;
}

/** "in 24 Stunden", "in 15 Minuten" */
export function leadTime(minutes: number, v: Viewer): string {
  if (minutes >= 1440 && minutes % 1440 === 0) {
    const d = minutes / 1440;
    return d === 1
      ? bookingText(v.locale, 'notify.tomorrowSameTime')
      : bookingText(v.locale, 'notify.inDays', { d: String(d) });
  }
  if (minutes >= 60 && minutes % 60 === 0) {
    const h = minutes / 60;
    return bookingText(v.locale, 'notify.inHours', { h });
  }
  return bookingText(v.locale, 'notify.inMinutes', { minutes: String(minutes) });
}

/**
 * Proactive messages about bookings. Each is written to the outbox with the caller's transaction client,
 * so it exists exactly when the change it reports was committed.
 */
export class BookingNotifier {
  constructor(private readonly services: Services) {}

  /** The recipient's language and time zone as last seen by the bot. */
  async viewer(q: Queryable, userKey: string): Promise<Viewer> {
    const { config } = this.services;
    const user = await findUser(q, userKey);
    return {
      locale: normaliseLocale(user?.locale) ?? config.DEFAULT_LOCALE,
      zone: knownTimeZone(user?.timeZone, config.DEFAULT_TIMEZONE),
    };
  }

  /** Configured coaches may never have written to the bot: the outbox reaches them by their key. */
  async sendTo(q: Queryable, userKey: string, replies: Reply[]): Promise<void> {
    await this.services.outbox.sendToUser(userKey, replies, q);
  }

  async invitationFile(q: Queryable, booking: BookingWithSlot, method: 'REQUEST' | 'CANCEL', now: Date) {
    const ics = bookingIcs(booking, method, { publicUrl: this.services.config.publicUrl, now });
    const name = method === 'CANCEL' ? 'absage.ics' : 'einladung.ics';
    const mime = `text/calendar; charset=utf-8; method=${method}`;
    return this.services.files.save(booking.userKey, name, mime, ics, q);
  }

  async coachBooked(q: Queryable, b: BookingWithSlot): Promise<void> {
    const v = await this.viewer(q, b.slot.coachKey);
    const who = b.userName ?? b.userKey;
    await this.sendTo(q, b.slot.coachKey, [
      {
        text: bookingText(v.locale, 'notify.coach.booked', {
          who,
          slot: slotDetails(b.slot, v),
          topic: topicLine(b, v),
        }),
        actions: [
          {
            id: 'booking.coachBookings',
            label: bookingText(v.locale, 'notify.mySessions'),
          },
        ],
      },
    ]);
  }

  async coachCancelled(q: Queryable, b: BookingWithSlot): Promise<void> {
    const v = await this.viewer(q, b.slot.coachKey);
    const who = b.userName ?? b.userKey;
    await this.sendTo(q, b.slot.coachKey, [
      {
        text: bookingText(v.locale, 'notify.coach.cancelled', {
          who,
          slot: slotDetails(b.slot, v),
          topic: topicLine(b, v),
        }),
      },
    ]);
  }

  /** A booking moved between two slots of the same coach: one message, old time → new time. */
  async coachMoved(q: Queryable, old: BookingWithSlot, moved: BookingWithSlot): Promise<void> {
    const v = await this.viewer(q, moved.slot.coachKey);
    const who = moved.userName ?? moved.userKey;
    const line = (b: BookingWithSlot) =>
      `${longWhen(b.slot.startsAt, b.slot.endsAt, v.zone, v.locale)} · ${slotName(b.slot, v.locale)}`;
    await this.sendTo(q, moved.slot.coachKey, [
      {
        text: bookingText(v.locale, 'notify.coach.moved', {
          who,
          old: line(old),
          moved: line(moved),
          topic: topicLine(moved, v),
        }),
        actions: [
          {
            id: 'booking.coachBookings',
            label: bookingText(v.locale, 'notify.mySessions'),
          },
        ],
      },
    ]);
  }

  /** Everyone booked on a slot the coach cancelled: the CANCEL invitation and other free slots. */
  /** alternatives undefined: not looked up (e.g. inside an erasure), the user is pointed to the free slots. */
  async slotCancelled(
    q: Queryable,
    b: BookingWithSlot,
    alternatives: Slot[] | undefined,
    now: Date,
  ): Promise<void> {
    const v = await this.viewer(q, b.userKey);
    const file = await this.invitationFile(q, b, 'CANCEL', now);
    // Never offer a coach (booked elsewhere as a participant) their own slots.
    const others = (alternatives ?? [])
      .filter((s) => s.id !== b.slotId && s.coachKey !== b.userKey)
      .slice(0, 5);
    const unknown = alternatives === undefined;
    await this.sendTo(q, b.userKey, [
      {
        text: bookingText(v.locale, 'notify.slotCancelled', {
          slot: slotDetails(b.slot, v),
          next: others.length ? 'pick' : unknown ? 'look' : 'none',
        }),
        files: [file],
        choice: others.length
          ? {
              id: 'booking.pick',
              label: bookingText(v.locale, 'notify.chooseAnotherSlot'),
              options: others.map((s) => slotOption(s, v)),
            }
          : undefined,
        actions: [{ id: 'booking.start', label: bookingText(v.locale, 'notify.freeSlots') }],
      },
    ]);
  }

  async reminder(q: Queryable, b: BookingWithSlot, offsetMinutes: number): Promise<void> {
    const v = await this.viewer(q, b.userKey);
    await this.sendTo(q, b.userKey, [
      {
        text: `${bookingText(v.locale, 'notify.reminder', {
          lead: leadTime(offsetMinutes, v),
          booking: bookingLine(b, v).slice(2),
        })}${b.slot.meetingUrl ? `\n${bookingText(v.locale, 'present.meetingLink', { meetingUrl: b.slot.meetingUrl })}` : ''}`,
        actions: [{ id: 'booking.mine', label: bookingText(v.locale, 'notify.myBookings') }],
      },
    ]);
  }
}
