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
import { canvasText } from './messages/index.ts';
import { subPhase } from './phase.ts';
import type { Access, Canvas, Milestone } from './store.ts';

/** The canvas and its revision: what every button that moves through the flow carries, so stale buttons are detected. */
export const token = (c: Canvas) => packed({ canvas: c.id, rev: c.rev });

export const SUMMARY_STEP = STEP_COUNT + 1;

export function navActions(ctx: TurnContext, c: Canvas): ReplyAction[] {
  const t = token(c);
  const actions: ReplyAction[] = [];
  if (c.step > 1 || learnIndex(c) > 0)
    actions.push({ id: 'canvas.back', value: t, label: canvasText(ctx, 'views.back') });
  actions.push(
    { id: 'canvas.skip', value: t, label: canvasText(ctx, 'views.skip') },
    { id: 'canvas.pause', value: c.id, label: canvasText(ctx, 'views.pause') },
    { id: 'canvas.help', value: t, label: canvasText(ctx, 'views.help') },
  );
  return actions;
}

export function learnIndex(c: Canvas): number {
  const m = /^learn:(\d)$/.exec(subPhase(c.phase) ?? '');
  return m ? Math.min(Number(m[1]), LEARNING_QUESTIONS.length - 1) : 0;
}

const quote = (s: string, max = 300) => (s.length > max ? `${s.slice(0, max).trimEnd()} …` : s);

