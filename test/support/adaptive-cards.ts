import { createRequire } from 'node:module';

// Microsoft's own Adaptive Cards library; its UMD bundle loads in Node without a DOM for parsing.
const require = createRequire(import.meta.url);
const AC = require('adaptivecards/dist/adaptivecards.js') as {
  AdaptiveCard: new () => {
    parse(json: unknown, context: unknown): void;
    validateProperties(): { validationEvents: { message: string }[] };
  };
  SerializationContext: new (
    version?: unknown,
  ) => { eventCount: number; getEventAt(i: number): { message: string } };
  Versions: Record<string, unknown>;
};

/** Parse and validation messages of Microsoft's renderer for a card against schema 1.5 ([] = clean). */
export function adaptiveCardProblems(card: unknown): string[] {
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  parsed.parse(card, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(`parse: ${context.getEventAt(i).message}`);
  for (const e of parsed.validateProperties().validationEvents) problems.push(`validate: ${e.message}`);
  return problems;
}
