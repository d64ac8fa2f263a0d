import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQuery } from 'node:querystring';
import { DateTime } from 'luxon';
import { type WebSocket, WebSocketServer } from 'ws';
import { checkMessage, checkView } from '../../src/channels/slack/limits.ts';

/** One Web API call the bot made, with JSON-encoded arguments (blocks, view, files) decoded. */
export interface RecordedCall {
  method: string;
  // biome-ignore lint/suspicious/noExplicitAny: recorded wire payloads are asserted field by field
  args: Record<string, any>;
  token?: string;
  /** What the fake answered (e.g. the message ts). */
  // biome-ignore lint/suspicious/noExplicitAny: wire payload
  response?: Record<string, any>;
}

export interface FakeUser {
  id: string;
  name: string;
  locale?: string;
  tz?: string;
}

export interface Upload {
  fileId: string;
  filename: string;
  bytes: Buffer;
}

const JSON_ARGS = new Set(['blocks', 'view', 'attachments', 'files', 'metadata']);

/**
 * A loopback stand-in for Slack: the Web API (https://slack.com/api/<method>, form-encoded like
 * @slack/web-api sends it) with the methods the bot uses, the external file upload URL of files.uploadV2,
 * and a Socket Mode WebSocket endpoint. Records every call; rejects messages and views that break the Block
 * Kit limits with `invalid_blocks` like Slack does, and keeps those in `violations`.
 */
export class FakeSlack {
  readonly calls: RecordedCall[] = [];
  readonly uploads: Upload[] = [];
  readonly violations: string[] = [];
  readonly users = new Map<string, FakeUser>();
  /** Channels the bot is not (or no longer) a member of: posting there fails with not_in_channel. */
  readonly closedChannels = new Set<string>();
  /** Messages received on Socket Mode connections (acks). */
  readonly socketMessages: Record<string, unknown>[] = [];
  private readonly sockets: WebSocket[] = [];
  private socketWaiters: ((ws: WebSocket) => void)[] = [];
  private ts = 1_700_000_000;
  private seq = 0;
  private constructor(
    private readonly server: Server,
    private readonly wss: WebSocketServer,
    readonly port: number,
  ) {}

  static async start(): Promise<FakeSlack> {
    const server = createServer();
    const wss = new WebSocketServer({ server });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const fake = new FakeSlack(server, wss, (server.address() as AddressInfo).port);
    server.on('request', (req, res) => {
      void fake.handle(req).then(
        ({ status, body }) => {
          res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
          res.end(typeof body === 'string' ? body : JSON.stringify(body));
        },
        (err: Error) => {
          res.writeHead(500);
          res.end(err.message);
        },
      );
    });
    wss.on('connection', (ws) => {
      fake.sockets.push(ws);
      ws.on('message', (data) => {
        try {
          fake.socketMessages.push(JSON.parse(String(data)) as Record<string, unknown>);
        } catch {
          fake.socketMessages.push({ raw: String(data) });
        }
      });
      for (const w of fake.socketWaiters.splice(0)) w(ws);
    });
    return fake;
  }

  /** Base URL for SLACK_API_URL. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  get wsUrl(): string {
    return `ws://127.0.0.1:${this.port}/link/?ticket=fake`;
  }

  addUser(user: FakeUser): void {
    this.users.set(user.id, user);
  }

  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Forgets recorded calls (between test steps). */
  reset(): void {
    this.calls.length = 0;
    this.uploads.length = 0;
  }

