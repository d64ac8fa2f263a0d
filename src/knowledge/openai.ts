import OpenAI from 'openai';
import type { Config } from '../config.ts';

/** An OpenAI-compatible client when a key or a base URL is configured; no retries (we fall back instead). */
export function openaiClient(config: Config): OpenAI | undefined {
  if (!config.OPENAI_API_KEY && !config.OPENAI_BASE_URL) return undefined;
  return new OpenAI({
    // Local OpenAI-compatible servers usually need no key, but the SDK insists on one.
    apiKey: config.OPENAI_API_KEY ?? 'not-needed',
    baseURL: config.OPENAI_BASE_URL,
    timeout: config.LLM_TIMEOUT_MS,
    maxRetries: 0,
  });
}

export interface Embedder {
  model: string;
  embed(texts: string[]): Promise<number[][]>;
}

/** Embeddings only when an embedding model is named as well; otherwise retrieval stays lexical. */
export function createEmbedder(config: Config): Embedder | undefined {
  const client = openaiClient(config);
  const model = config.OPENAI_EMBEDDING_MODEL;
  if (!client || !model) return undefined;
  return {
    model,
    async embed(texts) {
      const res = await client.embeddings.create({ model, input: texts });
      return [...res.data].sort((a, b) => a.index - b.index).map((d) => d.embedding as number[]);
    },
  };
}

export const toVectorLiteral = (v: number[]) => `[${v.map((x) => (Number.isFinite(x) ? x : 0)).join(',')}]`;
