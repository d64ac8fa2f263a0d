import type { Queryable } from '../db/index.ts';
import type { Bilingual } from './i18n.ts';
import { USER_PROFILE } from './identity.ts';
import { coreText } from './messages/index.ts';
import { bilingual } from './messages.ts';

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
    { label: bilingual(coreText, 'data.state.label'), about: bilingual(coreText, 'data.state.about') },
    'conversation_state',
    'user_key',
    'state, updated_at',
  ),
  tableSource(
    { label: bilingual(coreText, 'data.outbox.label'), about: bilingual(coreText, 'data.outbox.about') },
    'outbox',
    'user_key',
    'replies, created_at, delivered_at',
  ),
  tableSource(
    { label: bilingual(coreText, 'data.files.label'), about: bilingual(coreText, 'data.files.about') },
    'files',
    'owner_key',
    'id, name, mime, created_at',
  ),
];

/** The user row itself (core/identity.ts); always the last source, so erasing it ends the user. */
export const profileSource: PersonalDataSource = tableSource(
  { label: bilingual(coreText, 'data.profile.label'), about: bilingual(coreText, 'data.profile.about') },
  USER_PROFILE.table,
  USER_PROFILE.keyColumn,
  USER_PROFILE.columns,
);
