import type { Queryable } from '../db/index.ts';
import type { Mention, TurnContext } from './context.ts';
import { channelInUse, displayName, type KnownUser, usersNamedLike } from './identity.ts';

/** Someone the bot can address: their user key and, when known, the name their chat tool shows. */
export interface Person {
  key: string;
  name?: string;
}

/**
 * Whom a user means. 'several' is a question back to the user, never a guess: `exact` when several people
 * carry exactly that name (or several were mentioned), false for near matches ("Lena" → "Lena Meyer").
 */
export type PersonLookup =
  | { kind: 'one'; person: Person }
  | { kind: 'several'; people: Person[]; exact: boolean; more?: boolean }
  | { kind: 'none' }
  | { kind: 'invalid' };

const MAX_CANDIDATES = 8;
/** "<channel>:<user id>", the technical key that always worked. */
const USER_KEY = /^([a-z]+):([\w.@+-]{1,100})$/i;

/**
 * Finds the person a user names: the people @-mentioned in this turn first (the chat tool knows exactly
 * who they are; channels turn their own mention syntax into `Turn.mentions`), else the text — a user key
 * ("local:lena") or a display name / user id of someone the bot knows on the user's own channel
 * (case-insensitive).
 */
export async function findPerson(ctx: TurnContext, raw: string): Promise<PersonLookup> {
  const db = ctx.services.db;
  const channel = ctx.user.channel;
  if (ctx.mentions.length) return fromMentions(db, channel, ctx.mentions);
  const text = raw.trim();
  if (!text || text.length > 120) return { kind: 'invalid' };

  const key = USER_KEY.exec(text);
  if (key) {
    const keyChannel = key[1]!.toLowerCase();
    // "Meyer:Lena" is a name, not a key: only channels the bot has users on count.
    if (keyChannel === channel || (await channelInUse(db, keyChannel))) {
      return one(db, `${keyChannel}:${key[2]}`);
    }
  }
  const name = text.replace(/^@/, '').trim();
  if (!/\p{L}|\d/u.test(name)) return { kind: 'invalid' };
  return byName(db, channel, name);
}

/** The name the bot knows for a user key (from their last message), if any. */
export const knownName = (db: Queryable, key: string): Promise<string | undefined> => displayName(db, key);

async function one(db: Queryable, key: string, name?: string): Promise<PersonLookup> {
  return { kind: 'one', person: { key, name: (await knownName(db, key)) ?? (name?.trim() || undefined) } };
}

async function fromMentions(db: Queryable, channel: string, mentions: Mention[]): Promise<PersonLookup> {
  if (mentions.length === 1) {
    const m = mentions[0]!;
    return m.id ? one(db, `${channel}:${m.id}`, m.name) : byName(db, channel, m.name ?? '');
  }
  // Several people mentioned: the user picks one; a mention without id counts only if its name is unique.
  const people: Person[] = [];
  for (const m of mentions) {
    const found = m.id
      ? await one(db, `${channel}:${m.id}`, m.name)
      : await byName(db, channel, m.name ?? '');
    if (found.kind === 'one' && !people.some((p) => p.key === found.person.key)) people.push(found.person);
  }
  if (!people.length) return { kind: 'none' };
  return several(people, true);
}

const normal = (s: string) => s.normalize('NFKC').toLocaleLowerCase('de').replace(/\s+/g, ' ').trim();
const words = (s: string) =>
  normal(s)
    .split(/[\s\-.,]+/)
    .filter(Boolean);

/**
 * Known users of one channel named like this: the same display name or user id counts as exact; every
 * word of the query starting a word of the name ("lena" → "Lena Meyer", "meyer" too) as near.
 */
async function byName(db: Queryable, channel: string, query: string): Promise<PersonLookup> {
  const q = normal(query);
  const qWords = words(query);
  if (!qWords.length) return { kind: 'invalid' };
  // The database narrows by the longest word; the exact rules run here, the same on PGlite and a server.
  const longest = qWords.reduce((a, b) => (b.length > a.length ? b : a));
  const rows = await usersNamedLike(db, channel, query.trim(), longest);
  const person = (u: KnownUser): Person => ({ key: u.key, name: u.displayName });
  const exact = rows.filter(
    (r) => (r.displayName && normal(r.displayName) === q) || r.channelUser.toLowerCase() === q,
  );
  if (exact.length === 1) return { kind: 'one', person: person(exact[0]!) };
  if (exact.length > 1) return several(exact.map(person), true);
  const near = rows.filter((r) => {
    const nameWords = words(r.displayName ?? '');
    return qWords.every((w) => nameWords.some((n) => n.startsWith(w)));
  });
  if (near.length) return several(near.map(person), false);
  return { kind: 'none' };
}

function several(people: Person[], exact: boolean): PersonLookup {
  return {
    kind: 'several',
    people: people.slice(0, MAX_CANDIDATES),
    exact,
    more: people.length > MAX_CANDIDATES,
  };
}