function header(ctx: TurnContext, c: Canvas, step: CanvasStep): string {
  const n = canvasText(ctx, 'views.stepOf', { step: c.step, count: STEP_COUNT });
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
        text: `${lead}${header(ctx, c, step)} – ${canvasText(ctx, 'views.questionOf', { n: i + 1 })}\n${ctx.t(q.question)}${intro}${
          current ? `\n\n${canvasText(ctx, 'views.soFar')}: „${quote(current)}“` : ''
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
    `${canvasText(ctx, 'help.example')}: ${ctx.t(step.example)}`,
  ];
  if (current) {
    lines.push(
      `${canvasText(ctx, 'views.soFar')}: „${quote(current)}“ ${canvasText(ctx, 'views.typeANewAnswer')}`,
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
      label: canvasText(ctx, 'steps.keepThisGoal'),
      style: 'primary',
    });
  } else if (current) {
    // Skipping a step that already has an answer keeps it; say so.
    const skip = actions.find((a) => a.id === 'canvas.skip');
    if (skip) skip.label = canvasText(ctx, 'views.keepAnswer');
  }
  return [{ text: lines.join('\n'), actions }];
}

export function samrChoice(ctx: TurnContext, c: Canvas, lead = ''): Reply {
  return {
    text: `${lead}${header(ctx, c, stepAt(c.step)!)}\n${canvasText(ctx, 'views.optionalWhereOnThe')}`,
    choice: {
      id: 'canvas.samr',
      label: canvasText(ctx, 'views.chooseASamrLevel'),
      options: [
        ...SAMR_LEVELS.map((l) => ({
          value: packed({ canvas: c.id, rev: c.rev, level: l.value }),
          label: ctx.t(l.label),
        })),
        {
          value: packed({ canvas: c.id, rev: c.rev, level: 'none' }),
          label: canvasText(ctx, 'views.continueWithout'),
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
    title: m ? canvasText(ctx, 'views.changeMilestone') : canvasText(ctx, 'views.addAMilestone'),
    fields: [
      {
        id: 'what',
        label: canvasText(ctx, 'views.form.what'),
        type: 'text',
        required: true,
        maxLength: 300,
        value: values?.what ?? m?.what,
      },
      {
        id: 'when',
        label: canvasText(ctx, 'views.byWhen'),
        type: 'text',
        required: true,
        maxLength: 60,
        placeholder: canvasText(ctx, 'views.eGEndOf'),
        value: values?.when ?? (m ? formatDate(m.due, 'de') : undefined),
      },
      {
        id: 'who',
        label: canvasText(ctx, 'views.whoIsResponsible'),
        type: 'text',
        maxLength: 200,
        value: values?.who ?? m?.who,
      },
    ],
    submitLabel: canvasText(ctx, 'views.save'),
    errors,
  };
}

/** "Was: … · Bis: … · Wer: …": a milestone the bot read from text, shown back before it is saved. */
export function milestoneCard(ctx: TurnContext, m: { what: string; due: string; who: string }): string {
  return [
    `${canvasText(ctx, 'views.card.what')}: ${m.what}`,
    `${canvasText(ctx, 'views.by')}: ${formatDate(m.due, ctx.locale)}`,
    `${canvasText(ctx, 'views.who')}: ${m.who || '–'}`,
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
        label: canvasText(ctx, 'views.roadmapDoneContinue'),
        style: 'primary',
      },
      {
        id: 'canvas.editMilestone',
        value: c.id,
        label: canvasText(ctx, 'views.changeAMilestone'),
      },
      {
        id: 'canvas.removeMilestone',
        value: c.id,
        label: canvasText(ctx, 'views.removeAMilestone'),
      },
    );
  }
  actions.push(...navActions(ctx, c));
  return actions;
}

function roadmapPrompt(ctx: TurnContext, c: Canvas, lead: string): Reply[] {
  const step = stepAt(c.step)!;
  const list = c.milestones.length
    ? `${canvasText(ctx, 'views.yourMilestones')}:\n${c.milestones.map((m, i) => milestoneLine(ctx, m, i)).join('\n')}`
    : canvasText(ctx, 'views.noMilestonesYet');
  const actions = roadmapActions(ctx, c);
  return [
    {
      text: [
        `${lead}${header(ctx, c, step)}`,
        ctx.t(step.question),
        `_${ctx.t(step.explanation)}_`,
        `${canvasText(ctx, 'help.example')}: ${ctx.t(step.example)}`,
        '',
        list,
      ].join('\n'),
      actions,
    },
    { text: canvasText(ctx, 'views.newMilestone'), form: milestoneForm(ctx, c) },
  ];
}

export function milestonePick(ctx: TurnContext, c: Canvas, mode: 'edit' | 'remove'): Reply {
  return {
    text: mode === 'edit' ? canvasText(ctx, 'views.pick.edit') : canvasText(ctx, 'views.pick.remove'),
    choice: {
      id: mode === 'edit' ? 'canvas.editPickedMilestone' : 'canvas.removePickedMilestone',
      label: canvasText(ctx, 'roadmap.milestone'),
      options: c.milestones.map((m, i) => ({
        value: packed({ canvas: c.id, milestone: m.id }),
        label: milestoneLine(ctx, m, i),
      })),
    },
    actions: [{ id: 'canvas.resume', value: c.id, label: canvasText(ctx, 'views.cancel') }],
  };
}

/** The summary card: every field in short, open points, next steps. Read-only viewers get no edit buttons. */
export function summary(ctx: TurnContext, c: Canvas, access: Access, lead?: string): Reply[] {
  const parts: string[] = [];
  if (lead) parts.push(lead, '');
  parts.push(`**${canvasText(ctx, 'views.digitalLearningCanvas')}: ${c.title}**`);
  if (access === 'shared') parts.push(canvasText(ctx, 'views.sharedWithYouRead'));
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
    parts.push(`${i + 1}. **${ctx.t(s.short)}:** ${value || canvasText(ctx, 'views.summary.open')}`);
  });
  const open = openSteps(c);
  if (open.length) {
    parts.push(
      '',
      `**${canvasText(ctx, 'views.openPoints')}:** ${open.map((s) => ctx.t(s.short)).join(', ')}`,
    );
  }
  const actions: ReplyAction[] = [
    {
      id: 'canvas.export',
      value: c.id,
      label: canvasText(ctx, 'views.exportAsMarkdown'),
    },
    { id: 'canvas.png', value: c.id, label: canvasText(ctx, 'views.asImagePng') },
    { id: 'canvas.pdf', value: c.id, label: canvasText(ctx, 'views.asPdf') },
  ];
  if (access === 'owner') {
    actions.unshift(
      {
        id: 'canvas.share',
        value: c.id,
        label: canvasText(ctx, 'views.shareWithACodile'),
        style: 'primary',
      },
      {
        id: 'booking.start',
        value: `canvas:${c.id}`,
        label: canvasText(ctx, 'views.bookECoachingAbout'),
      },
    );
    if (c.milestones.length) {
      actions.push(
        c.remindersOn
          ? {
              id: 'canvas.remindersOff',
              value: c.id,
              label: canvasText(ctx, 'manage.turnRemindersOff'),
            }
          : {
              id: 'canvas.remindersOn',
              value: c.id,
              label: canvasText(ctx, 'views.remindMeOfMilestones'),
            },
      );
    }
    actions.push({
      id: 'canvas.manage',
      value: c.id,
      label: canvasText(ctx, 'views.renameArchiveDelete'),
    });
  }
  const reply: Reply = { text: parts.join('\n'), actions };
  if (access === 'owner') {
    reply.choice = {
      id: 'canvas.edit',
      label: canvasText(ctx, 'views.changeAField'),
      options: STEPS.map((s, i) => ({
        value: packed({ canvas: c.id, step: i + 1 }),
        label: `${i + 1}. ${ctx.t(s.short)}${stepFilled(c, s) ? '' : canvasText(ctx, 'views.summary.openMark')}`,
      })),
    };
  }
  return [reply];
}

export function tooLong(ctx: TurnContext, c: Canvas, length: number, rawCutOff: string): Reply {
  const rest = rawCutOff.trim();
  // Start and end of what would be cut, so the user recognises it.
  const cutOff =
    rest.length > 220 ? `${rest.slice(0, 100).trimEnd()} … ${rest.slice(-100).trimStart()}` : rest;
  return {
    text: canvasText(ctx, 'views.yourAnswerHasCharacters', {
      length: String(length),
      max: String(MAX_FIELD_LENGTH),
      cutOff,
    }),
    actions: [
      {
        id: 'canvas.useDraft',
        value: token(c),
        label: canvasText(ctx, 'views.takeItShortened'),
      },
      ...navActions(ctx, c),
    ],
  };
}
