import type { TurnContext } from '../../core/context.ts';
import type { Reply } from '../../core/reply.ts';
import { formatDate, parseGermanDate } from '../dates.ts';
import { STEP_COUNT, STEPS, stepAt } from '../definition.ts';
import { NO, ROADMAP_DONE, YES } from '../intents.ts';
import { canvasText } from '../messages/index.ts';
import { isDateOnly, readMilestone } from '../milestone-text.ts';
import { planReminders } from '../reminders.ts';
import type { Canvas, Milestone } from '../store.ts';
import {
  milestoneCard,
  milestoneForm,
  navActions,
  stepActions,
  stepPrompt,
  summary,
  token,
} from '../views.ts';
import { activate, type FlowDeps, notFound, type Pending, saved, slot, zone } from './common.ts';
import { goTo, nextStep, skip } from './steps.ts';

// The roadmap step: milestones typed as text or entered in the form, proposals, and finishing the step.

// --- roadmap ---

export const dateContext = (ctx: TurnContext) => ({ timeZone: zone(ctx) });

/** A date somewhere in the text, or "Was; bis wann; wer": could be a milestone even if it ends in "?". */
export function looksLikeMilestone(ctx: TurnContext, text: string): boolean {
  return readMilestone(text, dateContext(ctx)).when !== '';
}

/** What the roadmap step waits for, if it still belongs to this canvas as it is now. */
export function pendingFor(ctx: TurnContext, c: Canvas): Pending | undefined {
  const p = slot(ctx).pending;
  if (p && p.canvas === c.id && p.rev === c.rev && stepAt(c.step)?.kind === 'roadmap') return p;
  delete slot(ctx).pending;
  return undefined;
}

/** "fertig", "weiter", the button: on to the next step; without any milestone, ask first. */
export async function finishRoadmap(d: FlowDeps, ctx: TurnContext, c: Canvas): Promise<Reply[]> {
  const asked = pendingFor(ctx, c)?.kind === 'skip';
  delete slot(ctx).pending;
  if (c.milestones.length) {
    return goTo(d, ctx, c, nextStep(c), { draft: null }, canvasText(ctx, 'roadmap.yourRoadmapIsDone'));
  }
  if (asked) return skip(d, ctx, c);
  slot(ctx).pending = { kind: 'skip', canvas: c.id, rev: c.rev };
  activate(ctx, c);
  return [
    {
      text: canvasText(ctx, 'roadmap.youHaveNotEntered'),
      actions: [
        {
          id: 'canvas.skip',
          value: token(c),
          label: canvasText(ctx, 'roadmap.yesSkipTheRoadmap'),
          style: 'primary',
        },
        ...stepActions(ctx, c).filter((a) => a.id !== 'canvas.skip'),
      ],
    },
    {
      text: canvasText(ctx, 'roadmap.orEnterAMilestone'),
      form: milestoneForm(ctx, c),
    },
  ];
}

/** Words that answer what the roadmap step waits for: done, yes / no to a proposal or to skipping. */
export async function roadmapWords(
  d: FlowDeps,
  ctx: TurnContext,
  c: Canvas,
  said: string,
): Promise<Reply[] | undefined> {
  if (ROADMAP_DONE.test(said)) return finishRoadmap(d, ctx, c);
  const p = pendingFor(ctx, c);
  if (p?.kind === 'skip') {
    if (YES.test(said)) return skip(d, ctx, c);
    if (NO.test(said)) {
      delete slot(ctx).pending;
      return stepPrompt(ctx, c, canvasText(ctx, 'roadmap.fineThenEnterYour'));
    }
  } else if (p?.proposed) {
    if (YES.test(said)) return acceptProposal(d, ctx, c, p);
    if (NO.test(said)) return [correctionForm(ctx, c, p)];
  }
  return undefined;
}

/**
 * A milestone typed as text. While one is in hand (picked to change, read without a date, or proposed),
 * a date alone completes or changes that one; a sentence while changing replaces what it names.
 */
