export type Locale = 'de' | 'en';

/** A text in both languages; German is the product's first language. */
export interface Bilingual {
  de: string;
  en: string;
}

export function pick(locale: Locale, t: Bilingual): string {
  return locale === 'en' ? t.en : t.de;
}

/** Maps a platform locale ("de-DE", "en_US", "en") to one we speak, or undefined. */
export function normaliseLocale(raw: string | undefined | null): Locale | undefined {
  if (!raw) return undefined;
  const lang = raw.toLowerCase().slice(0, 2);
  return lang === 'de' || lang === 'en' ? lang : undefined;
}
