import { action, payload } from './actions.ts';
import type { Capability, TurnContext } from './context.ts';
import { type CoreKey, coreText } from './messages/index.ts';
import type { ForLocale } from './messages.ts';
import type { Reply } from './reply.ts';
import { bareYesNo, smallTalk } from './small-talk.ts';

const GREETING =
  /^(hallo|hallöchen|hi|hey|moin|servus|grüß gott|gruess gott|guten (morgen|tag|abend)|hello|good (morning|afternoon|evening))\b[\s!.,]*\w*[\s!.]*$/i;

/** The three things the bot offers, as buttons; every capability's start action. */
export function mainMenu(who: ForLocale): Reply['actions'] {
  return [
    { id: 'knowledge.ask', label: coreText(who, 'menu.ask') },
    {
      id: 'canvas.start',
      label: coreText(who, 'menu.canvas'),
      style: 'primary',
    },
    { id: 'booking.start', label: coreText(who, 'menu.booking') },
  ];
}

export function greeting(ctx: TurnContext): Reply {
  const name = ctx.user.name ? ` ${ctx.user.name}` : '';
  return {
    text: coreText(ctx, 'greeting', { name }),
    actions: mainMenu(ctx),
  };
}

export function helpText(ctx: TurnContext): Reply {
  return {
    text: coreText(ctx, 'help'),
    actions: mainMenu(ctx),
  };
}

/**
 * The short answer to a message that is only small talk ("danke", "ok", "tschüss"): friendly, with the
 * main menu as the way on, and never a search in the knowledge base.
 */
export function smallTalkReply(ctx: TurnContext, text: string): Reply | undefined {
  const kinds = smallTalk(text);
  if (!kinds) return undefined;
  const thanks = kinds.has('thanks');
  let answer: CoreKey;
  if (kinds.has('farewell')) {
    answer = thanks ? 'smalltalk.thanksBye' : 'smalltalk.bye';
  } else if (thanks) {
    answer = 'smalltalk.thanks';
  } else if (kinds.has('greeting')) {
    return greeting(ctx);
  } else {
    answer = 'smalltalk.ack';
  }
  return { text: coreText(ctx, answer), actions: mainMenu(ctx) };
}

/**
 * "ja" or "nein" when no question is waiting (it expired, or was never asked): a short reply and the main
 * menu, never a knowledge-base passage that happens to contain "ja".
 */
export function strayAnswerReply(ctx: TurnContext, text: string): Reply | undefined {
  const answer = bareYesNo(text);
  if (!answer) return undefined;
  return {
    text: coreText(ctx, answer === 'yes' ? 'stray.yes' : 'stray.no'),
    actions: mainMenu(ctx),
  };
}

export const helpCapability: Capability = {
  name: 'help',
  command: /^(hilfe|help|\?|menü|menu|start|optionen|was kannst du\??|what can you do\??)$/i,
  cue: (text) => (GREETING.test(text.trim()) || smallTalk(text) || bareYesNo(text) ? 1 : 0),
  async onText(ctx, text, reason) {
    if (reason === 'cue') return [smallTalkReply(ctx, text) ?? strayAnswerReply(ctx, text) ?? greeting(ctx)];
    if (reason === 'default') return [greeting(ctx)];
    return /^(start)$/i.test(text) ? [greeting(ctx)] : [helpText(ctx)];
  },
  actions: {
    greet: action(payload.none, async (ctx) => [greeting(ctx)]),
    menu: action(payload.none, async (ctx) => [helpText(ctx)]),
  },
};
