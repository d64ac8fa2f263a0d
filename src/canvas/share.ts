import { packed, targetedId } from '../core/actions.ts';
import type { TurnContext } from '../core/context.ts';
import { findPerson, knownName, type Person, type PersonLookup } from '../core/people.ts';
import type { Reply, ReplyAction } from '../core/reply.ts';
import { smallTalk } from '../core/small-talk.ts';
import type { Canvas, CanvasStore } from './store.ts';

/** The share question is open: the next chat message may name the person (web chat, Teams @mention, Slack). */
export interface PendingShare {
  id: string;
  at: number;
  /** The flow that was active before; it gets the conversation back afterwards. */
  before?: string;
}

const NAME = 'canvas';
const PENDING_MS = 30 * 60_000;
const CANCEL = /^(abbrechen|cancel|stopp?|nein|no|niemand|doch nicht|zurück|zurueck|back)$/i;
const USER_KEY = /^[a-z]+:[\w.@+-]{1,100}$/i;

/**
 * Sharing a canvas read-only with a person named the way the chat tool allows: picked in the form (Slack's
 * people picker), @-mentioned, or by the name the bot knows them by. Ambiguous names are asked back with
 * buttons; nobody is ever picked by guessing.
 */
export type ShareFlow = ReturnType<typeof shareFlow>;

export function shareFlow(store: CanvasStore, slot: (ctx: TurnContext) => { share?: PendingShare }) {
  function arm(ctx: TurnContext, c: Canvas): void {
    const before = ctx.state.active;
    slot(ctx).share = { id: c.id, at: Date.now(), ...(before ? { before } : {}) };
    ctx.state.active = NAME;
  }

  /** Ends an open share question (every canvas turn does) and gives the conversation back. */
  function take(ctx: TurnContext): PendingShare | undefined {
    const pending = slot(ctx).share;
    if (!pending) return undefined;
    delete slot(ctx).share;
    if (ctx.state.active === NAME) ctx.state.active = pending.before;
    return Date.now() - pending.at < PENDING_MS ? pending : undefined;
  }

  function form(ctx: TurnContext, c: Canvas, error?: string, value?: string): Reply[] {
    arm(ctx, c);
    return [
      {
        text: ctx.t({
          de: `Mit wem möchten Sie „${c.title}“ teilen? Die Person kann die Canvas lesen, aber nicht ändern.\n\nNennen Sie sie im Formular – oder schreiben Sie mir hier einfach ihren Namen, so wie der Chat ihn anzeigt, oder erwähnen Sie sie mit @.`,
          en: `Who do you want to share “${c.title}” with? They can read the canvas but not change it.\n\nName them in the form – or simply write their name here as the chat shows it, or @mention them.`,
        }),
        form: {
          id: targetedId('canvas', 'shareWith', c.id),
          fields: [
            {
              id: 'with',
              label: ctx.t({ de: 'Person', en: 'Person' }),
              type: 'user',
              required: true,
              maxLength: 120,
              placeholder: ctx.t({ de: 'Name oder @Erwähnung', en: 'Name or @mention' }),
              value,
            },
          ],
          submitLabel: ctx.t({ de: 'Teilen', en: 'Share' }),
          errors: error ? { with: error } : undefined,
        },
        actions: [cancelAction(ctx, c)],
      },
    ];
  }

  /** The person from the form field, or from a chat message while the question is open. */
  async function submit(ctx: TurnContext, c: Canvas, raw: string): Promise<Reply[]> {
    const found = await findPerson(ctx, raw);
    const asked = ctx.mentions.map((m) => m.name).find(Boolean) ?? raw.trim();
    switch (found.kind) {
      case 'one':
        return shareWith(ctx, c, found.person, raw);
      case 'several': {
        // The owner is never a choice; when only they match, they hear that it is theirs already.
        const people = found.people.filter((p) => p.key !== ctx.user.key);
        if (!people.length) return shareWith(ctx, c, found.people[0]!, raw);
        arm(ctx, c);
        return [whichOne(ctx, c, { ...found, people }, asked)];
      }
      case 'none':
        return form(
          ctx,
          c,
          ctx.t({
            de: `Ich kenne niemanden namens „${asked}“. Ich finde nur Personen, die mir schon einmal geschrieben haben. Schreiben Sie den Namen so, wie der Chat ihn anzeigt, oder erwähnen Sie die Person mit @. Kennt sie mich noch nicht, bitten Sie sie, mir kurz „hallo“ zu schreiben.`,
            en: `I do not know anyone called “${asked}”. I can only find people who have written to me before. Write the name as the chat shows it, or @mention the person. If they have not talked to me yet, ask them to send me a quick “hello”.`,
          }),
          raw,
        );
      default:
        return form(
          ctx,
          c,
          ctx.t({
            de: 'Bitte nennen Sie eine Person: ihren Namen, eine @-Erwähnung oder ihre Nutzer-ID.',
            en: 'Please name a person: their name, an @mention or their user id.',
          }),
          raw,
        );
    }
  }

  /** A button from "Wen meinen Sie?". */
  async function pick(ctx: TurnContext, c: Canvas, key: string): Promise<Reply[]> {
    if (!USER_KEY.test(key)) return form(ctx, c);
    return shareWith(ctx, c, { key, name: await knownName(ctx.services.db, key) }, '');
  }

  /** While the share question is open: a chat message that names someone; null when it is about something else. */
  async function onText(ctx: TurnContext, pending: PendingShare, text: string): Promise<Reply[] | null> {
    const opened = await store.open(pending.id, ctx.user.key);
    if (opened?.access !== 'owner') return null;
    const c = opened.canvas;
    if (CANCEL.test(text.trim())) {
      return [
        {
          text: ctx.t({ de: 'Gut, ich teile die Canvas nicht.', en: 'Fine, I will not share the canvas.' }),
          actions: [
            { ...cancelAction(ctx, c), label: ctx.t({ de: 'Zur Zusammenfassung', en: 'To the summary' }) },
          ],
        },
      ];
    }
    return namesSomeone(ctx, text) ? submit(ctx, c, text) : null;
  }

  async function shareWith(ctx: TurnContext, c: Canvas, person: Person, raw: string): Promise<Reply[]> {
    if (person.key === ctx.user.key) {
      return form(
        ctx,
        c,
        ctx.t({ de: 'Die Canvas gehört Ihnen bereits.', en: 'The canvas is already yours.' }),
        raw,
      );
    }
    await store.share(c.id, ctx.user.key, person.key);
    // The web chat sends the name only now and then; the one the bot knows is better than a user key.
    const sharer = ctx.user.name ?? (await knownName(ctx.services.db, ctx.user.key)) ?? ctx.user.key;
    const known = await ctx.services.outbox.sendToUser(person.key, [
      {
        text: ctx.t({
          de: `${sharer} hat die Digital Learning Canvas „${c.title}“ mit Ihnen geteilt (nur lesen).`,
          en: `${sharer} shared the Digital Learning Canvas “${c.title}” with you (read only).`,
        }),
        actions: [
          { id: 'canvas.open', value: c.id, label: ctx.t({ de: 'Canvas ansehen', en: 'View canvas' }) },
        ],
      },
    ]);
    const who = person.name ?? person.key;
    const note = known
      ? ctx.t({ de: 'Ich habe der Person Bescheid gegeben.', en: 'I have let them know.' })
      : ctx.t({
          de: 'Die Person hat noch nie mit mir geschrieben; sobald sie sich meldet, findet sie die Canvas unter „meine canvases“.',
          en: 'They have never written to me; once they do, they will find the canvas under “my canvases”.',
        });
    return [
      {
        text: `${ctx.t({ de: `„${c.title}“ ist jetzt mit ${who} geteilt (nur lesen).`, en: `“${c.title}” is now shared with ${who} (read only).` })} ${note}`,
        actions: [
          {
            id: 'booking.start',
            value: `canvas:${c.id}`,
            label: ctx.t({ de: 'E-Coaching dazu buchen', en: 'Book e-coaching about it' }),
          },
          {
            id: 'canvas.summary',
            value: c.id,
            label: ctx.t({ de: 'Zur Zusammenfassung', en: 'Back to the summary' }),
          },
        ],
      },
    ];
  }

  return { form, submit, pick, take, onText };
}

