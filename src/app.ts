import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import express, { type ErrorRequestHandler, type Express } from 'express';
import type { Logger } from 'pino';
import { installBooking } from './booking/index.ts';
import { installCanvas } from './canvas/index.ts';
import { localApi } from './channels/local/api.ts';
import { type SlackChannel, slackStoredData, startSlack } from './channels/slack/index.ts';
import { mountTeams, teamsStoredData } from './channels/teams/index.ts';
import type { Config } from './config.ts';
import { Bot } from './core/bot.ts';
import type {
  BookingOverview,
  CanvasDirectory,
  Capability,
  KnowledgeSearch,
  Services,
  StoredData,
} from './core/context.ts';
import { FileStore } from './core/files.ts';
import { helpCapability } from './core/help.ts';
import { Outbox } from './core/outbox.ts';
import { coreSources, profileSource } from './core/personal-data.ts';
import { applyRetention, coreRetention, RETENTION_INTERVAL_MS } from './core/retention.ts';
import { CoachRoles } from './core/roles.ts';
import { Scheduler } from './core/scheduler.ts';
import { purposeKey, sameSecret, signingSecret } from './core/secrets.ts';
import { type Db, isDatabaseDown, openDb } from './db/index.ts';
import { migrate } from './db/migrate.ts';
import { createKnowledge } from './knowledge/capability.ts';
import { legalPages } from './legal/pages.ts';
import { createLogger } from './log.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { privacyCapability } from './privacy/capability.ts';

const WEB_DIR = fileURLToPath(new URL('./channels/local/web/', import.meta.url));

/** The running bot; its personalData and retention are everything it stores about people. */
export interface App extends StoredData {
  url: string;
  port: number;
  bot: Bot;
  services: Services;
  /** What the capabilities provide to each other (and tests read): search, canvases, bookings. */
  knowledge: KnowledgeSearch;
  canvases: CanvasDirectory;
  bookings: BookingOverview;
  http: Express;
  metrics: Metrics;
  /** The Slack channel, when SLACK_BOT_TOKEN is set. */
  slack?: SlackChannel;
  /** Stops accepting requests, lets running turns finish, closes the database. */
  close(): Promise<void>;
}

export interface AppOptions {
  /** Reuse an open database (tests); otherwise opened from the config and closed with the app. */
  db?: Db;
  log?: Logger;
  /** Capabilities added after the built-in ones (tests register small test-only flows here). */
  extraCapabilities?: Capability[];
  /** Stands in for the canvas capability's directory where others use it: booking, Slack's App Home (tests). */
  canvases?: CanvasDirectory;
}