export async function milestoneFromText(
  d: FlowDeps,
  ctx: TurnContext,
  c: Canvas,
  text: string,
): Promise<Reply[]> {
  const dates = dateContext(ctx);
  const held = pendingFor(ctx, c);
  const p = held?.kind === 'milestone' ? held : undefined;
  const existing = p?.id ? c.milestones.find((m) => m.id === p.id) : undefined;
  if (p && isDateOnly(text, dates)) {
    const input = { what: p.what, when: text, who: p.who };
    // The date that was missing: nothing left to ask.
    return p.id || p.due ? propose(d, ctx, c, existing, input) : saveMilestone(d, ctx, c, undefined, input);
  }
  const read = readMilestone(text, dates);
  if (existing && p) {
    return propose(d, ctx, c, existing, {
      what: read.what || p.what,
      when: read.when || p.due || '',
      who: read.who || p.who,
    });
  }
  if (!read.when) {
    slot(ctx).pending = {
      kind: 'milestone',
      canvas: c.id,
      rev: c.rev,
      what: read.what,
      who: read.who,
      proposed: false,
    };
    activate(ctx, c);
    return [
      {
        text: canvasText(ctx, 'roadmap.byWhenShouldBe', { what: read.what }),
        form: milestoneForm(ctx, c, undefined, { what: read.what, when: '', who: read.who }),
        actions: stepActions(ctx, c),
      },
    ];
  }
  const input = { what: read.what, when: read.when, who: read.who };
  return read.sure ? saveMilestone(d, ctx, c, undefined, input) : propose(d, ctx, c, undefined, input);
}

/** Shows what was read ("Was: … · Bis: … · Wer: …") with "Übernehmen" / "Ändern" instead of guessing. */
export async function propose(
  d: FlowDeps,
  ctx: TurnContext,
  c: Canvas,
  existing: Milestone | undefined,
  input: { what: string; when: string; who: string },
): Promise<Reply[]> {
  const what = input.what.trim();
  const who = input.who.trim();
  const parsed = parseGermanDate(input.when, dateContext(ctx));
  // Anything wrong (past date, empty what, too long) is said by saveMilestone, which then saves nothing.
  if (!parsed.ok || !what || what.length > 300 || who.length > 200) {
    return saveMilestone(d, ctx, c, existing, input);
  }
  slot(ctx).pending = {
    kind: 'milestone',
    canvas: c.id,
    rev: c.rev,
    id: existing?.id,
    what,
    due: parsed.date,
    who,
    proposed: true,
  };
  activate(ctx, c);
  return [
    {
      text: `${
        existing ? canvasText(ctx, 'roadmap.proposal.change') : canvasText(ctx, 'roadmap.proposal.new')
      }\n${milestoneCard(ctx, { what, due: parsed.date, who })}\n\n${canvasText(ctx, 'roadmap.isThatRight')}`,
      actions: [
        {
          id: 'canvas.acceptMilestone',
          value: token(c),
          label: canvasText(ctx, 'roadmap.saveIt'),
          style: 'primary',
        },
        { id: 'canvas.fixMilestone', value: token(c), label: canvasText(ctx, 'roadmap.change') },
        // Changing or removing another milestone would only compete with the two choices here.
        ...stepActions(ctx, c).filter(
          (a) => a.id !== 'canvas.editMilestone' && a.id !== 'canvas.removeMilestone',
        ),
      ],
    },
  ];
}

export function acceptProposal(
  d: FlowDeps,
  ctx: TurnContext,
  c: Canvas,
  p: Extract<Pending, { kind: 'milestone' }>,
): Promise<Reply[]> | Reply[] {
  delete slot(ctx).pending;
  const existing = p.id ? c.milestones.find((m) => m.id === p.id) : undefined;
  if (!p.due || (p.id && !existing)) return stepPrompt(ctx, c);
  return saveMilestone(d, ctx, c, existing, { what: p.what, when: p.due, who: p.who });
}

