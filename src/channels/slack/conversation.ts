import { setTimeout as sleep } from 'node:timers/promises';
import type { App, webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Mention } from '../../core/context.ts';
import { type Locale, normaliseLocale, pick } from '../../core/i18n.ts';
import { localeOf } from '../../core/identity.ts';
import type { OutboxMessage } from '../../core/outbox.ts';
import type { Form, IncomingAction } from '../../core/reply.ts';
import type { Queryable } from '../../db/index.ts';
import { channelTexts } from '../messages/index.ts';
import type { BlockAction, BlockActionsBody, SlackMessageEvent, Target, TurnInput } from './events.ts';
import { homeView } from './home.ts';
import { isDirectMessage, mentionedIds, SLACK_CHANNEL, slackUserKey, withoutOwnMention } from './ids.ts';
import type { SlackDeps } from './index.ts';
import { fieldErrors } from './modal.ts';
import { SlackPoster } from './poster.ts';
import { type Profile, Profiles } from './profiles.ts';
import {
  decodePressed,
  FORM_CALLBACK_ID,
  formFields,
  formModal,
  parseModalMeta,
  type SubmittedValue,
} from './render.ts';
import { slashInput } from './slash.ts';
import { SlackStore } from './store.ts';

export const SHORTCUT_CALLBACK_ID = 'lodile_ask';
/** A view_submission must be answered within 3 s; errors go back into the modal only if we are faster. */
const VIEW_SUBMISSION_BUDGET_MS = 2500;
/** How long a slash command waits for DM/profile look-ups before acking anyway. */
const ACK_LOOKUP_BUDGET_MS = 1500;
/** Without a message to react to, a temporary "denkt nach …" message appears after this long. */
const THINKING_MESSAGE_AFTER_MS = 1500;

/** The Slack side of a conversation: maps Slack requests to turns and replies to Web API calls. */
export class SlackConversation {
  private readonly store: SlackStore;
  private readonly profiles: Profiles;
  private readonly inflight = new Set<Promise<unknown>>();
  private readonly poster: SlackPoster;

  constructor(
    private readonly deps: SlackDeps,
    private readonly client: webApi.WebClient,
    private readonly log: Logger,
    /** The bot's own member id (from auth.test); its mention is an address, not a person named. */
    private readonly botUserId?: string,
  ) {
    this.store = new SlackStore(deps.services.db);
    this.profiles = new Profiles(client, log);
    this.poster = new SlackPoster(client, this.store, deps.services, log);
  }

  register(app: InstanceType<typeof App>): void {
    app.event('message', async ({ event, body }) => {
      const e = event as unknown as SlackMessageEvent;
      // Edits, deletions, joins and the bot's own messages are not questions.
      const fromUser = !e.subtype || e.subtype === 'file_share';
      if (e.channel_type !== 'im' || !fromUser || e.bot_id || !e.user) return;
      if (!(await this.first(`event:${(body as { event_id?: string }).event_id ?? e.ts}`))) return;
      const target = { channel: e.channel, threadTs: e.thread_ts };
      if (e.subtype === 'file_share' && !e.text?.trim()) {
        await this.track(this.fileWithoutText(e.user, target));
        return;
      }
      await this.track(this.turn(e.user, { text: e.text ?? '' }, target, e));
    });

    app.event('app_mention', async ({ event, body }) => {
      const e = event as unknown as SlackMessageEvent;
      if (!e.user || e.bot_id || isDirectMessage(e.channel)) return;
      if (!(await this.first(`event:${(body as { event_id?: string }).event_id ?? e.ts}`))) return;
      // Only the bot's own mention goes; "teile mit @Lena" keeps Lena.
      const text = withoutOwnMention(e.text ?? '', this.botUserId) || 'start';
      await this.track(this.turn(e.user, { text }, { channel: e.channel, threadTs: e.thread_ts ?? e.ts }, e));
    });

    app.event('app_home_opened', async ({ event }) => {
      if (event.tab !== 'home') return;
      await this.track(this.publishHome(event.user));
    });

    app.command('/lodile', async ({ command, ack }) => {
      // The ack must reach Slack within 3 s: look up the DM and profile only briefly before answering.
      const dmLookup = this.poster.dmChannel(command.user_id).catch(() => undefined);
      const [dm, profile] = await Promise.all([
        Promise.race([dmLookup, sleep(ACK_LOOKUP_BUDGET_MS, undefined, { ref: false })]),
        Promise.race([this.profiles.get(command.user_id), sleep(ACK_LOOKUP_BUDGET_MS, {}, { ref: false })]),
      ]);
      if (dm && dm === command.channel_id) await ack();
      else {
        await ack({
          response_type: 'ephemeral',
          text: pick(this.localeOf(profile), channelTexts('slack.answerInDm')),
        });
      }
      const target = dm ?? (await dmLookup);
      if (!target || !(await this.first(`command:${command.trigger_id}`))) return;
      await this.track(
        this.turn(command.user_id, slashInput(command.text, this.deps.bot), { channel: target }),
      );
    });

    app.shortcut(SHORTCUT_CALLBACK_ID, async ({ shortcut, ack }) => {
      await ack();
      const s = shortcut as unknown as {
        trigger_id: string;
        user: { id: string };
        message?: { text?: string };
      };
      if (!(await this.first(`shortcut:${s.trigger_id}`))) return;
      const dm = await this.poster.dmChannel(s.user.id);
      const text = s.message?.text?.trim() || 'start';
      await this.track(this.turn(s.user.id, { text }, { channel: dm }));
    });

    app.action({ type: 'block_actions' }, async ({ ack, body, action }) => {
      await ack();
      const b = body as unknown as BlockActionsBody;
      const a = action as unknown as BlockAction;
      if (!(await this.first(`action:${a.action_ts}:${b.trigger_id}:${a.action_id}`))) return;
      await this.track(this.pressed(b, a));
    });

    app.view({ callback_id: FORM_CALLBACK_ID, type: 'view_submission' }, async ({ ack, body, view }) => {
      const respond = ack as (response?: Record<string, unknown>) => Promise<void>;
      await this.track(
        this.submitted(body.user.id, (body as { trigger_id?: string }).trigger_id, view, respond),
      );
    });

    app.error(async (err) => {
      this.log.error({ err: err.message, code: (err as { code?: string }).code }, 'slack request failed');
    });
  }