/** Builds the whole bot: database, core, capabilities, one HTTP server with all channels. */
export async function startApp(config: Config, opts: AppOptions = {}): Promise<App> {
  const log = opts.log ?? createLogger(config);
  const db =
    opts.db ??
    (await openDb({
      url: config.DATABASE_URL,
      dataDir: config.DATA_DIR === 'memory://' ? 'memory://' : config.DATA_DIR,
      connectTimeoutMs: config.DB_CONNECT_TIMEOUT_MS,
      queryTimeoutMs: config.DB_QUERY_TIMEOUT_MS,
      log,
    }));
  await migrate(db, log);

  const scheduler = new Scheduler(log);
  const secret = await signingSecret(db, config.SESSION_SECRET);
  const services: Services = {
    config,
    db,
    log,
    files: new FileStore(db, purposeKey(secret, 'files')),
    outbox: new Outbox(db, log, scheduler),
    roles: new CoachRoles(db, config.coaches),
    scheduler,
  };
  // Each install gets the base and, explicitly, what it uses of the ones before; it returns what it provides.
  const knowledge = createKnowledge(services);
  const canvas = installCanvas(services, { knowledge: knowledge.search });
  const canvases = opts.canvases ?? canvas.canvases;
  const booking = installBooking(services, { canvases });
  const slackData = slackStoredData(config);
  // Everything the bot stores about people, in the order "meine Daten" and /privacy list it and erasure
  // runs; the core's profile goes last (erasing it ends the user). The retention job deletes by the rules.
  const personalData = [
    ...teamsStoredData.personalData,
    ...slackData.personalData,
    ...booking.personalData,
    ...knowledge.personalData,
    ...coreSources,
    ...canvas.personalData,
    profileSource,
  ];
  const retention = [
    ...booking.retention,
    ...coreRetention,
    ...knowledge.retention,
    ...canvas.retention,
    ...slackData.retention,
    ...teamsStoredData.retention,
  ];
  const capabilities: Capability[] = [
    helpCapability,
    privacyCapability({ personalData }),
    canvas.capability,
    booking.capability,
    knowledge.capability,
    ...(opts.extraCapabilities ?? []),
  ];
  const metrics = createMetrics();
  const bot = new Bot(services, capabilities, metrics);

  const http = express();
  http.disable('x-powered-by');
  // Every endpoint (local API, Slack, Teams) refuses oversized bodies before reading them.
  http.use((req, res, next) => {
    if (Number(req.headers['content-length'] ?? 0) > config.MAX_BODY_BYTES) {
      res.status(413).json({ error: 'request body too large' });
      return;
    }
    next();
  });
  http.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  http.get('/readyz', async (_req, res) => {
    try {
      await db.ping();
      res.json({ status: 'ready', database: db.kind, vectorSearch: db.vector });
    } catch {
      res.status(503).json({ status: 'database unreachable' });
    }
  });
  http.get('/metrics', async (req, res) => {
    if (!metricsAllowed(req.headers.authorization, req.socket.remoteAddress, config.METRICS_TOKEN)) {
      res
        .status(config.METRICS_TOKEN ? 401 : 403)
        .json({ error: 'metrics need METRICS_TOKEN or a local caller' });
      return;
    }
    res.setHeader('Content-Type', metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  });
  http.use(booking.router);
  // Privacy notice and terms (linked from the Teams manifest), rendered from what the installs declared.
  http.use(legalPages(config, { personalData, retention }));
  http.use(
    '/api/local',
    express.json({ limit: config.MAX_BODY_BYTES }),
    localApi(bot, purposeKey(secret, 'session')),
  );
  // Slack (when SLACK_BOT_TOKEN is set): HTTP mode mounts POST /slack/events here, Socket Mode connects out.
  const slack: SlackChannel | undefined = await startSlack({
    config,
    bot,
    services,
    http,
    log,
    home: { canvases, bookings: booking.bookings },
  });
  const teams = mountTeams(http, bot, services);
  http.use(express.static(WEB_DIR, { index: 'index.html' }));
  http.use(jsonErrors(log));

  scheduler.every(
    'retention',
    RETENTION_INTERVAL_MS,
    async () => {
      const deleted = await applyRetention(db, retention, config.RETENTION_DAYS);
      log.info({ deleted }, 'retention applied');
    },
    60_000,
  );

  const server = await listen(http, config.PORT, config.HOST);
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  log.info({ port, database: db.kind, vectorSearch: db.vector }, 'LoDiLe-Bot is listening');

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    bot,
    services,
    knowledge: knowledge.search,
    canvases,
    bookings: booking.bookings,
    personalData,
    retention,
    http,
    metrics,
    slack,
    close: () => {
      closing ??= (async () => {
        // server.close waits for in-flight requests (running turns) before it resolves.
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await slack?.stop();
        await scheduler.stop();
        await teams.close();
        await knowledge.ready;
        if (!opts.db) await db.close();
        log.info('LoDiLe-Bot stopped');
      })();
      return closing;
    },
  };
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/** /metrics: with METRICS_TOKEN only with that bearer token, without it only from this machine. */
function metricsAllowed(
  authorization: string | undefined,
  remote: string | undefined,
  token?: string,
): boolean {
  if (token) return sameSecret(authorization?.replace(/^Bearer\s+/i, ''), token);
  return LOOPBACK.test(remote ?? '');
}

function listen(http: Express, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = http.listen(port, host);
    server.once('listening', () => resolve(server));
    server.once('error', reject);
    // Idle keep-alive sockets must not hold up shutdown.
    server.keepAliveTimeout = 5000;
  });
}

/** Body-parser and route errors as JSON with a plain message; never a stack trace. */
function jsonErrors(log: Logger): ErrorRequestHandler {
  return (err, _req, res, _next) => {
    const e = err as { type?: string; status?: number; message?: string };
    if (e.type === 'entity.too.large') {
      res.status(413).json({ error: 'request body too large' });
    } else if (e.type === 'entity.parse.failed') {
      res.status(400).json({ error: 'malformed JSON' });
    } else if (isDatabaseDown(err)) {
      log.warn({ err: e.message }, 'request failed: database unreachable');
      res.status(503).json({ error: 'database unreachable, please retry' });
    } else if (e.status && e.status >= 400 && e.status < 500) {
      res.status(e.status).json({ error: e.message ?? 'bad request' });
    } else {
      log.error({ err }, 'request failed');
      res.status(500).json({ error: 'internal error' });
    }
  };
}
