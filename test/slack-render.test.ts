import { readFileSync } from 'node:fs';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { SHORTCUT_CALLBACK_ID, startSlack } from '../src/channels/slack/index.ts';
import { checkMessage, checkView, LIMITS } from '../src/channels/slack/limits.ts';
import { escapeMrkdwn, splitText, toMrkdwn } from '../src/channels/slack/mrkdwn.ts';
import {
  decodePressed,
  formFields,
  formModal,
  type RenderContext,
  renderReply,
  type Stashed,
} from '../src/channels/slack/render.ts';
import { loadConfig } from '../src/config.ts';
import type { Form, Reply } from '../src/core/reply.ts';

function context(locale: 'de' | 'en' = 'de') {
  const stashed = new Map<string, Stashed>();
  const rc: RenderContext = {
    t: (t) => (locale === 'en' ? t.en : t.de),
    stash: (p) => {
      const key = `00000000-0000-0000-0000-${String(stashed.size).padStart(12, '0')}`;
      stashed.set(key, p);
      return key;
    },
  };
  return { rc, stashed };
}

function allElements(blocks: unknown[]) {
  // biome-ignore lint/suspicious/noExplicitAny: wire payload
  return (blocks as any[]).flatMap((b) =>
    b.type === 'actions' ? b.elements : b.accessory ? [b.accessory] : [],
  );
}

describe('Markdown → mrkdwn', () => {
  it('converts bold, italic, links, headings and lists', () => {
    expect(toMrkdwn('**Wichtig:** Das ist _kursiv_ und *auch kursiv*.')).toBe(
      '*Wichtig:* Das ist _kursiv_ und _auch kursiv_.',
    );
    expect(toMrkdwn('Siehe [die Broschüre](https://example.org/a?b=1&c=2).')).toBe(
      'Siehe <https://example.org/a?b=1&amp;c=2|die Broschüre>.',
    );
    expect(toMrkdwn('## Überschrift\n- eins\n* zwei')).toBe('*Überschrift*\n• eins\n• zwei');
    expect(toMrkdwn('Lots*innen und Coach*innen')).toBe('Lots*innen und Coach*innen');
    expect(toMrkdwn('`**code**` bleibt')).toBe('`**code**` bleibt');
    expect(
      toMrkdwn(
        '| Meilenstein | Datum | Wer |\n|---|---|---|\n| Drehbuch fertig | 15.03.2030 | Frau Jansen |',
      ),
    ).toBe('*Meilenstein · Datum · Wer*\nDrehbuch fertig · 15.03.2030 · Frau Jansen');
  });

  it('escapes &, <, > so user text cannot mention @channel, users or fake links', () => {
    expect(toMrkdwn('<!channel> <@U123> <https://evil|Bank> A&B')).toBe(
      '&lt;!channel&gt; &lt;@U123&gt; &lt;https://evil|Bank&gt; A&amp;B',
    );
    // Only http(s)/mailto links become links.
    expect(toMrkdwn('[klick](javascript:alert(1))')).toBe('[klick](javascript:alert(1))');
    expect(escapeMrkdwn('a<b>&')).toBe('a&lt;b&gt;&amp;');
  });

  it('splits long text at paragraph, line or word boundaries, never inside an escape', () => {
    const text = Array.from({ length: 50 }, (_, i) => `Absatz ${i} ${'&amp; '.repeat(20)}`).join('\n\n');
    const pieces = splitText(text, 500);
    expect(pieces.length).toBeGreaterThan(5);
    for (const p of pieces) {
      expect(p.length).toBeLessThanOrEqual(500);
      expect(p).not.toMatch(/&(a|am)?$/);
    }
    expect(pieces.join(' ').replace(/\s+/g, ' ')).toBe(text.replace(/\s+/g, ' ').trim());
    expect(splitText('x'.repeat(1200), 500).map((p) => p.length)).toEqual([500, 500, 200]);
  });
});

