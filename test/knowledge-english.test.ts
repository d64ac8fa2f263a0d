import { describe, expect, it } from 'vitest';
import { englishAnswers } from '../src/knowledge/decision.ts';
import { type EnglishDoc, EnglishIndex } from '../src/knowledge/english.ts';
import type { CuratedEntry } from '../src/knowledge/entries.ts';
import { firstSentence, runEval } from '../src/knowledge/eval.ts';

const entry = (key: string, type = 'was'): CuratedEntry => ({
  id: key,
  key,
  type,
  section: key,
  answer: `${key}.`,
  documentId: '1',
  source: 'test.md',
  label: { de: key, en: key },
  related: [],
});

/** Lexemes as PostgreSQL's English configuration gives them (stems, no stop words). */
const doc = (key: string, phrasings: [string, string[]][], answer: string[] = []): EnglishDoc => ({
  entry: entry(key),
  phrasings: phrasings.map(([text, lexemes]) => ({
    text,
    lexemes,
    type: text.startsWith('how often') ? 'wie-oft' : undefined,
  })),
  answer,
});

const index = new EnglishIndex([
  doc('lodile-was', [['what is a lodile', ['lodil']]], ['lodil', 'pilot', 'compani']),
  doc(
    'lodile-aufgaben',
    [['what does a lodile do in the company', ['lodil', 'compani']]],
    ['lodil', 'roadmap'],
  ),
  doc(
    'sprechstunde-ablauf',
    [['what happens at the consultation hour', ['happen', 'consult', 'hour']]],
    ['meet'],
  ),
  doc(
    'sprechstunde-wie-oft',
    [['how often is the consultation hour', ['often', 'consult', 'hour']]],
    ['fortnight'],
  ),
  doc('lodile-hilfe', [['who helps the lodile with the roadmap', ['help', 'lodil', 'roadmap']]], ['coach']),
]);

describe('English questions against the entries’ English side', () => {
  it('puts the entry whose own question was asked first, among many sharing its word', () => {
    const [best] = index.match('What is a LoDiLe?', ['lodil']);
    expect(best?.entry.key).toBe('lodile-was');
    expect(englishAnswers(best)).toBe(true);
  });

  it('prefers a phrasing of the same question form ("how often")', () => {
    const [best] = index.match('How often does the consultation hour happen?', [
      'often',
      'consult',
      'hour',
      'happen',
    ]);
    expect(best?.entry.key).toBe('sprechstunde-wie-oft');
  });

  it('weighs a word by how few entries hold it: a word no entry holds makes the question look off topic', () => {
    const [best] = index.match('How often is the football match?', ['often', 'footbal', 'match']);
    expect(englishAnswers(best)).toBe(false);
  });

  it('does not answer a question that shares one common word with a longer phrasing', () => {
    const [best] = index.match('can you help me?', ['help']);
    expect(best?.entry.key).toBe('lodile-hilfe');
    expect(englishAnswers(best)).toBe(false);
  });
});

describe('English questions on the shipped knowledge base', () => {
  it('answers English wording that no phrasing has with the English curated answer, and still declines off-topic ones', async () => {
    const questions = [
      { id: 'paid', question: 'Who paid for the CoDiCLUST project?', answer: ['bmbf'] },
      {
        id: 'effects',
        question: 'What happens when a training video uses too many effects?',
        answer: ['overload'],
      },
      { id: 'machine', question: 'What is machine learning?', expect: null },
      { id: 'password', question: 'How do I reset my password?', expect: null },
    ];
    const run = await runEval(questions, ['knowledge'], 5);
    try {
      const [paid, effects, machine, password] = run.results;
      expect(paid!.entry).toBe('codiclust-foerderung');
      expect(firstSentence(paid!.answer)).toMatch(/^CoDiCLUST was funded by the BMBF/);
      expect(effects!.entry).toBe('cognitive-overload');
      expect(firstSentence(effects!.answer)).toMatch(
        /^Cognitive overload is overload from too much information/,
      );
      // The quote from the brochure stays German, and says so.
      expect(effects!.answer).toContain('_From the German brochure:_');
      expect(machine!.abstained).toBe(true);
      expect(password!.abstained).toBe(true);
    } finally {
      await run.close();
    }
  });
});
