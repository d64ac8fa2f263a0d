import type { Locale } from '../../core/i18n.ts';
import type { Form, FormField } from '../../core/reply.ts';
import { DATE_SUFFIX, FIELD_PREFIX, type Json, L, submit, TIME_SUFFIX } from './render-parts.ts';

/**
 * Forms on a Teams card: one Adaptive Card input per field (a date and a time input for a date-time),
 * error lines under the fields, and the submitted values shown readably once the card is used.
 */
export function formElements(form: Form, opts: { locale: Locale; cardId: string }): Json[] {
  const { locale, cardId } = opts;
  const out: Json[] = [];
  if (form.title) {
    out.push({ type: 'TextBlock', text: form.title, weight: 'Bolder', wrap: true, spacing: 'Medium' });
  }
  for (const field of form.fields) {
    out.push(...fieldInputs(field, locale));
    const error = form.errors?.[field.id];
    if (error) {
      out.push({
        type: 'TextBlock',
        text: `⚠ ${error}`,
        color: 'Attention',
        size: 'Small',
        wrap: true,
        spacing: 'None',
      });
    }
  }
  out.push({
    type: 'ActionSet',
    actions: [submit(form.submitLabel, { action: form.id, card: cardId }, 'positive')],
  });
  return out;
}

function fieldInputs(f: FormField, locale: Locale): Json[] {
  const id = `${FIELD_PREFIX}${f.id}`;
  const required = Boolean(f.required);
  const base = {
    id,
    label: f.label,
    isRequired: required || undefined,
    errorMessage: fieldError(f, locale),
    placeholder: f.placeholder,
  };
  switch (f.type) {
    case 'textarea':
      return [{ type: 'Input.Text', ...base, isMultiline: true, maxLength: f.maxLength, value: f.value }];
    case 'date':
      return [{ type: 'Input.Date', ...base, placeholder: undefined, value: validDate(f.value) }];
    case 'datetime': {
      const [date, time] = (f.value ?? '').split('T');
      return [
        {
          type: 'Input.Date',
          ...base,
          id: id + DATE_SUFFIX,
          placeholder: undefined,
          label: `${f.label} – ${L(locale, 'Datum', 'date')}`,
          value: validDate(date),
        },
        {
          type: 'Input.Time',
          ...base,
          id: id + TIME_SUFFIX,
          placeholder: undefined,
          label: `${f.label} – ${L(locale, 'Uhrzeit', 'time')}`,
          errorMessage: required
            ? L(locale, 'Bitte geben Sie eine Uhrzeit an.', 'Please enter a time.')
            : undefined,
          value: time && /^\d{2}:\d{2}/.test(time) ? time.slice(0, 5) : undefined,
        },
      ];
    }
    case 'select':
      return [
        {
          type: 'Input.ChoiceSet',
          ...base,
          style: 'compact',
          value: f.value,
          choices: (f.options ?? []).map((o) => ({ title: o.label, value: o.value })),
        },
      ];
    case 'number': {
      const n = f.value === undefined || f.value === '' ? undefined : Number(f.value);
      return [
        {
          type: 'Input.Number',
          ...base,
          min: f.min,
          max: f.max,
          value: n !== undefined && Number.isFinite(n) ? n : undefined,
        },
      ];
    }
    // 'user': a text field for the name or user id; an @mention works in a chat message instead.
    default:
      return [{ type: 'Input.Text', ...base, maxLength: f.maxLength, value: f.value }];
  }
}

function fieldError(f: FormField, locale: Locale): string | undefined {
  if (f.type === 'number' && (f.min !== undefined || f.max !== undefined)) {
    const range =
      f.min !== undefined && f.max !== undefined
        ? L(locale, `zwischen ${f.min} und ${f.max}`, `between ${f.min} and ${f.max}`)
        : f.min !== undefined
          ? L(locale, `ab ${f.min}`, `of at least ${f.min}`)
          : L(locale, `bis ${f.max}`, `up to ${f.max}`);
    return L(locale, `Bitte geben Sie eine Zahl ${range} ein.`, `Please enter a number ${range}.`);
  }
  if (f.required) {
    return f.type === 'select'
      ? L(locale, `Bitte wählen Sie: ${f.label}`, `Please choose: ${f.label}`)
      : L(locale, `Bitte ausfüllen: ${f.label}`, `Please fill in: ${f.label}`);
  }
  if (f.maxLength) {
    return L(locale, `Höchstens ${f.maxLength} Zeichen.`, `At most ${f.maxLength} characters.`);
  }
  return undefined;
}

export function displayValue(f: FormField, raw: string, locale: Locale): string {
  if (f.type === 'select') return f.options?.find((o) => o.value === raw)?.label ?? raw;
  if (f.type === 'datetime' && raw.includes('T')) {
    const [d, t] = raw.split('T');
    return `${formatDate(d!, locale)}, ${t}`;
  }
  if (f.type === 'date') return formatDate(raw, locale);
  return raw;
}

function formatDate(iso: string, locale: Locale): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return locale === 'en' ? iso : `${m[3]}.${m[2]}.${m[1]}`;
}

function validDate(v: string | undefined): string | undefined {
  return v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined;
}
