import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A tiny knowledge folder for tests that must not depend on the shipped articles: three articles with
 * question-style sections, a decoy "Motto" in another article, and a glossary.
 */
export const FIXTURE_FILES: Record<string, string> = {
  'sprechstunde.md': `---
title: Die virtuelle Sprechstunde
chapter: "Kapitel 2"
url: https://example.org/sprechstunde
---
# Die virtuelle Sprechstunde

Die virtuelle Sprechstunde ist ein offenes Austauschformat des Lernnetzwerks.

## Wie oft findet die virtuelle Sprechstunde statt?
Die virtuelle Sprechstunde findet vierzehntägig statt, also alle zwei Wochen, jeweils am Donnerstagnachmittag.

## Unter welchem Motto steht die virtuelle Sprechstunde?
Die virtuelle Sprechstunde steht unter dem Motto „meet, talk, learn“. Die Teilnehmenden bringen eigene Themen mit.
`,
  'lotsen.md': `---
title: Die Rolle der LoDiLe
---
# Die Rolle der LoDiLe

## Was machen LoDiLe im Betrieb?
Die LoDiLe treiben im eigenen Betrieb die Digitalisierung des Lernens voran und koordinieren die Aktionsgruppen.

## Welche Ausbildung durchlaufen LoDiLe?
Die LoDiLe beginnen mit einem Einstiegsseminar, das mit einer Arbeitsprobe als Moodle-Kurs abschließt.
`,
  'canvas.md': `---
title: Die Digital Learning Canvas
---
# Die Digital Learning Canvas

## Worauf basiert die Digital Learning Canvas?
Die Digital Learning Canvas ist an das Business Model Canvas von Osterwalder angelehnt und visualisiert ein digitales Lernarrangement.

## Welches Motto hat der Canvas-Workshop?
Der Workshop zur Canvas hat das Motto „erst denken, dann klicken“; er dauert einen halben Tag.

## Was kostet der Canvas-Workshop?
Für Mitglieder des Clusters ist der Canvas-Workshop kostenfrei, Gäste zahlen 90 Euro.
`,
  'glossary.json': JSON.stringify([
    {
      terms: ['LoDiLe', 'Lotsin', 'Lotse', 'Lots*in für digitales Lernen'],
      definition: 'Lots*innen für digitales Lernen',
    },
    { terms: ['DLC', 'Digital Learning Canvas'], definition: 'Digital Learning Canvas' },
    { terms: ['E-Coaching', 'virtuelle Sprechstunde'], definition: 'Die virtuelle Sprechstunde' },
  ]),
};

/** Writes the fixture knowledge folder into a new temporary directory and returns its path. */
export async function writeFixtureKnowledge(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kb-fixture-'));
  for (const [name, content] of Object.entries(FIXTURE_FILES)) await writeFile(join(dir, name), content);
  return dir;
}