/** "Wen meinen Sie?": one button per person (same names told apart by their user id), and a way out. */
function whichOne(
  ctx: TurnContext,
  c: Canvas,
  found: Extract<PersonLookup, { kind: 'several' }>,
  asked: string,
): Reply {
  const lead =
    ctx.mentions.length > 1
      ? ctx.t({
          de: `Sie haben mehrere Personen erwähnt. Mit wem möchten Sie „${c.title}“ teilen?`,
          en: `You mentioned several people. Who do you want to share “${c.title}” with?`,
        })
      : found.exact
        ? ctx.t({
            de: `Es gibt mehrere Personen namens „${asked}“. Wen meinen Sie?`,
            en: `There are several people called “${asked}”. Whom do you mean?`,
          })
        : ctx.t({
            de: `Ich kenne niemanden, der genau „${asked}“ heißt. Meinen Sie eine dieser Personen?`,
            en: `I do not know anyone called exactly “${asked}”. Do you mean one of these?`,
          });
  const more = found.more
    ? ` ${ctx.t({
        de: 'Es gibt noch weitere Treffer – ist die Person nicht dabei, schreiben Sie den Namen genauer.',
        en: 'There are more matches – if the person is not listed, write the name more precisely.',
      })}`
    : '';
  const same = (p: Person) => (p.name ?? p.key).toLocaleLowerCase('de');
  const actions: ReplyAction[] = found.people.map((p) => ({
    id: 'canvas.shareWithPicked',
    value: packed({ canvas: c.id, user: p.key }),
    // The same name twice: the user id tells them apart.
    label:
      p.name && found.people.filter((o) => same(o) === same(p)).length > 1
        ? `${p.name} · ${p.key.slice(p.key.indexOf(':') + 1)}`
        : (p.name ?? p.key),
  }));
  return { text: `${lead}${more}`, actions: [...actions, cancelAction(ctx, c)] };
}

const cancelAction = (ctx: TurnContext, c: Canvas): ReplyAction => ({
  id: 'canvas.summary',
  value: c.id,
  label: ctx.t({ de: 'Abbrechen', en: 'Cancel' }),
});

/** A short chat message that can be a name or an @mention; questions, sentences and "danke" are not. */
function namesSomeone(ctx: TurnContext, text: string): boolean {
  if (ctx.mentions.length) return true;
  const t = text.trim();
  return t.length <= 120 && !/[?\n]/.test(t) && t.split(/\s+/).length <= 6 && !smallTalk(t);
}
