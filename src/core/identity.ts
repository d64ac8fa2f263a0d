/**
 * Who a user is: the one module that reads and writes the `users` table (key, channel, channel user id,
 * display name, locale, time zone, first and last contact). Other rooms use these functions, or the SQL
 * fragments below where a query of their own must join a user's name or locale.
 */
import type { Queryable } from '../db/index.ts';

/** One known user as the bot last saw them. */
export interface KnownUser {
  key: string;
  channel: string;
  channelUser: string;
  displayName?: string;
  locale?: string;
  timeZone?: string;
}

/** What a turn tells about its user; a missing name or time zone keeps the one seen before. */
export interface SeenUser {
  key: string;
  channel: string;
  channelUser: string;
  displayName?: string | null;
  timeZone?: string | null;
}

/**
 * The upsert as a CTE named `u` (columns user_key, locale), so the core's turn query loads the user and
 * their conversation state in one round trip. Parameters: key, channel, channel user, name, time zone.
 */
export const upsertUserCte = `u AS (
  INSERT INTO users (user_key, channel, channel_user, display_name, time_zone)
  VALUES ($1, $2, $3, $4, $5)
  ON CONFLICT (user_key) DO UPDATE SET
    display_name = COALESCE(EXCLUDED.display_name, users.display_name),
    time_zone = COALESCE(EXCLUDED.time_zone, users.time_zone),
    last_seen_at = now()
  RETURNING user_key, locale)`;

/**
 * Remembers a user seen in a turn (creating them on first contact) and returns their chosen locale.
 * The row also marks last contact, which the retention job and the name search order by.
 */
export async function upsertUser(db: Queryable, seen: SeenUser): Promise<{ locale?: string }> {
  const { rows } = await db.query<{ locale: string | null }>(`WITH ${upsertUserCte} SELECT locale FROM u`, [
    seen.key,
    seen.channel,
    seen.channelUser,
    seen.displayName ?? null,
    seen.timeZone ?? null,
  ]);
  return { locale: rows[0]?.locale ?? undefined };
}

/** A user as last seen, or undefined for someone the bot never met (or who erased their data). */
export async function findUser(db: Queryable, key: string): Promise<KnownUser | undefined> {
  const { rows } = await db.query<{
    user_key: string;
    channel: string;
    channel_user: string;
    display_name: string | null;
    locale: string | null;
    time_zone: string | null;
  }>(
    'SELECT user_key, channel, channel_user, display_name, locale, time_zone FROM users WHERE user_key = $1',
    [key],
  );
  const r = rows[0];
  return (
    r && {
      key: r.user_key,
      channel: r.channel,
      channelUser: r.channel_user,
      displayName: r.display_name ?? undefined,
      locale: r.locale ?? undefined,
      timeZone: r.time_zone ?? undefined,
    }
  );
}

export async function isKnownUser(db: Queryable, key: string): Promise<boolean> {
  return (await findUser(db, key)) !== undefined;
}

/** The name the bot last saw for a user key (channels send it on some turns only). */
export async function displayName(db: Queryable, key: string): Promise<string | undefined> {
  return (await findUser(db, key))?.displayName;
}

/** Display names of several users at once; keys without a known name are missing from the map. */
export async function displayNames(db: Queryable, keys: string[]): Promise<Map<string, string>> {
  if (!keys.length) return new Map();
  const { rows } = await db.query<{ user_key: string; display_name: string }>(
    'SELECT user_key, display_name FROM users WHERE user_key = ANY($1) AND display_name IS NOT NULL',
    [keys],
  );
  return new Map(rows.map((r) => [r.user_key, r.display_name]));
}

/** The language a user chose ("englisch", "deutsch"), raw as stored; undefined when they never chose. */
export async function localeOf(db: Queryable, key: string): Promise<string | undefined> {
  return (await findUser(db, key))?.locale;
}

/** The time zone a user's chat tool last reported, raw as stored. */
export async function timeZoneOf(db: Queryable, key: string): Promise<string | undefined> {
  return (await findUser(db, key))?.timeZone;
}

export async function setLocale(db: Queryable, key: string, locale: string): Promise<void> {
  await db.query('UPDATE users SET locale = $2 WHERE user_key = $1', [key, locale]);
}

/** Whether the bot has any user on a channel ("meyer:lena" is a name unless "meyer" is a channel). */
export async function channelInUse(db: Queryable, channel: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM users WHERE channel = $1 LIMIT 1', [channel]);
  return rows.length > 0;
}

/** Known users of one channel whose user id is `id` or whose display name contains `namePart`. */
export async function usersNamedLike(
  db: Queryable,
  channel: string,
  id: string,
  namePart: string,
  limit = 200,
): Promise<KnownUser[]> {
  const { rows } = await db.query<{ user_key: string; channel_user: string; display_name: string | null }>(
    `SELECT user_key, channel_user, display_name FROM users
      WHERE channel = $1 AND (lower(channel_user) = lower($2) OR display_name ILIKE $3 ESCAPE '\\')
      ORDER BY last_seen_at DESC LIMIT $4`,
    [channel, id, `%${namePart.replace(/[\\%_]/g, (c) => `\\${c}`)}%`, limit],
  );
  return rows.map((r) => ({
    key: r.user_key,
    channel,
    channelUser: r.channel_user,
    displayName: r.display_name ?? undefined,
  }));
}

/**
 * SQL fragments for a room's own query: `knownUserSql('$1')` is true when that key belongs to a known
 * user; `displayNameSql('h.asker_key')` and `localeSql(...)` / `timeZoneSql(...)` read one column of the
 * user with that key (NULL when unknown). The argument must be a column or a placeholder, never input.
 */
export const knownUserSql = (keyExpr: string) => `EXISTS (SELECT 1 FROM users WHERE user_key = ${keyExpr})`;
const userColumn = (column: string) => (keyExpr: string) =>
  `(SELECT ${column} FROM users WHERE user_key = ${keyExpr})`;
export const displayNameSql = userColumn('display_name');
export const localeSql = userColumn('locale');
export const timeZoneSql = userColumn('time_zone');

/** The table and columns the privacy export shows as the user's profile. */
export const USER_PROFILE = {
  table: 'users',
  keyColumn: 'user_key',
  columns: 'channel, channel_user, display_name, locale, time_zone, created_at, last_seen_at',
} as const;
