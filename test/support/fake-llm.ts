import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake received, as the bot sent it over HTTP. */
export interface LlmRequest {
  path: string;
  auth?: string;
  body: {
    model: string;
    messages?: { role: string; content: string }[];
    input?: string[] | string;
  };
}

/** How the next chat completions are answered: normally, with an HTTP error, or too late. */
export type ChatMode = 'answer' | 'slow' | 429 | 500;

const DIMENSIONS = 64;

/** Hashing bag-of-words vectors: texts sharing words point in similar directions. */
export function hashEmbedding(text: string): number[] {
  const v = new Array<number>(DIMENSIONS).fill(0);
  for (const w of text.toLowerCase().match(/\p{L}{4,}/gu) ?? []) {
    let h = 0;
    for (const ch of w.slice(0, 6)) h = (h * 31 + ch.charCodeAt(0)) % DIMENSIONS;
    v[h]! += 1;
  }
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
}

/**
 * A loopback OpenAI-compatible server (chat completions and embeddings) that records every request. The
 * test sets the model's answer (`answer`) and how it fails (`mode`), so model output and model failures
 * the bot must cope with arrive over real HTTP.
 */
export class FakeLlm {
  answer: (userMessage: string) => string = () => 'KEINE_ANTWORT';
  mode: ChatMode = 'answer';
  /** How long a 'slow' answer takes. */
  slowMs = 3000;
  readonly requests: LlmRequest[] = [];
  url = '';
  private server?: Server;

  async start(): Promise<this> {
    this.server = createServer(async (req, res) => {
      let raw = '';
      for await (const chunk of req) raw += chunk;
      const body = JSON.parse(raw) as LlmRequest['body'];
      this.requests.push({ path: req.url ?? '', auth: req.headers.authorization, body });
      res.setHeader('Content-Type', 'application/json');
      if (req.url?.endsWith('/embeddings')) {
        const input = Array.isArray(body.input) ? body.input : [body.input ?? ''];
        res.end(
          JSON.stringify({
            object: 'list',
            model: body.model,
            data: input.map((t, index) => ({ object: 'embedding', index, embedding: hashEmbedding(t) })),
            usage: { prompt_tokens: 1, total_tokens: 1 },
          }),
        );
        return;
      }
      if (typeof this.mode === 'number') {
        res.statusCode = this.mode;
        const message = this.mode === 429 ? 'Rate limit reached' : 'boom';
        res.end(JSON.stringify({ error: { message, type: 'x' } }));
        return;
      }
      if (this.mode === 'slow') await new Promise((r) => setTimeout(r, this.slowMs));
      const user = body.messages?.find((m) => m.role === 'user')?.content ?? '';
      res.end(
        JSON.stringify({
          id: 'chatcmpl-test',
          object: 'chat.completion',
          created: 0,
          model: body.model,
          choices: [
            { index: 0, message: { role: 'assistant', content: this.answer(user) }, finish_reason: 'stop' },
          ],
          usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
        }),
      );
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
    return this;
  }

  chatRequests(): LlmRequest[] {
    return this.requests.filter((r) => r.path.endsWith('/chat/completions'));
  }

  /** Env for startTestApp: chat model on; embeddings only when asked for. */
  env(options: { embeddings?: boolean; timeoutMs?: number } = {}): Record<string, string> {
    return {
      OPENAI_BASE_URL: this.url,
      OPENAI_API_KEY: 'test-key',
      OPENAI_CHAT_MODEL: 'fake-chat',
      ...(options.embeddings ? { OPENAI_EMBEDDING_MODEL: 'fake-embed' } : {}),
      LLM_TIMEOUT_MS: String(options.timeoutMs ?? 2000),
    };
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((r) => (this.server ? this.server.close(r) : r(undefined)));
  }
}

/** The passage number the prompt gives the passage containing `text` ("[2]"), or "[1]". */
export function markerOf(userMessage: string, text: string): string {
  const blocks = userMessage.split(/\n(?=\[\d+\] )/);
  const n = blocks.findIndex((b) => b.includes(text));
  return n >= 0 ? `[${blocks[n]!.match(/^\[(\d+)\]/)?.[1] ?? '1'}]` : '[1]';
}
