import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/index.ts';
import { composeAnswer } from '../src/knowledge/answer.ts';
import { questionForm } from '../src/knowledge/entries.ts';
import { firstSentence } from '../src/knowledge/eval.ts';
import { Glossary } from '../src/knowledge/glossary.ts';
import { ingestPaths } from '../src/knowledge/ingest.ts';
import { KnowledgeBase } from '../src/knowledge/search.ts';
import { startTestApp, type TestApp } from './support/app.ts';
import { createTestDb } from './support/db.ts';

/** An article with the curated question layer in its front matter (format: scripts/check-knowledge-questions.mjs). */
const ARTICLE = `---
title: Das Projekt
questions:
  - id: projekt-wer
    type: wer
    section: "Wer hat das Projekt durchgeführt?"
    ask:
      - Wer hat das Projekt durchgeführt?
      - wer steckt hinter dem projekt
      - von wem stammt das projekt
      - Who ran the project?
    answer: "Das Projekt wurde vom Cluster Sensorik gemeinsam mit der Hochschule Beispielstadt durchgeführt."
    answer_en: "The project was run by the Cluster Sensorik together with Beispielstadt University."
    related: [projekt-ziel, projekt-unbekannt]
  - id: projekt-ziel
    type: was
    section: "Was ist das Ziel des Projekts?"
    ask:
      - Was ist das Ziel des Projekts?
      - wozu gibt es das projekt
      - was will das projekt erreichen
      - What is the aim of the project?
    answer: "Ziel des Projekts ist, das Lernen im Betrieb zu digitalisieren."
    answer_en: "The project aims to digitalise learning at work."
    related: [projekt-wer]
  - id: projekt-kaputt
    type: was
    section: "Eine Überschrift, die es nicht gibt"
    ask: [a, b, c, d]
    answer: "Dieser Eintrag nennt keine echte Überschrift."
---
# Das Projekt

## Wer hat das Projekt durchgeführt?
Durchgeführt wurde das Projekt vom Cluster Sensorik. Partner war die Hochschule Beispielstadt, die die Begleitforschung übernahm.

## Was ist das Ziel des Projekts?
Das Projekt will das Lernen im Betrieb digitalisieren. Dazu werden Lotsinnen im Betrieb ausgebildet.
`;

let db: Db;
let dir: string;
let kb: KnowledgeBase;

const count = async (table: string) =>
  Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);

beforeAll(async () => {
  db = await createTestDb();
  dir = await mkdtemp(join(tmpdir(), 'kb-layer-'));
  await writeFile(join(dir, 'projekt.md'), ARTICLE);
  await ingestPaths(db, [dir], { exclusive: true });
  kb = new KnowledgeBase(db, { glossary: await Glossary.load([dir]) });
});

