import type { Queryable } from '../db/index.ts';
import { EnglishIndex, englishLexemes } from './english.ts';
import { formAdjusted, questionForm } from './question-form.ts';
import { looksEnglish } from './text.ts';

export { questionForm } from './question-form.ts';

/**
 * The curated question layer (issue 11) at query time: every entry's phrasings as sets of German-stemmed
 * terms (stored at ingest, see ingest.ts), matched against the question's term groups as retrieval builds
 * them – the same stemming, compound prefixes, glossary synonyms and spelling corrections as for passages.
 */

/** A term group of the question, as query-terms.ts builds it: alternatives as a tsquery, and its weight. */
export interface QueryTerm {
  tsquery: string;
  /** IDF × weight × importance: what the term says about the question. */
  weight: number;
}

export interface CuratedEntry {
  id: string;
  key: string;
  type: string;
  section: string;
  answer: string;
  answerEn?: string;
  documentId: string;
  source: string;
  /** Its question as a button label: the first German and the first English phrasing. */
  label: { de: string; en: string };
  /** Follow-ups: the related entries that exist, with a German and an English label (their first phrasings). */
  related: { key: string; de: string; en: string }[];
}

export interface EntryMatch {
  entry: CuratedEntry;
  /** 0..1: how well the best phrasing and the question cover each other (see score). */
  score: number;
  phrasing: string;
  /** Share of the question's term weight in the phrasing, and of the phrasing's in the question. */
  asked: number;
  own: number;
}

interface Phrasing {
  entry: CuratedEntry;
  text: string;
  lexemes: string[];
  /** IDF of each lexeme. */
  idf: number[];
  mass: number;
  type?: string;
}

/** Weight of the question's side in a phrasing's score (geometric mean), and the least share it must have. */
const ASKED_EXPONENT = 0.7;
const MIN_ASKED = 0.5;
/** A group of alternatives (a glossary phrase) counts as found when this share of its words is. */
const PHRASE_SHARE = 0.5;

/** The alternatives of a group's tsquery: each a list of lexemes, a single word possibly as a prefix. */
function alternatives(tsquery: string): { lexeme: string; prefix: boolean }[][] {
  return tsquery
    .split(' | ')
    .map((alt) =>
      [...alt.matchAll(/'((?:[^']|'')+)'(:\*)?/g)].map((m) => ({
        lexeme: m[1]!.replace(/''/g, "'"),
        prefix: Boolean(m[2]),
      })),
    )
    .filter((a) => a.length > 0);
}

export interface MatchOptions {
  /** The least share of the question a phrasing must hold (default MIN_ASKED). */
  minAsked?: number;
  /** Every lexeme of a phrasing weighs the same (plain token overlap; the caller weighs the question's terms). */
  uniform?: boolean;
}

export class EntryIndex {
  /** Lexeme → the phrasings holding it: a question is only compared with phrasings sharing a term. */
  private readonly postings = new Map<string, number[]>();
  /** The postings' lexemes, sorted: a prefix ("digital:*") is a range found by binary search. */
  private readonly sorted: string[];

  private constructor(
    private readonly phrasings: Phrasing[],
    readonly byKey: Map<string, CuratedEntry>,
    /** The entries' English side, for English questions (english.ts). */
    readonly english: EnglishIndex,
  ) {
    phrasings.forEach((p, i) => {
      for (const l of new Set(p.lexemes)) {
        const list = this.postings.get(l);
        if (list) list.push(i);
        else this.postings.set(l, [i]);
      }
    });
    this.sorted = [...this.postings.keys()].sort();
  }

