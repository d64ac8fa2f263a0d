import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sentences } from '../src/knowledge/text.ts';
import { startTestApp, type TestApp } from './support/app.ts';

// Issue 11, item 3: the first sentence of an answer states the kind of fact the question asks for – a
// number for "wie viele", a rhythm for "wie oft", a reason for "warum" – when the passages hold one.
const FILES: Record<string, string> = {
  'seminar.md': `---
title: Das Einstiegsseminar
---
# Das Einstiegsseminar

## Zertifikat
Das Einstiegsseminar ist von der IHK zertifiziert. Ein Zertifikat erhalten Teilnehmende, die ihre Arbeitsprobe von der IHK prüfen lassen.

## Absolventinnen und Absolventen
Die Ausbildung endet mit einer Abschlussveranstaltung. Bis 2020 haben 36 Personen die Ausbildung absolviert, 16 davon mit IHK-Zertifikat.
`,
  'community.md': `---
title: Die Lerncommunity
---
# Die Lerncommunity

## Treffen der Lerncommunity
Die Lerncommunity ist das Netzwerk der Lotsinnen im Cluster und trifft sich zu wechselnden Themen. Ihre Mitglieder sehen sich alle zwei Wochen virtuell in der Lerncommunity.

## Servicestelle
Die Servicestelle sitzt beim Cluster Sensorik in Regensburg und berät die Betriebe der Lerncommunity in allen Fragen des digitalen Lernens, von der ersten Idee bis zum fertigen Lernangebot. Ihre Coaches kommen regelmäßig in die Betriebe. Der Cluster hat die Servicestelle eingerichtet, damit kleine Betriebe Beratung bekommen, die sie sich allein nicht leisten könnten.

## Zielgruppen
Die wichtigsten Zielgruppen waren:
- Operatorinnen an den Anlagen,
- interne Fachkräfte.
Das ergab die Umfrage im Cluster. Sie zeigte außerdem großes Interesse an Lernvideos.
`,
  'forschung.md': `---
title: Die Begleitforschung
---
# Die Begleitforschung

## Forschung im Projekt
Die Begleitforschung war formativ und responsiv angelegt. Diese Art der wissenschaftlichen Begleitung erlaubt es, Projektverläufe laufend zu steuern.
`,
};

let app: TestApp;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kb-kind-'));
  for (const [name, content] of Object.entries(FILES)) await writeFile(join(dir, name), content);
  app = await startTestApp({ KNOWLEDGE_DIR: dir, RATE_LIMIT_PER_MINUTE: '1000' });
});

afterAll(async () => {
  await app?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The first sentence the user reads, which eval's answer@1 judges too. */
const firstSentence = async (question: string) => sentences((await app.say('kind', question))[0]!.text)[0]!;

describe('answers start with the kind of fact asked for', () => {
  it('"wie viele" is answered by the sentence with the number, also from the second-best section', async () => {
    const first = await firstSentence('Wie viele haben ein IHK-Zertifikat bekommen?');
    expect(first).toContain('16 davon mit IHK-Zertifikat');
  });

  it('"wie oft" is answered by the rhythm, not by the sentence that introduces the topic', async () => {
    const first = await firstSentence('Wie oft trifft sich die Lerncommunity?');
    expect(first).toContain('alle zwei Wochen');
  });

  it('"warum" is answered by the reason', async () => {
    const first = await firstSentence('Warum gibt es die Servicestelle?');
    expect(first).toMatch(/^Der Cluster hat die Servicestelle eingerichtet, damit kleine Betriebe Beratung/);
  });

  it('a question of no particular kind still gets the opening statement', async () => {
    const first = await firstSentence('Was ist die Lerncommunity?');
    expect(first).toMatch(/^Die Lerncommunity ist das Netzwerk der Lotsinnen/);
  });

  it('a sentence that points back ("Das ergab …") is quoted after what it points to', async () => {
    const [reply] = await app.say('kind', 'Was ergab die Umfrage im Cluster?');
    expect(reply!.text).toMatch(
      /^Die wichtigsten Zielgruppen waren: Operatorinnen an den Anlagen, interne Fachkräfte\. Das ergab die Umfrage/,
    );
  });

  it('so is one that opens with a demonstrative article ("Diese Art der Begleitung …")', async () => {
    const first = await firstSentence('Welche Art von wissenschaftlicher Begleitung gab es?');
    expect(first).toBe('Die Begleitforschung war formativ und responsiv angelegt.');
  });
});
