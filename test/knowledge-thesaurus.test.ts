import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_THESAURUS, loadSynonyms, synonymsFor } from '../src/knowledge/thesaurus.ts';

// Three entries in MyThes format, as Debian's mythes-de ships them.
const SAMPLE = `UTF-8
Lehrgang|1
-|Kurs|Lehrgang|Seminar|Schulung (ugs.)
Kosten|2
-|Kosten|Preis|Aufwand
-|Sache|Ding|Kosten|Zeug|Kram|Krempel|Angelegenheit|Dings|Teil|Gegenstand|Objekt|Element
`;

describe('German thesaurus (OpenThesaurus via mythes-de)', () => {
  it('maps words the knowledge base never uses to its own words of the same meaning', () => {
    const synonyms = synonymsFor(SAMPLE, new Set(['seminar', 'kosten']));
    expect(synonyms.get('lehrgang')).toEqual(['seminar']);
    expect(synonyms.get('schulung')).toEqual(['seminar']);
    expect(synonyms.get('preis')).toEqual(['kosten']);
    // Words the knowledge base has keep their own meaning; loose association lists are ignored.
    expect(synonyms.has('seminar')).toBe(false);
    expect(synonyms.has('krempel')).toBe(false);
  });

  it('is empty, not an error, when the package is not installed', async () => {
    const { synonyms, source } = await loadSynonyms(new Set(['seminar']), '/nonexistent/th_de.dat');
    expect(synonyms.size).toBe(0);
    expect(source).toBeUndefined();
  });

  it.skipIf(!existsSync(DEFAULT_THESAURUS))('reads the installed thesaurus', async () => {
    const { synonyms } = await loadSynonyms(new Set(['seminar', 'weiterbildung', 'kosten']));
    expect(synonyms.get('lehrgang')).toEqual(expect.arrayContaining(['seminar']));
    expect(synonyms.get('preis')).toContain('kosten');
  });
});
