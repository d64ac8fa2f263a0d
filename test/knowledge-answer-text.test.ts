import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractiveAnswer } from '../src/knowledge/answer.ts';
import { sentences } from '../src/knowledge/text.ts';
import { startTestApp, type TestApp, type WireReply } from './support/app.ts';

/**
 * Knowledge articles as clusters write them: glossary entries with a synonym line, "###" sub-headings,
 * tables, lists and a file whose front matter is not at the very top (an editor left a blank line).
 */
const FILES: Record<string, string> = {
  'glossar.md': `---
title: Glossar
---
# Glossar

## KMU – kleine und mittelständische Unternehmen
KMU steht für „kleine und mittelständische Unternehmen“. KMU sind das Rückgrat von Wirtschaft und Beschäftigung.
Weitere Bezeichnungen und Schreibweisen: KMUs, Mittelstand, SME, SMEs.

## Lernnetzwerk
Ein Lernnetzwerk ist ein bewusst gestalteter, motivierender Rahmen für gemeinsames Lernen im Cluster.
Weitere Bezeichnungen und Schreibweisen: Lernnetzwerke, Lerncommunity, Lerngemeinschaft.
`,
  'termine.md': `---
title: Termine im Lernnetzwerk
---
# Termine im Lernnetzwerk

## Welche regelmäßigen Termine gibt es im Lernnetzwerk?
### Überblick
| Format | Rhythmus | Ort |
|---|---|---|
| Sprechstunde | vierzehntägig | online |
| Stammtisch | monatlich | Regensburg |
`,
  'samr.md': `---
title: Das SAMR-Modell
---
# Das SAMR-Modell

## Welche Stufen hat das SAMR-Modell?
Die vier Stufen des SAMR-Modells sind:
- Substitution (S),
- Augmentation (A),
- Modification (M),
- Redefinition (R).
Die ersten beiden Stufen gelten als Verbesserung der Lernkultur.
`,
  'werkstatt.md': `
---
title: Die Lernwerkstatt
url: https://example.org/werkstatt
---
# Die Lernwerkstatt

## Was ist die Lernwerkstatt?
Die Lernwerkstatt ist ein halbtägiges Treffen, in dem LoDiLe gemeinsam an ihren Lernarrangements arbeiten.
`,
};

let app: TestApp;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kb-markdown-'));
  for (const [name, content] of Object.entries(FILES)) await writeFile(join(dir, name), content);
  app = await startTestApp({ KNOWLEDGE_DIR: dir, RATE_LIMIT_PER_MINUTE: '1000' });
});

