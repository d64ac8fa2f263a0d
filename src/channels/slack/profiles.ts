import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';

export interface Profile {
  name?: string;
  /** Slack's locale, e.g. "de-DE" (users.info with include_locale). */
  locale?: string;
  /** IANA time zone, e.g. "Europe/Berlin". */
  timeZone?: string;
}

const TTL_MS = 10 * 60_000;
const MAX_ENTRIES = 5000;

/**
 * Name, locale and time zone of Slack users from users.info, cached briefly in memory: a profile change
 * shows up within minutes, and a conversation does not cost one API call per message.
 */
export class Profiles {
  private readonly cache = new Map<string, { at: number; profile: Profile }>();

  constructor(
    private readonly client: webApi.WebClient,
    private readonly log: Logger,
  ) {}

  async get(userId: string): Promise<Profile> {
    const hit = this.cache.get(userId);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.profile;
    let profile: Profile = {};
    try {
      const res = await this.client.users.info({ user: userId, include_locale: true });
      const u = res.user;
      profile = {
        name: u?.profile?.display_name || u?.real_name || u?.name || undefined,
        locale: u?.locale,
        timeZone: u?.tz,
      };
    } catch (err) {
      // Without the profile the bot still answers, in the default language and time zone.
      this.log.warn({ err: (err as Error).message }, 'slack users.info failed');
      return hit?.profile ?? {};
    }
    if (this.cache.size >= MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(userId, { at: Date.now(), profile });
    return profile;
  }
}
