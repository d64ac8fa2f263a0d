import { packed, targetedId } from '../core/actions.ts';
import type { TurnContext } from '../core/context.ts';
import type { Form, Reply, ReplyAction } from '../core/reply.ts';
import { formatDate } from './dates.ts';
import {
  type CanvasStep,
  LEARNING_QUESTIONS,
  MAX_FIELD_LENGTH,
  SAMR_FIELD,
  SAMR_LEVELS,
  STEP_COUNT,
  STEPS,
  stepAt,
} from './definition.ts';
import { openSteps, samrLabel, stepFilled } from './markdown.ts';
import { subPhase } from './phase.ts';
import type { Access, Canvas, CanvasListing, Milestone } from './store.ts';

/** The canvas and its revision: what every button that moves through the flow carries, so stale buttons are detected. */
export const token = (c: Canvas) => packed({ canvas: c.id, rev: c.rev });

export const SUMMARY_STEP = STEP_COUNT + 1;

export function navActions(ctx: TurnContext, c: Canvas): ReplyAction[] {
  const t = token(c);
  const actions: ReplyAction[] = [];
  if (c.step > 1 || learnIndex(c) > 0)
    actions.push({ id: 'canvas.back', value: t, label: ctx.t({ de: '← Zurück', en: '← Back' }) });
  actions.push(
    { id: 'canvas.skip', value: t, label: ctx.t({ de: 'Überspringen', en: 'Skip' }) },
    { id: 'canvas.pause', value: c.id, label: ctx.t({ de: 'Pausieren', en: 'Pause' }) },
    { id: 'canvas.help', value: t, label: ctx.t({ de: 'Hilfe', en: 'Help' }) },
  );
  return actions;
}

export function learnIndex(c: Canvas): number {
  const m = /^learn:(\d)$/.exec(subPhase(c.phase) ?? '');
  return m ? Math.min(Number(m[1]), LEARNING_QUESTIONS.length - 1) : 0;
}

const quote = (s: string, max = 300) => (s.length > max ? `${s.slice(0, max).trimEnd()} …` : s);

function header(ctx: TurnContext, c: Canvas, step: CanvasStep): string {
  const n = ctx.t({ de: `Schritt ${c.step} von ${STEP_COUNT}`, en: `Step ${c.step} of ${STEP_COUNT}` });
  return `**${n} · ${ctx.t(step.title)}**`;
}

/** The prompt for where the canvas stands; prefix is e.g. "Gespeichert." from the previous answer. */
export function stepPrompt(ctx: TurnContext, c: Canvas, prefix?: string): Reply[] {
  const step = stepAt(c.step);
  if (!step) return summary(ctx, c, 'owner');
  const lead = prefix ? `${prefix}\n\n` : '';
  if (step.kind === 'roadmap') return roadmapPrompt(ctx, c, lead);
  if (step.kind === 'learnings') {
    const i = learnIndex(c);
    const q = LEARNING_QUESTIONS[i]!;
    const current = c.fields[q.field];
    const intro = i === 0 ? `\n_${ctx.t(step.explanation)}_` : '';
    return [
      {
        text: `${lead}${header(ctx, c, step)} – ${ctx.t({ de: `Frage ${i + 1} von 3`, en: `question ${i + 1} of 3` })}\n${ctx.t(q.question)}${intro}${
          current ? `\n\n${ctx.t({ de: 'Bisher', en: 'So far' })}: „${quote(current)}“` : ''
        }`,
        actions: navActions(ctx, c),
      },
    ];
  }
  if (step.id === 'medium' && subPhase(c.phase) === 'samr') return [samrChoice(ctx, c, lead)];
  const current = c.fields[step.id];
  const lines = [
    `${lead}${header(ctx, c, step)}`,
    ctx.t(step.question),
    `_${ctx.t(step.explanation)}_`,
    `${ctx.t({ de: 'Beispiel', en: 'Example' })}: ${ctx.t(step.example)}`,
  ];
  if (current) {
    lines.push(
      `${ctx.t({ de: 'Bisher', en: 'So far' })}: „${quote(current)}“ ${ctx.t({
        de: '– schreiben Sie eine neue Antwort, um sie zu ersetzen.',
        en: '– type a new answer to replace it.',
      })}`,
    );
  }
  const actions = navActions(ctx, c);
  if (step.id === 'goal' && current && subPhase(c.phase) === 'smart') {
    // "Ziel so übernehmen" is the way on; a second "skip" button would do the same.
    const skipAt = actions.findIndex((a) => a.id === 'canvas.skip');
    actions.splice(skipAt, 1);
    actions.unshift({
      id: 'canvas.keepGoal',
      value: token(c),
      label: ctx.t({ de: 'Ziel so übernehmen', en: 'Keep this goal' }),
      style: 'primary',
    });
  } else if (current) {
    // Skipping a step that already has an answer keeps it; say so.
    const skip = actions.find((a) => a.id === 'canvas.skip');
    if (skip) skip.label = ctx.t({ de: 'Antwort beibehalten', en: 'Keep answer' });
  }
  return [{ text: lines.join('\n'), actions }];
}

