import { z } from 'zod';

/**
 * All configuration comes from environment variables (optionally a `.env` file, loaded in main.ts).
 * Every variable is documented in `.env.example`; keep the two in step.
 */
const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: port.default(3978),
  /** Loopback by default: the local API and web chat are for this machine unless opened on purpose. */
  HOST: z.string().default('127.0.0.1'),
  /** Bearer token for /metrics; without it only callers on this machine may read the metrics. */
  METRICS_TOKEN: optionalString,
  /**
   * Bearer token for automation and the terminal chat on the local API: only its holder may name the user a
   * message is from. Browsers get a signed session cookie instead and are never who they claim to be.
   */
  LOCAL_API_TOKEN: optionalString.pipe(
    z.string().min(16, 'mindestens 16 Zeichen / at least 16 characters').optional(),
  ),
  /** Signs session cookies and download links; without it a key is generated once and kept in the database. */
  SESSION_SECRET: optionalString.pipe(
    z.string().min(32, 'mindestens 32 Zeichen / at least 32 characters').optional(),
  ),
  PUBLIC_URL: optionalString.pipe(z.url().optional()),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: optionalString,
  DB_CONNECT_TIMEOUT_MS: positiveInt.default(3000),
  DB_QUERY_TIMEOUT_MS: positiveInt.default(5000),

  DEFAULT_LOCALE: z.enum(['de', 'en']).default('de'),
  DEFAULT_TIMEZONE: z.string().default('Europe/Berlin'),
  MAX_TEXT_LENGTH: positiveInt.default(4000),
  MAX_BODY_BYTES: positiveInt.default(256 * 1024),

  KNOWLEDGE_DIR: z.string().default('./knowledge'),
  /**
   * OpenThesaurus in MyThes format (Debian mythes-de, /usr/share/mythes/th_de_DE_v2.dat); empty: no synonyms.
   * Off by default for now: polysemous nouns ("Zug" → "Haltung") can make an off-topic question answerable.
   */
  KNOWLEDGE_THESAURUS: z.string().default(''),
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalString.pipe(z.url().optional()),
  OPENAI_CHAT_MODEL: z.string().default('gpt-4o-mini'),
  OPENAI_EMBEDDING_MODEL: optionalString,
  LLM_TIMEOUT_MS: positiveInt.default(20_000),

  COACHES: z.string().default(''),
  CANCELLATION_CUTOFF_MINUTES: z.coerce.number().int().min(0).default(120),
  REMINDER_OFFSETS_MINUTES: z
    .string()
    .default('1440,15')
    .pipe(
      z.string().regex(/^\d+(,\d+)*$/, 'Liste von Minuten, z. B. 1440,15 / list of minutes, e.g. 1440,15'),
    ),

  SLACK_BOT_TOKEN: optionalString,
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: optionalString,
  SLACK_API_URL: optionalString.pipe(z.url().optional()),

  MICROSOFT_APP_ID: optionalString,
  MICROSOFT_APP_PASSWORD: optionalString,
  MICROSOFT_APP_TENANT_ID: optionalString,

  RETENTION_DAYS: positiveInt.default(180),
  RATE_LIMIT_PER_MINUTE: positiveInt.default(30),
  // Who is responsible, shown on /privacy and /terms; a contact is an e-mail address or an http(s) page.
  OPERATOR_NAME: optionalString,
  PRIVACY_CONTACT: optionalString.pipe(
    z
      .union([z.email(), z.url({ protocol: /^https?$/ })], {
        error: 'E-Mail-Adresse oder http(s)-Adresse / e-mail address or http(s) URL',
      })
      .optional(),
  ),
});

export type Config = z.infer<typeof schema> & { publicUrl: string; coaches: string[] };

export class ConfigError extends Error {}

/** Parses and validates the environment; throws a ConfigError naming each bad variable in German and English. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(
      `Ungültige Konfiguration / invalid configuration:\n${lines.join('\n')}\nSiehe / see .env.example`,
    );
  }
  const c = parsed.data;
  if (c.SLACK_BOT_TOKEN && !c.SLACK_APP_TOKEN && !c.SLACK_SIGNING_SECRET) {
    throw new ConfigError(
      'Ungültige Konfiguration / invalid configuration:\n  SLACK_SIGNING_SECRET: fehlt – nötig im HTTP-Modus ohne SLACK_APP_TOKEN / missing – required in HTTP mode without SLACK_APP_TOKEN',
    );
  }
  return {
    ...c,
    publicUrl: (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, ''),
    coaches: c.COACHES.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  };
}
