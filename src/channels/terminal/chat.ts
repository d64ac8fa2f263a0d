import 'dotenv/config';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import { createInterface, type Interface } from 'node:readline/promises';
import { fileURLToPath } from 'node:url';
import { readableMarkdown } from '../../core/markdown.ts';
import type { WireReply } from '../local/api.ts';

/**
 * Terminal chat: the same conversation as the web page, through the local API. Talks to a running bot
 * (BOT_URL, default http://localhost:$PORT); when none answers, it starts the bot (`src/main.ts`) as a
 * child process on a free loopback port and stops it on exit.
 * Identity: with LOCAL_API_TOKEN (from .env, or made up for a bot it starts itself) the chat names its user
 * (CHAT_USER, default cli-<login>), so the conversation survives restarts; without it, it gets a session
 * like a browser.
 * Buttons and choices become numbered options: type the number to press one.
 */

/** How the chat proves who it is: the token and a user it names, or a session cookie the bot handed out. */
type Identity = { token: string; user: string } | { cookie: string };

type Pending = { label: string; action: { id: string; value?: string } };

const bold = (s: string) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);
const dim = (s: string) => (process.stdout.isTTY ? `\x1b[2m${s}\x1b[0m` : s);

function plain(markdown: string): string {
  return readableMarkdown(markdown)
    .replace(/\*\*(.+?)\*\*/g, (_m, t: string) => bold(t))
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1 <$2>');
}

class TerminalChat {
  private pending: Pending[] = [];
  private lastForm?: WireReply['form'];

  constructor(
    private readonly baseUrl: string,
    private readonly identity: Identity,
    private readonly rl: Interface,
  ) {}

  private get headers(): Record<string, string> {
    return 'token' in this.identity
      ? { Authorization: `Bearer ${this.identity.token}` }
      : { cookie: this.identity.cookie };
  }

