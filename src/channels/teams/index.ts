import { Activity } from '@microsoft/agents-activity';
import { type AuthConfiguration, CloudAdapter } from '@microsoft/agents-hosting';
import express, { type Express, type Request, type Response } from 'express';
import type { Bot } from '../../core/bot.ts';
import type { Services, StoredData } from '../../core/context.ts';
import { normaliseLocale } from '../../core/i18n.ts';
import { channelTexts } from '../messages/index.ts';
import { TEAMS_CHANNEL } from './activity.ts';
import { TeamsChannel } from './channel.ts';
import { teamsPersonalData } from './store.ts';

export type TeamsAuthMode = 'jwt' | 'anonymous' | 'off';

export interface TeamsHandle {
  mode: TeamsAuthMode;
  channel?: TeamsChannel;
  close(): Promise<void>;
}

/** What Teams stores about a user is part of "meine Daten"; sent cards expire with the retention period. */
export const teamsStoredData: StoredData = {
  personalData: teamsPersonalData,
  retention: [
    {
      table: 'teams_cards',
      column: 'created_at',
      label: channelTexts('teams.data.cards.label'),
      after: channelTexts('teams.data.cards.after'),
    },
  ],
};

/** How often the outbox is polled for proactive Teams messages. */
const DISPATCH_INTERVAL_MS = 1000;

/**
 * Decides how /api/messages authenticates: JWT validation when the Azure Bot's app id is configured;
 * anonymous only for local development (Agents Playground) when no credentials are set and NODE_ENV is
 * not production; otherwise the endpoint is off.
 */
export function teamsAuthMode(config: Services['config']): TeamsAuthMode {
  if (config.MICROSOFT_APP_ID) return 'jwt';
  return config.NODE_ENV === 'production' ? 'off' : 'anonymous';
}

/** Maps our environment (MICROSOFT_APP_*) to the Agents SDK's auth settings. */
export function teamsAuthConfig(config: Services['config']): AuthConfiguration {
  return {
    clientId: config.MICROSOFT_APP_ID,
    clientSecret: config.MICROSOFT_APP_PASSWORD,
    tenantId: config.MICROSOFT_APP_TENANT_ID,
  };
}

/**
 * The Microsoft Teams channel on the bot's HTTP server: POST /api/messages (Bot Framework activities via
 * the Microsoft 365 Agents SDK), GET /api/teams/files/:id (downloads linked from cards) and the outbox
 * dispatcher for proactive messages.
 */
export function mountTeams(http: Express, bot: Bot, services: Services): TeamsHandle {
  const { config, log } = services;
  const mode = teamsAuthMode(config);
  if (mode === 'off') {
    log.warn('Teams channel is off: MICROSOFT_APP_ID is not set (required in production)');
    http.post('/api/messages', (_req, res) => {
      res.status(401).json({
        error:
          'Teams ist nicht eingerichtet: MICROSOFT_APP_ID und MICROSOFT_APP_PASSWORD fehlen. / Teams is not configured.',
      });
    });
    return { mode, close: async () => {} };
  }
  if (mode === 'anonymous') {
    log.warn(
      'Teams endpoint accepts unauthenticated requests (no MICROSOFT_APP_ID, NODE_ENV is not production) – for local development with the Agents Playground only',
    );
  } else if (!config.MICROSOFT_APP_PASSWORD) {
    log.error(
      'MICROSOFT_APP_ID is set but MICROSOFT_APP_PASSWORD is missing: the bot cannot answer in Teams',
    );
  }

  // With real tokens, also require the activity's serviceUrl to match the token's serviceurl claim, so a
  // valid token cannot make the bot post to some other host.
  const adapter = new CloudAdapter(teamsAuthConfig(config), undefined, undefined, {
    validateServiceUrl: mode === 'jwt',
  });
  const channel = new TeamsChannel(bot, services, adapter, config.MICROSOFT_APP_ID);
  adapter.onTurnError = async (context, error) => {
    log.error({ err: error, activityType: context.activity.type }, 'teams turn failed');
    if (context.activity.type !== 'message') return;
    const en = normaliseLocale(context.activity.locale) === 'en';
    await context
      .sendActivity(
        Activity.fromObject({
          type: 'message',
          text: en
            ? 'Something went wrong on my side. Please try again or type “help”.'
            : 'Da ist bei mir etwas schiefgegangen. Bitte versuchen Sie es noch einmal oder schreiben Sie „hilfe“.',
        }),
      )
      .catch(() => {});
  };

  http.post(
    '/api/messages',
    // Authenticate before reading the body: unauthenticated callers get 401 and nothing is parsed.
    (req, res, next) => adapter.authorizeRequest(req as never, res as never, next),
    express.json({ limit: config.MAX_BODY_BYTES }),
    async (req: Request, res: Response) => {
      const problem = activityProblem(req.body);
      if (problem) {
        res.status(400).json({ error: problem });
        return;
      }
      // Anonymous mode has no token to bind serviceUrl or from.aadObjectId to: only a local tool (Agents
      // Playground) may use it, so the bot never posts to, or trusts identities from, a foreign host.
      if (mode === 'anonymous' && !isLoopbackUrl(req.body.serviceUrl)) {
        res.status(403).json({
          error:
            'Ohne MICROSOFT_APP_ID nur mit lokaler serviceUrl (127.0.0.1, ::1, localhost). / Without credentials only a loopback serviceUrl is accepted.',
        });
        return;
      }
      await adapter.process(req as never, res as never, (context) => channel.onTurn(context));
    },
  );

  http.get('/api/teams/files/:id', async (req, res) => {
    // A wrong or missing signature looks like a missing file: nothing tells a guesser the id exists.
    const signed = services.files.hasValidLink(req.params.id, req.query.sig);
    const file = signed ? await services.files.get(req.params.id) : undefined;
    if (!file) {
      res.status(404).json({ error: 'Datei nicht gefunden / file not found' });
      return;
    }
    const inline = /^image\/(png|jpeg|gif)$/i.test(file.mime);
    res.setHeader('Content-Type', file.mime);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader(
      'Content-Disposition',
      `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    );
    res.send(file.data);
  });

  services.outbox.startDispatcher(TEAMS_CHANNEL, channel.deliver, DISPATCH_INTERVAL_MS);
  log.info({ auth: mode }, 'Teams channel ready on POST /api/messages');

  return { mode, channel, close: () => channel.close() };
}

/** True for http(s) URLs on 127.0.0.1/8, ::1 or localhost. */
export function isLoopbackUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname.toLowerCase();
    return host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
  } catch {
    return false;
  }
}

/** A short reason when the body is not a Bot Framework activity we can process. */
function activityProblem(body: unknown): string | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return 'expected a JSON activity';
  const b = body as Record<string, unknown>;
  if (typeof b.type !== 'string' || !b.type) return 'activity "type" is missing';
  const conversation = b.conversation as Record<string, unknown> | undefined;
  if (!conversation || typeof conversation.id !== 'string' || !conversation.id)
    return 'activity "conversation.id" is missing';
  if (typeof b.serviceUrl !== 'string' || !/^https?:\/\//.test(b.serviceUrl))
    return 'activity "serviceUrl" is missing';
  try {
    Activity.fromObject(b);
  } catch {
    return 'malformed activity';
  }
  return undefined;
}
