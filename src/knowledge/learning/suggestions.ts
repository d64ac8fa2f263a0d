import type { Db } from '../../db/index.ts';
import type { EntryMatch } from '../entries.ts';
import { questionTerms } from '../text.ts';
import { groupQuestions, overlap, wording } from './groups.ts';

/**
 * Learning from use (issue 11): questions the bot could not answer or that got 👎 are grouped; a group
 * that resembles a curated entry becomes a pending suggestion a coach accepts (the wording becomes one of
 * the entry's phrasings) or rejects (it never comes back).
 */

/** Below the answer threshold (curated.ts MIN_ENTRY_SCORE): close enough for a coach to judge. */
export const MIN_SUGGESTION_SCORE = 0.35;
/** A group of wordings shares this much of its terms (Jaccard) with a suggestion already decided. */
const SAME_GROUP = 0.5;
/** How far back the question log is read (it is kept RETENTION_DAYS anyway). */
const LOOKBACK_DAYS = 180;
const MAX_SAMPLES = 5;
/** Groups compared per refresh, most asked first: a coach waits for the comparison when opening the list. */
const MAX_GROUPS = 200;

export interface Suggestion {
  id: number;
  question: string;
  samples: string[];
  count: number;
  entryKey: string;
  /** Askers who picked the entry for this wording ("Meinten Sie …?"). */
  picked: number;
  status: 'pending' | 'accepted' | 'rejected';
  decidedBy: string | null;
}

/** What suggestions need of the knowledge base (KnowledgeBase implements it). */
export interface Resembler {
  resemblingEntries(question: string, limit?: number): Promise<{ match: EntryMatch; answers: boolean }[]>;
  /** An entry by its key (an asker's pick). */
  entry(key: string): Promise<{ match: EntryMatch } | undefined>;
}

interface Row {
  id: string;
  group_key: string;
  question: string;
  samples: string[];
  count: number;
  entry_key: string;
  picked: number;
  status: Suggestion['status'];
  decided_by: string | null;
}

const toSuggestion = (r: Row): Suggestion => ({
  id: Number(r.id),
  question: r.question,
  samples: r.samples ?? [],
  count: Number(r.count),
  entryKey: r.entry_key,
  picked: Number(r.picked),
  status: r.status,
  decidedBy: r.decided_by,
});

const COLUMNS = 'id, group_key, question, samples, count, entry_key, picked, status, decided_by';

/**
 * Reads the logged unanswered and 👎 questions, groups them and upserts a pending suggestion for every group
 * that resembles an entry which does not already answer it. A group matching a decided suggestion is left
 * alone, so a rejected wording is not offered again. Returns how many suggestions are pending.
 */