  private async post(payload: object): Promise<WireReply[]> {
    const user = 'user' in this.identity ? { user: this.identity.user } : {};
    const res = await fetch(`${this.baseUrl}/api/local/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...this.headers },
      body: JSON.stringify({ ...user, name: userInfo().username, ...payload }),
    });
    const body = (await res.json().catch(() => ({}))) as { replies?: WireReply[]; error?: string };
    if (!res.ok) return [{ text: `(${res.status}) ${body.error ?? 'Fehler'}` }];
    return body.replies ?? [];
  }

  private show(replies: WireReply[], prefix = 'Bot') {
    this.pending = [];
    this.lastForm = undefined;
    for (const r of replies) {
      console.log(`\n${bold(`${prefix}:`)} ${plain(r.text)}`);
      for (const a of r.actions ?? []) {
        this.pending.push({ label: a.label, action: { id: a.id, value: a.value } });
        console.log(`  [${this.pending.length}] ${a.label}`);
      }
      if (r.choice) {
        console.log(`  ${r.choice.label}`);
        for (const o of r.choice.options) {
          this.pending.push({ label: o.label, action: { id: r.choice.id, value: o.value } });
          console.log(`  [${this.pending.length}] ${o.label}`);
        }
      }
      if (r.form) {
        this.lastForm = r.form;
        this.pending.push({ label: r.form.submitLabel, action: { id: '__form__' } });
        console.log(`  [${this.pending.length}] ${r.form.title ?? r.form.submitLabel} (Formular ausfüllen)`);
      }
      for (const f of r.files ?? []) console.log(dim(`  📎 ${f.name}: ${this.baseUrl}${f.url}`));
      if (r.citations?.length)
        console.log(
          dim(
            `  Quellen: ${r.citations.map((c, i) => `[${i + 1}] ${c.title}${c.url ? ` <${c.url}>` : ''}`).join(' · ')}`,
          ),
        );
    }
  }

  private async fillForm(form: NonNullable<WireReply['form']>) {
    const fields: Record<string, string> = {};
    console.log(bold(form.title ?? form.submitLabel));
    for (const f of form.fields) {
      const hint = f.options
        ? ` (${f.options.map((o) => `${o.value}=${o.label}`).join(', ')})`
        : f.type === 'date'
          ? ' (TT.MM.JJJJ oder JJJJ-MM-TT)'
          : '';
      const err = form.errors?.[f.id] ? ` ⚠ ${form.errors[f.id]}` : '';
      const answer = await this.rl.question(
        `  ${f.label}${f.required ? ' *' : ''}${hint}${f.value ? ` [${f.value}]` : ''}${err}: `,
      );
      fields[f.id] = answer.trim() || f.value || '';
    }
    return this.post({ action: { id: form.id, fields } });
  }

  async input(line: string) {
    const n = Number(line);
    const picked = Number.isInteger(n) && n >= 1 ? this.pending[n - 1] : undefined;
    if (picked && picked.action.id === '__form__' && this.lastForm) {
      this.show(await this.fillForm(this.lastForm));
    } else if (picked) {
      this.show(await this.post({ action: picked.action }));
    } else {
      this.show(await this.post({ text: line }));
    }
  }

  async pollInbox() {
    const path = 'user' in this.identity ? `users/${encodeURIComponent(this.identity.user)}/inbox` : 'inbox';
    const res = await fetch(`${this.baseUrl}/api/local/${path}`, { headers: this.headers }).catch(
      () => undefined,
    );
    if (!res?.ok) return;
    const { messages } = (await res.json()) as { messages: { replies: WireReply[] }[] };
    for (const m of messages) this.show(m.replies, 'Bot (Nachricht)');
    if (messages.length) process.stdout.write('\nSie: ');
  }
}

async function reachable(url: string): Promise<boolean> {
  try {
    // Generous: a busy bot must not be mistaken for none (a second one would start).
    return (await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5000) })).ok;
  } catch {
    return false;
  }
}

const MAIN = fileURLToPath(new URL('../../main.ts', import.meta.url));

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

/** Starts the bot as its own process and waits until it answers. */
async function startBot(token: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOCAL_API_TOKEN: token,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = once(child, 'exit').then(() => {
    throw new Error('the bot did not start (see the messages above)');
  });
  for (let i = 0; i < 600; i++) {
    if (await reachable(url)) return { url, child };
    await Promise.race([new Promise((r) => setTimeout(r, 100)), exited]);
  }
  child.kill();
  throw new Error('the bot did not answer within a minute');
}

/** Without the token the chat signs in like a browser: a new session, a new user each start. */
async function session(baseUrl: string): Promise<Identity> {
  const res = await fetch(`${baseUrl}/api/local/session`, { method: 'POST' });
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (!res.ok || !cookie) throw new Error(`Anmeldung am Bot fehlgeschlagen (HTTP ${res.status})`);
  console.log(dim('Ohne LOCAL_API_TOKEN beginnt jeder Start eine neue Unterhaltung.'));
  return { cookie };
}

async function main() {
  let baseUrl = process.env.BOT_URL ?? `http://localhost:${process.env.PORT ?? 3978}`;
  let token = process.env.LOCAL_API_TOKEN || undefined;
  let child: ChildProcess | undefined;
  if (!(await reachable(baseUrl))) {
    console.log(dim('Starte den Bot …'));
    token ??= randomBytes(24).toString('hex');
    ({ url: baseUrl, child } = await startBot(token));
  }
  const identity: Identity = token
    ? { token, user: process.env.CHAT_USER ?? `cli-${userInfo().username}` }
    : await session(baseUrl);
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  let closed = false;
  rl.once('close', () => {
    closed = true;
  });
  const chat = new TerminalChat(baseUrl, identity, rl);
  console.log(dim(`LoDiLe-Bot im Terminal (${baseUrl}). Zahl = Schaltfläche drücken, „exit“ beendet.`));
  await chat.input('Hallo');
  const poll = setInterval(() => void chat.pollInbox(), 5000);
  while (!closed) {
    const text = (await rl.question('\nSie: ').catch(() => 'exit')).trim();
    if (/^(exit|quit|tschüss)$/i.test(text)) break;
    if (text) await chat.input(text);
  }
  clearInterval(poll);
  rl.close();
  if (child) {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
}

main().catch((err) => {
  console.error('Chat beendet:', err instanceof Error ? err.message : err);
  process.exit(1);
});
