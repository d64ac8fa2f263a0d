import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/index.ts';
import { ingestPaths } from '../src/knowledge/ingest.ts';
import { exportLearned } from '../src/knowledge/learning/export.ts';
import { startTestApp, type TestApp, type WireReply } from './support/app.ts';
import { createTestDb } from './support/db.ts';

/** Learning from use (issue 11): unanswered questions become suggestions a coach takes over in chat. */

const ARTICLE = `---
title: Das Projekt
questions:
  - id: projekt-wer
    type: wer
    section: "Wer hat das Projekt durchgeführt?"
    ask:
      - Wer hat das Projekt durchgeführt?
      - wer steckt hinter dem projekt
    answer: "Das Projekt wurde vom Cluster Sensorik gemeinsam mit der Hochschule Beispielstadt durchgeführt."
    answer_en: "The project was run by the Cluster Sensorik together with Beispielstadt University."
  - id: projekt-ziel
    type: was
    section: "Was ist das Ziel des Projekts?"
    ask:
      - Was ist das Ziel des Projekts?
      - was will das projekt erreichen
    answer: "Ziel des Projekts ist, das Lernen im Betrieb zu digitalisieren."
---
# Das Projekt

## Wer hat das Projekt durchgeführt?
Durchgeführt wurde das Projekt vom Cluster Sensorik. Partner war die Hochschule Beispielstadt, die die Begleitforschung übernahm.

## Was ist das Ziel des Projekts?
Das Projekt will das Lernen im Betrieb digitalisieren. Dazu werden Lotsinnen im Betrieb ausgebildet.
`;

const ENV = { COACHES: 'local:coach1, local:coach2', RATE_LIMIT_PER_MINUTE: '1000' };
let db: Db;
let app: TestApp;
let dir: string;

const button = (reply: WireReply | undefined, label: string) => {
  const a = reply?.actions?.find((x) => x.label === label);
  if (!a) throw new Error(`no "${label}" button in ${JSON.stringify(reply)}`);
  return { id: a.id, value: a.value };
};

const learned = async () =>
  (
    await db.query<{ text: string }>(
      `SELECT text FROM knowledge_phrasings WHERE source = 'learned' ORDER BY id`,
    )
  ).rows.map((r) => r.text);

async function unanswered(user: string, question: string): Promise<void> {
  const [reply] = await app.say(user, question);
  expect(reply!.text).toMatch(/nichts in meiner Wissensbasis/);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kb-learning-'));
  await writeFile(join(dir, 'projekt.md'), ARTICLE);
  db = await createTestDb();
  app = await startTestApp({ KNOWLEDGE_DIR: dir, ...ENV }, db);
});

