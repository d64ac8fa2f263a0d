/**
 * Retrieval latency on the embedded database: the knowledge base as shipped, and a corpus scaled ×100 with
 * synthetic copies of every chunk. Questions: the development set (if present) and our held-out questions.
 * Usage: node --import tsx bench/knowledge.ts [--scale 100] [--rounds 3]
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openDb } from '../src/db/index.ts';
import { migrate } from '../src/db/migrate.ts';
import { knowledgeDirs } from '../src/knowledge/capability.ts';
import { parseQuestions } from '../src/knowledge/eval.ts';
import { Glossary } from '../src/knowledge/glossary.ts';
import { ingestPaths, refreshStatistics } from '../src/knowledge/ingest.ts';
import { KnowledgeBase } from '../src/knowledge/search.ts';
import { synonymsForKnowledge } from '../src/knowledge/thesaurus.ts';

const { values } = parseArgs({
  options: { scale: { type: 'string', default: '100' }, rounds: { type: 'string', default: '3' } },
});
const scale = Math.max(2, Number(values.scale) || 100);
const rounds = Math.max(1, Number(values.rounds) || 3);
const dirs = knowledgeDirs(process.env.KNOWLEDGE_DIR ?? './knowledge');
const questionFiles = [
  '../shared/eval/questions.dev.jsonl',
  'test/fixtures/knowledge-heldout.jsonl',
  'test/fixtures/knowledge-fresh-tune.jsonl',
].filter(existsSync);
const questions = questionFiles
  .flatMap((f) => parseQuestions(readFileSync(f, 'utf8')))
  .map((q) => q.question);
if (!questions.length) questions.push('Wie oft findet die virtuelle Sprechstunde statt?');

const db = await openDb({ dataDir: 'memory://' });
await migrate(db);
const startedIngest = performance.now();
const report = await ingestPaths(db, dirs, { exclusive: true });
const ingestMs = performance.now() - startedIngest;
const kb = new KnowledgeBase(db, { glossary: await Glossary.load(dirs) });
kb.setSynonyms((await synonymsForKnowledge(db, process.env.THESAURUS ?? '')).synonyms);

async function measure(label: string): Promise<void> {
  const chunks = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM knowledge_chunks')).rows[0]!
    .n;
  for (const q of questions) await kb.retrieve(q); // warm-up: plans, caches, JIT
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of questions) {
      const t = performance.now();
      await kb.retrieve(q);
      times.push(performance.now() - t);
    }
  }
  times.sort((a, b) => a - b);
  const pct = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
  const entries = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM knowledge_phrasings'))
    .rows[0]!.n;
  console.log(
    `${label.padEnd(22)} ${String(entries).padStart(6)} phrasings ${String(chunks).padStart(6)} chunks  ${String(times.length).padStart(4)} queries  ` +
      `p50 ${pct(0.5).toFixed(1).padStart(6)} ms  p95 ${pct(0.95).toFixed(1).padStart(6)} ms  max ${times.at(-1)!.toFixed(1)} ms`,
  );
}

console.log(
  `knowledge retrieval (embedded PGlite, lexical + trigram + curated question layer; ingest of ${report.added.length} files ${ingestMs.toFixed(0)} ms)`,
);
await measure('as shipped');

// Synthetic copies: every document and chunk (scale - 1) more times under another source name.
await db.tx(async (c) => {
  await c.query(
    `INSERT INTO knowledge_documents (root, source, title, url, chapter, hash)
     SELECT 'bench-copy-' || n, source, title, url, chapter, hash
     FROM knowledge_documents CROSS JOIN generate_series(2, $1) AS n`,
    [scale],
  );
  await c.query(
    `INSERT INTO knowledge_chunks (document_id, source, ord, title, heading, url, body, tsv)
     SELECT copy.id, c.source, c.ord, c.title, c.heading, c.url, c.body, c.tsv
     FROM knowledge_chunks c
     JOIN knowledge_documents orig ON orig.id = c.document_id
     JOIN knowledge_documents copy ON copy.source = orig.source AND copy.root LIKE 'bench-copy-%'`,
  );
  // The curated question layer is copied too: every query also matches (scale ×) its phrasings.
  await c.query(
    `INSERT INTO knowledge_entries (document_id, key, type, section, answer, answer_en, related)
     SELECT copy.id, e.key, e.type, e.section, e.answer, e.answer_en, e.related
     FROM knowledge_entries e
     JOIN knowledge_documents orig ON orig.id = e.document_id
     JOIN knowledge_documents copy ON copy.source = orig.source AND copy.root LIKE 'bench-copy-%'`,
  );
  await c.query(
    `INSERT INTO knowledge_phrasings (entry_id, ord, text, lexemes)
     SELECT copy.id, p.ord, p.text, p.lexemes
     FROM knowledge_phrasings p
     JOIN knowledge_entries orig ON orig.id = p.entry_id
     JOIN knowledge_entries copy ON copy.key = orig.key AND copy.id <> orig.id`,
  );
  await refreshStatistics(c);
  await c.query('ANALYZE knowledge_chunks');
});
await measure(`scaled ×${scale}`);
await db.close();
