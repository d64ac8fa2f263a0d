import { setTimeout as sleep } from 'node:timers/promises';
import { App, ExpressReceiver, SocketModeReceiver, webApi } from '@slack/bolt';
import type { Express, NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import type { Bot } from '../../core/bot.ts';
import type { Mention, Services } from '../../core/context.ts';
import { type Locale, normaliseLocale, pick } from '../../core/i18n.ts';
import { localeOf } from '../../core/identity.ts';
import type { Deliver, OutboxMessage } from '../../core/outbox.ts';
import type { Form, IncomingAction, Reply } from '../../core/reply.ts';
import type { Queryable } from '../../db/index.ts';
import { homeView } from './home.ts';
import { slackLogger } from './logger.ts';
import { type Profile, Profiles } from './profiles.ts';
import {
  decodePressed,
  FORM_CALLBACK_ID,
  formFields,
  formModal,
  parseModalMeta,
  type RenderContext,
  renderReply,
  type SubmittedValue,
} from './render.ts';
import { SlackStore, slackPersonalData, slackRetention } from './store.ts';

export const SLACK_CHANNEL = 'slack';
export const SHORTCUT_CALLBACK_ID = 'lodile_ask';
/** Reaction shown on the user's message while the bot works on the answer ("denkt nach …"). */
export const THINKING_REACTION = 'hourglass_flowing_sand';
/** A view_submission must be answered within 3 s; errors go back into the modal only if we are faster. */
const VIEW_SUBMISSION_BUDGET_MS = 2500;
/** chat.postMessage errors after which the answer goes to the user's DM instead. */
const CHANNEL_GONE = new Set(['not_in_channel', 'channel_not_found', 'is_archived']);
/** How long a slash command waits for DM/profile look-ups before acking anyway. */
const ACK_LOOKUP_BUDGET_MS = 1500;
/** A member mention as Slack writes it in text: "<@U0123ABC>" or "<@U0123ABC|lena>". */
const MENTION = /<@([UW][A-Z0-9]+)(?:\|([^>]*))?>/g;
/** A member id typed by hand as the whole message: "U0123ABC" or "@U0123ABC" (with a digit, so "WOLFGANG" stays a name). */
const TYPED_MEMBER_ID = /^\s*@?([UW](?=[A-Z0-9]*\d)[A-Z0-9]{6,})\s*$/;
const MAX_MENTIONS = 10;
/** Without a message to react to, a temporary "denkt nach …" message appears after this long. */
const THINKING_MESSAGE_AFTER_MS = 1500;

export interface SlackChannel {
  mode: 'http' | 'socket';
  /** Delivers proactive messages (outbox) to the user's DM; throws to have the outbox retry. */
  deliver: Deliver;
  /** Waits for turns still running and disconnects (Socket Mode). */
  stop(): Promise<void>;
}

export interface SlackDeps {
  config: Config;
  bot: Bot;
  services: Services;
  /** The bot's one Express app: HTTP mode mounts POST /slack/events here. */
  http: Express;
  log: Logger;
}

/** Where an answer goes: a conversation and, for channel mentions, the thread. */
interface Target {
  channel: string;
  threadTs?: string;
}

type TurnInput = { text: string } | { action: IncomingAction };

/**
 * Starts the Slack channel when SLACK_BOT_TOKEN is set: Socket Mode with SLACK_APP_TOKEN, otherwise HTTP
 * mode on the bot's Express app (signature verification on). Returns undefined without a token.
 */
export async function startSlack(deps: SlackDeps): Promise<SlackChannel | undefined> {
  const { config, log } = deps;
  if (!config.SLACK_BOT_TOKEN) return undefined;
  // Slack opens a DM from a member id alone: configured Slack coaches get messages before they wrote.
  deps.services.outbox.reachByIdAlone(SLACK_CHANNEL);
  const logger = slackLogger(log);
  const clientOptions: webApi.WebClientOptions = {
    ...(config.SLACK_API_URL ? { slackApiUrl: config.SLACK_API_URL.replace(/\/?$/, '/') } : {}),
    // A few quick retries: a user waits for the answer, and the outbox retries proactive messages itself.
    retryConfig: { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 2000 },
    logger,
  };
  const socketMode = Boolean(config.SLACK_APP_TOKEN);
  // Mounted before Bolt's receiver, so it sees every POST /slack/events first.
  if (!socketMode) deps.http.post('/slack/events', slackGuard(deps.services, log));
  const receiver = socketMode
    ? new SocketModeReceiver({
        appToken: config.SLACK_APP_TOKEN!,
        logger,
        // Its own client options: the socket client keeps its default long retries for reconnecting.
        installerOptions: { clientOptions: { slackApiUrl: clientOptions.slackApiUrl } },
      })
    : new ExpressReceiver({
        signingSecret: config.SLACK_SIGNING_SECRET!,
        endpoints: '/slack/events',
        app: deps.http,
        logger,
        signatureVerification: true,
        processBeforeResponse: false,
      });

  // Our own auth.test, so a Slack outage at start is logged instead of crashing the process later.
  const probe = new webApi.WebClient(config.SLACK_BOT_TOKEN, clientOptions);
  const identity: { botId?: string; botUserId?: string } = await probe.auth.test().then(
    (r) => ({ botId: r.bot_id, botUserId: r.user_id }),
    (err: Error) => {
      log.error({ err: err.message }, 'Slack auth.test failed; check SLACK_BOT_TOKEN / SLACK_API_URL');
      return {};
    },
  );
  const app = new App({
    token: config.SLACK_BOT_TOKEN,
    receiver,
    clientOptions,
    logger,
    tokenVerificationEnabled: false,
    ...identity,
  });
  const channel = new SlackConversation(deps, app.client, log, identity.botUserId);
  channel.register(app);

  if (socketMode) {
    // Connecting may take a while (or retry); the rest of the bot is already usable meanwhile.
    app.start().then(
      () => log.info('Slack connected (Socket Mode)'),
      (err: Error) => log.error({ err: err.message }, 'Slack Socket Mode connection failed'),
    );
  } else {
    log.info('Slack listening on POST /slack/events (HTTP mode)');
  }
  deps.services.outbox.startDispatcher(SLACK_CHANNEL, (m, q) => channel.deliver(m, q));
  deps.services.personalData.unshift(slackPersonalData);
  deps.services.retention.push(...slackRetention);

  return {
    mode: socketMode ? 'socket' : 'http',
    deliver: (m, q) => channel.deliver(m, q),
    async stop() {
      if (socketMode) await app.stop().catch(() => {});
      await channel.drain();
    },
  };
}

/** Slack allows five minutes of clock skew; Bolt refuses older requests, we also refuse ones from the future. */
const MAX_SKEW_SEC = 5 * 60;
/** How long the guard waits for the database before answering 503 (Slack wants an answer within 3 s). */
const DB_CHECK_MS = 2000;

/**
 * Runs before Bolt on POST /slack/events:
 * - refuses requests whose X-Slack-Request-Timestamp is more than five minutes off (future or past);
 * - while the database is unreachable, answers 503 instead of acking. Bolt acks events before the
 *   listener runs, so an event acked during an outage would be lost; unacked, Slack retries it
 *   (about immediately, after 1 min and after 5 min, with X-Slack-Retry-Num) and the retry is answered
 *   once the database is back. Deduplication by event_id keeps a retry from being answered twice.
 *   Slash commands and button clicks are not retried by Slack; the user sees Slack's own error and can
 *   try again. (An in-memory queue would lose messages on a restart and answer them from one replica.)
 */
function slackGuard(services: Services, log: Logger) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const ts = Number(req.headers['x-slack-request-timestamp']);
    if (!Number.isFinite(ts) || Math.abs(Math.floor(Date.now() / 1000) - ts) > MAX_SKEW_SEC) {
      res.status(401).json({ error: 'request timestamp out of range' });
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    const ok = await Promise.race([
      services.db.ping().then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), DB_CHECK_MS);
      }),
    ]);
    clearTimeout(timer);
    if (!ok) {
      log.warn(
        { retry: req.headers['x-slack-retry-num'] },
        'database unreachable; Slack request refused so Slack retries',
      );
      res.status(503).json({ error: 'database unreachable, please retry' });
      return;
    }
    next();
  };
}

