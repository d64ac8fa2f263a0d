import { normalise } from './text.ts';

/**
 * Question forms, most specific first. A question and a phrasing of another form answer something else:
 * "Wer hat CoDiCLUST gemacht?" is not "Was ist CoDiCLUST?" although their terms are the same.
 */
const B = String.raw`(?:(?<![\p{L}\p{N}])(?=[\p{L}\p{N}])|(?<=[\p{L}\p{N}])(?![\p{L}\p{N}]))`;
/** A word boundary that knows umlauts ("wofür"): JavaScript's \b does not. */
const re = (r: RegExp) => new RegExp(r.source.replaceAll(String.raw`\b`, B), 'u');
const FORMS: [string, RegExp][] = (
  [
    [
      'was-kostet',
      /\b(?:was|wie ?viel) kostet\b|\bkosten\b|\bkostet\b|\bpreis|\bgebühr|\bteuer\b|\bhow much (?:does|is)\b|\bcosts?\b|\bprice\b|\bfees?\b/,
    ],
    [
      'wie-werde-ich',
      /\bwie (?:werde|wird|wurde) (?:ich|man|mensch|jemand)\b|\bwie kann (?:ich|man) \S+(?: \S+)? werden\b|\bwie (?:bekomme|bekommt|kriege|krieg|kriegt|erhalte|erhält|erlange|erlangt|erwerbe|erwirbt) (?:ich|man)\b|\bhow (?:do|can|does) (?:i|you|one|someone|somebody) (?:become|get|obtain|earn)\b|\bbecome\b/,
    ],
    ['wie-oft', /\bwie (?:oft|häufig|regelmäßig)\b|\bhow (?:often|frequently)\b/],
    ['wie-viele', /\bwie ?viele?\b|\bwieviele\b|\banzahl\b|\bhow (?:many|much)\b/],
    ['wie-lange', /\bwie lange?\b|\bhow long\b/],
    ['wann', /\bwann\b|\bwhen\b/],
    ['warum', /\bwarum\b|\bwieso\b|\bweshalb\b|\bweswegen\b|\bwhy\b/],
    ['wozu', /\bwozu\b|\bwofür\b|\bwhat for\b|\bwhat (?:is|are) .+ for\b/],
    ['wer', /\bwer\b|\bwen\b|\bwem\b|\bwessen\b|\bwho\b|\bwhom\b|\bwhose\b/],
    ['wo', /\bwo\b|\bwohin\b|\bwoher\b|\bwhere\b/],
    ['wie', /\bwie\b|\bhow\b/],
    ['was', /\bwas\b|\bwelche[rsnm]?\b|\bwhat\b|\bwhich\b/],
  ] as [string, RegExp][]
).map(([t, r]) => [t, re(r)]);
/** Forms a phrasing cannot share with a question of another form. "was", "wie", "wozu" are broad. */
const BROAD = new Set(['was', 'wie', 'wozu', 'ja-nein', 'liste']);
const SPECIFIC = new Set(FORMS.map(([t]) => t).filter((t) => !BROAD.has(t)));

/** The form of a question ("wer", "wie-oft", …), or undefined when it has no question word. */
export function questionForm(question: string): string | undefined {
  const text = normalise(question);
  return FORMS.find(([, r]) => r.test(text))?.[0];
}

/** A phrasing of the same specific form counts this much more; a specific form against another form this much less. */
const SAME_FORM_BONUS = 0.1;
const OTHER_FORM_FACTOR = 0.75;

/** A phrasing's score (0..1) for a question of `form`, given the phrasing's own form or its entry's type. */
export function formAdjusted(score: number, form: string | undefined, type: string | undefined): number {
  if (form && type === form && SPECIFIC.has(form)) return Math.min(1, score + SAME_FORM_BONUS);
  if (form && type && (SPECIFIC.has(form) || SPECIFIC.has(type))) return score * OTHER_FORM_FACTOR;
  return score;
}