export function samrChoice(ctx: TurnContext, c: Canvas, lead = ''): Reply {
  return {
    text: `${lead}${header(ctx, c, stepAt(c.step)!)}\n${ctx.t({
      de: 'Optional: Auf welcher Stufe des SAMR-Modells sehen Sie Ihr Lernmedium? Substitution und Augmentation verbessern das Lernen, Modification und Redefinition verändern es grundlegend.',
      en: 'Optional: where on the SAMR ladder do you see your medium? Substitution and augmentation enhance learning, modification and redefinition transform it.',
    })}`,
    choice: {
      id: 'canvas.samr',
      label: ctx.t({ de: 'SAMR-Stufe wählen', en: 'Choose a SAMR level' }),
      options: [
        ...SAMR_LEVELS.map((l) => ({
          value: packed({ canvas: c.id, rev: c.rev, level: l.value }),
          label: ctx.t(l.label),
        })),
        {
          value: packed({ canvas: c.id, rev: c.rev, level: 'none' }),
          label: ctx.t({ de: 'Ohne Einordnung weiter', en: 'Continue without' }),
        },
      ],
    },
    actions: navActions(ctx, c),
  };
}

function milestoneLine(ctx: TurnContext, m: Milestone, i: number): string {
  const who = m.who ? ` – ${m.who}` : '';
  return `${i + 1}. ${formatDate(m.due, ctx.locale)}: ${m.what}${who}`;
}

export function milestoneForm(
  ctx: TurnContext,
  c: Canvas,
  m?: Milestone,
  values?: Record<string, string>,
  errors?: Record<string, string>,
): Form {
  return {
    id: targetedId('canvas', 'saveMilestone', `${c.id}:${m?.id ?? 'new'}`),
    title: m
      ? ctx.t({ de: 'Meilenstein ändern', en: 'Change milestone' })
      : ctx.t({ de: 'Meilenstein hinzufügen', en: 'Add a milestone' }),
    fields: [
      {
        id: 'what',
        label: ctx.t({ de: 'Was?', en: 'What?' }),
        type: 'text',
        required: true,
        maxLength: 300,
        value: values?.what ?? m?.what,
      },
      {
        id: 'when',
        label: ctx.t({ de: 'Bis wann?', en: 'By when?' }),
        type: 'text',
        required: true,
        maxLength: 60,
        placeholder: ctx.t({
          de: 'z. B. 15.03.2027, Ende April, in 6 Wochen',
          en: 'e.g. 15.03.2027, end of April, in 6 weeks',
        }),
        value: values?.when ?? (m ? formatDate(m.due, 'de') : undefined),
      },
      {
        id: 'who',
        label: ctx.t({ de: 'Wer ist verantwortlich?', en: 'Who is responsible?' }),
        type: 'text',
        maxLength: 200,
        value: values?.who ?? m?.who,
      },
    ],
    submitLabel: ctx.t({ de: 'Speichern', en: 'Save' }),
    errors,
  };
}

/** "Was: … · Bis: … · Wer: …": a milestone the bot read from text, shown back before it is saved. */
export function milestoneCard(ctx: TurnContext, m: { what: string; due: string; who: string }): string {
  return [
    `${ctx.t({ de: 'Was', en: 'What' })}: ${m.what}`,
    `${ctx.t({ de: 'Bis', en: 'By' })}: ${formatDate(m.due, ctx.locale)}`,
    `${ctx.t({ de: 'Wer', en: 'Who' })}: ${m.who || '–'}`,
  ].join(' · ');
}

/** All buttons of the step the canvas is on; replies inside a step (errors too) keep them, so none is a dead end. */
export function stepActions(ctx: TurnContext, c: Canvas): ReplyAction[] {
  return stepAt(c.step)?.kind === 'roadmap' ? roadmapActions(ctx, c) : navActions(ctx, c);
}

function roadmapActions(ctx: TurnContext, c: Canvas): ReplyAction[] {
  const actions: ReplyAction[] = [];
  if (c.milestones.length) {
    actions.push(
      {
        id: 'canvas.next',
        value: token(c),
        label: ctx.t({ de: 'Roadmap fertig – weiter', en: 'Roadmap done – continue' }),
        style: 'primary',
      },
      {
        id: 'canvas.editMilestone',
        value: c.id,
        label: ctx.t({ de: 'Meilenstein ändern', en: 'Change a milestone' }),
      },
      {
        id: 'canvas.removeMilestone',
        value: c.id,
        label: ctx.t({ de: 'Meilenstein entfernen', en: 'Remove a milestone' }),
      },
    );
  }
  actions.push(...navActions(ctx, c));
  return actions;
}

