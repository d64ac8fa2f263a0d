/**
 * Text hygiene at the edges (issue 12): what users type, the names chat tools report and what a language
 * model writes may carry characters PostgreSQL refuses (NUL, "\u0000" in JSON) or cannot encode (lone
 * UTF-16 surrogates), which would make the whole turn fail. They are cleaned where text enters the bot.
 */

// C0 controls and DEL except tab (\t) and line feed (\n); carriage returns become line feeds first.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters to remove
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** Lone surrogates become U+FFFD (String.prototype.toWellFormed, Node 20+; a regex where it is missing). */
function wellFormed(s: string): string {
  const native = (s as { toWellFormed?: () => string }).toWellFormed;
  if (native) return native.call(s);
  return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** The text without NUL and other control characters (except \n and \t), and without lone surrogates. */
export function cleanText(s: string): string {
  return wellFormed(s).replace(/\r\n?/g, '\n').replace(CONTROLS, '');
}

/** Same for an optional value: undefined stays undefined. */
export const cleanOptional = (s: string | undefined): string | undefined =>
  s === undefined ? undefined : cleanText(s);

/** Every string in a JSON-like value (keys too), cleaned; other values unchanged. */
export function cleanDeep<T>(value: T): T {
  if (typeof value === 'string') return cleanText(value) as T;
  if (Array.isArray(value)) return value.map(cleanDeep) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [cleanText(k), cleanDeep(v)])) as T;
  }
  return value;
}
