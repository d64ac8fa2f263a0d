import type { Locale } from '../../core/i18n.ts';

/** Building blocks every Teams card part shares: submit data, input names and small helpers. */

export const CHOICE_INPUT = 'lodile_choice';
export const FIELD_PREFIX = 'field_';
export const DATE_SUFFIX = '__date';
export const TIME_SUFFIX = '__time';

export type Json = Record<string, unknown>;

/** Data every submit carries. */
export interface SubmitData {
  action: string;
  value?: string;
  card?: string;
}

export const L = (locale: Locale, de: string, en: string) => (locale === 'en' ? en : de);

export function submit(
  title: string,
  data: SubmitData,
  style?: 'positive' | 'destructive',
  skipInputs = false,
): Json {
  return {
    type: 'Action.Submit',
    title,
    style,
    // "Back" or "cancel" next to a form must work without filling in its required fields first.
    associatedInputs: skipInputs ? 'none' : undefined,
    data: { lodile: prune(data) },
  };
}

/** Drops undefined properties so cards stay small and clean. */
export function prune(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(prune);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, prune(v)]),
    );
  }
  return value;
}