  /** Waits until `count` calls of a method (matching `where`) were recorded. */
  async waitFor(
    method: string,
    where: (c: RecordedCall) => boolean = () => true,
    count = 1,
    timeoutMs = 8000,
  ): Promise<RecordedCall[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.calls.filter((c) => c.method === method && where(c));
      if (found.length >= count) return found;
      if (Date.now() > deadline) {
        throw new Error(
          `timed out waiting for ${count}× ${method}; calls so far: ${this.calls.map((c) => c.method).join(', ')}`,
        );
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** The next Socket Mode connection (or the one already open). */
  socket(): Promise<WebSocket> {
    const open = this.sockets.find((s) => s.readyState === s.OPEN);
    if (open) return Promise.resolve(open);
    return new Promise((resolve) => this.socketWaiters.push(resolve));
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private nextTs(): string {
    this.ts += 1;
    return `${this.ts}.${String(++this.seq).padStart(6, '0')}`;
  }

  private async handle(req: IncomingMessage): Promise<{ status: number; body: unknown }> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://fake');
    const upload = /^\/upload\/(F\w+)$/.exec(url.pathname);
    if (upload) {
      const form = await new Response(new Uint8Array(raw), {
        headers: { 'content-type': req.headers['content-type'] ?? '' },
      }).formData();
      const file = [...form.values()].find((v) => typeof v !== 'string') as Blob | undefined;
      const bytes = file ? Buffer.from(await file.arrayBuffer()) : raw;
      const pending = this.calls.find(
        (c) => c.method === 'files.getUploadURLExternal' && c.args._fileId === upload[1],
      );
      this.uploads.push({ fileId: upload[1]!, filename: String(pending?.args.filename ?? ''), bytes });
      return { status: 200, body: `OK - ${bytes.length}` };
    }
    const method = /^\/api\/([\w.]+)$/.exec(url.pathname)?.[1];
    if (!method) return { status: 404, body: { ok: false, error: 'not_found' } };
    const args = decodeArgs(raw, String(req.headers['content-type'] ?? ''));
    const token = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1] ?? args.token;
    const call: RecordedCall = { method, args, token };
    this.calls.push(call);
    call.response = this.respond(call);
    return { status: 200, body: call.response };
  }

  private respond(call: RecordedCall): Record<string, unknown> {
    const { method, args } = call;
    const fail = (error: string) => ({ ok: false, error });
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://lodile.slack.com/',
          team: 'LoDiLe',
          team_id: 'T0LODILE',
          user_id: 'UBOT',
          bot_id: 'BBOT',
        };
      case 'apps.connections.open':
        return { ok: true, url: this.wsUrl };
      case 'users.info': {
        const u = this.users.get(String(args.user));
        if (!u) return fail('user_not_found');
        return {
          ok: true,
          user: {
            id: u.id,
            name: u.name.toLowerCase(),
            real_name: u.name,
            tz: u.tz,
            ...(args.include_locale === 'true' || args.include_locale === true ? { locale: u.locale } : {}),
            profile: { display_name: u.name, real_name: u.name },
          },
        };
      }
      case 'conversations.open':
        if (!args.users) return fail('users_not_found');
        return { ok: true, channel: { id: `D${String(args.users).slice(1)}` } };
      case 'chat.postMessage':
      case 'chat.update':
      case 'chat.postEphemeral': {
        if (!args.channel) return fail('channel_not_found');
        if (this.closedChannels.has(String(args.channel))) return fail('not_in_channel');
        const problems = checkMessage(args);
        if (problems.length) {
          this.violations.push(...problems.map((p) => `${method}: ${p}`));
          return fail('invalid_blocks');
        }
        const ts = method === 'chat.update' ? String(args.ts) : this.nextTs();
        return { ok: true, channel: args.channel, ts, message: { text: args.text, blocks: args.blocks, ts } };
      }
      case 'chat.delete':
        return args.channel && args.ts
          ? { ok: true, channel: args.channel, ts: args.ts }
          : fail('message_not_found');
      case 'reactions.add':
      case 'reactions.remove':
        return args.channel && args.timestamp && args.name ? { ok: true } : fail('invalid_arguments');
      case 'views.open':
      case 'views.update':
      case 'views.publish': {
        if (method === 'views.open' && !args.trigger_id) return fail('invalid_trigger_id');
        if (method === 'views.publish' && !args.user_id) return fail('invalid_arguments');
        const problems = checkView(args.view);
        if (problems.length) {
          this.violations.push(...problems.map((p) => `${method}: ${p}`));
          return fail('invalid_blocks');
        }
        return { ok: true, view: { ...args.view, id: `V${++this.seq}`, hash: `h${this.seq}` } };
      }
      case 'files.getUploadURLExternal': {
        if (!args.filename || !args.length) return fail('invalid_arguments');
        const fileId = `F${String(++this.seq).padStart(8, '0')}`;
        args._fileId = fileId;
        return { ok: true, upload_url: `http://127.0.0.1:${this.port}/upload/${fileId}`, file_id: fileId };
      }
      case 'files.completeUploadExternal': {
        const files = Array.isArray(args.files) ? (args.files as { id: string; title?: string }[]) : [];
        if (!files.length) return fail('invalid_arguments');
        if (files.some((f) => !this.uploads.some((u) => u.fileId === f.id))) return fail('file_not_found');
        return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title })) };
      }
      default:
        return fail('unknown_method');
    }
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