describe('limits checker', () => {
  it('finds what Slack would reject', () => {
    const section = { type: 'section', text: { type: 'mrkdwn', text: 'x' } };
    expect(checkMessage({ text: 'x', blocks: Array(51).fill(section) })).toContain('blocks: 51 > 50');
    const button = (label: string, id = 'a') => ({
      type: 'button',
      action_id: id,
      text: { type: 'plain_text', text: label },
      value: 'v',
    });
    expect(checkMessage({ blocks: [{ type: 'actions', elements: [button('y'.repeat(76))] }] })).toEqual([
      'blocks[0].elements[0].text: 76 > 75',
    ]);
    expect(
      checkMessage({ blocks: [{ type: 'actions', elements: [button('a', 'same'), button('b', 'same')] }] }),
    ).toEqual(['blocks[0].elements[1].action_id "same" not unique']);
    expect(
      checkMessage({ blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'z'.repeat(3001) } }] }),
    ).toEqual(['blocks[0].text: 3001 > 3000']);
    expect(
      checkView({
        type: 'modal',
        title: { type: 'plain_text', text: 'Ein viel zu langer Modaltitel' },
        blocks: [],
      }),
    ).toEqual(['view.title: 29 > 24']);
  });
});

describe('renderer', () => {
  it('renders every part of the reply model within limits', () => {
    const { rc } = context();
    const reply: Reply = {
      text: '**Frage** beantwortet.',
      actions: [
        { id: 'knowledge.feedback', value: 'up', label: '👍' },
        { id: 'knowledge.feedback', value: 'down', label: '👎', style: 'danger' },
      ],
      choice: { id: 'booking.pick', label: 'Termin wählen', options: [{ value: 's1', label: 'Mo 10:00' }] },
      citations: [{ title: 'Broschüre S. 4', url: 'https://lodile.de/b.pdf', excerpt: 'Lots*innen …' }],
    };
    const [message, ...rest] = renderReply(reply, rc);
    expect(rest).toEqual([]);
    expect(checkMessage(message!)).toEqual([]);
    // biome-ignore lint/suspicious/noExplicitAny: wire payload
    const types = message!.blocks.map((b: any) => b.type);
    expect(types).toEqual(['section', 'section', 'actions', 'actions', 'context']);
    const buttons = allElements(message!.blocks).filter((e) => e.type === 'button');
    expect(buttons.map((b) => decodePressed(b))).toEqual([
      { kind: 'action', action: { id: 'knowledge.feedback', value: 'up' } },
      { kind: 'action', action: { id: 'knowledge.feedback', value: 'down' } },
    ]);
    expect(buttons[1].style).toBe('danger');
    // biome-ignore lint/suspicious/noExplicitAny: wire payload
    const ctx = message!.blocks.find((b: any) => b.type === 'context') as any;
    expect(ctx.elements[1].text).toBe('📄 <https://lodile.de/b.pdf|Broschüre S. 4> – Lots*innen …');
  });

  it('a too-long button value travels as a stored reference', () => {
    const { rc, stashed } = context();
    const [m] = renderReply(
      { text: 'x', actions: [{ id: 'canvas.save', value: 'v'.repeat(3000), label: 'OK' }] },
      rc,
    );
    const [button] = allElements(m!.blocks);
    expect(button.value.length).toBeLessThanOrEqual(LIMITS.buttonValue);
    const pressed = decodePressed(button);
    expect(pressed.kind).toBe('stashed');
    expect(stashed.get((pressed as { ref: string }).ref)).toEqual({
      kind: 'action',
      id: 'canvas.save',
      value: 'v'.repeat(3000),
    });
  });

  it('a form becomes a modal within limits; submitted values come back as the core expects them', () => {
    const { rc } = context('en');
    const form: Form = {
      id: 'booking.details',
      title: 'Book a consultation hour with a CoDiLe',
      submitLabel: 'Book this slot now please',
      fields: [
        { id: 'topic', label: 'Topic', type: 'textarea', required: true, maxLength: 5000, value: 'SAMR' },
        { id: 'when', label: 'When', type: 'datetime', value: '2027-01-15T09:30' },
        {
          id: 'canvas',
          label: 'Canvas',
          type: 'select',
          options: Array.from({ length: 130 }, (_, i) => ({ value: `c${i}`, label: `Canvas ${i}` })),
          value: 'c3',
        },
      ],
      errors: { topic: 'Please describe your topic.' },
    };
    const view = formModal(form, { ref: 'r1', channel: 'D1' }, rc.t, 'America/New_York');
    expect(checkView(view)).toEqual([]);
    expect(view.close?.text).toBe('Cancel');
    // biome-ignore lint/suspicious/noExplicitAny: wire payload
    const blocks = view.blocks as any[];
    expect(blocks[0].element).toMatchObject({ type: 'plain_text_input', multiline: true, max_length: 3000 });
    expect(blocks[1]).toMatchObject({ type: 'context' });
    expect(blocks[2].element.initial_date_time).toBe(Date.UTC(2027, 0, 15, 14, 30) / 1000);
    expect(blocks[3].element.options).toHaveLength(100);
    expect(blocks[3].element.initial_option.value).toBe('c3');
    const fields = formFields(
      form,
      {
        topic: { value: { type: 'plain_text_input', value: 'Mein Thema' } },
        when: { value: { type: 'datetimepicker', selected_date_time: Date.UTC(2027, 6, 1, 16, 0) / 1000 } },
        canvas: { value: { type: 'static_select', selected_option: { value: 'c7' } } },
      },
      'America/New_York',
    );
    expect(fields).toEqual({ topic: 'Mein Thema', when: '2027-07-01T12:00', canvas: 'c7' });
  });

  it("a person field is Slack's people picker; the pick comes back as a mention the core understands", () => {
    const { rc } = context('de');
    const form: Form = {
      id: 'canvas.sharewith:1',
      submitLabel: 'Teilen',
      fields: [{ id: 'with', label: 'Person', type: 'user', required: true, value: '<@U0LENA>' }],
    };
    const view = formModal(form, { ref: 'r1' }, rc.t, 'Europe/Berlin');
    expect(checkView(view)).toEqual([]);
    // biome-ignore lint/suspicious/noExplicitAny: wire payload
    const input = (view.blocks as any[])[0];
    expect(input).toMatchObject({ block_id: 'with', optional: false });
    expect(input.element).toMatchObject({ type: 'users_select', initial_user: 'U0LENA' });
    const picked = formFields(
      form,
      { with: { value: { type: 'users_select', selected_user: 'U0OTTO' } } },
      'UTC',
    );
    expect(picked).toEqual({ with: '<@U0OTTO>' });
    expect(
      formFields(form, { with: { value: { type: 'users_select', selected_user: null } } }, 'UTC'),
    ).toEqual({
      with: '',
    });
  });

  it('a form in a message is a button that opens it, with the errors listed', () => {
    const { rc, stashed } = context();
    const form: Form = {
      id: 'canvas.step',
      fields: [{ id: 'ziel', label: 'Ziel', type: 'text' }],
      submitLabel: 'Weiter',
      errors: { ziel: 'Bitte <ausfüllen>' },
    };
    const [m] = renderReply({ text: 'Schritt 1', form }, rc);
    expect(checkMessage(m!)).toEqual([]);
    expect(JSON.stringify(m!.blocks)).toContain('⚠️ *Ziel:* Bitte &lt;ausfüllen&gt;');
    const [button] = allElements(m!.blocks);
    expect(button.text.text).toBe('Formular öffnen');
    const pressed = decodePressed(button);
    expect(pressed.kind).toBe('form');
    expect(stashed.get((pressed as { ref: string }).ref)).toEqual({ kind: 'form', form });
  });
});

