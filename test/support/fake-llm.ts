import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback OpenAI-compatible chat completions server whose answer the test sets (`answer`), so model
 * output the bot must cope with (control characters, planted links) arrives over real HTTP.
 */
export class FakeLlm {
  answer: (userMessage: string) => string = () => 'KEINE_ANTWORT';
  private server?: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer(async (req, res) => {
      let raw = '';
      for await (const chunk of req) raw += chunk;
      const body = JSON.parse(raw) as { model: string; messages?: { role: string; content: string }[] };
      const user = body.messages?.find((m) => m.role === 'user')?.content ?? '';
      res.setHeader('Content-Type', 'application/json');
      res.end(
        JSON.stringify({
          id: 'chatcmpl-test',
          object: 'chat.completion',
          created: 0,
          model: body.model,
          choices: [
            {
              index: 0,
              message: { role: 'assistant', content: this.answer(user) },
              finish_reason: 'stop',
            },
          ],
          usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
        }),
      );
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
    return this;
  }

  /** Env for startTestApp: chat model on, no embeddings. */
  env(): Record<string, string> {
    return {
      OPENAI_BASE_URL: this.url,
      OPENAI_API_KEY: 'test-key',
      OPENAI_CHAT_MODEL: 'fake-chat',
      LLM_TIMEOUT_MS: '2000',
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