export async function refreshSuggestions(db: Db, kb: Resembler): Promise<number> {
  const { rows } = await db.query<{ question: string; n: number }>(
    `SELECT question, count(*)::int AS n FROM knowledge_questions
     WHERE (abstained OR feedback = -1) AND created_at > now() - make_interval(days => $1)
     GROUP BY question ORDER BY count(*) DESC, max(created_at) DESC LIMIT 2000`,
    [LOOKBACK_DAYS],
  );
  const picks = await askersPicks(db);
  const existing = (await db.query<Row>(`SELECT ${COLUMNS} FROM knowledge_suggestions`)).rows.map((r) => ({
    row: r,
    terms: r.group_key.split(' '),
  }));
  const groups = groupQuestions(rows.map((r) => ({ text: r.question, count: Number(r.n) })));
  for (const group of groups.slice(0, MAX_GROUPS)) {
    const known = existing.find((e) => overlap(e.terms, group.terms) >= SAME_GROUP);
    if (known && known.row.status !== 'pending') continue;
    const pick = chosenEntry(group.wordings, picks);
    const match = await resembling(kb, group.question, pick?.key);
    if (!match) continue;
    const samples = group.wordings.filter((w) => w !== group.question).slice(0, MAX_SAMPLES);
    await db.query(
      `INSERT INTO knowledge_suggestions (group_key, question, samples, count, entry_key, score, picked)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (group_key) DO UPDATE SET question = $2, samples = $3, count = $4, entry_key = $5,
         score = $6, picked = $7, updated_at = now()
       WHERE knowledge_suggestions.status = 'pending'`,
      [
        known?.row.group_key ?? group.terms.join(' '),
        group.question,
        samples,
        group.count,
        match.entry.key,
        match.score,
        match.entry.key === pick?.key ? pick.picked : 0,
      ],
    );
  }
  const { rows: pending } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM knowledge_suggestions WHERE status = 'pending'`,
  );
  return Number(pending[0]?.n ?? 0);
}

/** Per wording, how often askers picked each entry under "Meinten Sie …?" (flows/ask.ts). */
async function askersPicks(db: Db): Promise<Map<string, Map<string, number>>> {
  const { rows } = await db.query<{ question: string; chosen_entry: string; n: number }>(
    `SELECT question, chosen_entry, count(*)::int AS n FROM knowledge_questions
     WHERE chosen_entry IS NOT NULL AND created_at > now() - make_interval(days => $1)
     GROUP BY question, chosen_entry`,
    [LOOKBACK_DAYS],
  );
  const picks = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const said = wording(r.question);
    const entries = picks.get(said) ?? new Map<string, number>();
    entries.set(r.chosen_entry, (entries.get(r.chosen_entry) ?? 0) + Number(r.n));
    picks.set(said, entries);
  }
  return picks;
}

/** The entry the group's askers picked most often, if any. */
function chosenEntry(
  wordings: string[],
  picks: Map<string, Map<string, number>>,
): { key: string; picked: number } | undefined {
  const votes = new Map<string, number>();
  for (const w of wordings) {
    for (const [key, n] of picks.get(w) ?? []) votes.set(key, (votes.get(key) ?? 0) + n);
  }
  const [key, picked] = [...votes].sort((a, b) => b[1] - a[1])[0] ?? [];
  return key ? { key, picked: picked! } : undefined;
}

/**
 * The entry to offer for a wording: the one its askers picked, unless it answers the wording by now;
 * otherwise the best entry the wording resembles that does not answer it already (a 👎 answer is no answer).
 */
async function resembling(kb: Resembler, question: string, picked?: string): Promise<EntryMatch | undefined> {
  const matches = await kb.resemblingEntries(question, 3);
  if (picked) {
    const m = matches.find((x) => x.match.entry.key === picked);
    if (m) return m.answers ? undefined : m.match;
    // The askers' choice shares too few words to rank, which is what a coach should teach.
    const chosen = await kb.entry(picked);
    if (chosen) return { ...chosen.match, score: 0 };
  }
  return matches.find((m) => m.match.score >= MIN_SUGGESTION_SCORE && !m.answers)?.match;
}

/** The pending suggestion after `afterId` (most asked first among equals by id), wrapping round. */
export async function nextSuggestion(db: Db, afterId?: number): Promise<Suggestion | undefined> {
  const { rows } = await db.query<Row>(
    `SELECT ${COLUMNS} FROM knowledge_suggestions WHERE status = 'pending'
     ORDER BY (id > $1) DESC, id LIMIT 1`,
    [afterId ?? 0],
  );
  return rows[0] && toSuggestion(rows[0]);
}

export async function getSuggestion(db: Db, id: number): Promise<Suggestion | undefined> {
  const { rows } = await db.query<Row>(`SELECT ${COLUMNS} FROM knowledge_suggestions WHERE id = $1`, [id]);
  return rows[0] && toSuggestion(rows[0]);
}

export type Decision =
  | { kind: 'decided'; suggestion: Suggestion; entry?: { key: string; label: string } }
  | { kind: 'already'; suggestion: Suggestion }
  | { kind: 'gone' }
  | { kind: 'entry-gone'; suggestion: Suggestion };

/**
 * A coach's decision, taken once: the conditional UPDATE lets only the first of two clicks (or coaches)
 * through. Accepting adds the wording to the entry's phrasings (source 'learned') in the same transaction.
 */
export async function decide(
  db: Db,
  id: number,
  coachKey: string,
  status: 'accepted' | 'rejected',
): Promise<Decision> {
  const outcome = await db
    .tx(async (c): Promise<Decision | undefined> => {
      const { rows } = await c.query<Row>(
        `UPDATE knowledge_suggestions SET status = $2, decided_by = $3, decided_at = now()
       WHERE id = $1 AND status = 'pending' RETURNING ${COLUMNS}`,
        [id, status, coachKey],
      );
      const row = rows[0];
      if (!row) return undefined;
      const suggestion = toSuggestion(row);
      if (status === 'rejected') return { kind: 'decided', suggestion };
      const entry = await c.query<{ id: string; first: string | null }>(
        `SELECT e.id, (SELECT text FROM knowledge_phrasings WHERE entry_id = e.id ORDER BY ord LIMIT 1) AS first
       FROM knowledge_entries e WHERE e.key = $1 ORDER BY e.id LIMIT 1`,
        [suggestion.entryKey],
      );
      const found = entry.rows[0];
      if (!found) throw new EntryGone(suggestion);
      await c.query(
        `INSERT INTO knowledge_phrasings (entry_id, ord, text, lexemes, source)
       SELECT $1, coalesce(max(ord), -1) + 1, $2, tsvector_to_array(to_tsvector('german', $3)), 'learned'
       FROM knowledge_phrasings WHERE entry_id = $1`,
        [found.id, suggestion.question, questionTerms(suggestion.question).join(' ')],
      );
      return { kind: 'decided', suggestion, entry: { key: suggestion.entryKey, label: found.first ?? '' } };
    })
    .catch((err: unknown) => {
      if (err instanceof EntryGone) return { kind: 'entry-gone', suggestion: err.suggestion } as const;
      throw err;
    });
  if (outcome) return outcome;
  const current = await getSuggestion(db, id);
  return current ? { kind: 'already', suggestion: current } : { kind: 'gone' };
}

/** Rolls the decision back: the entry to learn for is no longer in the knowledge base. */
class EntryGone extends Error {
  constructor(readonly suggestion: Suggestion) {
    super('entry gone');
  }
}

/** The learned phrasings with the file they belong to: what `npm run knowledge:export` writes. */
export async function learnedPhrasings(
  db: Db,
): Promise<{ source: string; root: string; key: string; text: string }[]> {
  const { rows } = await db.query<{ source: string; root: string; key: string; text: string }>(
    `SELECT d.source, d.root, e.key, p.text FROM knowledge_phrasings p
     JOIN knowledge_entries e ON e.id = p.entry_id JOIN knowledge_documents d ON d.id = e.document_id
     WHERE p.source = 'learned' ORDER BY d.source, e.key, p.ord`,
  );
  return rows;
}
