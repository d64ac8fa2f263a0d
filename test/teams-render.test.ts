import { describe, expect, it } from 'vitest';
import {
  parseSubmit,
  renderDoneCard,
  renderReply,
  teamsMarkdown,
  textBlocks,
} from '../src/channels/teams/render.ts';
import type { Reply } from '../src/core/reply.ts';
import { adaptiveCardProblems } from './support/adaptive-cards.ts';

const opts = {
  locale: 'de' as const,
  cardId: '6f1c2d3e-4a5b-4c6d-8e7f-901234567890',
  fileUrl: (f: { id: string }) => `https://bot.example.org/api/teams/files/${f.id}`,
};

const answer: Reply = {
  text: '**Die virtuelle Sprechstunde** findet _alle zwei Wochen_ statt.\n\n- dienstags\n- 10 bis 11 Uhr\n\nMehr unter [LoDiLe](https://lodile.de).',
  citations: [
    {
      title: 'Sprechstunde › Wann?',
      url: 'https://lodile.de/sprechstunde',
      excerpt: 'Die Sprechstunde ist offen für alle Lots*innen …',
    },
    { title: 'Broschüre [S. 4]' },
  ],
  actions: [
    { id: 'knowledge.helpful', label: '👍', value: 'q-1' },
    { id: 'knowledge.unhelpful', label: '👎', value: 'q-1' },
  ],
};

const canvasStep: Reply = {
  text: 'Schritt 3 von 9: **Lernziele**',
  form: {
    id: 'canvas.answer',
    title: 'Lernziele',
    submitLabel: 'Weiter',
    errors: { goals: 'Bitte mindestens ein Lernziel nennen.', hours: 'Höchstens 40 Stunden.' },
    fields: [
      {
        id: 'goals',
        label: 'Lernziele',
        type: 'textarea',
        required: true,
        maxLength: 2000,
        placeholder: 'z. B. …',
      },
      { id: 'hours', label: 'Stunden pro Woche', type: 'number', min: 1, max: 40, value: '50' },
      { id: 'due', label: 'Fertig bis', type: 'date', value: '2026-12-31' },
      { id: 'when', label: 'Termin', type: 'datetime', value: '2026-12-03T10:00' },
      {
        id: 'level',
        label: 'SAMR-Stufe',
        type: 'select',
        required: true,
        options: [{ value: 's', label: 'Substitution' }],
      },
      { id: 'note', label: 'Notiz', type: 'text', maxLength: 200 },
    ],
  },
  actions: [
    { id: 'canvas.back', label: 'Zurück' },
    { id: 'canvas.pause', label: 'Später weitermachen' },
  ],
};

const many: Reply = {
  text: 'Wählen Sie einen Termin:',
  actions: Array.from({ length: 8 }, (_, i) => ({
    id: 'booking.slot',
    label: `Slot ${i + 1}`,
    value: String(i),
  })),
};

const choice: Reply = {
  text: 'Welcher Coach?',
  choice: {
    id: 'booking.coach',
    label: 'Coach',
    options: Array.from({ length: 6 }, (_, i) => ({ value: `c${i}`, label: `Coach ${i}` })),
  },
};

const files: Reply = {
  text: 'Ihre Canvas und die Einladung:',
  files: [
    { id: 'a1', name: 'canvas.png', mime: 'image/png' },
    { id: 'b2', name: 'termin.ics', mime: 'text/calendar' },
    { id: 'c3', name: 'canvas.md', mime: 'text/markdown' },
  ],
  actions: [
    { id: 'booking.cancel', label: 'Absagen', style: 'danger' },
    { id: 'canvas.start', label: 'Neu', style: 'primary' },
  ],
};