// biome-ignore lint/suspicious/noExplicitAny: wire payload
function decodeArgs(raw: Buffer, contentType: string): Record<string, any> {
  // biome-ignore lint/suspicious/noExplicitAny: wire payload
  let args: Record<string, any> = {};
  if (contentType.includes('application/json')) args = raw.length ? JSON.parse(String(raw)) : {};
  else args = parseQuery(String(raw)) as Record<string, unknown>;
  for (const key of Object.keys(args)) {
    if (JSON_ARGS.has(key) && typeof args[key] === 'string') {
      try {
        args[key] = JSON.parse(args[key]);
      } catch {
        // left as sent; the limits check reports it
      }
    }
  }
  return args;
}

/** Sends requests to the bot the way Slack does: signed with the signing secret (v0, HMAC-SHA256). */
export class SlackSender {
  constructor(
    private readonly botUrl: string,
    private readonly signingSecret: string,
  ) {}

  /** Events API callback (JSON). */
  event(body: unknown, opts: SendOptions = {}): Promise<Response> {
    return this.send(JSON.stringify(body), 'application/json', opts);
  }

  /** Interactivity: block_actions, view_submission, shortcuts (form field `payload`). */
  interaction(payload: unknown, opts: SendOptions = {}): Promise<Response> {
    return this.send(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM, opts);
  }

  /** Slash command (form-encoded fields). */
  command(fields: Record<string, string>, opts: SendOptions = {}): Promise<Response> {
    return this.send(new URLSearchParams(fields).toString(), FORM, opts);
  }

  async send(body: string, contentType: string, opts: SendOptions = {}): Promise<Response> {
    const ts = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
    const secret = opts.secret ?? this.signingSecret;
    const signature = `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
    return fetch(`${this.botUrl}/slack/events`, {
      method: 'POST',
      headers: {
        'Content-Type': contentType,
        'X-Slack-Request-Timestamp': ts,
        'X-Slack-Signature': signature,
        ...(opts.retryNum !== undefined
          ? { 'X-Slack-Retry-Num': String(opts.retryNum), 'X-Slack-Retry-Reason': 'http_timeout' }
          : {}),
      },
      body,
    });
  }
}

const FORM = 'application/x-www-form-urlencoded';

export interface SendOptions {
  retryNum?: number;
  /** Sign with another secret (forgery). */
  secret?: string;
  /** Unix seconds of X-Slack-Request-Timestamp (old requests are replays). */
  timestamp?: number;
}

/** Payload builders shaped like Slack's documented examples. */
export const payloads = {
  urlVerification: (challenge: string) => ({
    token: 'legacy-verification-token',
    challenge,
    type: 'url_verification',
  }),

  eventCallback(event: Record<string, unknown>, eventId: string) {
    return {
      token: 'legacy-verification-token',
      team_id: 'T0LODILE',
      api_app_id: 'A0LODILE',
      event: { event_ts: event.ts, ...event },
      type: 'event_callback',
      event_id: eventId,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [
        {
          enterprise_id: null,
          team_id: 'T0LODILE',
          user_id: 'UBOT',
          is_bot: true,
          is_enterprise_install: false,
        },
      ],
      is_ext_shared_channel: false,
      event_context: `4-${eventId}`,
    };
  },

  dm(user: string, text: string, ts: string, extra: Record<string, unknown> = {}) {
    return {
      type: 'message',
      channel: `D${user.slice(1)}`,
      user,
      text,
      ts,
      channel_type: 'im',
      team: 'T0LODILE',
      blocks: [
        {
          type: 'rich_text',
          block_id: 'x',
          elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text }] }],
        },
      ],
      client_msg_id: `c-${ts}`,
      ...extra,
    };
  },

  mention(user: string, channel: string, text: string, ts: string, threadTs?: string) {
    return {
      type: 'app_mention',
      user,
      text: `<@UBOT> ${text}`,
      ts,
      channel,
      team: 'T0LODILE',
      client_msg_id: `c-${ts}`,
      ...(threadTs ? { thread_ts: threadTs } : {}),
    };
  },

  homeOpened: (user: string) => ({
    type: 'app_home_opened',
    user,
    channel: `D${user.slice(1)}`,
    tab: 'home',
    event_ts: `${Math.floor(Date.now() / 1000)}.000100`,
  }),

  /** block_actions for one pressed element of a message the bot posted. */
  blockActions(
    user: string,
    message: { channel: string; ts: string; thread_ts?: string; blocks: unknown[] },
    element: Record<string, unknown>,
    selected?: { value: string; text: string },
  ) {
    const actionTs = `${Math.floor(Date.now() / 1000)}.${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
    const action: Record<string, unknown> = {
      type: element.type,
      action_id: element.action_id,
      block_id: 'b',
      action_ts: actionTs,
    };
    if (element.type === 'button') Object.assign(action, { value: element.value, text: element.text });
    if (selected) {
      action.selected_option = {
        text: { type: 'plain_text', text: selected.text, emoji: true },
        value: selected.value,
      };
    }
    return {
      type: 'block_actions',
      user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: 'T0LODILE' },
      api_app_id: 'A0LODILE',
      token: 'legacy-verification-token',
      container: {
        type: 'message',
        message_ts: message.ts,
        channel_id: message.channel,
        is_ephemeral: false,
      },
      trigger_id: `${Date.now()}.trigger.${Math.random().toString(36).slice(2)}`,
      team: { id: 'T0LODILE', domain: 'lodile' },
      channel: { id: message.channel, name: 'directmessage' },
      message: {
        type: 'message',
        user: 'UBOT',
        bot_id: 'BBOT',
        ts: message.ts,
        ...(message.thread_ts ? { thread_ts: message.thread_ts } : {}),
        blocks: message.blocks,
      },
      response_url: 'https://hooks.slack.com/actions/T0LODILE/1/x',
      actions: [action],
    };
  },

