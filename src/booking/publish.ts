import { DateTime } from 'luxon';
import type { Bilingual, Locale } from '../core/i18n.ts';
import type { Form } from '../core/reply.ts';
import { bookingText } from './messages/index.ts';
import type { SlotDraft } from './store.ts';
import { type Occurrence, occurrences, parseClock, parseDay } from './time.ts';

export const MAX_SERIES = 26;
const COACHING_MINUTES = [30, 45, 60];

export type Say = (t: Bilingual) => string;

/** The reader's language, from the `say` the callers hand in (ctx.t, or a fixed language in tests). */
const localeOf = (say: Say): Locale => say({ de: 'de', en: 'en' }) as Locale;

/** The publish form, refilled with what the coach entered and the problems found. */
export function publishForm(
  say: Say,
  zone: string,
  values: Record<string, string> = {},
  errors?: Record<string, string>,
): Form {
  const locale = localeOf(say);
  const tomorrow = DateTime.now().setZone(zone).plus({ days: 1 }).toISODate() ?? '';
  const v = (id: string, fallback = '') => values[id] ?? fallback;
  return {
    id: 'booking.publish',
    title: bookingText(locale, 'form.title'),
    submitLabel: bookingText(locale, 'form.submit'),
    errors,
    fields: [
      {
        id: 'kind',
        label: bookingText(locale, 'form.kind'),
        type: 'select',
        required: true,
        value: v('kind', 'sprechstunde'),
        options: [
          {
            value: 'sprechstunde',
            label: bookingText(locale, 'form.kind.sprechstunde'),
          },
          { value: 'coaching', label: bookingText(locale, 'form.kind.coaching') },
        ],
      },
      {
        id: 'title',
        label: bookingText(locale, 'form.titleField'),
        type: 'text',
        required: true,
        maxLength: 120,
        value: v('title', bookingText(locale, 'form.titleField.default')),
      },
      {
        id: 'date',
        label: bookingText(locale, 'form.date'),
        type: 'date',
        required: true,
        value: v('date', tomorrow),
      },
      {
        id: 'start',
        label: bookingText(locale, 'form.start'),
        type: 'text',
        required: true,
        placeholder: '16:00',
        value: v('start'),
      },
      {
        id: 'end',
        label: bookingText(locale, 'form.end'),
        type: 'text',
        placeholder: '17:00',
        value: v('end'),
      },
      {
        id: 'duration',
        label: bookingText(locale, 'form.duration'),
        type: 'select',
        value: v('duration'),
        options: [
          { value: '30', label: '30 min' },
          { value: '45', label: '45 min' },
          { value: '60', label: '60 min' },
        ],
      },
      {
        id: 'seats',
        label: bookingText(locale, 'form.seats'),
        type: 'number',
        min: 1,
        max: 500,
        value: v('seats', '8'),
      },
      {
        id: 'link',
        label: bookingText(locale, 'form.link'),
        type: 'text',
        required: true,
        placeholder: 'https://…',
        maxLength: 500,
        value: v('link'),
      },
      {
        id: 'note',
        label: bookingText(locale, 'form.note'),
        type: 'textarea',
        maxLength: 500,
        value: v('note'),
      },
      {
        id: 'every',
        label: bookingText(locale, 'form.repeat'),
        type: 'select',
        value: v('every', '0'),
        options: [
          { value: '0', label: bookingText(locale, 'form.repeat.once') },
          { value: '1', label: bookingText(locale, 'form.repeat.1') },
          { value: '2', label: bookingText(locale, 'form.repeat.2') },
          { value: '3', label: bookingText(locale, 'form.repeat.3') },
          { value: '4', label: bookingText(locale, 'form.repeat.4') },
        ],
      },
      {
        id: 'weeks',
        label: bookingText(locale, 'form.weeks'),
        type: 'number',
        min: 1,
        max: 52,
        value: v('weeks', '12'),
      },
    ],
  };
}