afterAll(async () => {
  await app?.close();
  await db?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('learning from use', () => {
  it('refuses a LoDiLe politely, by command and by button', async () => {
    const [typed] = await app.say('lena', 'vorschläge');
    expect(typed!.text).toMatch(/für die Coaches für digitales Lernen/);
    const [pressed] = await app.say('lena', { id: 'knowledge.suggestionAccept', value: '1' });
    expect(pressed!.text).toMatch(/für die Coaches für digitales Lernen/);
    expect(await learned()).toEqual([]);
  });

  it('offers an unanswered question as a phrasing; once taken over, the next user gets the entry’s answer', async () => {
    await unanswered('lena', 'Wer leitet das Projekt?');
    await unanswered('tom', 'Wer leitet das Projekt?');

    const [menu] = await app.say('coach1', { id: 'booking.coachMenu' });
    const [shown] = await app.say('coach1', button(menu, 'Vorschläge aus Fragen'));
    expect(shown!.text).toContain(
      '„Wer leitet das Projekt?“ (2×) ähnelt „Wer hat das Projekt durchgeführt?“',
    );
    expect(shown!.text).toContain('als Formulierung übernehmen?');
    expect(shown!.actions!.map((a) => a.label).slice(0, 3)).toEqual([
      'Übernehmen',
      'Nicht übernehmen',
      'Weiter',
    ]);

    const [done] = await app.say('coach1', button(shown, 'Übernehmen'));
    expect(done!.text).toMatch(/Übernommen/);
    expect(await learned()).toEqual(['Wer leitet das Projekt?']);

    const [answer] = await app.say('mia', 'Wer leitet das Projekt?');
    expect(answer!.text).toContain('Cluster Sensorik gemeinsam mit der Hochschule Beispielstadt');

    // The same wording is no suggestion any more.
    const [again] = await app.say('coach1', 'vorschläge');
    expect(again!.text).not.toContain('Wer leitet das Projekt?');
  });

  it('decides a suggestion once: a double click or two coaches at once', async () => {
    await unanswered('lena', 'Wer bezahlt das Projekt?');
    const [shown] = await app.say('coach1', 'Vorschläge');
    expect(shown!.text).toContain('„Wer bezahlt das Projekt?“');
    const accept = button(shown, 'Übernehmen');
    const replies = await Promise.all([
      app.say('coach1', accept),
      app.say('coach2', accept),
      app.say('coach1', accept),
    ]);
    const firsts = replies.map((r) => r[0]!.text);
    expect(firsts.filter((t) => /^Übernommen/.test(t))).toHaveLength(1);
    expect(firsts.filter((t) => /schon übernommen \(von local:coach[12]\)/.test(t))).toHaveLength(2);
    expect((await learned()).filter((t) => t === 'Wer bezahlt das Projekt?')).toHaveLength(1);
  });

  it('does not offer a rejected suggestion again, even when asked again', async () => {
    await unanswered('lena', 'Welches Ziel verfolgt das Vorhaben?');
    const [shown] = await app.say('coach2', 'vorschläge');
    expect(shown!.text).toContain(
      '„Welches Ziel verfolgt das Vorhaben?“ (1×) ähnelt „Was ist das Ziel des Projekts?“',
    );
    const [rejected] = await app.say('coach2', button(shown, 'Nicht übernehmen'));
    expect(rejected!.text).toMatch(/Nicht übernommen/);

    await unanswered('tom', 'Welches Ziel verfolgt das Vorhaben?');
    const [later] = await app.say('coach1', 'vorschläge');
    expect(later!.text).not.toContain('Vorhaben');
    expect(later!.text).toMatch(/keine Vorschläge/);
    expect(await learned()).not.toContain('Welches Ziel verfolgt das Vorhaben?');
  });

  it('keeps learned phrasings when the article is ingested again', async () => {
    await writeFile(join(dir, 'projekt.md'), `${ARTICLE}\nNeu: ein weiterer Satz.\n`);
    const report = await ingestPaths(db, [dir], { exclusive: true });
    expect(report.updated).toEqual(['projekt.md']);
    expect(await learned()).toEqual(['Wer leitet das Projekt?', 'Wer bezahlt das Projekt?']);
  });

  it('exports learned phrasings into the article’s ask list, the rest of the file unchanged', async () => {
    const copy = await mkdtemp(join(tmpdir(), 'kb-export-'));
    try {
      await cp(dir, copy, { recursive: true });
      const before = await readFile(join(copy, 'projekt.md'), 'utf8');
      const report = await exportLearned(db, copy);
      expect(report.written.map((w) => w.text)).toEqual([
        'Wer leitet das Projekt?',
        'Wer bezahlt das Projekt?',
      ]);
      const after = await readFile(join(copy, 'projekt.md'), 'utf8');
      expect(after).toBe(
        before.replace(
          '      - wer steckt hinter dem projekt\n',
          '      - wer steckt hinter dem projekt\n      - "Wer leitet das Projekt?"\n      - "Wer bezahlt das Projekt?"\n',
        ),
      );
      // Exported twice: nothing added twice.
      expect((await exportLearned(db, copy)).written).toEqual([]);
      expect(await readFile(join(copy, 'projekt.md'), 'utf8')).toBe(after);

      // Ingested from the exported file: the phrasings are the file's now, none is left twice.
      await ingestPaths(db, [copy], { exclusive: true });
      expect(await learned()).toEqual([]);
      const { rows } = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM knowledge_phrasings WHERE text = 'Wer leitet das Projekt?'`,
      );
      expect(rows[0]!.n).toBe(1);
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });
});
