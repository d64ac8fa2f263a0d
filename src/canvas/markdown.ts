import { type Locale, pick } from '../core/i18n.ts';
import { dayIn, formatDate } from './dates.ts';
import { type CanvasStep, LEARNING_QUESTIONS, SAMR_FIELD, SAMR_LEVELS, STEPS } from './definition.ts';
import { type CanvasKey, canvasText } from './messages/index.ts';
import type { Canvas } from './store.ts';

/** Steps with nothing filled in yet (skipped or not reached): the "open points" of a canvas. */
export function openSteps(canvas: Canvas): CanvasStep[] {
  return STEPS.filter((s) => !stepFilled(canvas, s));
}

export function stepFilled(canvas: Canvas, step: CanvasStep): boolean {
  if (step.kind === 'roadmap') return canvas.milestones.length > 0;
  if (step.kind === 'learnings') return LEARNING_QUESTIONS.some((q) => canvas.fields[q.field]);
  return Boolean(canvas.fields[step.id]);
}

export function samrLabel(value: string | undefined, locale: Locale): string | undefined {
  const level = SAMR_LEVELS.find((l) => l.value === value);
  return level && pick(locale, level.label);
}

/**
 * The whole canvas as Markdown: the chat export, the .md file, and what booking attaches. timeZone is the
 * reader's (a valid IANA zone): "Stand" is the day of the last change there, not in UTC.
 */
export function toMarkdown(canvas: Canvas, locale: Locale, timeZone: string): string {
  const t = (key: CanvasKey) => canvasText(locale, key);
  const unfilled = t('markdown.open');
  const lines: string[] = [`# ${t('markdown.heading')}: ${canvas.title}`, ''];
  const state = canvas.status === 'done' ? t('markdown.done') : t('markdown.inProgress');
  lines.push(
    `_${t('markdown.asOf')}: ${formatDate(dayIn(canvas.updatedAt, timeZone), locale)} · ${state}_`,
    '',
  );
  STEPS.forEach((step, i) => {
    lines.push(`## ${i + 1}. ${pick(locale, step.title)}`, '');
    if (step.kind === 'text') {
      lines.push(canvas.fields[step.id] ?? unfilled, '');
      if (step.id === 'medium') {
        const samr = samrLabel(canvas.fields[SAMR_FIELD], locale);
        if (samr) lines.push(`${t('markdown.samrLevel')}: ${samr}`, '');
      }
    } else if (step.kind === 'roadmap') {
      if (!canvas.milestones.length) lines.push(unfilled, '');
      else {
        lines.push(
          `| ${t('markdown.what')} | ${t('markdown.byWhen')} | ${t('markdown.who')} |`,
          '| --- | --- | --- |',
        );
        for (const m of canvas.milestones) {
          lines.push(`| ${cell(m.what)} | ${formatDate(m.due, locale)} | ${cell(m.who || '–')} |`);
        }
        lines.push('');
      }
    } else {
      for (const q of LEARNING_QUESTIONS) {
        lines.push(`**${pick(locale, q.question)}**`, '', canvas.fields[q.field] ?? unfilled, '');
      }
    }
  });
  const open = openSteps(canvas);
  if (open.length) {
    lines.push(`## ${t('markdown.openPoints')}`, '');
    for (const s of open) lines.push(`- ${pick(locale, s.title)}`);
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

const cell = (s: string) => s.replace(/\|/g, '/').replace(/\s*\n\s*/g, ' ');
