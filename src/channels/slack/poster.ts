import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Services } from '../../core/context.ts';
import { type Locale, pick } from '../../core/i18n.ts';
import type { Reply } from '../../core/reply.ts';
import type { Queryable } from '../../db/index.ts';
import { channelTexts } from '../messages/index.ts';
import type { Target } from './events.ts';
import { isDirectMessage, memberIdOf } from './ids.ts';
import { type RenderContext, renderReply } from './render.ts';
import type { SlackStore } from './store.ts';

/** Reaction shown on the user's message while the bot works on the answer ("denkt nach …"). */
export const THINKING_REACTION = 'hourglass_flowing_sand';
/** chat.postMessage errors after which the answer goes to the user's DM instead. */
const CHANNEL_GONE = new Set(['not_in_channel', 'channel_not_found', 'is_archived']);

/** Everything the bot writes to Slack: replies (messages and files), DMs, the "denkt nach …" signs. */
export class SlackPoster {
  private readonly dms = new Map<string, string>();

  constructor(
    private readonly client: webApi.WebClient,
    private readonly store: SlackStore,
    private readonly services: Services,
    private readonly log: Logger,
  ) {}

  /** Posts replies in order: each as one or more messages, then its files. */
  async post(
    target: Target,
    replies: Reply[],
    locale: Locale,
    userKey: string,
    q: Queryable = this.services.db,
  ): Promise<void> {
    let where = target;
    for (const reply of replies) {
      const stash = this.store.stash(userKey);
      const rc: RenderContext = { t: (t) => pick(locale, t), stash: stash.stash };
      const messages = renderReply(reply, rc);
      await stash.flush(q);
      for (const m of messages) {
        const message = { text: m.text, blocks: m.blocks, unfurl_links: false, unfurl_media: false };
        try {
          await this.client.chat.postMessage({
            channel: where.channel,
            ...(where.threadTs ? { thread_ts: where.threadTs } : {}),
            ...message,
          });
        } catch (err) {
          // The bot was removed from the channel (or it was archived): the answer goes to the user's DM.
          const code = (err as { data?: { error?: string } }).data?.error ?? '';
          if (!CHANNEL_GONE.has(code) || isDirectMessage(where.channel)) throw err;
          where = { channel: await this.dmChannel(memberIdOf(userKey)) };
          await this.client.chat.postMessage({ channel: where.channel, ...message });
        }
      }
      for (const ref of reply.files ?? []) {
        const file = await this.services.files.get(ref.id, q);
        if (!file) {
          this.log.warn({ fileId: ref.id }, 'slack: file of a reply not found');
          continue;
        }
        const upload = { channel_id: where.channel, file: file.data, filename: file.name, title: file.name };
        await this.client.filesUploadV2(where.threadTs ? { ...upload, thread_ts: where.threadTs } : upload);
      }
    }
  }

  async dmChannel(userId: string): Promise<string> {
    const known = this.dms.get(userId);
    if (known) return known;
    const res = await this.client.conversations.open({ users: userId });
    const id = res.channel?.id;
    if (!id) throw new Error('conversations.open returned no channel');
    this.dms.set(userId, id);
    return id;
  }

  async postPlaceholder(target: Target, locale: Locale): Promise<string | undefined> {
    try {
      const res = await this.client.chat.postMessage({
        channel: target.channel,
        ...(target.threadTs ? { thread_ts: target.threadTs } : {}),
        text: pick(locale, channelTexts('slack.thinking')),
      });
      return res.ts;
    } catch {
      return undefined;
    }
  }

  async react(op: 'add' | 'remove', m: { channel: string; ts: string }): Promise<boolean> {
    try {
      const args = { channel: m.channel, timestamp: m.ts, name: THINKING_REACTION };
      await (op === 'add' ? this.client.reactions.add(args) : this.client.reactions.remove(args));
      return true;
    } catch (err) {
      this.log.debug({ err: (err as Error).message }, `slack reactions.${op} failed`);
      return false;
    }
  }
}
