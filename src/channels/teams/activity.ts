import type { Activity } from '@microsoft/agents-activity';
import type { Mention, Turn } from '../../core/context.ts';
import type { IncomingAction } from '../../core/reply.ts';

export const TEAMS_CHANNEL = 'teams';

export type Scope = 'personal' | 'groupChat' | 'channel';

/** Teams' conversation type; the Agents Playground and Bot Framework clients without one count as personal. */
export function scopeOf(activity: Activity): Scope {
  const t = activity.conversation?.conversationType;
  return t === 'channel' || t === 'groupChat' ? t : 'personal';
}

/** The bot's identity for a Teams user: the Entra object id when Teams sends it, else the channel id. */
export function userIdOf(activity: Activity): string | undefined {
  return activity.from?.aadObjectId ?? activity.from?.id ?? undefined;
}

export function userKeyOf(activity: Activity): string | undefined {
  const id = userIdOf(activity);
  return id ? `${TEAMS_CHANNEL}:${id}` : undefined;
}

/** True when the message @mentions the bot (required in channels and group chats). */
export function mentionsBot(activity: Activity): boolean {
  const botId = activity.recipient?.id;
  return Boolean(
    botId &&
      activity.entities?.some(
        (e) =>
          e.type?.toLowerCase() === 'mention' &&
          (e as { mentioned?: { id?: string } }).mentioned?.id === botId,
      ),
  );
}

/** A person @mentioned in a message: Teams' account id ("29:…"), their Entra object id when sent, the name. */
export interface TeamsMention {
  accountId?: string;
  aadObjectId?: string;
  name?: string;
}

/** The people @mentioned in the message: not the bot, not other bots (28:…), channels or teams (19:…). */
export function mentionedPeople(activity: Activity): TeamsMention[] {
  const botId = activity.recipient?.id;
  const out: TeamsMention[] = [];
  for (const e of activity.entities ?? []) {
    const m = e as { type?: string; mentioned?: { id?: string; name?: string; aadObjectId?: string } };
    const who = m.mentioned;
    if (m.type?.toLowerCase() !== 'mention' || !who?.id || who.id === botId || /^(19|28):/.test(who.id))
      continue;
    out.push({
      accountId: who.id,
      aadObjectId: who.aadObjectId || undefined,
      name: who.name ? decodeEntities(who.name).trim() || undefined : undefined,
    });
  }
  return out;
}

/** The message text without the bot's @mention; other mentions keep their names. */
export function cleanText(activity: Activity): string {
  let text = activity.text ?? '';
  const botId = activity.recipient?.id;
  for (const e of activity.entities ?? []) {
    const m = e as { type?: string; text?: string; mentioned?: { id?: string } };
    if (m.type?.toLowerCase() === 'mention' && m.mentioned?.id === botId && m.text) {
      text = text.split(m.text).join(' ');
    }
  }
  text = text.replace(/<at[^>]*>(.*?)<\/at>/gi, '$1');
  return decodeEntities(text)
    .replace(/[ \t]+/g, ' ')
    .trim();
}

/** Teams sends some characters HTML-escaped in message text. */
function decodeEntities(s: string): string {
  return s
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Time zone from the activity: `localTimezone`, else the clientInfo entity Teams attaches; only valid IANA names. */
export function timeZoneOf(activity: Activity): string | undefined {
  const clientInfo = activity.entities?.find((e) => e.type === 'clientInfo') as
    | { timezone?: unknown }
    | undefined;
  const candidates = [activity.localTimezone, clientInfo?.timezone];
  for (const tz of candidates) {
    if (typeof tz === 'string' && isTimeZone(tz)) return tz;
  }
  return undefined;
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Everything the core needs from a Teams activity, with either text or an action. */
export function toTurn(
  activity: Activity,
  input: { text?: string; action?: IncomingAction; mentions?: Mention[] },
): Turn {
  return {
    channel: TEAMS_CHANNEL,
    userId: userIdOf(activity)!,
    displayName: activity.from?.name || undefined,
    locale: activity.locale || undefined,
    timeZone: timeZoneOf(activity),
    ...input,
  };
}