/** The Slack side of a conversation: maps Slack requests to turns and replies to Web API calls. */
class SlackConversation {
  private readonly store: SlackStore;
  private readonly profiles: Profiles;
  private readonly inflight = new Set<Promise<unknown>>();
  private readonly dms = new Map<string, string>();

  constructor(
    private readonly deps: SlackDeps,
    private readonly client: webApi.WebClient,
    private readonly log: Logger,
    /** The bot's own member id (from auth.test); its mention is an address, not a person named. */
    private readonly botUserId?: string,
  ) {
    this.store = new SlackStore(deps.services.db);
    this.profiles = new Profiles(client, log);
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
      if (!e.user || e.bot_id || e.channel.startsWith('D')) return;
      if (!(await this.first(`event:${(body as { event_id?: string }).event_id ?? e.ts}`))) return;
      // Only the bot's own mention goes; "teile mit @Lena" keeps Lena.
      const own = this.botUserId ? new RegExp(`<@${this.botUserId}(\\|[^>]*)?>`, 'g') : MENTION;
      const text = (e.text ?? '').replace(own, '').trim() || 'start';
      await this.track(this.turn(e.user, { text }, { channel: e.channel, threadTs: e.thread_ts ?? e.ts }, e));
    });

    app.event('app_home_opened', async ({ event }) => {
      if (event.tab !== 'home') return;
      await this.track(this.publishHome(event.user));
    });

    app.command('/lodile', async ({ command, ack }) => {
      // The ack must reach Slack within 3 s: look up the DM and profile only briefly before answering.
      const dmLookup = this.dmChannel(command.user_id).catch(() => undefined);
      const [dm, profile] = await Promise.all([
        Promise.race([dmLookup, sleep(ACK_LOOKUP_BUDGET_MS, undefined, { ref: false })]),
        Promise.race([this.profiles.get(command.user_id), sleep(ACK_LOOKUP_BUDGET_MS, {}, { ref: false })]),
      ]);
      if (dm && dm === command.channel_id) await ack();
      else {
        await ack({
          response_type: 'ephemeral',
          text: pick(this.localeOf(profile), {
            de: 'Ich antworte Ihnen in unserer Direktnachricht (App „LoDiLe-Bot“ → Nachrichten).',
            en: 'I will answer you in our direct message (app “LoDiLe-Bot” → Messages).',
          }),
        });
      }
      const target = dm ?? (await dmLookup);
      if (!target || !(await this.first(`command:${command.trigger_id}`))) return;
      await this.track(this.turn(command.user_id, this.slashInput(command.text), { channel: target }));
    });

    app.shortcut(SHORTCUT_CALLBACK_ID, async ({ shortcut, ack }) => {
      await ack();
      const s = shortcut as unknown as {
        trigger_id: string;
        user: { id: string };
        message?: { text?: string };
      };
      if (!(await this.first(`shortcut:${s.trigger_id}`))) return;
      const dm = await this.dmChannel(s.user.id);
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
    const channel = await this.dmChannel(message.recipient.id);
    const profile = await this.profiles.get(message.recipient.id);
    const locale = await this.localeFor(message.recipient.key, profile, q);
    await this.post({ channel }, message.replies, locale, message.recipient.key, q);
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
    const userKey = `${SLACK_CHANNEL}:${userId}`;
    const locale = await this.localeFor(userKey, profile);
    const reacted = reactTo ? this.react('add', reactTo) : undefined;
    let placeholder: Promise<string | undefined> | undefined;
    const timer = reactTo
      ? undefined
      : setTimeout(() => {
          placeholder = this.postPlaceholder(target, locale);
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
      await this.post(target, replies, await this.localeFor(userKey, profile), userKey);
    } finally {
      clearTimeout(timer);
      if (reactTo && reacted && (await reacted)) await this.react('remove', reactTo);
      const ts = placeholder && (await placeholder);
      if (ts) await this.client.chat.delete({ channel: target.channel, ts }).catch(() => undefined);
    }
  }

  /** A file sent without text: the bot reads only text, and says so instead of staying silent. */
  private async fileWithoutText(userId: string, target: Target): Promise<void> {
    const profile = await this.profiles.get(userId);
    const userKey = `${SLACK_CHANNEL}:${userId}`;
    const locale = await this.localeFor(userKey, profile);
    const text = pick(locale, {
      de: 'Dateien kann ich leider nicht lesen. Schreiben Sie mir Ihre Frage bitte als Text – oder „hilfe“.',
      en: 'Sorry, I cannot read files. Please type your question – or “help”.',
    });
    await this.post(
      target,
      [{ text, actions: [{ id: 'help.menu', label: pick(locale, { de: 'Hilfe', en: 'Help' }) }] }],
      locale,
      userKey,
    );
  }

  private async postPlaceholder(target: Target, locale: Locale): Promise<string | undefined> {
    try {
      const res = await this.client.chat.postMessage({
        channel: target.channel,
        ...(target.threadTs ? { thread_ts: target.threadTs } : {}),
        text: pick(locale, { de: '⏳ Einen Moment, ich denke nach …', en: '⏳ One moment, thinking …' }),
      });
      return res.ts;
    } catch {
      return undefined;
    }
  }

  private async react(op: 'add' | 'remove', m: { channel: string; ts: string }): Promise<boolean> {
    try {
      const args = { channel: m.channel, timestamp: m.ts, name: THINKING_REACTION };
      await (op === 'add' ? this.client.reactions.add(args) : this.client.reactions.remove(args));
      return true;
    } catch (err) {
      this.log.debug({ err: (err as Error).message }, `slack reactions.${op} failed`);
      return false;
    }
  }

  private slashInput(raw: string): TurnInput {
    const text = raw.trim();
    const [word = '', ...rest] = text.split(/\s+/);
    const tail = rest.join(' ').trim();
    switch (word.toLowerCase()) {
      case '':
      case 'hilfe':
      case 'help':
        return { text: 'hilfe' };
      case 'frage':
      case 'question':
        if (tail) return { text: tail };
        return this.deps.bot.capability('knowledge')
          ? { action: { id: 'knowledge.ask' } }
          : { text: 'hilfe' };
      case 'canvas':
        return { text: tail ? `canvas ${tail}` : 'canvas' };
      case 'termin':
      case 'termine':
      case 'booking':
        return { text: tail ? `termin ${tail}` : 'termin' };
      case 'daten':
      case 'data':
        return { text: 'meine daten' };
      default:
        return { text };
    }
  }

  private async pressed(body: BlockActionsBody, a: BlockAction): Promise<void> {
    const userId = body.user.id;
    const fromHome = body.container?.type === 'view' || !body.channel?.id;
    const target: Target = fromHome
      ? { channel: await this.dmChannel(userId) }
      : { channel: body.channel!.id, threadTs: body.message?.thread_ts };
    const decoded = decodePressed(a);
    if (decoded.kind === 'form') {
      const stashed = await this.store.payload(decoded.ref);
      if (stashed?.kind === 'form') {
        const profile = await this.profiles.get(userId);
        const locale = await this.localeFor(`${SLACK_CHANNEL}:${userId}`, profile);
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
      const dm = await this.dmChannel(userId);
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
      channel: meta.channel ?? (await this.dmChannel(userId)),
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
    const userKey = `${SLACK_CHANNEL}:${userId}`;
    await this.post(target, replies, await this.localeFor(userKey, profile), userKey);
  }

  /**
   * People @-mentioned in Slack's syntax ("<@U0123ABC>") or named by a typed member id, except the bot, with
   * the names Slack shows. The core only sees `Turn.mentions`; Slack's id syntax stays in this channel.
   */
  private async mentionsIn(texts: string[]): Promise<Mention[]> {
    const found = new Map<string, string | undefined>();
    for (const text of texts) {
      const typed = TYPED_MEMBER_ID.exec(text);
      if (typed && typed[1] !== this.botUserId) found.set(typed[1]!, undefined);
      for (const m of text.matchAll(MENTION)) {
        if (m[1] !== this.botUserId && found.size < MAX_MENTIONS) found.set(m[1]!, m[2]?.trim() || undefined);
      }
    }
    return Promise.all(
      [...found].map(async ([id, typed]) => ({ id, name: (await this.profiles.get(id)).name ?? typed })),
    );
  }

  private async publishHome(userId: string): Promise<void> {
    const profile = await this.profiles.get(userId);
    const locale = await this.localeFor(`${SLACK_CHANNEL}:${userId}`, profile);
    const stash = this.store.stash(`${SLACK_CHANNEL}:${userId}`);
    const view = await homeView(
      this.deps.bot,
      `${SLACK_CHANNEL}:${userId}`,
      { t: (t) => pick(locale, t), stash: stash.stash },
      { locale, timeZone: this.timeZone(profile) },
    );
    await stash.flush();
    await this.client.views.publish({ user_id: userId, view });
  }

  /** Posts replies in order: each as one or more messages, then its files. */
  private async post(
    target: Target,
    replies: Reply[],
    locale: Locale,
    userKey: string,
    q: Queryable = this.deps.services.db,
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
          if (!CHANNEL_GONE.has(code) || where.channel.startsWith('D')) throw err;
          where = { channel: await this.dmChannel(userKey.slice(SLACK_CHANNEL.length + 1)) };
          await this.client.chat.postMessage({ channel: where.channel, ...message });
        }
      }
      for (const ref of reply.files ?? []) {
        const file = await this.deps.services.files.get(ref.id, q);
        if (!file) {
          this.log.warn({ fileId: ref.id }, 'slack: file of a reply not found');
          continue;
        }
        const upload = { channel_id: where.channel, file: file.data, filename: file.name, title: file.name };
        await this.client.filesUploadV2(where.threadTs ? { ...upload, thread_ts: where.threadTs } : upload);
      }
    }
  }

  private async dmChannel(userId: string): Promise<string> {
    const known = this.dms.get(userId);
    if (known) return known;
    const res = await this.client.conversations.open({ users: userId });
    const id = res.channel?.id;
    if (!id) throw new Error('conversations.open returned no channel');
    this.dms.set(userId, id);
    return id;
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

/** Field errors for the submitted form, when the core sent the same form back with errors. */
function fieldErrors(replies: Reply[], form: Form): Record<string, string> | undefined {
  const again = replies.find(
    (r) => r.form?.id === form.id && r.form.errors && Object.keys(r.form.errors).length,
  );
  if (!again?.form?.errors) return undefined;
  const known = new Set(form.fields.map((f) => f.id));
  const errors = Object.fromEntries(Object.entries(again.form.errors).filter(([id]) => known.has(id)));
  return Object.keys(errors).length ? errors : undefined;
}

interface SlackMessageEvent {
  type: string;
  subtype?: string;
  channel: string;
  channel_type?: string;
  user?: string;
  bot_id?: string;
  text?: string;
  ts: string;
  thread_ts?: string;
}

interface BlockAction {
  type: string;
  action_id: string;
  action_ts: string;
  value?: string;
  selected_option?: { value: string } | null;
}

interface BlockActionsBody {
  trigger_id: string;
  user: { id: string };
  container?: { type: string };
  channel?: { id: string };
  message?: { ts: string; thread_ts?: string };
}