  /** Proactive message (outbox) → the user's DM; runs in the outbox transaction, so the DB through q. */
  async deliver(message: OutboxMessage, q: Queryable): Promise<void> {
    const channel = await this.poster.dmChannel(message.recipient.id);
    const profile = await this.profiles.get(message.recipient.id);
    const locale = await this.localeFor(message.recipient.key, profile, q);
    await this.poster.post({ channel }, message.replies, locale, message.recipient.key, q);
  }

  async drain(): Promise<void> {
    while (this.inflight.size) await Promise.allSettled([...this.inflight]);
  }

  private track<T>(p: Promise<T>): Promise<T | undefined> {
    const guarded = p.catch((err: Error) => {
      this.log.error({ err: err.message }, 'slack turn failed');
      return undefined;
    });
    this.inflight.add(guarded);
    void guarded.finally(() => this.inflight.delete(guarded));
    return guarded;
  }

  private async first(key: string): Promise<boolean> {
    const first = await this.store.firstTime(key);
    if (!first) this.log.info({ key }, 'slack duplicate ignored');
    return first;
  }

  /**
   * One turn through the core; the answer goes to the target. Meanwhile "denkt nach …": an hourglass reaction
   * on the user's message, or (slash command, button, shortcut) a temporary message if the answer takes a
   * moment. Both are removed once the answer is there.
   */
  private async turn(
    userId: string,
    input: TurnInput,
    target: Target,
    reactTo?: { channel: string; ts: string },
  ) {
    const profile = await this.profiles.get(userId);
    const userKey = slackUserKey(userId);
    const locale = await this.localeFor(userKey, profile);
    const reacted = reactTo ? this.poster.react('add', reactTo) : undefined;
    let placeholder: Promise<string | undefined> | undefined;
    const timer = reactTo
      ? undefined
      : setTimeout(() => {
          placeholder = this.poster.postPlaceholder(target, locale);
        }, THINKING_MESSAGE_AFTER_MS);
    try {
      const mentions = 'text' in input ? await this.mentionsIn([input.text]) : [];
      const replies = await this.deps.bot.handle({
        channel: SLACK_CHANNEL,
        userId,
        displayName: profile.name,
        locale: profile.locale,
        timeZone: profile.timeZone,
        ...input,
        ...(mentions.length ? { mentions } : {}),
      });
      clearTimeout(timer);
      // The user may have switched language in this very turn.
      await this.poster.post(target, replies, await this.localeFor(userKey, profile), userKey);
    } finally {
      clearTimeout(timer);
      if (reactTo && reacted && (await reacted)) await this.poster.react('remove', reactTo);
      const ts = placeholder && (await placeholder);
      if (ts) await this.client.chat.delete({ channel: target.channel, ts }).catch(() => undefined);
    }
  }

  /** A file sent without text: the bot reads only text, and says so instead of staying silent. */
  private async fileWithoutText(userId: string, target: Target): Promise<void> {
    const profile = await this.profiles.get(userId);
    const userKey = slackUserKey(userId);
    const locale = await this.localeFor(userKey, profile);
    const text = pick(locale, channelTexts('slack.noFiles'));
    await this.poster.post(
      target,
      [{ text, actions: [{ id: 'help.menu', label: pick(locale, channelTexts('home.help')) }] }],
      locale,
      userKey,
    );
  }

