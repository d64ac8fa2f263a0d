import { randomUUID } from 'node:crypto';
import { Activity, type ConversationReference } from '@microsoft/agents-activity';
import type { CloudAdapter, ConnectorClient, TurnContext } from '@microsoft/agents-hosting';
import type { Bot } from '../../core/bot.ts';
import type { Mention, Services } from '../../core/context.ts';
import { type Locale, normaliseLocale } from '../../core/i18n.ts';
import type { OutboxMessage } from '../../core/outbox.ts';
import type { FileRef, IncomingAction, Reply } from '../../core/reply.ts';
import type { Queryable } from '../../db/index.ts';
import { cleanText, mentionedPeople, mentionsBot, scopeOf, toTurn, userKeyOf } from './activity.ts';
import { CARD_CONTENT_TYPE, type Json, parseSubmit, renderDoneCard, renderReply } from './render.ts';
import { type CardClaim, TeamsStore } from './store.ts';

/** Teams hides the typing indicator after a few seconds; long answers renew it. */
const TYPING_EVERY_MS = 3000;

type Send = (activity: Partial<Activity>) => Promise<string | undefined>;
type BotIdentity = Parameters<CloudAdapter['continueConversation']>[0];

/**
 * The Teams channel: turns Teams activities into core Turns and the core's replies into Teams messages.
 * All conversation logic stays in the core; this class only translates and remembers what Teams needs
 * (conversation references for proactive messages, sent cards for in-place updates).
 */
export class TeamsChannel {
  readonly store: TeamsStore;
  private readonly pending = new Set<Promise<unknown>>();

  constructor(
    private readonly bot: Bot,
    private readonly services: Services,
    private readonly adapter: CloudAdapter,
    /** The bot's app id (aud for outgoing calls); undefined in anonymous local development. */
    private readonly appId: string | undefined,
  ) {
    this.store = new TeamsStore(services.db);
  }

  private get log() {
    return this.services.log;
  }

  /** Entry point for every incoming activity (adapter.process logic). */
  async onTurn(context: TurnContext): Promise<void> {
    const a = context.activity;
    switch (a.type) {
      case 'message':
        return this.onMessage(context);
      case 'conversationUpdate':
        return this.onConversationUpdate(context);
      case 'invoke':
        if (a.name === 'adaptiveCard/action') return this.onCardExecute(context);
        return;
      default:
        return;
    }
  }

  private async onMessage(context: TurnContext): Promise<void> {
    const a = context.activity;
    const userKey = userKeyOf(a);
    if (!userKey) return;
    const submit = parseSubmit(a.value);
    if (submit) {
      const claim = await this.claim(submit.cardId, userKey);
      if (claim.status === 'used' || claim.status === 'foreign') {
        await this.say(context, this.refusal(claim.status, a.locale));
        return;
      }
      if (claim.status === 'ok') await this.markDone(context, claim, submit.action, a.replyToId);
      await this.answer(context, userKey, { action: submit.action });
      return;
    }
    // In channels and group chats Teams may deliver messages not meant for the bot; answer only when asked.
    if (scopeOf(a) !== 'personal' && !mentionsBot(a)) return;
    const text = cleanText(a);
    if (!text && a.attachments?.some((x) => x.contentType !== 'text/html')) {
      // Teams delivers uploaded files and pasted images as attachments; the bot reads text only.
      await this.say(context, this.noFiles(a.locale));
      return;
    }
    const mentions = await this.mentionsOf(a);
    await this.answer(context, userKey, { text, ...(mentions.length ? { mentions } : {}) });
  }

  /**
   * @mentioned people with the id the bot knows them by: the Entra object id when Teams sends it, else
   * the user whose conversations carry that Teams account id; unknown ones go by name.
   */
  private async mentionsOf(a: Activity): Promise<Mention[]> {
    const out: Mention[] = [];
    for (const m of mentionedPeople(a)) {
      const id = m.aadObjectId ?? (m.accountId ? await this.store.userIdOfAccount(m.accountId) : undefined);
      out.push({ id, name: m.name });
    }
    return out;
  }

  private async onConversationUpdate(context: TurnContext): Promise<void> {
    const a = context.activity;
    const botId = a.recipient?.id;
    const botAdded = a.membersAdded?.some((m) => m.id === botId);
    const userKey = userKeyOf(a);
    if (!botAdded || !userKey) return;
    await this.answer(context, userKey, { action: { id: 'help.greet' } }, false);
  }