  /** block_actions from the App Home tab (container is a view, no channel). */
  homeAction(user: string, element: Record<string, unknown>) {
    return {
      type: 'block_actions',
      user: { id: user, username: user.toLowerCase(), team_id: 'T0LODILE' },
      api_app_id: 'A0LODILE',
      token: 'legacy-verification-token',
      container: { type: 'view', view_id: 'VHOME' },
      trigger_id: `${Date.now()}.trigger.${Math.random().toString(36).slice(2)}`,
      team: { id: 'T0LODILE', domain: 'lodile' },
      view: { id: 'VHOME', type: 'home' },
      actions: [
        {
          type: 'button',
          action_id: element.action_id,
          block_id: 'b',
          value: element.value,
          text: element.text,
          action_ts: `${Math.floor(Date.now() / 1000)}.000200`,
        },
      ],
    };
  },

  viewSubmission(
    user: string,
    view: Record<string, unknown>,
    values: Record<string, Record<string, unknown>>,
  ) {
    return {
      type: 'view_submission',
      team: { id: 'T0LODILE', domain: 'lodile' },
      user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: 'T0LODILE' },
      api_app_id: 'A0LODILE',
      token: 'legacy-verification-token',
      trigger_id: `${Date.now()}.trigger.${Math.random().toString(36).slice(2)}`,
      view: {
        id: view.id ?? 'V1',
        team_id: 'T0LODILE',
        type: 'modal',
        blocks: view.blocks,
        private_metadata: view.private_metadata,
        callback_id: view.callback_id,
        state: { values },
        hash: view.hash ?? 'h1',
        title: view.title,
        close: view.close,
        submit: view.submit,
        app_id: 'A0LODILE',
        bot_id: 'BBOT',
      },
      response_urls: [],
      is_enterprise_install: false,
    };
  },

  slashCommand(user: string, text: string, channel = 'C0GENERAL') {
    return {
      token: 'legacy-verification-token',
      team_id: 'T0LODILE',
      team_domain: 'lodile',
      channel_id: channel,
      channel_name: channel.startsWith('D') ? 'directmessage' : 'allgemein',
      user_id: user,
      user_name: user.toLowerCase(),
      command: '/lodile',
      text,
      api_app_id: 'A0LODILE',
      is_enterprise_install: 'false',
      response_url: 'https://hooks.slack.com/commands/T0LODILE/1/x',
      trigger_id: `${Date.now()}.trigger.${Math.random().toString(36).slice(2)}`,
    };
  },

  messageShortcut(user: string, channel: string, text: string) {
    return {
      type: 'message_action',
      callback_id: 'lodile_ask',
      token: 'legacy-verification-token',
      action_ts: `${Math.floor(Date.now() / 1000)}.000300`,
      team: { id: 'T0LODILE', domain: 'lodile' },
      user: { id: user, name: user.toLowerCase() },
      channel: { id: channel, name: 'allgemein' },
      message: { type: 'message', user: 'U0OTHER', ts: '1700000000.000100', text },
      response_url: 'https://hooks.slack.com/app/T0LODILE/1/x',
      trigger_id: `${Date.now()}.trigger.${Math.random().toString(36).slice(2)}`,
    };
  },
};

