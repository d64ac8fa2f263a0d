import type { Queryable } from '../db/index.ts';

/**
 * Where the bot keeps personal data. Every module that stores something about a user registers one source,
 * so "meine Daten" can show, export and erase all of it (DSGVO Art. 15, 17, 20) in one place.
 */
export interface PersonalDataSource {
  /** What the user sees, e.g. "Canvases". */
  label: { de: string; en: string };
  /** Everything this source holds about the user, as plain JSON. */
  export(q: Queryable, userKey: string): Promise<unknown[]>;
  /** Deletes it; runs inside the erasure transaction. */
  erase(q: Queryable, userKey: string): Promise<void>;
}

/** Convenience for the common case: rows of one table with a user-key column. */
export function tableSource(
  label: PersonalDataSource['label'],
  table: string,
  userColumn: string,
  columns = '*',
): PersonalDataSource {
  return {
    label,
    async export(q, userKey) {
      return (await q.query(`SELECT ${columns} FROM ${table} WHERE ${userColumn} = $1`, [userKey])).rows;
    },
    async erase(q, userKey) {
      await q.query(`DELETE FROM ${table} WHERE ${userColumn} = $1`, [userKey]);
    },
  };
}

/** What the core itself stores: profile, conversation state, queued messages, files. Profile goes last. */
export const coreSources: PersonalDataSource[] = [
  tableSource(
    { de: 'Gesprächsstand', en: 'Conversation state' },
    'conversation_state',
    'user_key',
    'state, updated_at',
  ),
  tableSource(
    { de: 'Benachrichtigungen', en: 'Notifications' },
    'outbox',
    'user_key',
    'replies, created_at, delivered_at',
  ),
  tableSource({ de: 'Dateien', en: 'Files' }, 'files', 'owner_key', 'id, name, mime, created_at'),
  tableSource(
    { de: 'Profil', en: 'Profile' },
    'users',
    'user_key',
    'channel, channel_user, display_name, locale, time_zone, created_at, last_seen_at',
  ),
];
