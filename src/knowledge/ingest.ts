import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import type { Logger } from 'pino';
import type { Db, Queryable } from '../db/index.ts';
import { type Embedder, toVectorLiteral } from './openai.ts';
import {
  type ChunkDraft,
  type EntryDraft,
  isSupported,
  type ParsedDocument,
  parseDocument,
} from './parse.ts';
import { questionTerms, words } from './text.ts';

/** Bump when parsing or chunking changes: every document is then re-ingested once. */
const PIPELINE_VERSION = 'kb-4';
const INGEST_LOCK_KEY = 4_242_002;
export const COACH_ROOT = 'coach-answers';

export interface IngestReport {
  added: string[];
  updated: string[];
  unchanged: string[];
  removed: string[];
  failed: { source: string; error: string }[];
  chunks: number;
  embedded: number;
}

export interface IngestOptions {
  log?: Logger;
  embedder?: Embedder;
  /**
   * The index afterwards holds exactly these roots (plus coach answers): documents from other folders are
   * removed. Used at start-up with KNOWLEDGE_DIR; `npm run ingest <paths>` adds folders without it.
   */
  exclusive?: boolean;
}

interface FoundFile {
  root: string;
  path: string;
  source: string;
}

/**
 * Brings the index in line with the given folders or files: new and changed files are parsed and stored,
 * unchanged ones (same content hash) are skipped, files that disappeared are removed. Safe to run from
 * several instances at once (advisory lock); a broken file is reported and does not stop the others.
 */
export async function ingestPaths(db: Db, paths: string[], opts: IngestOptions = {}): Promise<IngestReport> {
  const report: IngestReport = {
    added: [],
    updated: [],
    unchanged: [],
    removed: [],
    failed: [],
    chunks: 0,
    embedded: 0,
  };
  const roots = paths.map((p) => resolve(p));
  const found: FoundFile[] = [];
  for (const root of roots) found.push(...(await listFiles(root)));

  const keyOf = (root: string, source: string) => `${root}\u0000${source}`;
  const known = new Map(
    (
      await db.query<{ source: string; hash: string; root: string }>(
        'SELECT source, hash, root FROM knowledge_documents',
      )
    ).rows.map((r) => [keyOf(r.root, r.source), r.hash]),
  );

  const parsed: { file: FoundFile; hash: string; doc: ParsedDocument }[] = [];
  for (const file of found) {
    try {
      const bytes = await readFile(file.path);
      const hash = createHash('sha256').update(PIPELINE_VERSION).update(bytes).digest('hex');
      if (known.get(keyOf(file.root, file.source)) === hash) {
        report.unchanged.push(file.source);
        continue;
      }
      const doc = await parseDocument(file.path, bytes);
      parsed.push({ file, hash, doc });
    } catch (err) {
      report.failed.push({ source: file.source, error: (err as Error).message });
      opts.log?.warn({ source: file.source, err: (err as Error).message }, 'knowledge file skipped');
    }
  }

  // Files that failed to parse keep their previous version rather than vanishing.
  const seen = new Set(found.map((f) => keyOf(f.root, f.source)));
  await db.tx(async (c) => {
    await c.query('SELECT pg_advisory_xact_lock($1)', [INGEST_LOCK_KEY]);
    for (const { file, hash, doc } of parsed) {
      const current = await c.query<{ hash: string }>(
        'SELECT hash FROM knowledge_documents WHERE root = $1 AND source = $2',
        [file.root, file.source],
      );
      const before = current.rows[0];
      if (before?.hash === hash) {
        report.unchanged.push(file.source);
        continue;
      }
      await storeDocument(c, { source: file.source, root: file.root, hash, ...doc });
      (before ? report.updated : report.added).push(file.source);
      report.chunks += doc.chunks.length;
    }
    const rows = (
      await c.query<{ id: string; source: string; root: string }>(
        'SELECT id, source, root FROM knowledge_documents WHERE root <> $1',
        [COACH_ROOT],
      )
    ).rows;
    for (const r of rows) {
      const gone = roots.includes(r.root) ? !seen.has(keyOf(r.root, r.source)) : opts.exclusive === true;
      if (!gone) continue;
      await c.query('DELETE FROM knowledge_documents WHERE id = $1', [r.id]);
      report.removed.push(r.source);
    }
    if (report.added.length || report.updated.length || report.removed.length) await refreshStatistics(c);
  });

  if (opts.embedder) {
    try {
      report.embedded = await embedMissing(db, opts.embedder, opts.log);
    } catch (err) {
      opts.log?.warn({ err: (err as Error).message }, 'embeddings failed; lexical search still works');
    }
  }
  opts.log?.info(
    {
      added: report.added.length,
      updated: report.updated.length,
      unchanged: report.unchanged.length,
      removed: report.removed.length,
      failed: report.failed.length,
      embedded: report.embedded,
    },
    'knowledge base ingested',
  );
  return report;
}

