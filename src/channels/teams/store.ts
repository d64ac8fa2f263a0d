import type { ConversationReference } from '@microsoft/agents-activity';
import { cleanText } from '../../core/clean-text.ts';
import type { Locale } from '../../core/i18n.ts';
import { isKnownUser, knownUserSql, localeOf } from '../../core/identity.ts';
import { type PersonalDataSource, tableSource } from '../../core/personal-data.ts';
import type { Reply } from '../../core/reply.ts';
import type { Queryable } from '../../db/index.ts';
import { channelTexts } from '../messages/index.ts';

export interface KnownConversations {
  /** The 1:1 chat with the bot, if the user ever wrote there (or we opened one). */
  personal?: ConversationReference;
  /** Where the user last wrote; gives service URL, tenant and bot account for opening a 1:1 chat. */
  last: ConversationReference;
}

export type CardClaim =
  | { status: 'ok'; reply: Reply; activityId?: string; conversationId: string; locale: Locale }
  | { status: 'used' | 'foreign' | 'unknown' };

/** Teams-specific persistence: conversation references for proactive messages and the cards we sent. */
export class TeamsStore {
  constructor(private readonly db: Queryable) {}

  /** Remembers where the user can be reached; a personal chat reference is never overwritten by a channel. */
  async rememberConversation(userKey: string, ref: ConversationReference, personal: boolean): Promise<void> {
    const clean: ConversationReference = { ...ref, activityId: undefined };
    // The reference carries the user's display name: no NUL or lone surrogate may reach jsonb.
    const json = JSON.stringify(clean, (_k, v) => (typeof v === 'string' ? cleanText(v) : v));
    await this.db.query(
      // Only for known users: right after "delete all my data" the user row is gone, and stays gone.
      `INSERT INTO teams_conversations (user_key, personal_ref, last_ref)
       SELECT $1, $2::jsonb, $3::jsonb WHERE ${knownUserSql('$1')}
       ON CONFLICT (user_key) DO UPDATE SET
         personal_ref = COALESCE(EXCLUDED.personal_ref, teams_conversations.personal_ref),
         last_ref = EXCLUDED.last_ref,
         updated_at = now()`,
      [userKey, personal ? json : null, json],
    );
  }

  async setPersonal(userKey: string, ref: ConversationReference): Promise<void> {
    await this.db.query(
      'UPDATE teams_conversations SET personal_ref = $2, updated_at = now() WHERE user_key = $1',
      [userKey, JSON.stringify({ ...ref, activityId: undefined })],
    );
  }

  async conversations(userKey: string): Promise<KnownConversations | undefined> {
    const { rows } = await this.db.query<{
      personal_ref: ConversationReference | null;
      last_ref: ConversationReference;
    }>('SELECT personal_ref, last_ref FROM teams_conversations WHERE user_key = $1', [userKey]);
    const r = rows[0];
    return r && { personal: r.personal_ref ?? undefined, last: r.last_ref };
  }

  /** The bot's user id (after "teams:") of whoever wrote with this Teams account id ("29:…"), if anyone did. */
  async userIdOfAccount(accountId: string): Promise<string | undefined> {
    const { rows } = await this.db.query<{ user_key: string }>(
      `SELECT user_key FROM teams_conversations
        WHERE last_ref->'user'->>'id' = $1 OR personal_ref->'user'->>'id' = $1
       LIMIT 1`,
      [accountId],
    );
    if (rows[0]) return rows[0].user_key.slice('teams:'.length);
    return (await isKnownUser(this.db, `teams:${accountId}`)) ? accountId : undefined;
  }

  async saveCard(c: {
    cardId: string;
    userKey: string;
    conversationId: string;
    activityId?: string;
    reply: Reply;
    locale: Locale;
  }): Promise<void> {
    await this.db.query(
      `INSERT INTO teams_cards (card_id, user_key, conversation_id, activity_id, reply, locale)
       SELECT $1, $2, $3, $4, $5::jsonb, $6 WHERE ${knownUserSql('$2')}
       ON CONFLICT (card_id) DO NOTHING`,
      [c.cardId, c.userKey, c.conversationId, c.activityId ?? null, JSON.stringify(c.reply), c.locale],
    );
  }

  /** The id Teams gave the sent card, so that its used version can replace it. */
  async setCardActivity(cardId: string, activityId: string): Promise<void> {
    await this.db.query('UPDATE teams_cards SET activity_id = $2 WHERE card_id = $1', [cardId, activityId]);
  }

  /**
   * Marks a card as used by this user, atomically: of two fast presses only the first gets 'ok'.
   * 'foreign' = someone else's card (channels), 'unknown' = not a card we remember.
   */
  async claimCard(cardId: string, userKey: string): Promise<CardClaim> {
    if (!/^[0-9a-f-]{36}$/i.test(cardId)) return { status: 'unknown' };
    // Two rounds: a card sent by the outbox becomes visible when its transaction commits, which may
    // happen between the UPDATE and the SELECT; it is then unused and can still be claimed.
    for (let round = 0; round < 2; round++) {
      const { rows } = await this.db.query<{
        reply: Reply;
        activity_id: string | null;
        conversation_id: string;
        locale: string;
      }>(
        `UPDATE teams_cards SET used_at = now()
         WHERE card_id = $1 AND user_key = $2 AND used_at IS NULL
         RETURNING reply, activity_id, conversation_id, locale`,
        [cardId, userKey],
      );
      const r = rows[0];
      if (r) {
        return {
          status: 'ok',
          reply: r.reply,
          activityId: r.activity_id ?? undefined,
          conversationId: r.conversation_id,
          locale: r.locale === 'en' ? 'en' : 'de',
        };
      }
      const { rows: existing } = await this.db.query<{ user_key: string; used: boolean }>(
        'SELECT user_key, used_at IS NOT NULL AS used FROM teams_cards WHERE card_id = $1',
        [cardId],
      );
      const e = existing[0];
      if (!e) return { status: 'unknown' };
      if (e.user_key !== userKey) return { status: 'foreign' };
      if (e.used) return { status: 'used' };
    }
    return { status: 'used' };
  }

  async userLocale(userKey: string): Promise<string | undefined> {
    return localeOf(this.db, userKey);
  }
}

/** Personal data the Teams channel keeps: where to reach the user, and the cards sent to them. */
export const teamsPersonalData: PersonalDataSource[] = [
  tableSource(
    {
      label: channelTexts('teams.data.conversations.label'),
      about: channelTexts('teams.data.conversations.about'),
    },
    'teams_conversations',
    'user_key',
    'personal_ref, last_ref, updated_at',
  ),
  tableSource(
    {
      label: channelTexts('teams.data.cards.label'),
      about: channelTexts('teams.data.cards.about'),
    },
    'teams_cards',
    'user_key',
    'reply, conversation_id, created_at, used_at',
  ),
];
