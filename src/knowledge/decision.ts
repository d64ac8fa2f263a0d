import { answers, askedTypes, isAskingWord } from './answer-type.ts';
import { closeEnough, OVERRIDE_ENTRY_SCORE, sureOfEntry } from './curated.ts';
import type { EnglishMatch } from './english.ts';
import type { EntryMatch } from './entries.ts';
import type { TermGroup } from './query-terms.ts';
import type { RankedRow } from './ranking.ts';

/**
 * The final pick: given the ranked passages and the best curated entry, which passages come first, whether
 * the curated entry answers, and whether the bot abstains. No database access: the caller fetches the
 * answering entry's section.
 */

/**
 * Abstention threshold on "coverage": the share of the question's term weight (IDF) that the best passages
 * contain (see KNOWN_MISSING_WEIGHT). Calibrated with `npm run eval -- --calibrate` on the development set
 * and our held-out questions: answerable questions reached 0.52–1.00, off-topic ones (weather, stock prices,
 * football, Python, train times) 0.00–0.25; the threshold sits between the two groups.
 */
export const MIN_COVERAGE = 0.4;
/** Cosine similarity that lets a passage count as relevant on meaning alone (only with embeddings). */
export const MIN_COSINE = 0.55;
/**
 * A question word the corpus knows but the best passage lacks counts half: it shows the question is on
 * topic and the wording differs. Words the corpus has never seen count fully – off-topic questions consist
 * mostly of those ("Wetter", "Aktie", "Python").
 */
const KNOWN_MISSING_WEIGHT = 0.5;
/**
 * An entry whose phrasing holds less than this share of the question yields to a passage of another section
 * that covers YIELD_MARGIN more of it.
 */
const YIELD_BELOW_ASKED = 0.75;
const YIELD_MARGIN = 0.1;
/** Passages checked for the entry's section. */
const ENTRY_SECTION_RANKS = 3;
/**
 * An English question is answered by the entry whose English side (english.ts) matches it this well. The
 * German passages cannot agree or disagree with English words, so this score also decides alone whether the
 * question is on topic: off-topic English questions in our tune sets reached at most 0.38, answerable ones
 * mostly 0.5 and more.
 */
export const MIN_ENGLISH_SCORE = 0.45;
/** Its closest phrasing must be mostly in the question, as for German phrasings (curated.ts). */
const MIN_ENGLISH_OWN = 0.5;
/**
 * A question that shares a single word with the entry ("can you help me?", "who pays for it?") is only
 * answered by a phrasing that is nearly that word ("What is a LoDiLe?"): one common word is no topic.
 */
const ONE_WORD_OWN = 0.8;

/** The English match is good enough to answer on its own. */
export function englishAnswers(m: EnglishMatch | undefined): m is EnglishMatch {
  return (
    m !== undefined &&
    m.score >= MIN_ENGLISH_SCORE &&
    m.own >= MIN_ENGLISH_OWN &&
    (m.held >= 2 || m.own >= ONE_WORD_OWN)
  );
}

export interface Decision {
  /** The passages, best first (the answering entry's section still to be put first by the caller). */
  rows: RankedRow[];
  abstained: boolean;
  /** Coverage of the best candidate, 0..1 (see MIN_COVERAGE). */
  confidence: number;
  /** The curated entry that answers; never set when abstaining. */
  entry?: EntryMatch;
}

/** Share of the question's weight (of the groups `counts` accepts) that a ranked row contains. */
export function coverageOf(r: RankedRow, used: TermGroup[], counts: (g: TermGroup) => boolean = () => true) {
  const hit = new Set((r.groups ?? []).map(Number));
  let found = 0;
  let missing = 0;
  used.forEach((g, i) => {
    if (g.literal || !counts(g)) return;
    const w = (g.topicIdf ?? g.idf!) * g.weight * g.importance;
    if (hit.has(i)) found += w;
    else missing += g.df ? w * KNOWN_MISSING_WEIGHT : w;
  });
  return found + missing > 0 ? found / (found + missing) : 0;
}

