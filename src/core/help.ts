import { action, payload } from './actions.ts';
import type { Capability, TurnContext } from './context.ts';
import type { Bilingual } from './i18n.ts';
import type { Reply } from './reply.ts';
import { bareYesNo, smallTalk } from './small-talk.ts';

const GREETING =
  /^(hallo|hallöchen|hi|hey|moin|servus|grüß gott|gruess gott|guten (morgen|tag|abend)|hello|good (morning|afternoon|evening))\b[\s!.,]*\w*[\s!.]*$/i;

/** The three things the bot offers, as buttons; every capability's start action. */
export function mainMenu(ctx: TurnContext): Reply['actions'] {
  return [
    { id: 'knowledge.ask', label: ctx.t({ de: 'Frage stellen', en: 'Ask a question' }) },
    {
      id: 'canvas.start',
      label: ctx.t({ de: 'Canvas ausfüllen', en: 'Fill in a canvas' }),
      style: 'primary',
    },
    { id: 'booking.start', label: ctx.t({ de: 'Sprechstunde buchen', en: 'Book a consultation' }) },
  ];
}

export function greeting(ctx: TurnContext): Reply {
  const name = ctx.user.name ? ` ${ctx.user.name}` : '';
  return {
    text: ctx.t({
      de: `Hallo${name}! Ich bin der LoDiLe-Bot und unterstütze Lots*innen für digitales Lernen (LoDiLe). Ich kann:\n- **Fragen beantworten** rund um LoDiLe, CoDiLe, SAMR, die Digital Learning Community und mehr\n- mit Ihnen Schritt für Schritt eine **Digital Learning Canvas ausfüllen**\n- einen Termin in der **Sprechstunde** oder im E-Coaching mit einem Coach für digitales Lernen (CoDiLe) **buchen**\n\nWomit möchten Sie anfangen? Sie können auch einfach Ihre Frage schreiben.`,
      en: `Hello${name}! I am LoDiLe-Bot and support digital learning guides (LoDiLe). I can:\n- **answer questions** about LoDiLe, CoDiLe, SAMR, the Digital Learning Community and more\n- guide you step by step through a **Digital Learning Canvas**\n- **book** a slot in the **consultation hour** or an e-coaching session with a coach (CoDiLe)\n\nWhere would you like to start? You can also just type your question.`,
    }),
    actions: mainMenu(ctx),
  };
}

export function helpText(ctx: TurnContext): Reply {
  return {
    text: ctx.t({
      de: `**So sprechen Sie mit mir**\n- Schreiben Sie eine Frage, z. B. _Wie oft ist die virtuelle Sprechstunde?_\n- **canvas** – eine Digital Learning Canvas beginnen oder fortsetzen (**weiter**)\n- **termin** – einen Termin bei einem CoDiLe buchen, **meine termine** zeigt Ihre Buchungen\n- **meine daten** – sehen, exportieren oder löschen, was ich über Sie gespeichert habe\n- **english** / **deutsch** – Sprache wechseln\n- **hilfe** – diese Übersicht (in einer Canvas: Hilfe zum aktuellen Schritt; **menü** zeigt immer diese Übersicht)`,
      en: `**How to talk to me**\n- Type a question, e.g. _How often is the virtual consultation hour?_\n- **canvas** – start or continue a Digital Learning Canvas (**continue**)\n- **booking** – book a slot with a CoDiLe, **my bookings** lists yours\n- **my data** – see, export or delete what I store about you\n- **deutsch** / **english** – switch language\n- **help** – this overview (inside a canvas: help with the current step; **menu** always shows this overview)`,
    }),
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
  let answer: Bilingual;
  if (kinds.has('farewell')) {
    answer = thanks
      ? {
          de: 'Gern geschehen – tschüss und bis bald! Sie können mir jederzeit wieder schreiben.',
          en: 'You are welcome – goodbye and see you soon! You can write to me any time.',
        }
      : {
          de: 'Tschüss und bis bald! Sie können mir jederzeit wieder schreiben.',
          en: 'Goodbye and see you soon! You can write to me any time.',
        };
  } else if (thanks) {
    answer = {
      de: 'Gern geschehen! Wenn Sie noch etwas wissen möchten, schreiben Sie einfach Ihre nächste Frage – oder wählen Sie hier:',
      en: 'You are welcome! If there is anything else, just type your next question – or pick one here:',
    };
  } else if (kinds.has('greeting')) {
    return greeting(ctx);
  } else {
    answer = {
      de: 'Gut! Wenn Sie noch etwas brauchen, schreiben Sie einfach Ihre Frage – oder wählen Sie hier:',
      en: 'Good! If you need anything else, just type your question – or pick one here:',
    };
  }
  return { text: ctx.t(answer), actions: mainMenu(ctx) };
}

/**
 * "ja" or "nein" when no question is waiting (it expired, or was never asked): a short reply and the main
 * menu, never a knowledge-base passage that happens to contain "ja".
 */
export function strayAnswerReply(ctx: TurnContext, text: string): Reply | undefined {
  const answer = bareYesNo(text);
  if (!answer) return undefined;
  return {
    text: ctx.t(
      answer === 'yes'
        ? {
            de: 'Wozu „ja“? Ich weiß gerade nicht, worauf sich das bezieht. Falls ich Ihnen eben eine Frage mit Schaltflächen gestellt habe, tippen Sie bitte auf die passende – oder wählen Sie hier, womit ich helfen kann:',
            en: 'Yes to what? I am not sure what this refers to. If I just asked you something with buttons, please tap the right one – or pick here how I can help:',
          }
        : {
            de: 'Alles klar – ich habe nichts verändert. Womit kann ich helfen?',
            en: 'All right – I have not changed anything. How can I help?',
          },
    ),
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