describe('startup', () => {
  it('without SLACK_BOT_TOKEN the bot starts without Slack', async () => {
    const config = loadConfig({ LOG_LEVEL: 'silent' });
    const result = await startSlack({
      config,
      // nothing else is touched when no token is set
      bot: undefined as never,
      services: undefined as never,
      http: undefined as never,
      log: pino({ level: 'silent' }),
      home: {},
    });
    expect(result).toBeUndefined();
  });
});

describe('app manifest', () => {
  it('declares what the code listens to: events, /lodile, the shortcut, interactivity; socket mode off', () => {
    const manifest = readFileSync(new URL('../infra/slack/manifest.yaml', import.meta.url), 'utf8');
    for (const event of ['message.im', 'app_mention', 'app_home_opened'])
      expect(manifest).toContain(`- ${event}`);
    expect(manifest).toContain('command: /lodile');
    expect(manifest).toContain(`callback_id: ${SHORTCUT_CALLBACK_ID}`);
    expect(manifest).toMatch(/interactivity:\n\s+is_enabled: true/);
    expect(manifest).toMatch(/socket_mode_enabled: false/);
    expect(manifest).toMatch(/home_tab_enabled: true\n\s+messages_tab_enabled: true/);
    expect(manifest.match(/\/slack\/events/g)).toHaveLength(3);
  });
});
