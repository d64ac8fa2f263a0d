import { contentWords } from './text.ts';

/**
 * The parts of a question that asks several things at once, as users type them: "was passiert in der
 * sprechstunde? ist das einfach so ein zoom-call?", "lodile – was genau ist meine rolle?", "lebenslanges
 * lernen, seit wann ist das ein thema". Parts without a content word are dropped.
 */
export function clauses(question: string): string[] {
  return question
    .split(
      /[?!;]+|\s[-–]\s|,\s*(?=(?:und\s+|oder\s+)?(?:wie|was|wer|warum|wann|wo|welche|gibt|kann|muss|soll|ist|sind)\b)/i,
    )
    .map((p) => p.trim())
    .filter((p) => contentWords(p).length > 0);
}
