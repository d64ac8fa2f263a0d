import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TurnContext } from '../src/core/context.ts';
import {
  displayName,
  displayNames,
  findUser,
  localeOf,
  timeZoneOf,
  upsertUser,
} from '../src/core/identity.ts';
import { findPerson } from '../src/core/people.ts';
import { startTestApp, type TestApp } from './support/app.ts';

/** Identity (core/identity.ts): who a user is, under which name, in which language and time zone. */
describe('identity: one record per user, remembered across turns', () => {
  let app: TestApp;
  const slack = (userId: string, text: string, extra: object = {}) =>
    app.bot.handle({ channel: 'slack', userId, text, ...extra });

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app.close());

  it('a user seen on Slack can then be named by their display name', async () => {
    await slack('U0LENA', 'Hallo', { displayName: 'Lena Meyer', timeZone: 'Europe/Berlin' });
    const ctx = { user: { channel: 'slack', key: 'slack:U0ASK' }, mentions: [], services: app.services };
    const found = await findPerson(ctx as unknown as TurnContext, 'Lena Meyer');
    expect(found).toEqual({ kind: 'one', person: { key: 'slack:U0LENA', name: 'Lena Meyer' } });
    const near = await findPerson(ctx as unknown as TurnContext, 'lena');
    expect(near).toMatchObject({ kind: 'several', exact: false, people: [{ key: 'slack:U0LENA' }] });
    // Only the own channel counts: a Teams user does not find Lena by name.
    const other = { ...ctx, user: { channel: 'teams', key: 'teams:x' } };
    expect(await findPerson(other as unknown as TurnContext, 'Lena Meyer')).toEqual({ kind: 'none' });
  });

  it('keeps the last name and time zone when a later turn does not send them', async () => {
    await slack('U0LENA', 'Wie geht es?');
    expect(await displayName(app.services.db, 'slack:U0LENA')).toBe('Lena Meyer');
    expect(await timeZoneOf(app.services.db, 'slack:U0LENA')).toBe('Europe/Berlin');
    await slack('U0LENA', 'Hallo', { displayName: 'Lena Meyer-Schulz' });
    expect(await displayName(app.services.db, 'slack:U0LENA')).toBe('Lena Meyer-Schulz');
  });

  it('remembers the language a user chose, over the locale of their chat tool', async () => {
    await slack('U0TOM', 'Hallo', { locale: 'de-DE' });
    const [switched] = await slack('U0TOM', 'english', { locale: 'de-DE' });
    expect(switched!.text).toMatch(/English from now on/);
    expect(await localeOf(app.services.db, 'slack:U0TOM')).toBe('en');
    // Slack still reports de-DE, yet Tom reads the help in English; a new user reads it in German.
    const [tom] = await slack('U0TOM', 'hilfe', { locale: 'de-DE' });
    const [newcomer] = await slack('U0NEW', 'hilfe', { locale: 'de-DE' });
    expect(tom!.text).not.toBe(newcomer!.text);
    expect(
      (await upsertUser(app.services.db, { key: 'slack:U0TOM', channel: 'slack', channelUser: 'U0TOM' }))
        .locale,
    ).toBe('en');
  });

  it('knows nobody it never met, and names several users at once', async () => {
    expect(await findUser(app.services.db, 'slack:UNKNOWN')).toBeUndefined();
    expect(await displayName(app.services.db, 'slack:UNKNOWN')).toBeUndefined();
    const names = await displayNames(app.services.db, ['slack:U0LENA', 'slack:U0TOM', 'slack:UNKNOWN']);
    expect([...names]).toEqual([['slack:U0LENA', 'Lena Meyer-Schulz']]);
  });

  it('a message to a known user reaches them on their channel', async () => {
    expect(await app.services.outbox.sendToUser('slack:U0LENA', [{ text: 'Erinnerung' }])).toBe(true);
    const { rows } = await app.services.db.query<{ channel: string; channel_user: string }>(
      `SELECT channel, channel_user FROM outbox WHERE user_key = 'slack:U0LENA'`,
    );
    expect(rows).toEqual([{ channel: 'slack', channel_user: 'U0LENA' }]);
  });
});
