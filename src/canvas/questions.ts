import type { CanvasStep } from './definition.ts';

/**
 * Text ending in "?" inside the canvas flow: a question to the bot, or the field's content phrased as a
 * question? "Wie können wir die Schichtleiter erreichen?" is a fine answer for "Bedürfnisse", "Was ist
 * SAMR?" is not. Only clear cases are decided; for the rest the user is asked, so nothing is guessed.
 *   'knowledge' – clearly to the bot: answer from the knowledge base, store nothing
 *   'ask'       – could be either: let the user choose
 *   undefined   – the answer to the step
 */
export type QuestionKind = 'knowledge' | 'ask';

/** Starts like a question: a W-word or a verb in first place ("Gibt es …", "Kann ich …"). */
const QUESTION_START =
  /^(?:was|wie|wer|wen|wem|wessen|wo|wohin|woher|wozu|wofür|wofuer|womit|woran|worauf|worum|worüber|wann|warum|weshalb|wieso|weswegen|welche[rsmn]?|gibt|kann|kannst|können|koennen|könnte|könnten|darf|dürfen|muss|müssen|soll|sollte|sollen|ist|sind|hat|haben|brauche|brauchen|what|what's|how|who|where|when|why|which|is|are|can|could|do|does|should)\s/i;

/** "Was ist SAMR?", "Was bedeutet Stakeholder?", "What is a roadmap?": asks what a term means. */
const DEFINITION =
  /^(?:was (?:ist|sind|bedeutet|bedeuten|heißt|heisst|meint|versteht man unter|meinen sie mit)|wofür steht|wofuer steht|what (?:is|are|does)|what's)\s+(.+)$/i;

/** The speaker's own organisation ("wir", "unsere Schichtleiter"): more likely content than a question to the bot. */
const OWN = /\b(?:wir|uns|unser\w*|we|us|our)\b/i;

/** Formal "Sie"/"Ihnen" inside a sentence (case-sensitive: lower-case "sie" is "they"). */
const ADDRESSED_FORMAL = /[\p{L},]\s+(?:Sie|Ihnen)\b/u;
const ADDRESSED_INFORMAL = /\b(?:du|dir|dich|kannst)\b/i;

const words = (s: string) => s.split(/\s+/).filter(Boolean).length;

export function questionKind(
  raw: string,
  step: CanvasStep,
  looksLikeMilestone: (text: string) => boolean,
): QuestionKind | undefined {
  const text = raw.trim().replace(/\s+/g, ' ');
  if (!/\?\s*$/.test(text)) return undefined;
  const question = QUESTION_START.test(text);
  if (step.kind === 'roadmap') {
    // A milestone is "what; by when; who" – a question without that shape cannot be one.
    if (looksLikeMilestone(text)) return question ? 'ask' : undefined;
    return question ? 'knowledge' : undefined;
  }
  if (question && (isDefinition(text) || addressesBot(text))) return 'knowledge';
  return 'ask';
}

function isDefinition(text: string): boolean {
  const m = DEFINITION.exec(text);
  if (!m) return false;
  const term = m[1]!;
  // "Was ist mit …?" asks "what about"; long ones and "unsere …" describe the company.
  return !/^mit\b/i.test(term) && words(text) <= 8 && !OWN.test(term);
}

/** "Können Sie mir … erklären?", "Kannst du …?": addressed to the bot. */
function addressesBot(text: string): boolean {
  return ADDRESSED_FORMAL.test(text) || ADDRESSED_INFORMAL.test(text);
}
