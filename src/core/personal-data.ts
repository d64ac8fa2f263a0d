import type { Queryable } from '../db/index.ts';
import type { Bilingual } from './i18n.ts';
import { USER_PROFILE } from './identity.ts';

/**
 * Where the bot keeps personal data. Every module that stores something about a user registers one source,
 * so "meine Daten" can show, export and erase all of it (DSGVO Art. 15, 17, 20) in one place.
 */
export interface PersonalDataSource {
  /** What the user sees, e.g. "Canvases". */
  label: Bilingual;
  /** What it holds, in one plain sentence; the privacy notice (GET /privacy) lists it. */
  about: Bilingual;
  /** Everything this source holds about the user, as plain JSON. */
  export(q: Queryable, userKey: string): Promise<unknown[]>;
  /** Deletes it; runs inside the erasure transaction. */
  erase(q: Queryable, userKey: string): Promise<void>;
}

/** Convenience for the common case: rows of one table with a user-key column. */
export function tableSource(
  { label, about }: Pick<PersonalDataSource, 'label' | 'about'>,
  table: string,
  userColumn: string,
  columns = '*',
): PersonalDataSource {
  return {
    label,
    about,
    async export(q, userKey) {
      return (await q.query(`SELECT ${columns} FROM ${table} WHERE ${userColumn} = $1`, [userKey])).rows;
    },
    async erase(q, userKey) {
      await q.query(`DELETE FROM ${table} WHERE ${userColumn} = $1`, [userKey]);
    },
  };
}

/** What the core itself stores besides the profile: conversation state, queued messages, files. */
export const coreSources: readonly PersonalDataSource[] = [
  tableSource(
    {
      label: { de: 'Gesprächsstand', en: 'Conversation state' },
      about: {
        de: 'Wo Sie im Gespräch gerade stehen, z. B. ein begonnener Ablauf oder Ihre letzte Frage (für Rückfragen).',
        en: 'Where you are in the conversation, e.g. a flow you started or your last question (for follow-ups).',
      },
    },
    'conversation_state',
    'user_key',
    'state, updated_at',
  ),
  tableSource(
    {
      label: { de: 'Benachrichtigungen', en: 'Notifications' },
      about: {
        de: 'Nachrichten, die der Bot Ihnen von sich aus schickt: Erinnerungen, Hinweise zu Buchungen, Antworten von Coaches.',
        en: 'Messages the bot sends you on its own: reminders, booking notices, answers from coaches.',
      },
    },
    'outbox',
    'user_key',
    'replies, created_at, delivered_at',
  ),
  tableSource(
    {
      label: { de: 'Dateien', en: 'Files' },
      about: {
        de: 'Dateien, die der Bot für Sie erstellt: Canvas-Exporte, Kalendereinladungen, Datenexporte.',
        en: 'Files the bot makes for you: canvas exports, calendar invitations, data exports.',
      },
    },
    'files',
    'owner_key',
    'id, name, mime, created_at',
  ),
];

/** The user row itself (core/identity.ts); always the last source, so erasing it ends the user. */
export const profileSource: PersonalDataSource = tableSource(
  {
    label: { de: 'Profil', en: 'Profile' },
    about: {
      de: 'Ihre Kennung im Chatdienst, Ihr Anzeigename, Sprache und Zeitzone, erster und letzter Kontakt.',
      en: 'Your id in the chat service, your display name, language and time zone, first and last contact.',
    },
  },
  USER_PROFILE.table,
  USER_PROFILE.keyColumn,
  USER_PROFILE.columns,
);
