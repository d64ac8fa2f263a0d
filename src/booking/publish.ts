import { DateTime } from 'luxon';
import type { Bilingual } from '../core/i18n.ts';
import type { Form } from '../core/reply.ts';
import type { SlotDraft } from './store.ts';
import { type Occurrence, occurrences, parseClock, parseDay } from './time.ts';

export const MAX_SERIES = 26;
const COACHING_MINUTES = [30, 45, 60];

export type Say = (t: Bilingual) => string;

/** The publish form, refilled with what the coach entered and the problems found. */
export function publishForm(
  say: Say,
  zone: string,
  values: Record<string, string> = {},
  errors?: Record<string, string>,
): Form {
  const tomorrow = DateTime.now().setZone(zone).plus({ days: 1 }).toISODate() ?? '';
  const v = (id: string, fallback = '') => values[id] ?? fallback;
  return {
    id: 'booking.publish',
    title: say({ de: 'Termin veröffentlichen', en: 'Publish a slot' }),
    submitLabel: say({ de: 'Veröffentlichen', en: 'Publish' }),
    errors,
    fields: [
      {
        id: 'kind',
        label: say({ de: 'Art', en: 'Kind' }),
        type: 'select',
        required: true,
        value: v('kind', 'sprechstunde'),
        options: [
          {
            value: 'sprechstunde',
            label: say({ de: 'Virtuelle Sprechstunde (Gruppe)', en: 'Virtual consultation hour (group)' }),
          },
          { value: 'coaching', label: say({ de: 'E-Coaching 1:1', en: 'E-coaching 1:1' }) },
        ],
      },
      {
        id: 'title',
        label: say({ de: 'Titel', en: 'Title' }),
        type: 'text',
        required: true,
        maxLength: 120,
        value: v('title', say({ de: 'Virtuelle Sprechstunde', en: 'Virtual consultation hour' })),
      },
      {
        id: 'date',
        label: say({ de: 'Datum (erster Termin)', en: 'Date (first slot)' }),
        type: 'date',
        required: true,
        value: v('date', tomorrow),
      },
      {
        id: 'start',
        label: say({ de: 'Beginn (z. B. 16:00)', en: 'Start (e.g. 16:00)' }),
        type: 'text',
        required: true,
        placeholder: '16:00',
        value: v('start'),
      },
      {
        id: 'end',
        label: say({
          de: 'Ende (z. B. 17:00) – oder Dauer wählen',
          en: 'End (e.g. 17:00) – or pick a duration',
        }),
        type: 'text',
        placeholder: '17:00',
        value: v('end'),
      },
      {
        id: 'duration',
        label: say({ de: 'Dauer', en: 'Duration' }),
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
        label: say({ de: 'Plätze (nur Sprechstunde)', en: 'Seats (consultation hour only)' }),
        type: 'number',
        min: 1,
        max: 500,
        value: v('seats', '8'),
      },
      {
        id: 'link',
        label: say({ de: 'Link zum Online-Raum', en: 'Online meeting link' }),
        type: 'text',
        required: true,
        placeholder: 'https://…',
        maxLength: 500,
        value: v('link'),
      },
      {
        id: 'note',
        label: say({ de: 'Hinweis (optional)', en: 'Note (optional)' }),
        type: 'textarea',
        maxLength: 500,
        value: v('note'),
      },
      {
        id: 'every',
        label: say({ de: 'Wiederholen', en: 'Repeat' }),
        type: 'select',
        value: v('every', '0'),
        options: [
          { value: '0', label: say({ de: 'Nein, einmalig', en: 'No, once' }) },
          { value: '1', label: say({ de: 'jede Woche', en: 'every week' }) },
          { value: '2', label: say({ de: 'alle 2 Wochen', en: 'every 2 weeks' }) },
          { value: '3', label: say({ de: 'alle 3 Wochen', en: 'every 3 weeks' }) },
          { value: '4', label: say({ de: 'alle 4 Wochen', en: 'every 4 weeks' }) },
        ],
      },
      {
        id: 'weeks',
        label: say({
          de: 'Für wie viele Wochen? (bei Wiederholung)',
          en: 'For how many weeks? (when repeating)',
        }),
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
  const errors: Record<string, string> = {};
  const f = (id: string) => (fields[id] ?? '').trim();
  const kind =
    f('kind') === 'coaching' ? 'coaching' : f('kind') === 'sprechstunde' ? 'sprechstunde' : undefined;
  if (!kind) errors.kind = say({ de: 'Bitte wählen Sie die Art.', en: 'Please choose the kind.' });
  const title = f('title');
  if (!title) errors.title = say({ de: 'Bitte geben Sie einen Titel an.', en: 'Please enter a title.' });
  else if (title.length > 120) {
    errors.title = say({ de: 'Bitte höchstens 120 Zeichen.', en: 'At most 120 characters, please.' });
  }
  if (f('note').length > 500) {
    errors.note = say({ de: 'Bitte höchstens 500 Zeichen.', en: 'At most 500 characters, please.' });
  }
  const day = parseDay(f('date'));
  if (!day)
    errors.date = say({
      de: 'Bitte ein Datum wie 2026-12-01 oder 1.12.2026 angeben.',
      en: 'Please enter a date like 2026-12-01.',
    });
  const start = parseClock(f('start'));
  if (!start)
    errors.start = say({
      de: 'Bitte eine Uhrzeit wie 16:00 angeben.',
      en: 'Please enter a time like 16:00.',
    });

  let minutes: number | undefined;
  if (f('end')) {
    const end = parseClock(f('end'));
    if (!end)
      errors.end = say({
        de: 'Bitte eine Uhrzeit wie 17:00 angeben.',
        en: 'Please enter a time like 17:00.',
      });
    else if (start) {
      minutes = end.hour * 60 + end.minute - (start.hour * 60 + start.minute);
      if (minutes <= 0)
        errors.end = say({
          de: 'Das Ende muss nach dem Beginn liegen (am selben Tag).',
          en: 'The end must be after the start (same day).',
        });
      else if (minutes > 480)
        errors.end = say({
          de: 'Ein Termin darf höchstens 8 Stunden dauern.',
          en: 'A slot can last at most 8 hours.',
        });
    }
  } else if (f('duration')) {
    minutes = Number(f('duration'));
    if (!COACHING_MINUTES.includes(minutes))
      errors.duration = say({
        de: 'Bitte 30, 45 oder 60 Minuten wählen.',
        en: 'Please pick 30, 45 or 60 minutes.',
      });
  } else {
    errors.end = say({
      de: 'Bitte ein Ende angeben oder eine Dauer wählen.',
      en: 'Please enter an end or pick a duration.',
    });
  }
  if (kind === 'coaching' && minutes !== undefined && !errors.end && !COACHING_MINUTES.includes(minutes)) {
    errors.duration = say({
      de: 'E-Coaching dauert 30, 45 oder 60 Minuten.',
      en: 'E-coaching lasts 30, 45 or 60 minutes.',
    });
  }

  let seats = 1;
  if (kind === 'sprechstunde') {
    seats = Number(f('seats') || '8');
    if (!Number.isInteger(seats) || seats < 1 || seats > 500)
      errors.seats = say({ de: 'Bitte eine Zahl von 1 bis 500.', en: 'Please a number from 1 to 500.' });
  }

  const link = f('link');
  if (link.length > 500 || !/^https?:\/\/[^\s/$.?#][^\s]*$/i.test(link)) {
    errors.link = say({
      de: 'Bitte einen Link beginnend mit https:// angeben.',
      en: 'Please enter a link starting with https://.',
    });
  }

  const every = Number(f('every') || '0');
  if (![0, 1, 2, 3, 4].includes(every))
    errors.every = say({ de: 'Bitte eine Wiederholung wählen.', en: 'Please pick a repetition.' });
  const weeks = every ? Number(f('weeks') || '0') : 1;
  if (every && (!Number.isInteger(weeks) || weeks < 1 || weeks > 52)) {
    errors.weeks = say({ de: 'Bitte eine Zahl von 1 bis 52.', en: 'Please a number from 1 to 52.' });
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
        weeks: say({
          de: `Höchstens ${MAX_SERIES} Termine auf einmal.`,
          en: `At most ${MAX_SERIES} slots at once.`,
        }),
      },
    };
  }
  if (times[0]!.startsAt <= now) {
    return {
      ok: false,
      errors: {
        date: say({ de: 'Der Termin liegt in der Vergangenheit.', en: 'This slot is in the past.' }),
      },
    };
  }
  return {
    ok: true,
    draft: { kind, title, meetingUrl: link, note: f('note') || undefined, seats },
    times,
  };
}
