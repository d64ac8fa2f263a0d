import { App, ExpressReceiver, SocketModeReceiver, webApi } from '@slack/bolt';
import type { Express } from 'express';
import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import type { Bot } from '../../core/bot.ts';
import type { BookingOverview, CanvasDirectory, Services, StoredData } from '../../core/context.ts';
import type { Deliver } from '../../core/outbox.ts';
import { SlackConversation } from './conversation.ts';
import { slackGuard } from './guard.ts';
import { SLACK_CHANNEL } from './ids.ts';
import { slackLogger } from './logger.ts';
import { slackPersonalData, slackRetention } from './store.ts';

export { SHORTCUT_CALLBACK_ID } from './conversation.ts';
export { SLACK_CHANNEL } from './ids.ts';
export { THINKING_REACTION } from './poster.ts';

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
  /** What the App Home lists besides its buttons, from the capabilities that are installed. */
  home: HomeSources;
}

/** Sections of the App Home; each is left out when its capability is not installed. */
export interface HomeSources {
  canvases?: CanvasDirectory;
  bookings?: BookingOverview;
}

/** What Slack stores about people (open forms and choices, seen events): nothing without SLACK_BOT_TOKEN. */
export const slackStoredData = (config: Config): StoredData =>
  config.SLACK_BOT_TOKEN
    ? { personalData: [slackPersonalData], retention: slackRetention }
    : { personalData: [], retention: [] };

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

  return {
    mode: socketMode ? 'socket' : 'http',
    deliver: (m, q) => channel.deliver(m, q),
    async stop() {
      if (socketMode) await app.stop().catch(() => {});
      await channel.drain();
    },
  };
}