/**
 * One Slack user talking to the bot through the fake: sends signed events and interactions and collects
 * the bot's messages in the user's DM. Used by the end-to-end tests of whole flows.
 */
export class SlackUser {
  readonly dm: string;
  private tsSeq = 0;
  private eventSeq = 0;

  constructor(
    private readonly fake: FakeSlack,
    private readonly sender: SlackSender,
    readonly id: string,
    private readonly timeZone = 'Europe/Berlin',
  ) {
    this.dm = `D${id.slice(1)}`;
  }

  private nextTs(): string {
    return `17${String(Date.now()).slice(-8)}.${String(++this.tsSeq).padStart(6, '0')}`;
  }

  /** A DM to the bot; returns the bot's messages (answer complete when the hourglass is removed). */
  async say(text: string): Promise<RecordedCall[]> {
    const before = this.fake.calls.length;
    const ts = this.nextTs();
    const res = await this.sender.event(
      payloads.eventCallback(payloads.dm(this.id, text, ts), `Ev${this.id}${++this.eventSeq}${Date.now()}`),
    );
    if (res.status !== 200) throw new Error(`event answered ${res.status}`);
    await this.fake.waitFor('reactions.remove', (c) => c.args.timestamp === ts, 1, 20_000);
    return this.postsSince(before);
  }

  /** Presses the button with our action id (and value, if given) in one of the messages. */
  async press(messages: RecordedCall[], actionId: string, value?: string): Promise<RecordedCall[]> {
    const { message, element } = this.find(messages, (e) => {
      if (e.type !== 'button') return false;
      const v = JSON.parse(String(e.value)) as { a?: string; v?: string; f?: string };
      return v.a === actionId && (value === undefined || v.v === value);
    });
    return this.interact(
      payloads.blockActions(this.id, this.messageRef(message), element as Record<string, unknown>),
    );
  }

  /** Picks an option (by label or value) of the static select of choice `choiceId`. */
  async choose(messages: RecordedCall[], choiceId: string, option: string): Promise<RecordedCall[]> {
    const { message, element } = this.find(
      messages,
      (e) =>
        e.type === 'static_select' &&
        String(e.action_id).endsWith(`:${choiceId}`) &&
        (e.options as { text: { text: string }; value: string }[]).some(
          (o) => o.text.text === option || o.value === `v:${option}`,
        ),
    );
    const picked = (element.options as { text: { text: string }; value: string }[]).find(
      (o) => o.text.text === option || o.value === `v:${option}`,
    )!;
    return this.interact(
      payloads.blockActions(this.id, this.messageRef(message), element as Record<string, unknown>, {
        value: picked.value,
        text: picked.text.text,
      }),
    );
  }

  /** Presses "Formular öffnen" of the form whose id starts with `formId`; returns the modal the bot opened. */
  // biome-ignore lint/suspicious/noExplicitAny: wire payload
  async openForm(messages: RecordedCall[], formId: string): Promise<Record<string, any>> {
    const { message, element } = this.find(
      messages,
      (e) =>
        e.type === 'button' &&
        String(e.action_id)
          .replace(/^f\d+:/, '')
          .startsWith(formId) &&
        String(e.value).includes('"f"'),
    );
    const opened = this.fake.callsOf('views.open').length;
    const res = await this.sender.interaction(
      payloads.blockActions(this.id, this.messageRef(message), element as Record<string, unknown>),
    );
    if (res.status !== 200) throw new Error(`block_actions answered ${res.status}`);
    const views = await this.fake.waitFor('views.open', () => true, opened + 1);
    return views[opened]!.args.view;
  }

