import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the bot made to the Bot Connector. */
export interface ConnectorCall {
  kind: 'send' | 'reply' | 'update' | 'create';
  conversationId: string;
  /** For reply: the activity replied to; for update: the activity replaced. */
  activityId?: string;
  /** The id the fake assigned (send/reply) or the created conversation id (create). */
  assignedId: string;
  authorization?: string;
  body: Record<string, unknown>;
}

/**
 * A loopback Bot Connector (the REST API Teams' serviceUrl points at) speaking the real wire format:
 *   POST /v3/conversations/:id/activities            send to conversation
 *   POST /v3/conversations/:id/activities/:activity  reply to activity
 *   PUT  /v3/conversations/:id/activities/:activity  update activity
 *   POST /v3/conversations                           create conversation (proactive 1:1)
 * It records every call so tests can assert what the bot sent.
 */
export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  /** Every call since start; clear() does not empty it. */
  readonly history: ConnectorCall[] = [];
  private server?: Server;
  private seq = 0;
  private waiters: (() => void)[] = [];
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(
        ({ status, body }) => {
          res.writeHead(status, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify(body));
        },
        (err: Error) => {
          res.writeHead(500, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ error: { code: 'ServiceError', message: err.message } }));
        },
      );
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** Messages (not typing) the bot sent with send or reply. */
  messages(): ConnectorCall[] {
    return this.calls.filter((c) => (c.kind === 'send' || c.kind === 'reply') && c.body.type === 'message');
  }

  clear(): void {
    this.calls.length = 0;
  }

  /** Resolves once `predicate` holds for the recorded calls, or rejects after `ms`. */
  async waitFor(predicate: (calls: ConnectorCall[]) => boolean, ms = 8000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!predicate(this.calls)) {
      if (Date.now() > deadline) throw new Error(`fake connector: condition not met within ${ms} ms`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  private async handle(req: IncomingMessage): Promise<{ status: number; body: unknown }> {
    const raw = await readBody(req);
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const authorization = req.headers.authorization;
    const m = /^\/v3\/conversations\/(.+?)\/activities(?:\/([^/]+))?$/.exec(path);
    let call: ConnectorCall | undefined;
    if (req.method === 'POST' && path === '/v3/conversations') {
      call = {
        kind: 'create',
        conversationId: `a:personal-${++this.seq}`,
        assignedId: '',
        body,
        authorization,
      };
      call.assignedId = call.conversationId;
    } else if (m && req.method === 'POST') {
      call = {
        kind: m[2] ? 'reply' : 'send',
        conversationId: m[1]!,
        activityId: m[2],
        assignedId: `bot-activity-${++this.seq}`,
        body,
        authorization,
      };
    } else if (m?.[2] && req.method === 'PUT') {
      call = {
        kind: 'update',
        conversationId: m[1]!,
        activityId: m[2],
        assignedId: m[2],
        body,
        authorization,
      };
    }
    if (!call)
      return { status: 404, body: { error: { code: 'NotFound', message: `${req.method} ${path}` } } };
    this.calls.push(call);
    this.history.push(call);
    for (const w of this.waiters.splice(0)) w();
    if (call.kind === 'create') return { status: 201, body: { id: call.conversationId, activityId: '' } };
    return { status: 200, body: { id: call.assignedId } };
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The Adaptive Card of a recorded message, if it has one. */
export function cardOf(call: { body: Record<string, unknown> }): Record<string, unknown> | undefined {
  const attachments = call.body.attachments as
    | { contentType: string; content: Record<string, unknown> }[]
    | undefined;
  return attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
}