export type PublishInput =
  | { ok: true; draft: Omit<SlotDraft, 'coachKey' | 'coachName' | 'timeZone'>; times: Occurrence[] }
  | { ok: false; errors: Record<string, string> };

/** Checks the submitted form; every problem gets a message next to its field. */
export function readPublishForm(
  fields: Record<string, string>,
  zone: string,
  now: Date,
  say: Say,
): PublishInput {
  const locale = localeOf(say);
  const errors: Record<string, string> = {};
  const f = (id: string) => (fields[id] ?? '').trim();
  const kind =
    f('kind') === 'coaching' ? 'coaching' : f('kind') === 'sprechstunde' ? 'sprechstunde' : undefined;
  if (!kind) errors.kind = bookingText(locale, 'form.error.kind');
  const title = f('title');
  if (!title) errors.title = bookingText(locale, 'form.error.title');
  else if (title.length > 120) {
    errors.title = bookingText(locale, 'form.error.max120');
  }
  if (f('note').length > 500) {
    errors.note = bookingText(locale, 'form.error.max500');
  }
  const day = parseDay(f('date'));
  if (!day) errors.date = bookingText(locale, 'form.error.date');
  const start = parseClock(f('start'));
  if (!start) errors.start = bookingText(locale, 'form.error.start');

  let minutes: number | undefined;
  if (f('end')) {
    const end = parseClock(f('end'));
    if (!end) errors.end = bookingText(locale, 'form.error.end');
    else if (start) {
      minutes = end.hour * 60 + end.minute - (start.hour * 60 + start.minute);
      if (minutes <= 0) errors.end = bookingText(locale, 'form.error.endBeforeStart');
      else if (minutes > 480) errors.end = bookingText(locale, 'form.error.tooLong');
    }
  } else if (f('duration')) {
    minutes = Number(f('duration'));
    if (!COACHING_MINUTES.includes(minutes)) errors.duration = bookingText(locale, 'form.error.duration');
  } else {
    errors.end = bookingText(locale, 'form.error.noEnd');
  }
  if (kind === 'coaching' && minutes !== undefined && !errors.end && !COACHING_MINUTES.includes(minutes)) {
    errors.duration = bookingText(locale, 'form.error.coachingDuration');
  }

  let seats = 1;
  if (kind === 'sprechstunde') {
    seats = Number(f('seats') || '8');
    if (!Number.isInteger(seats) || seats < 1 || seats > 500)
      errors.seats = bookingText(locale, 'form.error.seats');
  }

  const link = f('link');
  if (link.length > 500 || !/^https?:\/\/[^\s/$.?#][^\s]*$/i.test(link)) {
    errors.link = bookingText(locale, 'form.error.link');
  }

  const every = Number(f('every') || '0');
  if (![0, 1, 2, 3, 4].includes(every)) errors.every = bookingText(locale, 'form.error.repeat');
  const weeks = every ? Number(f('weeks') || '0') : 1;
  if (every && (!Number.isInteger(weeks) || weeks < 1 || weeks > 52)) {
    errors.weeks = bookingText(locale, 'form.error.weeks');
  }
  if (Object.keys(errors).length || !day || !start || !minutes || !kind) return { ok: false, errors };

  const times = occurrences({
    day,
    start,
    durationMinutes: minutes,
    zone,
    everyWeeks: every,
    forWeeks: weeks,
  });
  if (times.length > MAX_SERIES) {
    return {
      ok: false,
      errors: {
        weeks: bookingText(locale, 'form.error.series', { MAX_SERIES: String(MAX_SERIES) }),
      },
    };
  }
  if (times[0]!.startsAt <= now) {
    return {
      ok: false,
      errors: {
        date: bookingText(locale, 'form.error.past'),
      },
    };
  }
  return {
    ok: true,
    draft: { kind, title, meetingUrl: link, note: f('note') || undefined, seats },
    times,
  };
}