/**
 * Decides for a question with its ranked rows (`used`: the term groups they were ranked with) and its best
 * curated match. Undefined: nothing at all to answer with.
 */
export function decide(
  question: string,
  ranked: RankedRow[],
  used: TermGroup[],
  match: EntryMatch | undefined,
  /** For an English question: its best entry by the English side. */
  english?: EnglishMatch,
): Decision | undefined {
  let rows = ranked;
  const asked = askedTypes(question);
  if (englishAnswers(english) && answers(asked, english.entry.answer)) {
    // The English side also judges whether the question is on topic: its share is the confidence.
    const { entry, score, phrasing, asked: share, own } = english;
    return {
      rows,
      abstained: false,
      confidence: share,
      entry: { entry, score, phrasing, asked: share, own },
    };
  }
  // No passage shares a word with the question (an English one), but a phrasing says the same.
  if (!rows.length && !(sureOfEntry(match) && match.score >= OVERRIDE_ENTRY_SCORE)) return undefined;
  const coverage = (r: RankedRow, counts?: (g: TermGroup) => boolean) => coverageOf(r, used, counts);
  const top = rows.slice(0, 3);
  const confidence = Math.max(0, ...top.map((r) => coverage(r)));
  const bestCosine = Math.max(0, ...top.map((r) => Number(r.cosine ?? 0)));
  // A question for a price or a phone number needs a passage that names one (see answer-type.ts).
  // It must be on topic too – judged without the asking words ("kostet") – and goes first.
  const topical = (g: TermGroup) => !isAskingWord(asked, g.word);
  const answering = asked.length
    ? rows.filter((r) => answers(asked, r.body) && coverage(r, topical) >= MIN_COVERAGE)
    : [];
  if (answering.length) rows = [...answering, ...rows.filter((r) => !answering.includes(r))];
  const unanswerable = asked.length > 0 && !answering.length;
  let abstained = unanswerable || (confidence < MIN_COVERAGE && bestCosine < MIN_COSINE);
  if (process.env.KNOWLEDGE_DEBUG_ENTRIES && match) {
    const rank = rows.findIndex((r) => r.source === match.entry.source && r.heading === match.entry.section);
    process.stderr.write(
      `  [entry] ${question} → ${match.entry.key} ${match.score.toFixed(2)} (asked ${match.asked.toFixed(2)}, own ${match.own.toFixed(2)}, rank ${rank + 1}, cov ${confidence.toFixed(2)}) „${match.phrasing}“\n`,
    );
  }
  let entry: EntryMatch | undefined;
  if (match && closeEnough(match)) {
    const section = `${match.entry.section}`;
    const inTop = rows
      .slice(0, ENTRY_SECTION_RANKS)
      .some((r) => r.source === match.entry.source && r.heading === section);
    const sure = sureOfEntry(match);
    // Asked for a price the passages do not name: only an entry whose own answer names one.
    const typeOk = !unanswerable || answers(asked, match.entry.answer);
    const covered = !abstained || match.score >= OVERRIDE_ENTRY_SCORE;
    // An entry that leaves part of the question unexplained yields to a better passage of another section
    // that explains it ("Worauf liegt bei WOL der Fokus?": the principles, not what WOL stands for).
    const own = rows.find((r) => r.source === match.entry.source && r.heading === section);
    const ownCoverage = own ? coverage(own) : 0;
    const better =
      match.asked >= YIELD_BELOW_ASKED
        ? undefined
        : rows
            .slice(0, ENTRY_SECTION_RANKS)
            .filter((r) => r !== own && coverage(r) > ownCoverage + YIELD_MARGIN)
            .sort((a, b) => coverage(b) - coverage(a))[0];
    if (better) rows = [better, ...rows.filter((r) => r !== better)];
    else if ((inTop || sure) && typeOk && covered) {
      entry = match;
      abstained = false;
    }
  }
  return { rows, abstained, confidence, entry };
}