  /** Action.Execute: same as a submit, and the invoke response replaces the card with its used version. */
  private async onCardExecute(context: TurnContext): Promise<void> {
    const a = context.activity;
    const userKey = userKeyOf(a);
    const v = a.value as { action?: { verb?: string; data?: unknown } } | undefined;
    const submit = parseSubmit(v?.action?.data ?? {}, v?.action?.verb);
    if (!userKey || !submit) {
      await this.invokeResponse(context, {
        statusCode: 400,
        type: 'application/vnd.microsoft.error',
        value: { code: 'BadRequest', message: 'Unbekannte Kartenaktion / unknown card action' },
      });
      return;
    }
    const claim = await this.claim(submit.cardId, userKey);
    if (claim.status === 'used' || claim.status === 'foreign') {
      await this.invokeResponse(context, {
        statusCode: 200,
        type: 'application/vnd.microsoft.activity.message',
        value: this.refusal(claim.status, a.locale),
      });
      return;
    }
    await this.answer(context, userKey, { action: submit.action });
    if (claim.status === 'ok') {
      await this.invokeResponse(context, {
        statusCode: 200,
        type: CARD_CONTENT_TYPE,
        value: renderDoneCard(claim.reply, submit.action, { locale: claim.locale, fileUrl: this.fileUrl }),
      });
    } else {
      await this.invokeResponse(context, {
        statusCode: 200,
        type: 'application/vnd.microsoft.activity.message',
        value: 'OK',
      });
    }
  }

  /** Runs one turn through the core with a typing indicator, sends the replies, remembers the conversation. */
  private async answer(
    context: TurnContext,
    userKey: string,
    input: { text?: string; action?: IncomingAction; mentions?: Mention[] },
    typing = true,
  ): Promise<void> {
    const a = context.activity;
    const stopTyping = typing && scopeOf(a) !== 'channel' ? this.startTyping(context) : () => {};
    let replies: Reply[];
    try {
      replies = await this.bot.handle(toTurn(a, input));
    } finally {
      await stopTyping();
    }
    // After the core ran, the user row exists (the references point at it).
    await this.store.rememberConversation(userKey, a.getConversationReference(), scopeOf(a) === 'personal');
    const locale = await this.localeFor(userKey, a.locale);
    const conversationId = a.conversation!.id;
    await this.sendReplies(this.store, replies, userKey, conversationId, locale, async (activity) => {
      const res = await context.sendActivity(Activity.fromObject({ type: 'message', ...activity }));
      return res?.id || undefined;
    });
  }

  /** Renders and sends replies in order; interactive cards are remembered for their one use. */
  private async sendReplies(
    store: TeamsStore,
    replies: Reply[],
    userKey: string,
    conversationId: string,
    locale: Locale,
    send: Send,
  ): Promise<void> {
    for (const reply of replies) {
      const cardId = randomUUID();
      const rendered = renderReply(reply, { locale, cardId, fileUrl: this.fileUrl });
      const activity: Partial<Activity> = rendered.card
        ? { attachments: [{ contentType: CARD_CONTENT_TYPE, content: rendered.card }] }
        : { text: rendered.text, textFormat: 'markdown' };
      // Remembered before it is sent: a press that arrives at once must find its card, not a gap.
      if (rendered.interactive) await store.saveCard({ cardId, userKey, conversationId, reply, locale });
      const activityId = await send(activity);
      if (rendered.interactive && activityId) await store.setCardActivity(cardId, activityId);
    }
  }

  private async claim(cardId: string | undefined, userKey: string): Promise<CardClaim> {
    return cardId ? this.store.claimCard(cardId, userKey) : { status: 'unknown' };
  }

  /** Replaces a used card with its read-only version, so its buttons cannot be pressed again. */
  private async markDone(
    context: TurnContext,
    claim: Extract<CardClaim, { status: 'ok' }>,
    action: IncomingAction,
    replyToId: string | undefined,
  ): Promise<void> {
    const id = claim.activityId ?? replyToId;
    if (!id) return;
    const card = renderDoneCard(claim.reply, action, { locale: claim.locale, fileUrl: this.fileUrl });
    try {
      await context.updateActivity(
        Activity.fromObject({
          type: 'message',
          id,
          attachments: [{ contentType: CARD_CONTENT_TYPE, content: card }],
        }),
      );
    } catch (err) {
      // The answer matters more than the old card; the database already refuses a second press.
      this.log.warn({ err: (err as Error).message }, 'teams: could not update the used card');
    }
  }

  private refusal(status: 'used' | 'foreign', rawLocale: string | undefined): string {
    const locale = normaliseLocale(rawLocale) ?? this.services.config.DEFAULT_LOCALE;
    if (status === 'used') {
      return locale === 'en'
        ? 'You already answered this card. Please continue with the latest message.'
        : 'Diese Karte haben Sie bereits beantwortet. Bitte machen Sie mit der neuesten Nachricht weiter.';
    }
    return locale === 'en'
      ? 'This card belongs to someone else’s conversation with me. Mention me (@LoDiLe-Bot) to start your own.'
      : 'Diese Karte gehört zur Unterhaltung einer anderen Person. Erwähnen Sie mich (@LoDiLe-Bot), um selbst zu beginnen.';
  }