  /**
   * Submits a modal with values given as our form strings (date YYYY-MM-DD, datetime YYYY-MM-DDTHH:mm local,
   * a people picker the member id).
   * Returns Slack's HTTP response body (errors) and the bot's messages afterwards.
   */
  async submit(
    // biome-ignore lint/suspicious/noExplicitAny: wire payload
    view: Record<string, any>,
    fields: Record<string, string>,
  ): Promise<{ response: unknown; messages: RecordedCall[] }> {
    const before = this.fake.calls.length;
    const values: Record<string, Record<string, unknown>> = {};
    for (const block of view.blocks as {
      type: string;
      block_id: string;
      element: Record<string, unknown>;
    }[]) {
      if (block.type !== 'input') continue;
      const raw = fields[block.block_id];
      const type = block.element.type as string;
      let v: Record<string, unknown>;
      if (type === 'datepicker') v = { type, selected_date: raw || null };
      else if (type === 'datetimepicker')
        v = {
          type,
          selected_date_time: raw
            ? Math.floor(DateTime.fromISO(raw, { zone: this.timeZone }).toSeconds())
            : null,
        };
      else if (type === 'users_select') v = { type, selected_user: raw || null };
      else if (type === 'static_select') {
        const o = (block.element.options as { value: string; text: unknown }[]).find((x) => x.value === raw);
        v = { type, selected_option: o ?? null };
      } else v = { type, value: raw ?? null };
      values[block.block_id] = { value: v };
    }
    const res = await this.sender.interaction(payloads.viewSubmission(this.id, view, values));
    if (res.status !== 200) throw new Error(`view_submission answered ${res.status}`);
    const text = await res.text();
    const response = text ? JSON.parse(text) : undefined;
    if (response) return { response, messages: [] };
    return { response, messages: await this.settle(before) };
  }

  private async interact(payload: unknown): Promise<RecordedCall[]> {
    const before = this.fake.calls.length;
    const res = await this.sender.interaction(payload);
    if (res.status !== 200) throw new Error(`interaction answered ${res.status}`);
    return this.settle(before);
  }

  /** Waits for at least one new message in the DM and then until the bot has been quiet for a moment. */
  private async settle(before: number): Promise<RecordedCall[]> {
    const deadline = Date.now() + 20_000;
    while (this.postsSince(before).length === 0) {
      if (Date.now() > deadline) throw new Error('no answer');
      await new Promise((r) => setTimeout(r, 20));
    }
    let count = -1;
    while (count !== this.fake.calls.length) {
      count = this.fake.calls.length;
      await new Promise((r) => setTimeout(r, 250));
    }
    return this.postsSince(before);
  }

  private postsSince(before: number): RecordedCall[] {
    return this.fake.calls
      .slice(before)
      .filter((c) => c.method === 'chat.postMessage' && c.args.channel === this.dm && c.args.blocks);
  }

  private messageRef(message: RecordedCall) {
    return {
      channel: String(message.args.channel),
      ts: String(message.response?.ts),
      thread_ts: message.args.thread_ts,
      blocks: message.args.blocks,
    };
  }

  private find(
    messages: RecordedCall[],
    match: (e: Record<string, unknown>) => boolean,
  ): { message: RecordedCall; element: Record<string, unknown> } {
    for (const message of [...messages].reverse()) {
      for (const block of message.args.blocks as { type: string; elements?: Record<string, unknown>[] }[]) {
        for (const element of block.type === 'actions' ? (block.elements ?? []) : []) {
          if (match(element)) return { message, element };
        }
      }
    }
    throw new Error(
      `element not found in ${messages.length} message(s): ${JSON.stringify(messages.map((m) => m.args.blocks))}`,
    );
  }
}

/** Text of all section blocks of the messages (what the user reads). */
export function textOf(messages: RecordedCall[]): string {
  return messages
    .flatMap(
      (m) => m.args.blocks as { type: string; text?: { text: string }; elements?: { text?: string }[] }[],
    )
    .map((b) =>
      b.type === 'section'
        ? (b.text?.text ?? '')
        : b.type === 'context'
          ? (b.elements ?? []).map((e) => e.text ?? '').join(' ')
          : '',
    )
    .filter(Boolean)
    .join('\n');
}

/** Our action ids of all buttons in the messages. */
export function buttonIds(messages: RecordedCall[]): string[] {
  return messages.flatMap((m) =>
    (m.args.blocks as { type: string; elements?: { type: string; value?: string }[] }[]).flatMap((b) =>
      b.type === 'actions'
        ? (b.elements ?? [])
            .filter((e) => e.type === 'button')
            .map((e) => {
              const v = JSON.parse(String(e.value)) as { a?: string; f?: string };
              return v.a ?? 'form';
            })
        : [],
    ),
  );
}
