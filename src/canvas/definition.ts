import type { Bilingual } from '../core/i18n.ts';
import { bilingual } from '../core/messages.ts';
import { type CanvasKey, canvasText } from './messages/index.ts';

/**
 * The Digital Learning Canvas (brochure, section "Digital Learning Canvas"), as data: the flow, the
 * summary, the Markdown export and the picture all read their steps from here.
 * The running example is one plausible SME: a sensor manufacturer that trains machine operators with
 * short videos. The texts live in the canvas catalogue (messages/de.ts, en.ts) under step.<id>.*,
 * learning.<field>.* and samr.<value>; here they are read back in both languages, as the readers expect.
 */
export type StepKind = 'text' | 'roadmap' | 'learnings';

export interface CanvasStep {
  /** Stable key, also the field name in canvas_fields (text steps). */
  id: StepId;
  kind: StepKind;
  title: Bilingual;
  /** Short label for the picture and the field list. */
  short: Bilingual;
  question: Bilingual;
  explanation: Bilingual;
  example: Bilingual;
  /** Words a user may name to change this field: "Ziel ändern". */
  aliases: string[];
}

export type StepId =
  | 'title'
  | 'goal'
  | 'situation'
  | 'stakeholders'
  | 'audience'
  | 'needs'
  | 'attitude'
  | 'medium'
  | 'roadmap'
  | 'learnings';

export interface SubQuestion {
  field: string;
  question: Bilingual;
  short: Bilingual;
}

function text(key: CanvasKey): Bilingual {
  return bilingual(canvasText, key);
}

/** The texts of one step: step.<id>.title, .short, .question, .explanation, .example. */
function stepTexts(id: StepId): Pick<CanvasStep, 'title' | 'short' | 'question' | 'explanation' | 'example'> {
  return {
    title: text(`step.${id}.title`),
    short: text(`step.${id}.short`),
    question: text(`step.${id}.question`),
    explanation: text(`step.${id}.explanation`),
    example: text(`step.${id}.example`),
  };
}

function learningTexts(field: 'learn_result' | 'learn_collab' | 'learn_learned'): Omit<SubQuestion, 'field'> {
  return { short: text(`learning.${field}.short`), question: text(`learning.${field}.question`) };
}

/** The three questions of the Learnings step, each its own field. */
export const LEARNING_QUESTIONS: SubQuestion[] = [
  { field: 'learn_result', ...learningTexts('learn_result') },
  { field: 'learn_collab', ...learningTexts('learn_collab') },
  { field: 'learn_learned', ...learningTexts('learn_learned') },
];

export const SAMR_LEVELS = [
  { value: 'substitution', label: text('samr.substitution') },
  { value: 'augmentation', label: text('samr.augmentation') },
  { value: 'modification', label: text('samr.modification') },
  { value: 'redefinition', label: text('samr.redefinition') },
] as const;

export const SAMR_FIELD = 'samr';

export const STEPS: CanvasStep[] = [
  {
    id: 'title',
    kind: 'text',
    ...stepTexts('title'),
    aliases: ['titel', 'name', 'title'],
  },
  {
    id: 'goal',
    kind: 'text',
    ...stepTexts('goal'),
    aliases: ['ziel', 'ziele', 'goal'],
  },
  {
    id: 'situation',
    kind: 'text',
    ...stepTexts('situation'),
    aliases: ['ausgangssituation', 'situation', 'ausgangslage', 'starting point'],
  },
  {
    id: 'stakeholders',
    kind: 'text',
    ...stepTexts('stakeholders'),
    aliases: ['stakeholder', 'stakeholder*innen', 'stakeholderinnen', 'beteiligte', 'stakeholders'],
  },
  {
    id: 'audience',
    kind: 'text',
    ...stepTexts('audience'),
    aliases: ['zielgruppe', 'lern-zielgruppe', 'lernzielgruppe', 'lernende', 'target learners', 'audience'],
  },
  {
    id: 'needs',
    kind: 'text',
    ...stepTexts('needs'),
    aliases: ['bedürfnisse', 'lernbedürfnisse', 'beduerfnisse', 'needs'],
  },
  {
    id: 'attitude',
    kind: 'text',
    ...stepTexts('attitude'),
    aliases: ['einstellung', 'vor-einstellung', 'voreinstellung', 'haltung', 'attitude'],
  },
  {
    id: 'medium',
    kind: 'text',
    ...stepTexts('medium'),
    aliases: ['lernmedium', 'medium', 'nutzen', 'samr'],
  },
  {
    id: 'roadmap',
    kind: 'roadmap',
    ...stepTexts('roadmap'),
    aliases: ['roadmap', 'meilensteine', 'meilenstein', 'milestones'],
  },
  {
    id: 'learnings',
    kind: 'learnings',
    ...stepTexts('learnings'),
    aliases: ['learnings', 'erkenntnisse', 'reflexion'],
  },
];

export const STEP_COUNT = STEPS.length;

/** Step number (1-based) of a step id. */
export function stepNumber(id: StepId): number {
  return STEPS.findIndex((s) => s.id === id) + 1;
}

export function stepAt(n: number): CanvasStep | undefined {
  return STEPS[n - 1];
}

/** The step a user names in "Ziel ändern", or undefined. */
export function stepByAlias(word: string): CanvasStep | undefined {
  const w = word.trim().toLowerCase();
  return STEPS.find((s) => s.aliases.includes(w));
}

/** Fields of text steps plus the learnings' sub-fields and SAMR: every key canvas_fields may hold. */
export const FIELD_KEYS = new Set<string>([
  ...STEPS.filter((s) => s.kind === 'text').map((s) => s.id),
  SAMR_FIELD,
  ...LEARNING_QUESTIONS.map((q) => q.field),
]);

/** Most characters one field takes. */
export const MAX_FIELD_LENGTH = 2000;