function roadmapPrompt(ctx: TurnContext, c: Canvas, lead: string): Reply[] {
  const step = stepAt(c.step)!;
  const list = c.milestones.length
    ? `${ctx.t({ de: 'Ihre Meilensteine', en: 'Your milestones' })}:\n${c.milestones.map((m, i) => milestoneLine(ctx, m, i)).join('\n')}`
    : ctx.t({ de: 'Noch keine Meilensteine.', en: 'No milestones yet.' });
  const actions = roadmapActions(ctx, c);
  return [
    {
      text: [
        `${lead}${header(ctx, c, step)}`,
        ctx.t(step.question),
        `_${ctx.t(step.explanation)}_`,
        `${ctx.t({ de: 'Beispiel', en: 'Example' })}: ${ctx.t(step.example)}`,
        '',
        list,
      ].join('\n'),
      actions,
    },
    { text: ctx.t({ de: 'Neuer Meilenstein:', en: 'New milestone:' }), form: milestoneForm(ctx, c) },
  ];
}

export function milestonePick(ctx: TurnContext, c: Canvas, mode: 'edit' | 'remove'): Reply {
  return {
    text:
      mode === 'edit'
        ? ctx.t({
            de: 'Welchen Meilenstein möchten Sie ändern?',
            en: 'Which milestone do you want to change?',
          })
        : ctx.t({
            de: 'Welchen Meilenstein möchten Sie entfernen?',
            en: 'Which milestone do you want to remove?',
          }),
    choice: {
      id: mode === 'edit' ? 'canvas.editPickedMilestone' : 'canvas.removePickedMilestone',
      label: ctx.t({ de: 'Meilenstein', en: 'Milestone' }),
      options: c.milestones.map((m, i) => ({
        value: packed({ canvas: c.id, milestone: m.id }),
        label: milestoneLine(ctx, m, i),
      })),
    },
    actions: [{ id: 'canvas.resume', value: c.id, label: ctx.t({ de: 'Abbrechen', en: 'Cancel' }) }],
  };
}

/** The summary card: every field in short, open points, next steps. Read-only viewers get no edit buttons. */
export function summary(ctx: TurnContext, c: Canvas, access: Access, lead?: string): Reply[] {
  const parts: string[] = [];
  if (lead) parts.push(lead, '');
  parts.push(`**${ctx.t({ de: 'Digital Learning Canvas', en: 'Digital Learning Canvas' })}: ${c.title}**`);
  if (access === 'shared')
    parts.push(ctx.t({ de: '_Mit Ihnen geteilt – nur lesen._', en: '_Shared with you – read only._' }));
  STEPS.forEach((s, i) => {
    let value: string;
    if (s.kind === 'roadmap') value = c.milestones.map((m, j) => milestoneLine(ctx, m, j)).join('; ');
    else if (s.kind === 'learnings')
      value = LEARNING_QUESTIONS.filter((q) => c.fields[q.field])
        .map((q) => `${ctx.t(q.short)}: ${quote(c.fields[q.field]!, 120)}`)
        .join('; ');
    else {
      value = c.fields[s.id] ? quote(c.fields[s.id]!, 200) : '';
      const samr = s.id === 'medium' ? samrLabel(c.fields[SAMR_FIELD], ctx.locale) : undefined;
      if (samr) value += ` (SAMR: ${samr.split(' – ')[0]})`;
    }
    parts.push(`${i + 1}. **${ctx.t(s.short)}:** ${value || ctx.t({ de: '_offen_', en: '_open_' })}`);
  });
  const open = openSteps(c);
  if (open.length) {
    parts.push(
      '',
      `**${ctx.t({ de: 'Offene Punkte', en: 'Open points' })}:** ${open.map((s) => ctx.t(s.short)).join(', ')}`,
    );
  }
  const actions: ReplyAction[] = [
    {
      id: 'canvas.export',
      value: c.id,
      label: ctx.t({ de: 'Als Markdown exportieren', en: 'Export as Markdown' }),
    },
    { id: 'canvas.png', value: c.id, label: ctx.t({ de: 'Als Bild (PNG)', en: 'As image (PNG)' }) },
    { id: 'canvas.pdf', value: c.id, label: ctx.t({ de: 'Als PDF', en: 'As PDF' }) },
  ];
  if (access === 'owner') {
    actions.unshift(
      {
        id: 'canvas.share',
        value: c.id,
        label: ctx.t({ de: 'Mit CoDiLe oder Kolleg*in teilen', en: 'Share with a CoDiLe or colleague' }),
        style: 'primary',
      },
      {
        id: 'booking.start',
        value: `canvas:${c.id}`,
        label: ctx.t({ de: 'E-Coaching dazu buchen', en: 'Book e-coaching about it' }),
      },
    );
    if (c.milestones.length) {
      actions.push(
        c.remindersOn
          ? {
              id: 'canvas.remindersOff',
              value: c.id,
              label: ctx.t({ de: 'Erinnerungen ausschalten', en: 'Turn reminders off' }),
            }
          : {
              id: 'canvas.remindersOn',
              value: c.id,
              label: ctx.t({ de: 'An Meilensteine erinnern', en: 'Remind me of milestones' }),
            },
      );
    }
    actions.push({
      id: 'canvas.manage',
      value: c.id,
      label: ctx.t({ de: 'Umbenennen / archivieren / löschen', en: 'Rename / archive / delete' }),
    });
  }
  const reply: Reply = { text: parts.join('\n'), actions };
  if (access === 'owner') {
    reply.choice = {
      id: 'canvas.edit',
      label: ctx.t({ de: 'Feld ändern', en: 'Change a field' }),
      options: STEPS.map((s, i) => ({
        value: packed({ canvas: c.id, step: i + 1 }),
        label: `${i + 1}. ${ctx.t(s.short)}${stepFilled(c, s) ? '' : ctx.t({ de: ' (offen)', en: ' (open)' })}`,
      })),
    };
  }
  return [reply];
}

