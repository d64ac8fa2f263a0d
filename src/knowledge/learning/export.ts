import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Db } from '../../db/index.ts';
import { learnedPhrasings } from './suggestions.ts';

/**
 * Writes the phrasings coaches taught (source 'learned') into the `ask:` lists of their articles' front
 * matter, so they can be committed with the knowledge. Only the new list items are inserted: the rest of
 * the file stays byte for byte as it was (a YAML round trip would reformat quotes, wrapping and comments).
 */
export interface ExportReport {
  written: { source: string; key: string; text: string }[];
  skipped: { source: string; key: string; text: string; reason: string }[];
}

/** `dir`: the knowledge folder to write to; without it each article's own ingest root. */
export async function exportLearned(db: Db, dir?: string): Promise<ExportReport> {
  const report: ExportReport = { written: [], skipped: [] };
  const byFile = new Map<string, { source: string; key: string; text: string }[]>();
  for (const p of await learnedPhrasings(db)) {
    const path = join(dir ?? p.root, p.source);
    byFile.set(path, [...(byFile.get(path) ?? []), p]);
  }
  for (const [path, items] of byFile) {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (err) {
      for (const i of items) report.skipped.push({ ...i, reason: (err as Error).message });
      continue;
    }
    let changed = text;
    const done: typeof items = [];
    for (const item of items) {
      const next = insertPhrasing(changed, item.key, item.text);
      if (typeof next === 'string') {
        changed = next;
        done.push(item);
      } else if (next.reason !== 'present') report.skipped.push({ ...item, reason: next.reason });
    }
    if (changed === text) continue;
    await writeFile(path, changed);
    report.written.push(...done);
  }
  return report;
}

type Outcome = string | { reason: 'present' | 'no front matter' | 'no entry' | 'no ask list' | 'invalid' };

/** The file with `phrasing` appended to the block `ask:` list of entry `key`, or why not. */
export function insertPhrasing(file: string, key: string, phrasing: string): Outcome {
  const eol = file.includes('\r\n') ? '\r\n' : '\n';
  const lines = file.split(eol);
  const close = lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(l));
  if (!/^\uFEFF?---\s*$/.test(lines[0] ?? '') || close < 0) return { reason: 'no front matter' };
  const front = () => lines.slice(1, close).join('\n');
  const asks = entryAsks(front(), key);
  if (!asks) return { reason: 'no entry' };
  if (asks.some((a) => a.trim().toLowerCase() === phrasing.trim().toLowerCase()))
    return { reason: 'present' };

  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const start = lines.findIndex(
    (l, i) => i < close && new RegExp(`^(\\s*)- id:\\s*["']?${escaped}["']?\\s*$`).test(l),
  );
  if (start < 0) return { reason: 'no entry' };
  const itemIndent = /^(\s*)-/.exec(lines[start]!)![1]!.length;
  let ask = -1;
  for (let i = start + 1; i < close; i++) {
    const indent = /^(\s*)/.exec(lines[i]!)![1]!.length;
    if (lines[i]!.trim() && indent <= itemIndent) break; // the next entry or key
    if (/^\s*ask:\s*$/.test(lines[i]!)) {
      ask = i;
      break;
    }
  }
  if (ask < 0) return { reason: 'no ask list' };
  let last = ask;
  let dash = '';
  for (let i = ask + 1; i < close; i++) {
    const m = /^(\s*)- /.exec(lines[i]!);
    if (!m) break;
    last = i;
    dash = m[1]!;
  }
  if (last === ask) return { reason: 'no ask list' };
  lines.splice(last + 1, 0, `${dash}- ${JSON.stringify(phrasing)}`);
  const out = lines.join(eol);
  const check = entryAsks(lines.slice(1, close + 1).join('\n'), key);
  return check?.includes(phrasing) ? out : { reason: 'invalid' };
}

/** The `ask:` list of entry `key` in front matter YAML, or undefined. */
function entryAsks(yaml: string, key: string): string[] | undefined {
  try {
    const data = parse(yaml) as { questions?: { id?: unknown; ask?: unknown }[] } | null;
    const entry = data?.questions?.find((q) => String(q?.id) === key);
    return Array.isArray(entry?.ask) ? entry.ask.map(String) : undefined;
  } catch {
    return undefined;
  }
}