  private async pressed(body: BlockActionsBody, a: BlockAction): Promise<void> {
    const userId = body.user.id;
    const fromHome = body.container?.type === 'view' || !body.channel?.id;
    const target: Target = fromHome
      ? { channel: await this.poster.dmChannel(userId) }
      : { channel: body.channel!.id, threadTs: body.message?.thread_ts };
    const decoded = decodePressed(a);
    if (decoded.kind === 'form') {
      const stashed = await this.store.payload(decoded.ref);
      if (stashed?.kind === 'form') {
        const profile = await this.profiles.get(userId);
        const locale = await this.localeFor(slackUserKey(userId), profile);
        const view = formModal(
          stashed.form,
          { ref: decoded.ref, channel: target.channel, threadTs: target.threadTs },
          (t) => pick(locale, t),
          this.timeZone(profile),
        );
        await this.client.views.open({ trigger_id: body.trigger_id, view });
        return;
      }
      return this.turn(userId, { action: { id: 'slack.expired' } }, target);
    }
    let action: IncomingAction = { id: 'slack.expired' };
    if (decoded.kind === 'action') action = decoded.action;
    if (decoded.kind === 'stashed') {
      const stashed = await this.store.payload(decoded.ref);
      if (stashed?.kind === 'action') action = { id: stashed.id, value: stashed.value };
    }
    // An unknown id ("slack.expired") makes the core answer "this button is no longer valid" with the menu.
    await this.turn(userId, { action }, target);
  }

  private async submitted(
    userId: string,
    triggerId: string | undefined,
    view: { id: string; hash?: string; private_metadata?: string; state: { values: unknown } },
    ack: (response?: Record<string, unknown>) => Promise<void>,
  ): Promise<void> {
    const meta = parseModalMeta(view.private_metadata);
    const stashed = meta && (await this.store.payload(meta.ref));
    if (!meta || stashed?.kind !== 'form') {
      await ack();
      const dm = await this.poster.dmChannel(userId);
      return this.turn(userId, { action: { id: 'slack.expired' } }, { channel: dm });
    }
    if (!(await this.first(`submit:${triggerId ?? `${view.id}:${view.hash}`}`))) {
      await ack();
      return;
    }
    const form: Form = stashed.form;
    const profile = await this.profiles.get(userId);
    const fields = formFields(
      form,
      view.state.values as Record<string, Record<string, SubmittedValue>>,
      this.timeZone(profile),
    );
    const target: Target = {
      channel: meta.channel ?? (await this.poster.dmChannel(userId)),
      threadTs: meta.threadTs,
    };
    // A person picked in the people picker counts as @-mentioned, with the name Slack shows.
    const mentions = await this.mentionsIn(
      form.fields.filter((f) => f.type === 'user').map((f) => fields[f.id] ?? ''),
    );
    const handled = this.deps.bot.handle({
      channel: SLACK_CHANNEL,
      userId,
      displayName: profile.name,
      locale: profile.locale,
      timeZone: profile.timeZone,
      action: { id: form.id, fields },
      ...(mentions.length ? { mentions } : {}),
    });
    const inTime = await Promise.race([handled, sleep(VIEW_SUBMISSION_BUDGET_MS, undefined, { ref: false })]);
    const errors = inTime && fieldErrors(inTime, form);
    if (errors) {
      // Slack shows these under the fields; the modal stays open with everything the user typed.
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    const replies = inTime ?? (await handled);
    const userKey = slackUserKey(userId);
    await this.poster.post(target, replies, await this.localeFor(userKey, profile), userKey);
  }

  /** People @-mentioned (or typed as member id) in these texts, except the bot, with the names Slack shows. */
  private async mentionsIn(texts: string[]): Promise<Mention[]> {
    const found = mentionedIds(texts, this.botUserId);
    return Promise.all(
      [...found].map(async ([id, typed]) => ({ id, name: (await this.profiles.get(id)).name ?? typed })),
    );
  }

  private async publishHome(userId: string): Promise<void> {
    const profile = await this.profiles.get(userId);
    const locale = await this.localeFor(slackUserKey(userId), profile);
    const stash = this.store.stash(slackUserKey(userId));
    const view = await homeView(
      this.deps.bot,
      this.deps.home,
      slackUserKey(userId),
      { t: (t) => pick(locale, t), stash: stash.stash },
      { locale, timeZone: this.timeZone(profile) },
    );
    await stash.flush();
    await this.client.views.publish({ user_id: userId, view });
  }

  /** The language the core answers in: the user's own choice, else Slack's locale, else the default. */
  private async localeFor(
    userKey: string,
    profile: Profile,
    q: Queryable = this.deps.services.db,
  ): Promise<Locale> {
    return normaliseLocale(await localeOf(q, userKey)) ?? this.localeOf(profile);
  }

  private localeOf(profile: Profile): Locale {
    return normaliseLocale(profile.locale) ?? this.deps.config.DEFAULT_LOCALE;
  }

  private timeZone(profile: Profile): string {
    return profile.timeZone ?? this.deps.config.DEFAULT_TIMEZONE;
  }
}
