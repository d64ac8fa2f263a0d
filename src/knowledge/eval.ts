/**
 * Retrieval evaluation: `npm run --silent eval -- --file questions.jsonl --k 5 [--json] [--calibrate]`.
 * Runs on a fresh in-memory embedded database with the knowledge folder(s) of KNOWLEDGE_DIR (or --dir),
 * without network or key. With --json stdout carries exactly one JSON line per question; the summary goes
 * to stderr. Without --json a table is printed.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { openDb } from '../db/index.ts';
import { migrate } from '../db/migrate.ts';
import { composeAnswer } from './answer.ts';
import { Glossary } from './glossary.ts';
import { ingestPaths } from './ingest.ts';
import { KnowledgeBase, MIN_COVERAGE } from './search.ts';

import { looksEnglish, sentences } from './text.ts';
import { synonymsForKnowledge } from './thesaurus.ts';

export interface EvalQuestion {
  id: string;
  question: string;
  /** Regular expressions that must occur in the top-k passages; null: the bot must decline. */
  expect?: string[] | null;
  all?: boolean;
  /** Regular expressions, one of which the FIRST sentence of the answer must match (answer@1). */
  answer?: string[];
}

export interface EvalResult {
  id: string;
  passages: { text: string; source: string; score: number }[];
  answer: string;
  abstained: boolean;
  /** The curated entry that answered, if one did. */
  entry?: string;
  /** When declined: the answers of the suggested entries ("Meinten Sie …?"), as a click on each gives them. */
  suggested?: string[];
  ms: number;
}

export interface EvalSummary {
  questions: number;
  answerable: number;
  outOfScope: number;
  hitAt1: number;
  hitAt3: number;
  hitAtK: number;
  mrr: number;
  /** Answerable questions with `answer` patterns, and the share whose first answer sentence matches one. */
  withAnswer: number;
  answerAt1: number;
  declinedOutOfScope: number;
  declinedAnswerable: number;
  /** Declined answerable questions with a suggestion whose answer matches; declined off-topic ones offered any. */
  rightSuggestion: number;
  offTopicSuggested: number;
  msP50: number;
  msP95: number;
}

/** 1-based rank at which the top passages first satisfy the expectation, or 0. */
export function firstHitRank(q: EvalQuestion, passages: { text: string }[]): number {
  if (!q.expect) return 0;
  const patterns = q.expect.map((e) => new RegExp(e, 'i'));
  for (let r = 1; r <= passages.length; r++) {
    const texts = passages.slice(0, r).map((p) => p.text);
    const ok = q.all
      ? patterns.every((re) => texts.some((t) => re.test(t)))
      : patterns.some((re) => texts.some((t) => re.test(t)));
    if (ok) return r;
  }
  return 0;
}

export function summarise(
  questions: EvalQuestion[],
  results: EvalResult[],
  k: number,
): EvalSummary & { misses: string[]; answerMisses: string[] } {
  const scored = questions.filter((q) => q.expect !== undefined);
  const answerable = scored.filter((q) => q.expect !== null);
  const outOfScope = scored.filter((q) => q.expect === null);
  const byId = new Map(results.map((r) => [r.id, r]));
  let h1 = 0;
  let h3 = 0;
  let hk = 0;
  let rr = 0;
  let declinedAnswerable = 0;
  let withAnswer = 0;
  let a1 = 0;
  let rightSuggestion = 0;
  const misses: string[] = [];
  const answerMisses: string[] = [];
  for (const q of answerable) {
    const r = byId.get(q.id)!;
    if (r.abstained) declinedAnswerable++;
    if (r.abstained && q.answer?.length && r.suggested?.some((a) => answerMatches(q, a))) rightSuggestion++;
    const rank = firstHitRank(q, r.passages.slice(0, k));
    if (rank === 1) h1++;
    if (rank >= 1 && rank <= 3) h3++;
    if (rank >= 1) {
      hk++;
      rr += 1 / rank;
    }
    if (rank === 0 || rank > 3) misses.push(q.id);
    if (q.answer?.length) {
      withAnswer++;
      if (!r.abstained && answerMatches(q, r.answer)) a1++;
      else answerMisses.push(q.id);
    }
  }
  const declinedOutOfScope = outOfScope.filter((q) => byId.get(q.id)?.abstained).length;
  const offTopicSuggested = outOfScope.filter((q) => byId.get(q.id)?.suggested?.length).length;
  const ms = results.map((r) => r.ms).sort((a, b) => a - b);
  const pct = (p: number) => ms[Math.min(ms.length - 1, Math.floor((p / 100) * ms.length))] ?? 0;
  const n = answerable.length || 1;
  return {
    questions: questions.length,
    answerable: answerable.length,
    outOfScope: outOfScope.length,
    hitAt1: h1 / n,
    hitAt3: h3 / n,
    hitAtK: hk / n,
    mrr: rr / n,
    withAnswer,
    answerAt1: withAnswer ? a1 / withAnswer : 0,
    declinedOutOfScope,
    declinedAnswerable,
    rightSuggestion,
    offTopicSuggested,
    msP50: pct(50),
    msP95: pct(95),
    misses,
    answerMisses,
  };
}

