import type { Passage } from '../core/context.ts';
import type { Citation } from '../core/reply.ts';
import { contentWords, sentences } from './text.ts';

export interface ExtractiveAnswer {
  /** One or two sentences from the best passage that match the question best. */
  short: string;
  /** The best passage(s) in full, for "Mehr dazu". */
  detail: string;
  citations: Citation[];
}

const SHORT_MAX_CHARS = 420;

/** A crude stem for matching question words to sentence words without a database round trip. */
const stem = (w: string) => w.slice(0, Math.max(4, Math.min(w.length, 6)));

/** Quotes the passage sentences that share the most words with the question; never invents text. */
export function extractiveAnswer(question: string, passages: Passage[]): ExtractiveAnswer {
  const best = passages[0];
  if (!best) return { short: '', detail: '', citations: [] };
  const wanted = new Set(contentWords(question).map(stem));
  const list = sentences(best.text);
  const scored = list.map((s, i) => {
    const ws = new Set(contentWords(s).map(stem));
    let score = 0;
    for (const w of wanted) if (ws.has(w)) score++;
    // Slight preference for earlier sentences: sections usually open with their main statement.
    return { i, s, score: score - i * 0.01 };
  });
  const top = [...scored].sort((a, b) => b.score - a.score)[0]!;
  const picked = [top];
  const next = scored[top.i + 1];
  // A list introduced by a colon needs its items; otherwise add the next sentence while it stays short.
  if (next && (top.s.endsWith(':') || top.s.length + next.s.length < SHORT_MAX_CHARS / 2)) picked.push(next);
  if (top.s.endsWith(':')) {
    for (const s of scored.slice(top.i + 2)) {
      if (!/^[-*•]|^\d+\./.test(s.s)) break;
      picked.push(s);
    }
  }
  let short = picked
    .sort((a, b) => a.i - b.i)
    .map((p) => p.s)
    .join(' ');
  if (short.length > SHORT_MAX_CHARS * 1.5)
    short = `${short.slice(0, SHORT_MAX_CHARS).replace(/\s+\S*$/, '')} …`;

  const related = passages.slice(1, 2).filter((p) => p.source !== best.source || p.title !== best.title);
  const detail = [best, ...related].map((p) => `**${p.title}**\n${p.text}`).join('\n\n');
  return { short, detail, citations: citationsFor([best, ...related]) };
}

export function citationsFor(passages: Passage[]): Citation[] {
  const seen = new Set<string>();
  const out: Citation[] = [];
  for (const p of passages) {
    if (seen.has(p.title)) continue;
    seen.add(p.title);
    out.push({
      title: p.title,
      url: p.url,
      excerpt: p.text.length > 200 ? `${p.text.slice(0, 200)} …` : p.text,
    });
  }
  return out;
}