  private noFiles(rawLocale: string | undefined): string {
    return normaliseLocale(rawLocale) === 'en'
      ? 'I can only read text, not files or images. Please type your question.'
      : 'Dateien und Bilder kann ich leider nicht lesen. Bitte schreiben Sie mir Ihre Frage als Text.';
  }

  private async say(context: TurnContext, text: string): Promise<void> {
    await context.sendActivity(Activity.fromObject({ type: 'message', text }));
  }

  private async invokeResponse(context: TurnContext, body: Json): Promise<void> {
    await context.sendActivity(Activity.fromObject({ type: 'invokeResponse', value: { status: 200, body } }));
  }

  /** Sends "typing…" now and every few seconds until the returned stop function is called. */
  private startTyping(context: TurnContext): () => Promise<void> {
    let last: Promise<unknown> = this.typing(context);
    const timer = setInterval(() => {
      last = this.typing(context);
    }, TYPING_EVERY_MS);
    return async () => {
      clearInterval(timer);
      await last;
    };
  }

  private typing(context: TurnContext): Promise<unknown> {
    return context
      .sendActivity(Activity.fromObject({ type: 'typing' }))
      .catch((err: Error) => this.log.debug({ err: err.message }, 'teams: typing indicator failed'));
  }

  private async localeFor(
    userKey: string,
    activityLocale: string | undefined,
    store = this.store,
  ): Promise<Locale> {
    return (
      normaliseLocale(await store.userLocale(userKey)) ??
      normaliseLocale(activityLocale) ??
      this.services.config.DEFAULT_LOCALE
    );
  }

  /** Teams opens file links in a plain browser, without sign-in: the link carries the file's signature. */
  readonly fileUrl = (file: FileRef): string =>
    `${this.services.config.publicUrl}/api/teams/files/${encodeURIComponent(file.id)}?sig=${this.services.files.linkSignature(file.id)}`;

  /**
   * Outbox dispatcher for channel 'teams': delivers a proactive message into the user's 1:1 chat with
   * the bot, opening that chat first when the user has only talked to the bot in a channel so far.
   * Throws (so the outbox retries) when the user cannot be reached yet.
   */
  readonly deliver = async (message: OutboxMessage, q: Queryable): Promise<void> => {
    const run = this.deliverNow(message, new TeamsStore(q));
    this.pending.add(run);
    try {
      await run;
    } finally {
      this.pending.delete(run);
    }
  };

  private async deliverNow(message: OutboxMessage, store: TeamsStore): Promise<void> {
    const userKey = message.recipient.key;
    const known = await store.conversations(userKey);
    if (!known) throw new Error('no Teams conversation known for this user yet');
    const locale = await this.localeFor(userKey, known.personal?.locale ?? known.last.locale, store);
    const base = known.personal ?? known.last;
    await this.adapter.continueConversation(this.identity(), base, async (ctx) => {
      const connector = ctx.turnState.get<ConnectorClient>(this.adapter.ConnectorClientKey);
      const personal = known.personal ?? (await this.openPersonalChat(connector, store, userKey, known.last));
      await this.sendReplies(
        store,
        message.replies,
        userKey,
        personal.conversation.id,
        locale,
        async (activity) => {
          const outgoing = Activity.fromObject({
            type: 'message',
            ...activity,
            channelId: personal.channelId,
            serviceUrl: personal.serviceUrl,
            conversation: personal.conversation,
            from: personal.agent ?? undefined,
            recipient: personal.user,
          });
          const res = await connector.sendToConversation(personal.conversation.id, outgoing);
          return res?.id || undefined;
        },
      );
    });
  }

  /** Creates the 1:1 chat between the bot and the user (Teams: POST /v3/conversations) and remembers it. */
  private async openPersonalChat(
    connector: ConnectorClient,
    store: TeamsStore,
    userKey: string,
    last: ConversationReference,
  ): Promise<ConversationReference> {
    const tenantId = last.conversation.tenantId;
    const params = {
      isGroup: false,
      bot: last.agent ?? undefined,
      agent: last.agent ?? undefined,
      members: last.user ? [last.user] : [],
      tenantId,
      channelData: tenantId ? { tenant: { id: tenantId } } : undefined,
      activity: undefined,
    };
    const created = await connector.createConversation(
      params as unknown as Parameters<ConnectorClient['createConversation']>[0],
    );
    if (!created?.id) throw new Error('Teams did not open a personal chat');
    const personal: ConversationReference = {
      channelId: last.channelId,
      serviceUrl: created.serviceUrl || last.serviceUrl,
      agent: last.agent,
      user: last.user,
      locale: last.locale,
      conversation: {
        id: created.id,
        conversationType: 'personal',
        tenantId,
        isGroup: false,
      } as ConversationReference['conversation'],
    };
    await store.setPersonal(userKey, personal);
    return personal;
  }

  /** With credentials: the app id; anonymous development: an identity without audience (no token). */
  private identity(): BotIdentity {
    return this.appId ?? ({} as BotIdentity);
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }
}