  /** The phrasings holding a lexeme, or (prefix) one starting with it. */
  private holding(lexeme: string, prefix: boolean): number[] {
    if (!prefix) return this.postings.get(lexeme) ?? [];
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid]! < lexeme) lo = mid + 1;
      else hi = mid;
    }
    const out: number[] = [];
    for (let i = lo; i < this.sorted.length && this.sorted[i]!.startsWith(lexeme); i++) {
      out.push(...this.postings.get(this.sorted[i]!)!);
    }
    return out;
  }

  /**
   * The phrasings that can hold `least` of the question's weight: each group counts for a phrasing that
   * holds any of its alternatives' lexemes (an upper bound of what match() finds), so the many phrasings
   * sharing one common word ("lernen") are never scored.
   */
  private candidates(
    alts: { lexeme: string; prefix: boolean }[][][],
    terms: QueryTerm[],
    least: number,
  ): Phrasing[] {
    const bound = new Map<number, number>();
    alts.forEach((groupAlts, gi) => {
      const hit = new Set<number>();
      for (const { lexeme, prefix } of groupAlts.flat())
        for (const i of this.holding(lexeme, prefix)) hit.add(i);
      for (const i of hit) bound.set(i, (bound.get(i) ?? 0) + terms[gi]!.weight);
    });
    return [...bound]
      .filter(([, b]) => b >= least)
      .map(([i]) => i)
      .sort((a, b) => a - b)
      .map((i) => this.phrasings[i]!);
  }

  get size(): number {
    return this.byKey.size;
  }

  static async load(db: Queryable, total: number): Promise<EntryIndex> {
    const { rows: entries } = await db.query<{
      id: string;
      key: string;
      type: string;
      section: string;
      answer: string;
      answer_en: string | null;
      related: string[];
      document_id: string;
      source: string;
    }>(
      `SELECT e.id, e.key, e.type, e.section, e.answer, e.answer_en, e.related, e.document_id, d.source
       FROM knowledge_entries e JOIN knowledge_documents d ON d.id = e.document_id ORDER BY e.id`,
    );
    const { rows: phrasings } = await db.query<{ entry_id: string; text: string; lexemes: string[] }>(
      'SELECT entry_id, text, lexemes FROM knowledge_phrasings ORDER BY entry_id, ord',
    );
    const lexemes = [...new Set(phrasings.flatMap((p) => p.lexemes))];
    const df = new Map<string, number>();
    if (lexemes.length) {
      const { rows } = await db.query<{ lexeme: string; df: number }>(
        'SELECT lexeme, df FROM knowledge_lexemes WHERE lexeme = ANY($1::text[])',
        [lexemes],
      );
      for (const r of rows) df.set(r.lexeme, Number(r.df));
    }
    // The same IDF as for the question's words (BM25's, see query-terms.ts setIdf).
    const idf = (l: string) => {
      const n = df.get(l) ?? 0;
      return Math.log(1 + (total - n + 0.5) / (n + 0.5));
    };
    const byId = new Map<string, CuratedEntry>();
    const byKey = new Map<string, CuratedEntry>();
    for (const e of entries) {
      const entry: CuratedEntry = {
        id: String(e.id),
        key: e.key,
        type: e.type,
        section: e.section,
        answer: e.answer,
        answerEn: e.answer_en ?? undefined,
        documentId: String(e.document_id),
        source: e.source,
        label: { de: '', en: '' },
        related: [],
      };
      byId.set(entry.id, entry);
      if (!byKey.has(entry.key)) byKey.set(entry.key, entry);
    }
    const asks = new Map<string, string[]>();
    const list: Phrasing[] = [];
    for (const p of phrasings) {
      const entry = byId.get(String(p.entry_id));
      if (!entry) continue;
      asks.set(entry.id, [...(asks.get(entry.id) ?? []), p.text]);
      const weights = p.lexemes.map(idf);
      list.push({
        entry,
        text: p.text,
        lexemes: p.lexemes,
        idf: weights,
        mass: weights.reduce((s, w) => s + w, 0),
        type: questionForm(p.text) ?? entry.type,
      });
    }
    for (const entry of byId.values()) {
      const texts = asks.get(entry.id) ?? [];
      const de = texts.find((t) => !looksEnglish(t)) ?? texts[0] ?? entry.key;
      entry.label = { de: label(de), en: label(texts.find((t) => looksEnglish(t)) ?? de) };
    }
    for (const e of entries) {
      const entry = byId.get(String(e.id))!;
      for (const key of e.related ?? []) {
        const other = byKey.get(key);
        if (!other || other === entry || entry.related.some((r) => r.key === key)) continue;
        entry.related.push({ key: other.key, ...other.label });
      }
    }
    // Each entry's English side: its English phrasings and its English answer.
    const all = [...byId.values()];
    const englishAsks = all.map((entry) => (asks.get(entry.id) ?? []).filter(looksEnglish));
    const stemmed = await englishLexemes(db, [...englishAsks.flat(), ...all.map((e) => e.answerEn ?? '')]);
    let at = 0;
    const phrasingsOf = englishAsks.map((texts) =>
      texts.map((text) => ({ text, lexemes: stemmed[at++]!, type: questionForm(text) })),
    );
    const docs = all.map((entry, i) => ({ entry, phrasings: phrasingsOf[i]!, answer: stemmed[at++]! }));
    return new EntryIndex(list, byKey, new EnglishIndex(docs));
  }

  /**
   * The best entries for a question: per phrasing, the share of the question's term weight it contains and
   * the share of its own term weight the question contains, as a weighted geometric mean (so neither a long
   * phrasing nor a long question wins by being long), adjusted by the question form; per entry its best phrasing.
   */
  match(question: string, terms: QueryTerm[], limit = 3, opts: MatchOptions = {}): EntryMatch[] {
    const minAsked = opts.minAsked ?? MIN_ASKED;
    const used = terms.filter((t) => t.tsquery && t.weight > 0);
    const mass = used.reduce((s, t) => s + t.weight, 0);
    if (!mass || !this.phrasings.length) return [];
    const alts = used.map((t) => alternatives(t.tsquery));
    const form = questionForm(question);
    const best = new Map<CuratedEntry, EntryMatch>();
    // A phrasing below minAsked of the question is skipped in the loop anyway (tiny slack for rounding).
    const least = minAsked * mass * (1 - 1e-9);
    for (const p of this.candidates(alts, used, least)) {
      const matched = new Set<number>();
      let found = 0;
      used.forEach((t, gi) => {
        let share = 0;
        let hits: number[] = [];
        for (const alt of alts[gi]!) {
          const at = alt.map(({ lexeme, prefix }) =>
            p.lexemes.findIndex((l) => l === lexeme || (prefix && l.startsWith(lexeme))),
          );
          const s = at.filter((i) => i >= 0).length / alt.length;
          if (s > share) {
            share = s;
            hits = at.filter((i) => i >= 0);
          }
        }
        if (share < PHRASE_SHARE) return;
        found += t.weight * share;
        for (const i of hits) matched.add(i);
      });
      if (!found || !p.mass) continue;
      const own = opts.uniform
        ? matched.size / p.lexemes.length
        : [...matched].reduce((s, i) => s + p.idf[i]!, 0) / p.mass;
      const asked = found / mass;
      // The question must be covered above all: a short phrasing found inside a longer question ("Was ist
      // CoDiLe?" in "Welche Aufgaben haben CoDiLe in der Community?") answers only part of it.
      if (asked < minAsked) continue;
      const score = formAdjusted(asked ** ASKED_EXPONENT * own ** (1 - ASKED_EXPONENT), form, p.type);
      const prev = best.get(p.entry);
      if (!prev || score > prev.score)
        best.set(p.entry, { entry: p.entry, score, phrasing: p.text, asked, own });
    }
    return [...best.values()].sort((a, b) => b.score - a.score).slice(0, limit);
  }
}

/** A phrasing as a button label: capitalised, with its question mark. */
function label(text: string): string {
  const t = text.trim().replace(/\s+/g, ' ');
  const first = t.charAt(0).toUpperCase() + t.slice(1);
  return /[?!.]$/.test(first) ? first : `${first}?`;
}
