import { describe, expect, it } from 'vitest';
import { checkSmart } from '../src/canvas/smart.ts';

const hintText = (goal: string) =>
  checkSmart(goal)
    .hints.map((h) => h.de)
    .join('\n');

describe('SMART heuristic for the canvas goal', () => {
  it('accepts a specific, measurable, time-bound goal without hints', () => {
    const r = checkSmart(
      'Bis Ende Juni 2027 können alle 24 Maschinenbediener*innen die Umrüstung mit fünf Kurzvideos selbst durchführen.',
    );
    expect(r).toMatchObject({
      specific: true,
      measurable: true,
      timeBound: true,
      realistic: true,
      hints: [],
    });
  });

  it('asks how success is measured when there is no number or indicator', () => {
    const h = hintText('Bis Ende Juni sollen die Bediener*innen die Umrüstung sicherer beherrschen.');
    expect(h).toContain('Woran messen Sie den Erfolg?');
    expect(h).not.toContain('Bis wann');
  });

  it('asks by when when there is no date or deadline', () => {
    const h = hintText('Die Rückfragen an die Schichtleitung sollen um 50 Prozent sinken durch Kurzvideos.');
    expect(h).toContain('Bis wann');
    expect(h).not.toContain('Woran messen');
  });

  it('asks for more detail on a very short goal, and questions absolute targets', () => {
    expect(hintText('Besser lernen')).toContain('Was genau soll sich ändern');
    expect(
      hintText('Bis März 2027 macht niemand mehr Fehler: 100 % richtige Umrüstungen bei allen Schichten.'),
    ).toContain('Realistisch');
  });

  it('English texts for every hint', () => {
    for (const h of checkSmart('Besser').hints) expect(h.en.length).toBeGreaterThan(10);
  });
});
