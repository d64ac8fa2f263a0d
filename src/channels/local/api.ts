import express, { type Request, type Response, type Router } from 'express';
import type { Bot } from '../../core/bot.ts';
import type { Reply } from '../../core/reply.ts';
import { LocalSessions } from './session.ts';

/** One reply as the local API sends it (the web page, the terminal chat and tests read this). */
export type WireReply = Omit<Reply, 'files'> & { files?: { name: string; mime: string; url: string }[] };

/** What the local API returns: the core's reply with file ids turned into download URLs. */
export function toWire(reply: Reply): WireReply {
  const { files, ...rest } = reply;
  return files?.length
    ? { ...rest, files: files.map((f) => ({ name: f.name, mime: f.mime, url: `/api/local/files/${f.id}` })) }
    : rest;
}

const USER_ID = /^[\w.@+-]{1,100}$/;

const BAD_TOKEN = { error: 'wrong LOCAL_API_TOKEN' };
const NO_SESSION = { error: 'not signed in: POST /api/local/session first (or send LOCAL_API_TOKEN)' };
const NOT_YOURS = { error: 'only a caller with LOCAL_API_TOKEN may name a user' };

/**
 * The local chat API (docs/local-api.md): used by the web page, the terminal chat, tests and automation.
 * Channel "local". A browser is the user of its signed session cookie; naming a user needs LOCAL_API_TOKEN.
 */
export function localApi(bot: Bot, sessionKey: string): Router {
  const router = express.Router();
  const sessions = new LocalSessions(bot.services.config, sessionKey);
  router.use(sessions.cookies);
  // The inbox waits for its user, so a configured local coach can be messaged before their first turn.
  bot.services.outbox.reachByIdAlone('local');

  /**
   * The user a request acts for, or undefined after an error answer. With the token the body names them;
   * a session may repeat its own user, never another one.
   */
  function actingUser(req: Request, res: Response, named: unknown): string | undefined {
    const caller = sessions.caller(req);
    if (!caller) return void res.status(401).json(BAD_TOKEN);
    if (caller.kind === 'token') {
      if (typeof named === 'string' && USER_ID.test(named)) return named;
      return void res.status(400).json({ error: '"user" is required: 1–100 letters, digits or . _ @ + -' });
    }
    if (named !== undefined && named !== (caller.kind === 'session' ? caller.user : undefined))
      return void res.status(403).json(NOT_YOURS);
    if (caller.kind === 'anonymous') return void res.status(401).json(NO_SESSION);
    return caller.user;
  }

  router.post('/session', (req, res) => {
    const named = (req.body as Record<string, unknown> | undefined)?.user;
    const caller = sessions.caller(req);
    if (caller?.kind === 'anonymous' && named === undefined) {
      res.status(201).json({ user: sessions.start(res) });
      return;
    }
    const user = actingUser(req, res, named);
    if (user) res.json({ user: sessions.start(res, user) });
  });

  router.get('/session', (req, res) => {
    const caller = sessions.caller(req);
    if (caller?.kind === 'session') res.json({ user: caller.user });
    else res.status(401).json(NO_SESSION);
  });

  router.delete('/session', (_req, res) => {
    sessions.end(res);
    res.status(204).end();
  });

  router.post('/messages', async (req, res) => {
    const body = req.body as Record<string, unknown> | undefined;
    const bad = validateMessage(body);
    if (bad) {
      res.status(400).json({ error: bad });
      return;
    }
    const b = body as unknown as MessageBody;
    const user = actingUser(req, res, b.user);
    if (!user) return;
    const replies = await bot.handle({
      channel: 'local',
      userId: user,
      displayName: b.name,
      locale: b.locale,
      timeZone: b.timeZone,
      text: b.text,
      action: b.action && {
        id: b.action.id,
        value: b.action.value === undefined ? undefined : String(b.action.value),
        fields:
          b.action.fields &&
          Object.fromEntries(Object.entries(b.action.fields).map(([k, v]) => [k, String(v ?? '')])),
      },
    });
    res.json({ replies: replies.map(toWire) });
  });

  async function sendInbox(res: Response, user: string) {
    const messages = await bot.services.outbox.take('local', user);
    res.json({
      messages: messages.map((m) => ({ id: m.id, createdAt: m.createdAt, replies: m.replies.map(toWire) })),
    });
  }

  router.get('/inbox', async (req, res) => {
    const caller = sessions.caller(req);
    if (caller?.kind === 'session') await sendInbox(res, caller.user);
    else res.status(401).json(NO_SESSION);
  });

  router.get('/users/:user/inbox', async (req, res) => {
    if (!USER_ID.test(req.params.user)) {
      res.status(400).json({ error: 'invalid user id' });
      return;
    }
    const user = actingUser(req, res, req.params.user);
    if (user) await sendInbox(res, user);
  });

  router.get('/files/:id', async (req, res) => {
    const caller = sessions.caller(req);
    const file =
      caller && caller.kind !== 'anonymous' ? await bot.services.files.get(req.params.id) : undefined;
    // Someone else's file looks like a missing one.
    if (!file || (caller?.kind === 'session' && file.ownerKey !== `local:${caller.user}`)) {
      res.status(404).json({ error: 'file not found' });
      return;
    }
    res.setHeader('Content-Type', file.mime);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.name)}`);
    res.send(file.data);
  });

  return router;
}

interface MessageBody {
  user?: string;
  name?: string;
  locale?: string;
  timeZone?: string;
  text?: string;
  action?: { id: string; value?: unknown; fields?: Record<string, unknown> };
}

function validateMessage(body: Record<string, unknown> | undefined): string | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return 'expected a JSON object';
  if (body.user !== undefined && (typeof body.user !== 'string' || !USER_ID.test(body.user)))
    return '"user" must be 1–100 letters, digits or . _ @ + -';
  for (const k of ['name', 'locale', 'timeZone', 'text'] as const) {
    if (body[k] !== undefined && typeof body[k] !== 'string') return `"${k}" must be a string`;
  }
  const action = body.action as Record<string, unknown> | undefined;
  if (action !== undefined) {
    if (!action || typeof action !== 'object' || typeof action.id !== 'string' || !action.id)
      return '"action.id" must be a non-empty string';
    if (action.fields !== undefined && (typeof action.fields !== 'object' || Array.isArray(action.fields)))
      return '"action.fields" must be an object';
  } else if (body.text === undefined) {
    return 'either "text" or "action" is required';
  }
  return undefined;
}
