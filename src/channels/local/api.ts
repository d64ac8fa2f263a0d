import express, { type Router } from 'express';
import type { Bot } from '../../core/bot.ts';
import type { Reply } from '../../core/reply.ts';

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

/**
 * The local chat API (docs/local-api.md): used by the web page, the terminal chat, tests and automation.
 * Channel "local"; users are whatever id the caller names, so it is meant for a trusted network.
 */
export function localApi(bot: Bot): Router {
  const router = express.Router();
  // The inbox waits for its user, so a configured local coach can be messaged before their first turn.
  bot.services.outbox.reachByIdAlone('local');

  router.post('/messages', async (req, res) => {
    const body = req.body as Record<string, unknown> | undefined;
    const bad = validateMessage(body);
    if (bad) {
      res.status(400).json({ error: bad });
      return;
    }
    const b = body as unknown as MessageBody;
    const replies = await bot.handle({
      channel: 'local',
      userId: b.user,
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

  router.get('/users/:user/inbox', async (req, res) => {
    if (!USER_ID.test(req.params.user)) {
      res.status(400).json({ error: 'invalid user id' });
      return;
    }
    const messages = await bot.services.outbox.take('local', req.params.user);
    res.json({
      messages: messages.map((m) => ({ id: m.id, createdAt: m.createdAt, replies: m.replies.map(toWire) })),
    });
  });

  router.get('/files/:id', async (req, res) => {
    const file = await bot.services.files.get(req.params.id);
    if (!file) {
      res.status(404).json({ error: 'file not found' });
      return;
    }
    res.setHeader('Content-Type', file.mime);
    res.setHeader('Content-Disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.name)}`);
    res.send(file.data);
  });

  return router;
}

interface MessageBody {
  user: string;
  name?: string;
  locale?: string;
  timeZone?: string;
  text?: string;
  action?: { id: string; value?: unknown; fields?: Record<string, unknown> };
}

function validateMessage(body: Record<string, unknown> | undefined): string | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return 'expected a JSON object';
  if (typeof body.user !== 'string' || !USER_ID.test(body.user))
    return '"user" is required: 1–100 letters, digits or . _ @ + -';
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
