import type { ConversationState, TurnContext } from './context.ts';
import type { IncomingAction } from './reply.ts';
import { yesNo } from './small-talk.ts';

/** A yes/no question waiting for the user's answer, kept in the conversation state. */
export interface PendingConfirmation {
  /** What the "yes" and "no" buttons of the question do. */
  yes: IncomingAction;
  no: IncomingAction;
  /** When it was asked (ms since epoch). */
  at: number;
}

/** After this long a typed "ja" no longer answers the question: the user has most likely moved on. */
export const CONFIRMATION_TTL_MS = 15 * 60_000;

/**
 * Call next to a reply that asks yes or no with buttons: a typed "ja"/"nein" in the very next turn then does
 * what the buttons do. Any other turn (text or button) ends the question.
 */
export function expectConfirmation(ctx: TurnContext, yes: IncomingAction, no: IncomingAction): void {
  ctx.state.confirm = { yes, no, at: Date.now() };
}

/**
 * The router's side: ends the pending question in every turn and returns the action a typed yes or no stands
 * for, if the question is still fresh.
 */
export function typedConfirmation(
  state: ConversationState,
  text: string | undefined,
  now = Date.now(),
): IncomingAction | undefined {
  const pending = state.confirm;
  if (!pending) return undefined;
  delete state.confirm;
  if (text === undefined || !(now - pending.at >= 0 && now - pending.at < CONFIRMATION_TTL_MS))
    return undefined;
  const answer = yesNo(text);
  return answer === 'yes' ? pending.yes : answer === 'no' ? pending.no : undefined;
}