/** The first sentence of an answer (after a correction note or a language note in italics). */
export function firstSentence(answer: string): string {
  const lines = answer.split('\n').filter((l) => l.trim() && !/^_[^_]+_$/.test(l.trim()));
  return sentences(lines.join('\n'))[0] ?? '';
}

/** answer@1: the first sentence of the produced answer matches one of the question's `answer` patterns. */
export function answerMatches(q: EvalQuestion, answer: string): boolean {
  const first = firstSentence(answer);
  return (q.answer ?? []).some((a) => new RegExp(a, 'iu').test(first));
}

export function parseQuestions(text: string): EvalQuestion[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line, i) => {
      const q = JSON.parse(line) as EvalQuestion;
      if (typeof q.question !== 'string') throw new Error(`line ${i + 1}: "question" is missing`);
      return { ...q, id: String(q.id ?? i + 1) };
    });
}

/** Ingests the folders into a fresh embedded database and answers every question offline. */
export async function runEval(
  questions: EvalQuestion[],
  dirs: string[],
  k: number,
  /** OpenThesaurus file (THESAURUS=/usr/share/mythes/th_de_DE_v2.dat); default: without synonyms, as the bot. */
  thesaurus = process.env.THESAURUS ?? '',
): Promise<{ results: EvalResult[]; confidence: Map<string, number>; close(): Promise<void> }> {
  const db = await openDb({ dataDir: 'memory://' });
  await migrate(db);
  await ingestPaths(db, dirs, { exclusive: true });
  const kb = new KnowledgeBase(db, { glossary: await Glossary.load(dirs) });
  kb.setSynonyms((await synonymsForKnowledge(db, thesaurus)).synonyms);
  const results: EvalResult[] = [];
  const confidence = new Map<string, number>();
  for (const q of questions) {
    const started = performance.now();
    const r = await kb.retrieve(q.question, { k });
    const ms = performance.now() - started;
    const locale = looksEnglish(q.question) ? 'en' : 'de';
    confidence.set(q.id, r.confidence);
    results.push({
      id: q.id,
      passages: r.passages.map((p) => ({ text: p.text, source: p.source, score: p.score })),
      // As the bot answers: English questions get the English answer (the locale follows the question here).
      answer: r.abstained ? '' : composeAnswer(q.question, r, locale).text,
      abstained: r.abstained,
      entry: r.entry?.entry.key,
      suggested: await suggestedAnswers(kb, r.suggestions, locale),
      ms: Math.round(ms * 10) / 10,
    });
  }
  return { results, confidence, close: () => db.close() };
}

