import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

describe('configuration', () => {
  it('starts on embedded defaults with no variables at all', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3978);
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.DATA_DIR).toBe('./data');
    expect(c.publicUrl).toBe('http://localhost:3978');
  });

  it('names the bad variable in German and English', () => {
    expect(() => loadConfig({ PORT: 'achtzig' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: '99999', LOG_LEVEL: 'loud' });
    } catch (err) {
      expect((err as Error).message).toMatch(/Ungültige Konfiguration \/ invalid configuration/);
      expect((err as Error).message).toMatch(/PORT/);
      expect((err as Error).message).toMatch(/LOG_LEVEL/);
    }
  });

  it('requires a signing secret for Slack in HTTP mode', () => {
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(/SLACK_SIGNING_SECRET/);
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).SLACK_APP_TOKEN).toBe(
      'xapp-1',
    );
  });

  it('treats empty variables from a .env template as unset', () => {
    const c = loadConfig({ DATABASE_URL: '', OPENAI_API_KEY: ' ', COACHES: 'local:coach1, slack:U1' });
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.OPENAI_API_KEY).toBeUndefined();
    expect(c.coaches).toEqual(['local:coach1', 'slack:U1']);
  });
});

describe('operator contact', () => {
  it('accepts an e-mail address or an http(s) page and refuses anything else, naming PRIVACY_CONTACT', () => {
    expect(loadConfig({ PRIVACY_CONTACT: 'datenschutz@cluster.example' }).PRIVACY_CONTACT).toBe(
      'datenschutz@cluster.example',
    );
    expect(loadConfig({ PRIVACY_CONTACT: 'https://cluster.example/datenschutz' }).PRIVACY_CONTACT).toBe(
      'https://cluster.example/datenschutz',
    );
    expect(loadConfig({ OPERATOR_NAME: ' ', PRIVACY_CONTACT: '' }).PRIVACY_CONTACT).toBeUndefined();
    for (const bad of ['javascript:alert(1)', 'Frau Muster', 'ftp://cluster.example']) {
      expect(() => loadConfig({ PRIVACY_CONTACT: bad })).toThrow(/PRIVACY_CONTACT/);
    }
  });
});

describe('.env.example', () => {
  it('documents every variable and parses as a valid configuration', async () => {
    const { readFileSync } = await import('node:fs');
    const { parse } = await import('dotenv');
    const example = parse(readFileSync(new URL('../.env.example', import.meta.url)));
    expect(() => loadConfig(example)).not.toThrow();
    const source = readFileSync(new URL('../src/config.ts', import.meta.url), 'utf8');
    const declared = [...source.matchAll(/^ {2}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]);
    expect(declared.length).toBeGreaterThan(20);
    expect(declared.filter((name) => !(name! in example))).toEqual([]);
  });
});