afterAll(async () => {
  await app?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** No Markdown syntax of the articles shows through: headings, table pipes, list dashes, front matter. */
function expectReadable(text: string) {
  expect(text).not.toMatch(/^\s*#{1,6}\s/m);
  expect(text).not.toContain('|');
  expect(text).not.toMatch(/(^|\s)-\s/);
  expect(text).not.toMatch(/^---$/m);
  expect(text).not.toMatch(/^(title|url|chapter):/m);
}

async function ask(user: string, question: string): Promise<WireReply> {
  const [reply] = await app.say(user, question);
  expect(
    reply!.actions?.map((a) => a.id),
    reply!.text,
  ).toContain('knowledge.more');
  return reply!;
}

async function more(user: string, reply: WireReply): Promise<WireReply> {
  const button = reply.actions!.find((a) => a.id === 'knowledge.more')!;
  const [detail] = await app.say(user, { id: button.id, value: button.value });
  return detail!;
}

describe('extractive answers read as sentences, not as Markdown source', () => {
  it('a glossary synonym line is never the answer when the entry has a real sentence', async () => {
    for (const [question, expected] of [
      ['Was sind SMEs?', 'KMU steht für „kleine und mittelständische Unternehmen“.'],
      ['Was ist eine Lerngemeinschaft?', 'Ein Lernnetzwerk ist ein bewusst gestalteter'],
    ] as const) {
      const reply = await ask('gloss', question);
      expect(reply.text, question).toContain(expected);
      expect(reply.text, question).not.toMatch(/Weitere Bezeichnungen/);
      expect(reply.citations![0]!.excerpt ?? '').not.toMatch(/Weitere Bezeichnungen/);
    }
  });

  it('a table row is answered as a readable line, and "Mehr dazu" shows the table as lines', async () => {
    const reply = await ask('table', 'Wie oft ist der Stammtisch?');
    expectReadable(reply.text);
    expect(reply.text).toContain('Stammtisch');
    expect(reply.text).toContain('monatlich');
    expectReadable(reply.citations![0]!.excerpt!);

    const detail = await more('table', reply);
    expect(detail.text).not.toContain('|');
    expect(detail.text).not.toMatch(/^\s*#{1,6}\s/m);
    expect(detail.text).toMatch(/Sprechstunde.*vierzehntägig.*online/);
    expect(detail.text).toMatch(/Stammtisch.*monatlich.*Regensburg/);
  });

  it('a list introduced by a colon becomes one sentence with its items', async () => {
    const reply = await ask('list', 'Welche Stufen hat das SAMR-Modell?');
    expectReadable(reply.text);
    expect(reply.text).toMatch(
      /^Die vier Stufen des SAMR-Modells sind: Substitution \(S\), Augmentation \(A\), Modification \(M\), Redefinition \(R\)\./,
    );
    expectReadable(reply.citations![0]!.excerpt!);
  });

  it('front matter that slipped into the text is never quoted', async () => {
    const reply = await ask('front', 'Was ist die Lernwerkstatt?');
    expectReadable(reply.text);
    expect(reply.text).toContain('halbtägiges Treffen');
    const detail = await more('front', reply);
    expect(detail.text).not.toMatch(/^(title|url):/m);
    expect(detail.text).not.toMatch(/^---$/m);
  });
});

describe('sentences end at full stops, not at abbreviations, ordinal dates or list numbers', () => {
  it.each([
    [
      'Ja, z. B. über „Digital Jetzt“, d. h. bis zu 50 %. Es berät u. a. Dr. Huber, ca. 2 Std. lang.',
      ['Ja, z. B. über „Digital Jetzt“, d. h. bis zu 50 %.', 'Es berät u. a. Dr. Huber, ca. 2 Std. lang.'],
    ],
    [
      'Das Treffen ist am 15. März. Bitte melden Sie sich bzw. Ihre Kolleg*innen an.',
      ['Das Treffen ist am 15. März.', 'Bitte melden Sie sich bzw. Ihre Kolleg*innen an.'],
    ],
    ['Siehe Nr. 5 und den 2. Schritt. Das ist alles.', ['Siehe Nr. 5 und den 2. Schritt.', 'Das ist alles.']],
    [
      'Geräte sind z.B. Tablets, ggf. Laptops. Fertig.',
      ['Geräte sind z.B. Tablets, ggf. Laptops.', 'Fertig.'],
    ],
    // A year ends its sentence; "e. V." may close one, too.
    ['Die Studie lief 2020. Danach kam die zweite.', ['Die Studie lief 2020.', 'Danach kam die zweite.']],
    [
      'Begleitet von der Forschung e. V. Er war von Anfang an dabei.',
      ['Begleitet von der Forschung e. V.', 'Er war von Anfang an dabei.'],
    ],
    ['Die Forschung e. V. (SoWiBeFo) begleitete es.', ['Die Forschung e. V. (SoWiBeFo) begleitete es.']],
    ['Wirklich? Ja! Gut.', ['Wirklich?', 'Ja!', 'Gut.']],
    // Numbers of a list inside the sentence.
    [
      'Es gibt drei Schritte: 1. Evaluieren, 2. Befähigen, 3. Begleiten. Dann ist Schluss.',
      ['Es gibt drei Schritte: 1. Evaluieren, 2. Befähigen, 3. Begleiten.', 'Dann ist Schluss.'],
    ],
  ])('%s', (text, expected) => {
    expect(sentences(text)).toEqual(expected);
  });
});

describe('a list of labelled items', () => {
  const passage = {
    title: 'Kompetenzprofil › Vorqualifikationen',
    source: 'kompetenzprofil.md',
    score: 1,
    text:
      'Das Profil nennt für jeden Bereich hilfreiche Vorqualifikationen:\n' +
      '- Coach: Interesse am Networking und Freude an Kollaboration, dazu eine integre Persönlichkeit mit viel Motivation.\n' +
      '- Digital: medienpädagogische Qualifikation und ausgeprägte Medienkompetenz, dazu Begeisterung für Technik.\n' +
      '- Lernen: Erfahrung in der Erwachsenenbildung und Freude an der Begleitung von Lernprozessen im Betrieb.',
  };

  it('answers with the item whose label the question names, in the sentence that introduces it', () => {
    const { short } = extractiveAnswer('welche vorqualifikation braucht man im bereich digital', [passage]);
    expect(short).toBe(
      'Das Profil nennt für jeden Bereich hilfreiche Vorqualifikationen: Digital: medienpädagogische Qualifikation und ausgeprägte Medienkompetenz, dazu Begeisterung für Technik.',
    );
  });

  it('keeps the whole list when the question names no label', () => {
    const { short } = extractiveAnswer('welche vorqualifikationen sind hilfreich', [passage]);
    expect(short.split('\n')).toHaveLength(4);
  });
});

describe('a passage that asks questions itself', () => {
  const passage = {
    title: 'Wissenstransfer › Vertrauliches',
    source: 'wissenstransfer.md',
    score: 1,
    text:
      'Was ist im Wissensfeld „digitales Lernen“ als vertraulich zu betrachten?\n' +
      'Vertrauliche Projekte werden anonymisiert und verallgemeinert vorgestellt.',
  };

  it('answers with the statement, not with the question it shares words with', () => {
    const { short } = extractiveAnswer('manches bei uns ist vertraulich im digitalen lernen, geht das?', [
      passage,
    ]);
    expect(short).toBe('Vertrauliche Projekte werden anonymisiert und verallgemeinert vorgestellt.');
  });

  it('quotes the question when questions were asked for', () => {
    const { short } = extractiveAnswer('welche fragen zum vertraulichen im digitalen lernen gibt es?', [
      passage,
    ]);
    expect(short.startsWith('Was ist im Wissensfeld')).toBe(true);
  });
});
