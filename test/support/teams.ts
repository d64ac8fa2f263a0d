import pino from 'pino';
import { type App, startApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import type { Capability } from '../../src/core/context.ts';
import type { Db } from '../../src/db/index.ts';
import { createTestDb } from './db.ts';
import { FakeConnector } from './fake-connector.ts';

export const BOT = { id: '28:lodile-bot-app-id', name: 'LoDiLe-Bot' };
export const TENANT = '72f988bf-0000-4000-8000-000000000001';

export interface TeamsUser {
  id: string;
  name: string;
  aadObjectId: string;
}

export const anna: TeamsUser = { id: '29:1anna-teams-id', name: 'Anna Lotsin', aadObjectId: 'aad-anna-0001' };
export const ben: TeamsUser = { id: '29:1ben-teams-id', name: 'Ben Berger', aadObjectId: 'aad-ben-0002' };

export interface TeamsTestApp extends App {
  connector: FakeConnector;
  db: Db;
  /** POSTs an activity to /api/messages like the Bot Connector does; returns status and JSON body. */
  post(activity: object, headers?: Record<string, string>): Promise<{ status: number; body: unknown }>;
  /** Every JSON body posted so far with an invoke response (to check their cards too). */
  invokeBodies: unknown[];
}

/** The whole bot with a fresh database and a loopback Bot Connector. */
export async function startTeamsTestApp(
  env: Record<string, string> = {},
  extraCapabilities: Capability[] = [],
): Promise<TeamsTestApp> {
  const connector = await new FakeConnector().start();
  const db = await createTestDb();
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', NODE_ENV: 'test', ...env });
  const app = await startApp(config, {
    db,
    log: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    extraCapabilities,
  });
  const invokeBodies: unknown[] = [];
  return {
    ...app,
    connector,
    db,
    invokeBodies,
    async post(activity, headers = {}) {
      const res = await fetch(`${app.url}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify(activity),
      });
      const text = await res.text();
      const body = text ? JSON.parse(text) : undefined;
      if ((activity as { type?: string }).type === 'invoke' && body) invokeBodies.push(body);
      return { status: res.status, body };
    },
    async close() {
      await app.close();
      await connector.stop();
      await db.close();
    },
  };
}

let seq = 1_700_000_000_000;
const nextId = () => String(++seq);

interface Common {
  user?: TeamsUser;
  locale?: string;
  timezone?: string;
}

function base(serviceUrl: string, o: Common) {
  const user = o.user ?? anna;
  return {
    id: nextId(),
    timestamp: new Date().toISOString(),
    localTimestamp: new Date().toISOString(),
    localTimezone: o.timezone ?? 'Europe/Berlin',
    serviceUrl,
    channelId: 'msteams',
    from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
    recipient: BOT,
    locale: o.locale ?? 'de-DE',
    entities: [
      {
        type: 'clientInfo',
        locale: o.locale ?? 'de-DE',
        country: 'DE',
        platform: 'Web',
        timezone: o.timezone ?? 'Europe/Berlin',
      },
    ],
    channelData: { tenant: { id: TENANT } },
  };
}

export function personalConversation(user: TeamsUser = anna) {
  return { conversationType: 'personal', tenantId: TENANT, id: `a:1personal-${user.aadObjectId}` };
}

export const CHANNEL_ROOT = '19:general-channel@thread.tacv2';

/** A Teams personal-chat message. */
export function personalMessage(serviceUrl: string, text: string, o: Common = {}) {
  return {
    ...base(serviceUrl, o),
    type: 'message',
    textFormat: 'plain',
    text,
    conversation: personalConversation(o.user),
  };
}

/** A message in a team channel thread; with `mention` the bot is @mentioned like Teams does it. */
export function channelMessage(serviceUrl: string, text: string, o: Common & { mention?: boolean } = {}) {
  const b = base(serviceUrl, o);
  const threadId = nextId();
  const mentionText = `<at>${BOT.name}</at>`;
  return {
    ...b,
    id: threadId,
    type: 'message',
    textFormat: 'plain',
    text: o.mention === false ? text : `${mentionText} ${text}`,
    conversation: {
      isGroup: true,
      conversationType: 'channel',
      tenantId: TENANT,
      id: `${CHANNEL_ROOT};messageid=${threadId}`,
    },
    entities: [
      ...b.entities,
      ...(o.mention === false ? [] : [{ type: 'mention', mentioned: BOT, text: mentionText }]),
    ],
    channelData: {
      teamsChannelId: CHANNEL_ROOT,
      teamsTeamId: '19:team-root@thread.tacv2',
      channel: { id: CHANNEL_ROOT },
      team: { id: '19:team-root@thread.tacv2' },
      tenant: { id: TENANT },
    },
  };
}

/** Teams' conversationUpdate when the app is installed in a personal chat. */
export function botInstalled(serviceUrl: string, o: Common = {}) {
  return {
    ...base(serviceUrl, o),
    type: 'conversationUpdate',
    membersAdded: [{ id: BOT.id }],
    conversation: personalConversation(o.user),
  };
}

/** What Teams posts when a user presses an Action.Submit button: a message with `value`, replying to the card. */
export function submitted(
  serviceUrl: string,
  value: Record<string, unknown>,
  cardActivityId: string,
  o: Common & { conversation?: object } = {},
) {
  return {
    ...base(serviceUrl, o),
    type: 'message',
    replyToId: cardActivityId,
    value,
    conversation: o.conversation ?? personalConversation(o.user),
  };
}

/** What Teams posts for an Action.Execute: invoke adaptiveCard/action. */
export function executed(
  serviceUrl: string,
  verb: string,
  data: Record<string, unknown>,
  cardActivityId: string,
  o: Common = {},
) {
  return {
    ...base(serviceUrl, o),
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: cardActivityId,
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    conversation: personalConversation(o.user),
  };
}

export interface Submit {
  title: string;
  data: { lodile: { action: string; value?: string; card: string } };
}

/** Every Action.Submit in a card, depth first (buttons, action sets, show-card forms). */
export function submits(card: Record<string, unknown> | undefined): Submit[] {
  const out: Submit[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.type === 'Action.Submit') out.push(o as unknown as Submit);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}
