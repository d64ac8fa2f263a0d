import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type OpenAI from 'openai';
import { cleanText } from '../core/clean-text.ts';
import type { Passage } from '../core/context.ts';
import type { Citation } from '../core/reply.ts';

const PROMPTS_DIR = fileURLToPath(new URL('../../prompts/', import.meta.url));
/** The model's way of saying the passages do not answer the question. */
export const NO_ANSWER = 'KEINE_ANTWORT';

let prompts: { system: string; user: string } | undefined;
function loadPrompts() {
  prompts ??= {
    system: readFileSync(`${PROMPTS_DIR}answer-system.md`, 'utf8').trim(),
    user: readFileSync(`${PROMPTS_DIR}answer-user.md`, 'utf8').trim(),
  };
  return prompts;
}

export interface GroundedAnswer {
  /** The answer with its [n] markers, or undefined when the model found no answer in the passages. */
  text?: string;
  citations: Citation[];
}

/** Removes the delimiters from untrusted text so it cannot close its own block. */
const fence = (s: string) => s.replace(/<<<|>>>/g, '');

/**
 * A question without our prompt's block markers ("FRAGE>>>", "<<<WISSEN"): they are prompt syntax, not
 * words of the question, and must neither reach the model nor count as topic words in the search.
 */
export const withoutPromptMarkers = (question: string) =>
  question
    .replace(/<<<\s*(?:FRAGE|WISSEN)\b|\b(?:FRAGE|WISSEN)\s*>>>|<<<|>>>/g, ' ')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();

export function buildMessages(
  question: string,
  passages: Passage[],
  context?: string,
): { role: 'system' | 'user'; content: string }[] {
  const p = loadPrompts();
  const blocks = passages
    .map(
      (x, i) =>
        `[${i + 1}] ${fence(x.title)}${x.url ? ` (${x.url})` : ''}\n<<<WISSEN\n${fence(x.text)}\nWISSEN>>>`,
    )
    .join('\n\n');
  const contextLine = context
    ? `Vorherige Frage im selben Gespräch (nur zum Verständnis von Bezügen):\n<<<FRAGE\n${fence(context)}\nFRAGE>>>\n\n`
    : '';
  const user = p.user
    .replace('{{passages}}', () => blocks)
    .replace('{{context}}', () => contextLine)
    .replace('{{question}}', () => fence(question));
  return [
    { role: 'system', content: p.system },
    { role: 'user', content: user },
  ];
}

/**
 * A grounded German answer from the passages with numbered citations. Throws on timeouts, rate limits and
 * server errors; the caller then answers extractively.
 */
export async function groundedAnswer(
  client: OpenAI,
  model: string,
  question: string,
  passages: Passage[],
  opts: { context?: string; timeoutMs: number },
): Promise<GroundedAnswer> {
  const completion = await client.chat.completions.create(
    {
      model,
      messages: buildMessages(question, passages, opts.context),
      temperature: 0.1,
      max_tokens: 500,
    },
    { timeout: opts.timeoutMs, signal: AbortSignal.timeout(opts.timeoutMs) },
  );
  // Model output may carry NUL or lone surrogates, which the database refuses (questions log, state).
  const raw = cleanText(completion.choices[0]?.message?.content ?? '').trim();
  if (!raw || raw.includes(NO_ANSWER)) return { citations: [] };
  return keepCitations(raw, passages);
}

/**
 * Keeps the markers that point at a passage, renumbers them in order of first use and returns the cited
 * passages as citations. An answer without any marker still cites the best passage it was built from.
 */
export function keepCitations(raw: string, passages: Passage[]): GroundedAnswer {
  const order: number[] = [];
  const text = raw
    .replace(/\[(\d+(?:\s*,\s*\d+)*)\]/g, (_m, list: string) => {
      const nums = list
        .split(',')
        .map((n) => Number(n.trim()))
        .filter((n) => n >= 1 && n <= passages.length);
      if (!nums.length) return '';
      return nums
        .map((n) => {
          if (!order.includes(n)) order.push(n);
          return `[${order.indexOf(n) + 1}]`;
        })
        .join('');
    })
    .replace(/[ \t]+([.,;:!?])/g, '$1')
    .trim();
  const cited = order.length ? order.map((n) => passages[n - 1]!) : passages.slice(0, 1);
  return {
    text,
    citations: cited.map((p, i) => ({ title: `[${i + 1}] ${p.title}`, url: p.url })),
  };
}