export function listReply(ctx: TurnContext, items: CanvasListing[]): Reply[] {
  const newAction: ReplyAction = {
    id: 'canvas.startNew',
    label: ctx.t({ de: 'Neue Canvas beginnen', en: 'Start a new canvas' }),
    style: 'primary',
  };
  if (!items.length) {
    return [
      {
        text: ctx.t({ de: 'Sie haben noch keine Canvas.', en: 'You have no canvas yet.' }),
        actions: [newAction],
      },
    ];
  }
  const describe = (i: CanvasListing) => {
    const state =
      i.access === 'shared'
        ? ctx.t({
            de: `geteilt von ${i.ownerName ?? i.ownerKey}, nur lesen`,
            en: `shared by ${i.ownerName ?? i.ownerKey}, read only`,
          })
        : i.archived
          ? ctx.t({ de: 'archiviert', en: 'archived' })
          : i.status === 'done'
            ? ctx.t({ de: 'fertig', en: 'completed' })
            : ctx.t({ de: `Schritt ${i.step} von ${STEP_COUNT}`, en: `step ${i.step} of ${STEP_COUNT}` });
    return `${i.title} (${state})`;
  };
  const owned = items.filter((i) => i.access === 'owner');
  const replies: Reply[] = [
    {
      text: `**${ctx.t({ de: 'Ihre Canvases', en: 'Your canvases' })}**\n${items.map((i, n) => `${n + 1}. ${describe(i)}`).join('\n')}`,
      choice: {
        id: 'canvas.open',
        label: ctx.t({ de: 'Öffnen', en: 'Open' }),
        options: items.map((i) => ({ value: i.id, label: describe(i) })),
      },
      actions: [newAction],
    },
  ];
  if (owned.length) {
    replies.push({
      text: ctx.t({ de: 'Umbenennen, archivieren oder löschen:', en: 'Rename, archive or delete:' }),
      choice: {
        id: 'canvas.manage',
        label: ctx.t({ de: 'Canvas verwalten', en: 'Manage a canvas' }),
        options: owned.map((i) => ({ value: i.id, label: describe(i) })),
      },
    });
  }
  return replies;
}

export function tooLong(ctx: TurnContext, c: Canvas, length: number, rawCutOff: string): Reply {
  const rest = rawCutOff.trim();
  // Start and end of what would be cut, so the user recognises it.
  const cutOff =
    rest.length > 220 ? `${rest.slice(0, 100).trimEnd()} … ${rest.slice(-100).trimStart()}` : rest;
  return {
    text: ctx.t({
      de: `Ihre Antwort hat ${length} Zeichen – in ein Feld passen höchstens ${MAX_FIELD_LENGTH}. Ich habe Ihren Text vorläufig aufgehoben, es geht nichts verloren. Schicken Sie eine kürzere Fassung oder übernehmen Sie ihn gekürzt; wegfallen würde: „${cutOff}“`,
      en: `Your answer has ${length} characters – a field holds at most ${MAX_FIELD_LENGTH}. I kept your text aside, nothing is lost. Send a shorter version or take it shortened; this part would be cut: “${cutOff}”`,
    }),
    actions: [
      {
        id: 'canvas.useDraft',
        value: token(c),
        label: ctx.t({ de: 'Gekürzt übernehmen', en: 'Take it shortened' }),
      },
      ...navActions(ctx, c),
    ],
  };
}
