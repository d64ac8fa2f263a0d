/** Slack's id syntax, kept in this channel: the core only sees user keys and `Turn.mentions`. */

export const SLACK_CHANNEL = 'slack';
/** A member mention as Slack writes it in text: "<@U0123ABC>" or "<@U0123ABC|lena>". */
export const MENTION = /<@([UW][A-Z0-9]+)(?:\|([^>]*))?>/g;
/** A member id typed by hand as the whole message: "U0123ABC" or "@U0123ABC" (with a digit, so "WOLFGANG" stays a name). */
const TYPED_MEMBER_ID = /^\s*@?([UW](?=[A-Z0-9]*\d)[A-Z0-9]{6,})\s*$/;
const MAX_MENTIONS = 10;

/** The bot's user key of a Slack member id. */
export const slackUserKey = (userId: string) => `${SLACK_CHANNEL}:${userId}`;
/** The Slack member id of a user key. */
export const memberIdOf = (userKey: string) => userKey.slice(SLACK_CHANNEL.length + 1);
/** A DM conversation id starts with D. */
export const isDirectMessage = (conversationId: string) => conversationId.startsWith('D');

/** Removes the bot's own mention from a message ("teile mit @Lena" keeps Lena). */
export function withoutOwnMention(text: string, botUserId?: string): string {
  const own = botUserId ? new RegExp(`<@${botUserId}(\\|[^>]*)?>`, 'g') : MENTION;
  return text.replace(own, '').trim();
}

/**
 * Member ids @-mentioned in Slack's syntax ("<@U0123ABC>") or typed as the whole message, except the bot,
 * each with the name written in the mention, if any.
 */
export function mentionedIds(texts: string[], botUserId?: string): Map<string, string | undefined> {
  const found = new Map<string, string | undefined>();
  for (const text of texts) {
    const typed = TYPED_MEMBER_ID.exec(text);
    if (typed && typed[1] !== botUserId) found.set(typed[1]!, undefined);
    for (const m of text.matchAll(MENTION)) {
      if (m[1] !== botUserId && found.size < MAX_MENTIONS) found.set(m[1]!, m[2]?.trim() || undefined);
    }
  }
  return found;
}
