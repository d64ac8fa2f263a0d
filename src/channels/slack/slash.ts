import type { Bot } from '../../core/bot.ts';
import type { TurnInput } from './events.ts';

/** "/lodile <word> …": the word picks a capability, the rest is what the user asks it. */
export function slashInput(raw: string, bot: Pick<Bot, 'capability'>): TurnInput {
  const text = raw.trim();
  const [word = '', ...rest] = text.split(/\s+/);
  const tail = rest.join(' ').trim();
  switch (word.toLowerCase()) {
    case '':
    case 'hilfe':
    case 'help':
      return { text: 'hilfe' };
    case 'frage':
    case 'question':
      if (tail) return { text: tail };
      return bot.capability('knowledge') ? { action: { id: 'knowledge.ask' } } : { text: 'hilfe' };
    case 'canvas':
      return { text: tail ? `canvas ${tail}` : 'canvas' };
    case 'termin':
    case 'termine':
    case 'booking':
      return { text: tail ? `termin ${tail}` : 'termin' };
    case 'daten':
    case 'data':
      return { text: 'meine daten' };
    default:
      return { text };
  }
}