/** Stores one entry that is not a file (a coach's answer kept as knowledge). */
export async function storeEntry(
  db: Db,
  entry: { source: string; title: string; body: string; embedder?: Embedder; log?: Logger },
): Promise<void> {
  const hash = createHash('sha256').update(entry.body).digest('hex');
  await db.tx(async (c) => {
    await c.query('SELECT pg_advisory_xact_lock($1)', [INGEST_LOCK_KEY]);
    await storeDocument(c, {
      source: entry.source,
      root: COACH_ROOT,
      hash,
      title: entry.title,
      chunks: [{ title: entry.title, heading: entry.title, body: entry.body }],
    });
    await refreshStatistics(c);
  });
  if (entry.embedder) {
    await embedMissing(db, entry.embedder, entry.log).catch((err) =>
      entry.log?.warn({ err: (err as Error).message }, 'embedding of a coach answer failed'),
    );
  }
}

async function storeDocument(
  c: Queryable,
  d: ParsedDocument & { source: string; root: string; hash: string; chunks: ChunkDraft[] },
): Promise<void> {
  // Phrasings a coach taught (source 'learned') belong to no file: they outlive the document's rows.
  const learned = (
    await c.query<{ key: string; text: string }>(
      `SELECT e.key, p.text FROM knowledge_phrasings p
       JOIN knowledge_entries e ON e.id = p.entry_id JOIN knowledge_documents d ON d.id = e.document_id
       WHERE d.root = $1 AND d.source = $2 AND p.source = 'learned' ORDER BY p.ord`,
      [d.root, d.source],
    )
  ).rows;
  await c.query('DELETE FROM knowledge_documents WHERE root = $1 AND source = $2', [d.root, d.source]);
  const { rows } = await c.query<{ id: string }>(
    `INSERT INTO knowledge_documents (source, root, title, url, chapter, hash)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [d.source, d.root, d.title, d.url ?? null, d.chapter ?? null, d.hash],
  );
  if (!d.chunks.length) return;
  await c.query(
    `INSERT INTO knowledge_chunks (document_id, source, ord, title, heading, url, body, tsv)
     SELECT $8, $1, t.ord, t.title, t.heading, $2, t.body,
            setweight(to_tsvector('german', t.heading), 'A') ||
            setweight(to_tsvector('german', $3), 'B') ||
            setweight(to_tsvector('german', t.body), 'D')
     FROM unnest($4::int[], $5::text[], $6::text[], $7::text[]) AS t(ord, title, heading, body)`,
    [
      d.source,
      d.url ?? null,
      d.title,
      d.chunks.map((_, i) => i),
      d.chunks.map((ch) => ch.title),
      d.chunks.map((ch) => ch.heading),
      d.chunks.map((ch) => ch.body),
      rows[0]!.id,
    ],
  );
  await storeEntries(c, rows[0]!.id, d.entries ?? [], learned);
}

/**
 * The curated entries of a document and their phrasings, each phrasing stemmed like a question (German
 * snowball of its content words). The document's old entries went with its row (ON DELETE CASCADE).
 */
async function storeEntries(
  c: Queryable,
  documentId: string,
  entries: EntryDraft[],
  learned: { key: string; text: string }[] = [],
): Promise<void> {
  if (!entries.length) return;
  const { rows } = await c.query<{ id: string; key: string }>(
    `INSERT INTO knowledge_entries (document_id, key, type, section, answer, answer_en, related)
     SELECT $1, t.key, t.type, t.section, t.answer, t.answer_en, ARRAY(SELECT jsonb_array_elements_text(t.related))
     FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[])
          AS t(key, type, section, answer, answer_en, related)
     RETURNING id, key`,
    [
      documentId,
      entries.map((e) => e.key),
      entries.map((e) => e.type),
      entries.map((e) => e.section),
      entries.map((e) => e.answer),
      entries.map((e) => e.answerEn ?? null),
      entries.map((e) => JSON.stringify(e.related)),
    ],
  );
  const idOf = new Map(rows.map((r) => [r.key, r.id]));
  const phrasings = entries.flatMap((e) =>
    e.ask.map((text, ord) => ({ entry: idOf.get(e.key)!, ord, text, source: 'file' })),
  );
  // Learned phrasings follow the file's, unless the entry is gone or the file now holds them (exported).
  for (const l of learned) {
    const e = entries.find((x) => x.key === l.key);
    const same = (t: string) => t.trim().toLowerCase() === l.text.trim().toLowerCase();
    if (!e || e.ask.some(same) || phrasings.some((p) => p.entry === idOf.get(e.key) && same(p.text)))
      continue;
    const ord = phrasings.filter((p) => p.entry === idOf.get(e.key)).length;
    phrasings.push({ entry: idOf.get(e.key)!, ord, text: l.text, source: 'learned' });
  }
  await c.query(
    `INSERT INTO knowledge_phrasings (entry_id, ord, text, lexemes, source)
     SELECT t.entry, t.ord, t.text, tsvector_to_array(to_tsvector('german', t.terms)), t.source
     FROM unnest($1::bigint[], $2::int[], $3::text[], $4::text[], $5::text[]) AS t(entry, ord, text, terms, source)`,
    [
      phrasings.map((p) => p.entry),
      phrasings.map((p) => p.ord),
      phrasings.map((p) => p.text),
      phrasings.map((p) => questionTerms(p.text).join(' ')),
      phrasings.map((p) => p.source),
    ],
  );
}

/**
 * Corpus statistics used by retrieval: the vocabulary for spelling correction (trigram similarity) and the
 * document frequency of every stemmed word. Runs after every change to the chunks.
 */
export async function refreshStatistics(c: Queryable): Promise<void> {
  await c.query('DELETE FROM knowledge_lexemes');
  await c.query(
    `INSERT INTO knowledge_lexemes (lexeme, df) SELECT word, ndoc FROM ts_stat('SELECT tsv FROM knowledge_chunks')`,
  );
  const df = new Map<string, number>();
  // Curated phrasings count too: a misspelt colloquial word is corrected to the phrasing's ("gemacht").
  const { rows } = await c.query<{ text: string }>(
    `SELECT title || ' ' || body AS text FROM knowledge_chunks UNION ALL SELECT text FROM knowledge_phrasings`,
  );
  for (const r of rows) {
    for (const w of new Set(words(r.text))) {
      if (w.length >= 4 && w.length <= 60) df.set(w, (df.get(w) ?? 0) + 1);
    }
  }
  await c.query('DELETE FROM knowledge_words');
  const entries = [...df];
  for (let i = 0; i < entries.length; i += 5000) {
    const batch = entries.slice(i, i + 5000);
    await c.query('INSERT INTO knowledge_words (word, df) SELECT * FROM unnest($1::text[], $2::int[])', [
      batch.map((e) => e[0]),
      batch.map((e) => e[1]),
    ]);
  }
}

/** Computes embeddings for chunks that have none (or one from another model). Returns how many. */
async function embedMissing(db: Db, embedder: Embedder, log?: Logger): Promise<number> {
  if (!db.vector) return 0;
  let done = 0;
  for (;;) {
    const { rows } = await db.query<{ id: string; title: string; body: string }>(
      `SELECT id, title, body FROM knowledge_chunks
       WHERE embedding IS NULL OR embedding_model IS DISTINCT FROM $1 ORDER BY id LIMIT 64`,
      [embedder.model],
    );
    if (!rows.length) return done;
    const vectors = await embedder.embed(rows.map((r) => `${r.title}\n${r.body}`));
    for (const [i, r] of rows.entries()) {
      await db.query(
        'UPDATE knowledge_chunks SET embedding = $2::vector, embedding_model = $3 WHERE id = $1',
        [r.id, toVectorLiteral(vectors[i] ?? []), embedder.model],
      );
    }
    done += rows.length;
    log?.debug({ done }, 'embeddings stored');
  }
}

/** Supported files under a folder (recursively, skipping hidden ones), or the file itself. */
async function listFiles(root: string): Promise<FoundFile[]> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(root);
  } catch {
    return [];
  }
  if (info.isFile()) {
    return isSupported(root) ? [{ root, path: root, source: root.split(sep).at(-1)! }] : [];
  }
  const out: FoundFile[] = [];
  const walk = async (dir: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile() && isSupported(entry.name)) {
        out.push({ root, path: full, source: relative(root, full).split(sep).join('/') });
      }
    }
  };
  await walk(root);
  return out.sort((a, b) => a.source.localeCompare(b.source));
}