afterAll(async () => {
  await db?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the curated question layer', () => {
  it('stores entries with their phrasings and sections; an entry naming no real section is left out', async () => {
    const { rows } = await db.query<{ key: string; section: string; related: string[]; n: string }>(
      `SELECT e.key, e.section, e.related, count(p.id) AS n FROM knowledge_entries e
       JOIN knowledge_phrasings p ON p.entry_id = e.id GROUP BY e.id ORDER BY e.key`,
    );
    expect(rows.map((r) => [r.key, r.section, Number(r.n)])).toEqual([
      ['projekt-wer', 'Wer hat das Projekt durchgeführt?', 4],
      ['projekt-ziel', 'Was ist das Ziel des Projekts?', 4],
    ]);
    expect(rows[0]!.related).toEqual(['projekt-ziel', 'projekt-unbekannt']);
    // Front matter never becomes a passage.
    const { rows: chunks } = await db.query<{ body: string }>('SELECT body FROM knowledge_chunks');
    expect(chunks.some((c) => c.body.includes('answer_en'))).toBe(false);
  });

  it('re-ingests idempotently and replaces the entries of a changed article', async () => {
    const before = (await db.query<{ id: string }>('SELECT id FROM knowledge_entries ORDER BY id')).rows;
    const again = await ingestPaths(db, [dir], { exclusive: true });
    expect(again.unchanged).toEqual(['projekt.md']);
    expect((await db.query<{ id: string }>('SELECT id FROM knowledge_entries ORDER BY id')).rows).toEqual(
      before,
    );
    expect(await count('knowledge_phrasings')).toBe(8);

    await writeFile(join(dir, 'projekt.md'), ARTICLE.replace('      - von wem stammt das projekt\n', ''));
    const changed = await ingestPaths(db, [dir], { exclusive: true });
    expect(changed.updated).toEqual(['projekt.md']);
    expect(await count('knowledge_entries')).toBe(2);
    expect(await count('knowledge_phrasings')).toBe(7);
    await writeFile(join(dir, 'projekt.md'), ARTICLE);
    await ingestPaths(db, [dir], { exclusive: true });
    expect(await count('knowledge_phrasings')).toBe(8);
  });

  it('answers with the curated entry when a phrasing matches, first its answer, then the quote and citation', async () => {
    const r = await kb.retrieve('wer hat eigentlich das projekt durchgefuehrt');
    expect(r.abstained).toBe(false);
    expect(r.entry?.entry.key).toBe('projekt-wer');
    expect(r.passages[0]?.title).toBe('Das Projekt › Wer hat das Projekt durchgeführt?');
    const de = composeAnswer('wer hat eigentlich das projekt durchgefuehrt', r, 'de');
    expect(firstSentence(de.text)).toBe(
      'Das Projekt wurde vom Cluster Sensorik gemeinsam mit der Hochschule Beispielstadt durchgeführt.',
    );
    expect(de.text).toContain('„Durchgeführt wurde das Projekt vom Cluster Sensorik.');
    expect(de.citations).toEqual([
      expect.objectContaining({ title: 'Das Projekt › Wer hat das Projekt durchgeführt?' }),
    ]);
    const en = composeAnswer('Who ran the project?', await kb.retrieve('Who ran the project?'), 'en');
    expect(firstSentence(en.text)).toMatch(/^The project was run by the Cluster Sensorik/);
    expect(en.text).toContain('_From the German brochure:_');
  });

  it('answers a part of the question the curated answer leaves out from the entry section', async () => {
    const q = 'wer hat im projekt die begleitforschung durchgefuehrt';
    const r = await kb.retrieve(q);
    expect(r.entry?.entry.key).toBe('projekt-wer');
    // The curated answer names who ran the project, not the research: the section's sentence says it.
    expect(firstSentence(composeAnswer(q, r, 'de').text)).toMatch(/Begleitforschung/);
  });

  it('tells the question forms apart: a "wer" question does not get the "was" entry', async () => {
    expect(questionForm('Von wem stammt das?')).toBe('wer');
    expect(questionForm('wie wird man lodile')).toBe('wie-werde-ich');
    expect(questionForm('Wofür steht DLC?')).toBe('wozu');
    const r = await kb.retrieve('Was will das Projekt?');
    expect(r.entry?.entry.key).toBe('projekt-ziel');
  });

  it('still declines what the knowledge base does not cover', async () => {
    for (const q of [
      'Wie wird das Wetter morgen?',
      'Wer hat die Fußball-WM 2014 gewonnen?',
      'Was kostet das Projekt?',
    ]) {
      const r = await kb.retrieve(q);
      expect(r.abstained, q).toBe(true);
      expect(r.entry, q).toBeUndefined();
    }
  });
});

describe('curated follow-ups in the chat', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ KNOWLEDGE_DIR: dir });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('offers the related entries as buttons; a button answers that entry', async () => {
    const [reply] = await app.say('ria', 'von wem stammt das projekt');
    expect(reply!.text).toMatch(/^Das Projekt wurde vom Cluster Sensorik/);
    const related = reply!.actions!.filter((a) => a.id === 'knowledge.relatedEntry');
    // The unknown related id is left out.
    expect(related).toEqual([
      { id: 'knowledge.relatedEntry', value: 'projekt-ziel', label: 'Was ist das Ziel des Projekts?' },
    ]);
    expect(reply!.actions!.map((a) => a.id)).toEqual([
      'knowledge.more',
      'knowledge.relatedEntry',
      'knowledge.helpful',
      'knowledge.notHelpful',
    ]);
    const [next] = await app.say('ria', { id: 'knowledge.relatedEntry', value: 'projekt-ziel' });
    expect(next!.text).toMatch(/^Ziel des Projekts ist, das Lernen im Betrieb zu digitalisieren\./);
    expect(next!.citations?.[0]?.title).toBe('Das Projekt › Was ist das Ziel des Projekts?');
    expect(next!.actions!.find((a) => a.id === 'knowledge.relatedEntry')?.value).toBe('projekt-wer');
    // "Mehr dazu" of a curated answer shows the section.
    const more = next!.actions!.find((a) => a.id === 'knowledge.more')!;
    const [detail] = await app.say('ria', { id: more.id, value: more.value });
    expect(detail!.text).toContain('Lotsinnen im Betrieb ausgebildet');
  });

  it('answers an English reader with the English answer and an English button', async () => {
    const [reply] = await app.say('sam', 'Who ran the project?', { locale: 'en' });
    expect(reply!.text).toMatch(/^The project was run by/);
    expect(reply!.actions!.find((a) => a.id === 'knowledge.relatedEntry')?.label).toBe(
      'What is the aim of the project?',
    );
  });
});
