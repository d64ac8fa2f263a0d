// Every message catalogue speaks both languages with the same placeholders, so no English user
// ever sees a German fallback or a "{name}" left unfilled.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type MessageFormatElement, parse, TYPE } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';

const src = new URL('../src/', import.meta.url).pathname;

function catalogueDirs(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (!statSync(path).isDirectory()) return [];
    return name === 'messages' ? [path] : catalogueDirs(path);
  });
}

function placeholders(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const el of elements) {
    if (
      el.type === TYPE.argument ||
      el.type === TYPE.number ||
      el.type === TYPE.date ||
      el.type === TYPE.time
    )
      into.add(el.value);
    if (el.type === TYPE.plural || el.type === TYPE.select) {
      into.add(el.value);
      for (const option of Object.values(el.options)) placeholders(option.value, into);
    }
    if (el.type === TYPE.tag) placeholders(el.children, into);
  }
  return into;
}

const dirs = catalogueDirs(src);

describe('message catalogues', () => {
  it('exist for every room that talks to users', () => {
    const rooms = dirs.map((dir) => dir.slice(src.length));
    expect(rooms).toEqual(
      expect.arrayContaining([
        'booking/messages',
        'canvas/messages',
        'core/messages',
        'knowledge/messages',
        'legal/messages',
        'privacy/messages',
      ]),
    );
  });

  for (const dir of dirs) {
    const room = dir.slice(src.length);
    it(`${room}: de and en have the same keys and placeholders`, async () => {
      const de: Record<string, string> = (await import(join(dir, 'de.ts'))).default;
      const en: Record<string, string> = (await import(join(dir, 'en.ts'))).default;
      expect(Object.keys(en).sort()).toEqual(Object.keys(de).sort());
      for (const key of Object.keys(de)) {
        const want = [...placeholders(parse(de[key]!, { ignoreTag: true }))].sort();
        const got = [...placeholders(parse(en[key]!, { ignoreTag: true }))].sort();
        expect({ key, placeholders: got }).toEqual({ key, placeholders: want });
      }
    });

    // ICU treats ' and { } specially; a text without placeholders must read exactly as written.
    it(`${room}: texts without placeholders read as written`, async () => {
      for (const locale of ['de', 'en'] as const) {
        const messages: Record<string, string> = (await import(join(dir, `${locale}.ts`))).default;
        for (const [key, source] of Object.entries(messages)) {
          if (placeholders(parse(source, { ignoreTag: true })).size) continue;
          const shown = new IntlMessageFormat(source, locale, undefined, { ignoreTag: true }).format();
          expect({ key, shown }).toEqual({ key, shown: source });
        }
      }
    });
  }
});