/** What a click on each suggestion answers: the entry, asked by its label (flows/ask.ts answerEntry). */
async function suggestedAnswers(
  kb: KnowledgeBase,
  suggestions: { entry: { key: string } }[],
  locale: 'de' | 'en',
): Promise<string[]> {
  const out: string[] = [];
  for (const s of suggestions) {
    const found = await kb.entry(s.entry.key);
    if (found)
      out.push(composeAnswer(found.match.entry.label[locale], { ...found, entry: found.match }, locale).text);
  }
  return out;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      file: { type: 'string', short: 'f' },
      k: { type: 'string', default: '5' },
      json: { type: 'boolean', default: false },
      dir: { type: 'string', multiple: true },
      calibrate: { type: 'boolean', default: false },
    },
    allowPositionals: true,
  });
  if (!values.file) {
    process.stderr.write(
      'Aufruf: npm run --silent eval -- --file fragen.jsonl [--k 5] [--json] [--dir ordner]\n',
    );
    process.exit(2);
  }
  const k = Math.max(1, Number.parseInt(values.k ?? '5', 10) || 5);
  const dirs = values.dir?.length ? values.dir : (process.env.KNOWLEDGE_DIR ?? './knowledge').split(',');
  const questions = parseQuestions(await readFile(values.file, 'utf8'));
  const run = await runEval(questions, dirs, k);
  const summary = summarise(questions, run.results, k);
  const lines = [
    `questions ${summary.questions} (answerable ${summary.answerable}, out of scope ${summary.outOfScope}), k=${k}`,
    `answer@1 ${summary.answerAt1.toFixed(3)} (${summary.withAnswer} with answer patterns)  missed: ${summary.answerMisses.join(', ') || '–'}`,
    `hit@1 ${summary.hitAt1.toFixed(3)}  hit@3 ${summary.hitAt3.toFixed(3)}  hit@${k} ${summary.hitAtK.toFixed(3)}  MRR ${summary.mrr.toFixed(3)}`,
    `declined: out of scope ${summary.declinedOutOfScope}/${summary.outOfScope}, answerable ${summary.declinedAnswerable}/${summary.answerable}`,
    `"Meinten Sie …?": declined answerable with a right suggestion ${summary.rightSuggestion}/${summary.declinedAnswerable}, out of scope offered suggestions ${summary.offTopicSuggested}/${summary.outOfScope}`,
    `latency p50 ${summary.msP50.toFixed(1)} ms, p95 ${summary.msP95.toFixed(1)} ms`,
    `missed at 3: ${summary.misses.join(', ') || '–'}`,
  ];
  if (values.json) {
    for (const r of run.results) process.stdout.write(`${JSON.stringify(r)}\n`);
    process.stderr.write(`${lines.join('\n')}\n`);
  } else {
    const rows = run.results.map((r) => {
      const q = questions.find((x) => x.id === r.id)!;
      const rank = firstHitRank(q, r.passages.slice(0, k));
      const verdict =
        q.expect === null
          ? r.abstained
            ? 'declined ✓'
            : 'answered ✗'
          : q.expect
            ? rank
              ? `hit@${rank}`
              : 'miss'
            : '';
      const cov = run.confidence.get(r.id) ?? 0;
      const a1 = q.answer?.length ? (answerMatches(q, r.answer) ? 'a✓' : 'a✗') : '  ';
      return `${r.id.padEnd(6)} ${verdict.padEnd(11)} ${a1} cov ${cov.toFixed(2)} ${(r.entry ?? '').padEnd(28)} ${String(r.ms).padStart(6)} ms  ${(r.passages[0]?.source ?? '–').padEnd(40)} ${q.question}`;
    });
    process.stdout.write(`${rows.join('\n')}\n\n${lines.join('\n')}\n`);
  }
  if (values.calibrate) {
    const cov = (ids: EvalQuestion[]) =>
      ids
        .map((q) => run.confidence.get(q.id) ?? 0)
        .sort((a, b) => a - b)
        .map((c) => c.toFixed(2))
        .join(' ');
    process.stderr.write(
      `coverage answerable: ${cov(questions.filter((q) => q.expect))}\ncoverage out of scope: ${cov(questions.filter((q) => q.expect === null))}\nthreshold ${MIN_COVERAGE}\n`,
    );
  }
  await run.close();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // `… | head` closes stdout early; that is not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
  });
  main().catch((err) => {
    process.stderr.write(`Auswertung fehlgeschlagen: ${(err as Error).message}\n`);
    process.exit(1);
  });
}
