import { mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/index.ts';
import { COACH_ROOT, ingestPaths, storeEntry } from '../src/knowledge/ingest.ts';
import { parseDocument } from '../src/knowledge/parse.ts';
import { KnowledgeBase } from '../src/knowledge/search.ts';
import { createTestDb } from './support/db.ts';
import { minimalPdf } from './support/knowledge-pdf.ts';

const LONG_SECTION = Array.from(
  { length: 30 },
  (_, i) =>
    `Absatz ${i + 1}: Die Kalibrierung der Drucksensoren erfolgt in Schritt ${i + 1} mit Referenzgewicht.`,
).join('\n\n');

let db: Db;
let dir: string;
let otherDir: string;

async function chunks() {
  return (
    await db.query<{ id: string; source: string; title: string; url: string | null; body: string }>(
      'SELECT id, source, title, url, body FROM knowledge_chunks ORDER BY source, ord',
    )
  ).rows;
}

beforeAll(async () => {
  db = await createTestDb();
  dir = await mkdtemp(join(tmpdir(), 'kb-ingest-'));
  otherDir = await mkdtemp(join(tmpdir(), 'kb-other-'));
  await writeFile(
    join(dir, 'messtechnik.md'),
    `---\ntitle: Messtechnik im Betrieb\nchapter: Kapitel 9\nurl: https://example.org/messtechnik\n---\n# Messtechnik im Betrieb\n\nEinleitung zur Messtechnik.\n\n## Wer prüft die Sensoren?\nDie Sensoren prüft das Qualitätsteam jeden Montag.\n\n## Wie wird kalibriert?\n${LONG_SECTION}\n`,
  );
  await writeFile(
    join(dir, 'notiz.txt'),
    'Hinweise zur Werkstatt\nDie Werkstatt ist freitags bis 14 Uhr geöffnet.\n\nWerkzeug bitte im Schrank B ablegen.',
  );
  await writeFile(
    join(dir, 'seite.html'),
    '<html><head><title>Leitfaden Schulung</title><script>var x = 1;</script></head><body><nav>Menü</nav><h1>Leitfaden Schulung</h1><p>Allgemeines.</p><h2>Wann beginnt die Schulung?</h2><p>Die Schulung beginnt um <b>8:30 Uhr</b> im Raum Kepler.</p><h2>Was bringe ich mit?</h2><ul><li>Laptop</li><li>Sicherheitsschuhe</li></ul></body></html>',
  );
  await writeFile(
    join(dir, 'richtlinie.pdf'),
    minimalPdf(
      [
        ['Förderrichtlinie Sensorik', 'Die Zuwendung beträgt höchstens 5000 Euro je Vorhaben.'],
        ['Anträge bis März stellen.'],
      ],
      'Förderrichtlinie',
    ),
  );
  await writeFile(join(dir, 'kaputt.pdf'), 'das ist kein PDF');
  await writeFile(join(dir, 'bild.png'), 'not ingested');
  await writeFile(
    join(otherDir, 'cluster.md'),
    '# Eigener Cluster\n\n## Wer leitet den Cluster?\nDen Cluster leitet Frau Beispiel.\n',
  );
});

afterAll(async () => {
  await db?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  if (otherDir) await rm(otherDir, { recursive: true, force: true });
});

describe('knowledge ingestion', () => {
  it('ingests Markdown, text, HTML and PDF into heading-aware chunks and reports broken files', async () => {
    const report = await ingestPaths(db, [dir], { exclusive: true });
    expect(report.added.sort()).toEqual(['messtechnik.md', 'notiz.txt', 'richtlinie.pdf', 'seite.html']);
    expect(report.failed.map((f) => f.source)).toEqual(['kaputt.pdf']);
    expect(report.failed[0]!.error).toMatch(/PDF/);

    const all = await chunks();
    const md = all.filter((c) => c.source === 'messtechnik.md');
    expect(md[0]).toMatchObject({ title: 'Messtechnik im Betrieb', url: 'https://example.org/messtechnik' });
    expect(md[1]).toMatchObject({ title: 'Messtechnik im Betrieb › Wer prüft die Sensoren?' });
    expect(md[1]!.body).toBe('Die Sensoren prüft das Qualitätsteam jeden Montag.');
    // The long section is split, each part keeps its section path.
    const long = md.filter((c) => c.title.startsWith('Messtechnik im Betrieb › Wie wird kalibriert?'));
    expect(long.length).toBeGreaterThan(1);
    for (const c of long) expect(c.body.length).toBeLessThanOrEqual(1200);
    expect(long.map((c) => c.body).join('\n')).toContain('Absatz 30');

    const html = all.filter((c) => c.source === 'seite.html');
    expect(html.map((c) => c.title)).toEqual([
      'Leitfaden Schulung',
      'Leitfaden Schulung › Wann beginnt die Schulung?',
      'Leitfaden Schulung › Was bringe ich mit?',
    ]);
    expect(html[1]!.body).toContain('8:30 Uhr');
    expect(html.map((c) => c.body).join(' ')).not.toMatch(/var x|Menü/);

    const txt = all.filter((c) => c.source === 'notiz.txt');
    expect(txt[0]).toMatchObject({ title: 'Hinweise zur Werkstatt' });
    expect(txt[0]!.body).toContain('freitags bis 14 Uhr');

    const pdf = all.filter((c) => c.source === 'richtlinie.pdf');
    expect(pdf.map((c) => c.title)).toEqual(['Förderrichtlinie › Seite 1', 'Förderrichtlinie › Seite 2']);
    expect(pdf[0]!.body).toContain('höchstens 5000 Euro');
  });

  it('finds content of every format by search', async () => {
    const kb = new KnowledgeBase(db);
    expect((await kb.search('Wie hoch ist die Zuwendung?'))[0]?.source).toBe('richtlinie.pdf');
    expect((await kb.search('Wann beginnt die Schulung?'))[0]?.source).toBe('seite.html');
    expect((await kb.search('Wann ist die Werkstatt geöffnet?'))[0]?.source).toBe('notiz.txt');
    expect((await kb.search('Wer prüft die Sensoren?'))[0]?.title).toBe(
      'Messtechnik im Betrieb › Wer prüft die Sensoren?',
    );
  });

  it('re-ingests idempotently: unchanged files keep their chunks', async () => {
    const before = await chunks();
    const report = await ingestPaths(db, [dir], { exclusive: true });
    expect(report.added).toEqual([]);
    expect(report.updated).toEqual([]);
    expect(report.removed).toEqual([]);
    expect(report.unchanged.sort()).toEqual(['messtechnik.md', 'notiz.txt', 'richtlinie.pdf', 'seite.html']);
    expect(await chunks()).toEqual(before);
  });

  it('re-ingests only what changed, and removes deleted files from the index', async () => {
    await writeFile(
      join(dir, 'notiz.txt'),
      'Hinweise zur Werkstatt\nDie Werkstatt ist ab sofort samstags geöffnet.',
    );
    await unlink(join(dir, 'seite.html'));
    const report = await ingestPaths(db, [dir], { exclusive: true });
    expect(report.updated).toEqual(['notiz.txt']);
    expect(report.removed).toEqual(['seite.html']);
    expect(report.unchanged.sort()).toEqual(['messtechnik.md', 'richtlinie.pdf']);

    const kb = new KnowledgeBase(db);
    const werkstatt = await kb.search('Wann ist die Werkstatt geöffnet?');
    expect(werkstatt[0]?.text).toContain('samstags');
    expect(werkstatt.map((p) => p.text).join(' ')).not.toContain('freitags');
    const schulung = await kb.search('Wann beginnt die Schulung im Raum Kepler?');
    expect(schulung.every((p) => p.source !== 'seite.html')).toBe(true);
  });

  it('lets a cluster point the index at its own folder; coach answers survive', async () => {
    await storeEntry(db, {
      source: `${COACH_ROOT}/1`,
      title: 'Antwort eines CoDiLe › Parkplatz',
      body: 'Parken Sie auf P3.',
    });
    const added = await ingestPaths(db, [otherDir]);
    expect(added.added).toEqual(['cluster.md']);
    expect(added.removed).toEqual([]); // without exclusive the first folder stays

    const exclusive = await ingestPaths(db, [otherDir], { exclusive: true });
    expect(exclusive.removed.sort()).toEqual(['messtechnik.md', 'notiz.txt', 'richtlinie.pdf']);
    const sources = (
      await db.query<{ source: string }>('SELECT DISTINCT source FROM knowledge_chunks ORDER BY 1')
    ).rows.map((r) => r.source);
    expect(sources).toEqual(['cluster.md', `${COACH_ROOT}/1`]);
    const kb = new KnowledgeBase(db);
    expect((await kb.search('Wer leitet den Cluster?'))[0]?.text).toContain('Frau Beispiel');
    expect((await kb.search('Wo kann ich parken?'))[0]?.source).toBe(`${COACH_ROOT}/1`);
  });
});

describe('Markdown front matter', () => {
  const front =
    '---\ntitle: Messtechnik im Betrieb\nchapter: Kapitel 9\nurl: https://example.org/messtechnik\n---\n';
  const body = '# Messtechnik\n\n## Wer prüft die Sensoren?\nDas Qualitätsteam, jeden Montag.\n';
  const parse = (text: string) => parseDocument('messtechnik.md', new TextEncoder().encode(text));

  it('is read after a BOM, blank lines or indentation, and never indexed as a passage', async () => {
    for (const [how, text] of [
      ['at the start', front + body],
      ['after a blank line', `\n${front}${body}`],
      ['after a BOM', `\uFEFF${front}${body}`],
      ['after a BOM and blank lines', `\uFEFF\n  \n${front}${body}`],
      ['with Windows line ends after a blank line', `\n${front}${body}`.replace(/\n/g, '\r\n')],
      ['indented', `  ${front}${body}`],
    ]) {
      const doc = await parse(text!);
      expect(doc, how).toMatchObject({
        title: 'Messtechnik im Betrieb',
        chapter: 'Kapitel 9',
        url: 'https://example.org/messtechnik',
      });
      expect(
        doc.chunks.map((c) => c.body),
        how,
      ).toEqual(['Das Qualitätsteam, jeden Montag.']);
    }
  });

  it('is only a block at the very start: a rule opening the text or a later block stays text', async () => {
    const rule = await parse('---\n\nDie Werkstatt ist freitags geöffnet.\n');
    expect(rule.chunks.map((c) => c.body).join('\n')).toContain('Die Werkstatt ist freitags geöffnet.');

    const later = await parse(`# Notiz\n\nEinleitung.\n\n${front}\nNachtrag.\n`);
    expect(later.title).toBe('Notiz');
    expect(later.url).toBeUndefined();
    expect(later.chunks.map((c) => c.body).join('\n')).toContain('Nachtrag.');
  });

  it('reports a broken block in words instead of indexing it', async () => {
    await expect(parse('\n---\ntitle: [kaputt\n---\nText\n')).rejects.toThrow(
      /Front Matter ist kein gültiges YAML/,
    );
  });
});