/** "Ändern": the milestone form filled with what was read, so only the wrong part needs typing. */
export function correctionForm(
  ctx: TurnContext,
  c: Canvas,
  p: Extract<Pending, { kind: 'milestone' }>,
): Reply {
  const existing = p.id ? c.milestones.find((m) => m.id === p.id) : undefined;
  return {
    text: canvasText(ctx, 'roadmap.correction'),
    form: milestoneForm(ctx, c, existing, {
      what: p.what,
      when: p.due ? formatDate(p.due, 'de') : '',
      who: p.who,
    }),
    actions: navActions(ctx, c),
  };
}

export async function saveMilestone(
  d: FlowDeps,
  ctx: TurnContext,
  c: Canvas,
  existing: Milestone | undefined,
  input: Record<string, string>,
): Promise<Reply[]> {
  const what = (input.what ?? '').trim();
  const when = (input.when ?? '').trim();
  const who = (input.who ?? '').trim();
  const errors: Record<string, string> = {};
  if (!what) errors.what = canvasText(ctx, 'roadmap.pleaseDescribeTheMilestone');
  else if (what.length > 300) errors.what = canvasText(ctx, 'roadmap.atMost300');
  if (who.length > 200) errors.who = canvasText(ctx, 'roadmap.atMost200');
  let due: string | undefined;
  if (!when) errors.when = canvasText(ctx, 'roadmap.pleaseSayByWhen');
  else {
    const parsed = parseGermanDate(when, { timeZone: zone(ctx) });
    if (parsed.ok) due = parsed.date;
    else if (parsed.reason === 'past') {
      errors.when = canvasText(ctx, 'roadmap.isInThePast', { date: formatDate(parsed.date, ctx.locale) });
    } else if (parsed.reason === 'invalid') {
      errors.when = canvasText(ctx, 'roadmap.isNotAValid', { when });
    } else {
      errors.when = canvasText(ctx, 'roadmap.iDoNotUnderstand', { when });
    }
  }
  if (Object.keys(errors).length || !due) {
    return [
      {
        text: `${canvasText(ctx, 'roadmap.theMilestoneIsNot')}\n${Object.values(errors)
          .map((e) => `- ${e}`)
          .join('\n')}`,
        form: milestoneForm(ctx, c, existing, { what, when, who }, errors),
        actions: stepActions(ctx, c),
      },
    ];
  }
  let next: Canvas | undefined;
  // Who is named too: a milestone read from a sentence shows how it was split.
  let prefix = `${saved(ctx)} ${canvasText(ctx, 'roadmap.milestone')} „${what}“ ${canvasText(ctx, 'roadmap.by')} ${formatDate(due, ctx.locale)}${who ? ` (${canvasText(ctx, 'roadmap.responsible')}: ${who})` : ''}.`;
  if (existing) {
    next = await d.store.changeMilestone(c.id, { id: existing.id, what, due, who });
  } else {
    // A double click or an old form sends the same milestone again: confirm it, do not add it twice.
    const result = await d.store.addMilestone(c.id, { what, due, who });
    next = result?.canvas;
    if (result && !result.added) {
      prefix = canvasText(ctx, 'roadmap.theMilestoneIsAlready', {
        what,
        date: formatDate(due, ctx.locale),
        whoNote: who ? `, ${who}` : '',
      });
    }
  }
  if (!next) return notFound(ctx);
  delete slot(ctx).pending;
  if (next.remindersOn) await planReminders(ctx.services.db, next, zone(ctx));
  if (next.step !== STEPS.findIndex((s) => s.kind === 'roadmap') + 1) {
    // Changed from the summary or another step: show the canvas as it is now.
    return next.step > STEP_COUNT ? summary(ctx, next, 'owner', prefix) : stepPrompt(ctx, next, prefix);
  }
  activate(ctx, next);
  return stepPrompt(ctx, next, prefix);
}
