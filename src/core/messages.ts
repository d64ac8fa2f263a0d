/**
 * Message catalogues: every text a user reads lives in one catalogue per room and locale
 * (src/<room>/messages/de.ts and en.ts) as an ICU message, e.g. "{count, plural, one {# Termin} other {# Termine}}".
 * German is the reference; test/messages.test.ts checks that every key exists in both with the same placeholders.
 */
import { IntlMessageFormat, type PrimitiveType } from 'intl-messageformat';
import type { Bilingual, Locale } from './i18n.ts';

export type Catalogue<K extends string = string> = Readonly<Record<K, string>>;
export type Values = Record<string, PrimitiveType>;

export interface Catalogues<K extends string> {
  de: Catalogue<K>;
  en: Catalogue<K>;
}

/** Something that knows the reader's language: a TurnContext, or just a locale. */
export type ForLocale = Locale | { locale: Locale };

export type Translate<K extends string> = (who: ForLocale, key: K, values?: Values) => string;

/** A translator for one room's catalogues; compiled messages are cached. */
export function translator<K extends string>(catalogues: Catalogues<K>): Translate<K> {
  const cache = new Map<string, IntlMessageFormat>();
  return (who, key, values) => {
    const locale = typeof who === 'string' ? who : who.locale;
    const id = `${locale}\u0000${key}`;
    let format = cache.get(id);
    if (!format) {
      const source = catalogues[locale][key] ?? catalogues.de[key];
      if (source === undefined) throw new Error(`message "${key}" is missing`);
      // ignoreTag: our texts are Markdown and may contain "<…>" literally (e.g. "<Azure-AD-Objekt-ID>").
      format = new IntlMessageFormat(source, locale, undefined, { ignoreTag: true });
      cache.set(id, format);
    }
    return String(format.format(values));
  };
}

/**
 * One message in both languages, for data that carries its texts as `Bilingual` (canvas steps, the
 * personal-data and retention entries the privacy notice lists): the text still lives in the catalogues.
 */
export function bilingual<K extends string>(translate: Translate<K>, key: K, values?: Values): Bilingual {
  return { de: translate('de', key, values), en: translate('en', key, values) };
}