describe('Teams renderer', () => {
  it('renders every kind of reply as a card Microsoft’s library parses without events', () => {
    for (const reply of [answer, canvasStep, many, choice, files]) {
      const { card } = renderReply(reply, opts);
      expect(adaptiveCardProblems(card), JSON.stringify(card)).toEqual([]);
      for (const submitted of [
        {
          id: 'canvas.answer',
          fields: {
            goals: 'Excel lernen',
            hours: '5',
            due: '2026-12-31',
            when: '2026-12-03T10:00',
            level: 's',
          },
        },
        { id: 'booking.coach', value: 'c2' },
        { id: 'knowledge.helpful', value: 'q-1' },
      ]) {
        expect(adaptiveCardProblems(renderDoneCard(reply, submitted, opts))).toEqual([]);
      }
    }
  });

  it('keeps plain text replies as Markdown text', () => {
    expect(renderReply({ text: '# Titel\n* eins\n* zwei mit `code`' }, opts)).toEqual({
      text: '**Titel**\n- eins\n- zwei mit code',
      interactive: false,
    });
  });

  it('splits paragraphs into TextBlocks and keeps the Markdown subset Teams supports', () => {
    const blocks = textBlocks(answer.text);
    expect(blocks.map((b) => b.text)).toEqual([
      '**Die virtuelle Sprechstunde** findet _alle zwei Wochen_ statt.',
      '- dienstags\n- 10 bis 11 Uhr',
      'Mehr unter [LoDiLe](https://lodile.de).',
    ]);
    expect(teamsMarkdown('## Schritt 2\n• a')).toBe('**Schritt 2**\n- a');
  });

  it('shows a Markdown table (a canvas roadmap) as readable lines, not as pipes', () => {
    const roadmap =
      '## Roadmap\n| Was | Bis wann | Wer |\n| --- | --- | --- |\n| Drehbuch fertig | 15.03.2030 | Frau Jansen |';
    expect(teamsMarkdown(roadmap)).toBe(
      '**Roadmap**\n- Was: Drehbuch fertig, Bis wann: 15.03.2030, Wer: Frau Jansen',
    );
  });

  it('shows citations as small subtle lines with links and 👍/👎 as plain core actions', () => {
    const card = renderReply(answer, opts).card!;
    const json = JSON.stringify(card);
    expect(json).toContain('"text":"Quellen","size":"Small","weight":"Bolder","isSubtle":true');
    expect(json).toContain(
      '[Sprechstunde › Wann?](https://lodile.de/sprechstunde) – „Die Sprechstunde ist offen',
    );
    expect(json).toContain('"text":"Broschüre [S. 4]"');
    expect(card.actions).toEqual([
      {
        type: 'Action.Submit',
        title: '👍',
        data: { lodile: { action: 'knowledge.helpful', value: 'q-1', card: opts.cardId } },
      },
      {
        type: 'Action.Submit',
        title: '👎',
        data: { lodile: { action: 'knowledge.unhelpful', value: 'q-1', card: opts.cardId } },
      },
    ]);
  });

  it('renders forms with labels, validation messages and the core’s errors, and buttons that skip validation', () => {
    const card = renderReply(canvasStep, opts).card!;
    const body = card.body as Record<string, unknown>[];
    const byId = Object.fromEntries(body.filter((e) => e.id).map((e) => [e.id, e]));
    expect(byId.field_goals).toMatchObject({
      type: 'Input.Text',
      isMultiline: true,
      isRequired: true,
      errorMessage: 'Bitte ausfüllen: Lernziele',
    });
    expect(byId.field_hours).toMatchObject({
      type: 'Input.Number',
      min: 1,
      max: 40,
      value: 50,
      errorMessage: 'Bitte geben Sie eine Zahl zwischen 1 und 40 ein.',
    });
    expect(byId.field_when__date).toMatchObject({ type: 'Input.Date', value: '2026-12-03' });
    expect(byId.field_when__time).toMatchObject({ type: 'Input.Time', value: '10:00' });
    expect(byId.field_level).toMatchObject({ type: 'Input.ChoiceSet', style: 'compact', isRequired: true });
    const errors = body.filter((e) => e.color === 'Attention').map((e) => e.text);
    expect(errors).toEqual(['⚠ Bitte mindestens ein Lernziel nennen.', '⚠ Höchstens 40 Stunden.']);
    expect((card.actions as { associatedInputs?: string }[]).map((a) => a.associatedInputs)).toEqual([
      'none',
      'none',
    ]);
  });

  it('puts more than five buttons into action sets (the default limit of card actions)', () => {
    const card = renderReply(many, opts).card!;
    expect(card.actions).toBeUndefined();
    const sets = (card.body as { type: string; actions?: unknown[] }[]).filter((e) => e.type === 'ActionSet');
    expect(sets.map((s) => s.actions!.length)).toEqual([5, 3]);
  });

  it('shows images inline and offers every file as a download', () => {
    const card = renderReply(files, opts).card!;
    const json = JSON.stringify(card);
    expect(json).toContain(
      '"type":"Image","url":"https://bot.example.org/api/teams/files/a1","altText":"canvas.png"',
    );
    expect(json).toContain('"title":"📅 termin.ics","url":"https://bot.example.org/api/teams/files/b2"');
    expect(json).toContain('"title":"⬇ canvas.md"');
    expect(card.actions).toEqual([
      expect.objectContaining({ title: 'Absagen', style: 'destructive' }),
      expect.objectContaining({ title: 'Neu', style: 'positive' }),
    ]);
  });

  it('labels its own controls in English for English users', () => {
    const json = JSON.stringify(renderReply(choice, { ...opts, locale: 'en' }).card);
    expect(json).toContain('"title":"Choose"');
    expect(json).toContain('Please choose an option.');
  });

  it('reads submits back into core actions, joining date and time', () => {
    expect(
      parseSubmit({
        lodile: { action: 'canvas.answer', card: opts.cardId },
        field_goals: 'A',
        field_when__date: '2026-12-03',
        field_when__time: '09:30',
        field_hours: 5,
      }),
    ).toEqual({
      action: { id: 'canvas.answer', fields: { goals: 'A', when: '2026-12-03T09:30', hours: '5' } },
      cardId: opts.cardId,
    });
    expect(parseSubmit({ lodile: { action: 'booking.coach' }, lodile_choice: 'c2' })).toEqual({
      action: { id: 'booking.coach', value: 'c2' },
      cardId: undefined,
    });
    expect(parseSubmit({ something: 'else' })).toBeUndefined();
    expect(parseSubmit({}, 'help.menu')).toEqual({ action: { id: 'help.menu' }, cardId: undefined });
    expect(parseSubmit('text')).toBeUndefined();
  });

  it('turns a used card into a read-only summary of what was chosen', () => {
    const done = JSON.stringify(renderDoneCard(choice, { id: 'booking.coach', value: 'c2' }, opts));
    expect(done).toContain('"facts":[{"title":"Coach","value":"Coach 2"}]');
    expect(done).toContain('✓ Ausgewählt: Coach 2');
    expect(done).not.toContain('Action.Submit');
    expect(done).not.toContain('Input.');
  });
});
