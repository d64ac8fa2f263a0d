import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { normalise } from './text.ts';

export interface GlossaryEntry {
  terms: string[];
  definition?: string;
}

/**
 * Abbreviations and synonyms (LoDiLe ↔ Lots*in für digitales Lernen, DLC ↔ Digital Learning Canvas).
 * A question mentioning one term is also searched with the others.
 */
export class Glossary {
  private readonly byTerm = new Map<string, string[]>();
  /** Longest terms first, so "digital learning canvas" wins over "canvas". */
  private readonly terms: string[];
  /** Terms of entries with a definition: concepts the knowledge base explains, not mere translations. */
  private readonly defined = new Set<string>();

  constructor(readonly entries: GlossaryEntry[]) {
    for (const e of entries) {
      const all = [...new Set(e.terms.map((t) => normalise(t)).filter(Boolean))];
      if (e.definition) for (const t of all) this.defined.add(t);
      for (const t of all) {
        const others = all.filter((o) => o !== t);
        this.byTerm.set(t, [...new Set([...(this.byTerm.get(t) ?? []), ...others])]);
      }
    }
    this.terms = [...this.byTerm.keys()].sort((a, b) => b.length - a.length);
  }

  get size(): number {
    return this.entries.length;
  }

  /**
   * Glossary terms found in a (normalised) text, longest first and not overlapping, with their synonyms
   * and the character span they cover.
   */
  find(text: string): { term: string; synonyms: string[]; start: number; end: number }[] {
    const found: { term: string; synonyms: string[]; start: number; end: number }[] = [];
    const taken: boolean[] = [];
    for (const term of this.terms) {
      const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(term)}(?![\\p{L}\\p{N}])`, 'gu');
      for (const m of text.matchAll(re)) {
        const start = m.index;
        const end = start + term.length;
        if (taken.slice(start, end).some(Boolean)) continue;
        for (let i = start; i < end; i++) taken[i] = true;
        found.push({ term, synonyms: this.byTerm.get(term) ?? [], start, end });
      }
    }
    return found.sort((a, b) => a.start - b.start);
  }

  /** The defined concepts a (normalised) text names ("SAMR", "Aktionsgruppe"), not "Rolle" or "Ziele". */
  concepts(text: string): { term: string; start: number; end: number }[] {
    return this.find(text).filter((f) => this.defined.has(f.term));
  }

  static empty(): Glossary {
    return new Glossary([]);
  }

  /** Reads glossary.json from each knowledge folder that has one; a broken file is reported, not fatal. */
  static async load(dirs: string[], onError?: (file: string, err: Error) => void): Promise<Glossary> {
    const entries: GlossaryEntry[] = [];
    for (const dir of dirs) {
      const file = join(dir, 'glossary.json');
      let raw: string;
      try {
        raw = await readFile(file, 'utf8');
      } catch {
        continue;
      }
      try {
        entries.push(...validEntries(JSON.parse(raw)));
      } catch (err) {
        onError?.(file, err as Error);
      }
    }
    return new Glossary(entries);
  }
}

function validEntries(data: unknown): GlossaryEntry[] {
  if (!Array.isArray(data)) throw new Error('glossary.json must be an array of {"terms": [...]}');
  return data.flatMap((e) => {
    const terms = (e as { terms?: unknown })?.terms;
    if (!Array.isArray(terms)) return [];
    const definition = (e as { definition?: unknown }).definition;
    return [
      {
        terms: terms.filter((t): t is string => typeof t === 'string' && t.trim() !== ''),
        definition: typeof definition === 'string' ? definition : undefined,
      },
    ];
  });
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
