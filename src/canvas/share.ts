import { packed, targetedId } from '../core/actions.ts';
import type { TurnContext } from '../core/context.ts';
import { findPerson, knownName, type Person, type PersonLookup } from '../core/people.ts';
import type { Reply, ReplyAction } from '../core/reply.ts';
import { smallTalk } from '../core/small-talk.ts';
import { canvasText } from './messages/index.ts';
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
        text: canvasText(ctx, 'share.whoDoYouWant', { title: c.title }),
        form: {
          id: targetedId('canvas', 'shareWith', c.id),
          fields: [
            {
              id: 'with',
              label: canvasText(ctx, 'share.person'),
              type: 'user',
              required: true,
              maxLength: 120,
              placeholder: canvasText(ctx, 'share.nameOrMention'),
              value,
            },
          ],
          submitLabel: canvasText(ctx, 'share.share'),
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
        return form(ctx, c, canvasText(ctx, 'share.nobodyCalled', { asked }), raw);
      default:
        return form(ctx, c, canvasText(ctx, 'share.pleaseNameAPerson'), raw);
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
          text: canvasText(ctx, 'share.fineIWillNot'),
          actions: [{ ...cancelAction(ctx, c), label: canvasText(ctx, 'common.toTheSummary') }],
        },
      ];
    }
    return namesSomeone(ctx, text) ? submit(ctx, c, text) : null;
  }

  async function shareWith(ctx: TurnContext, c: Canvas, person: Person, raw: string): Promise<Reply[]> {
    if (person.key === ctx.user.key) {
      return form(ctx, c, canvasText(ctx, 'share.theCanvasIsAlready'), raw);
    }
    await store.share(c.id, ctx.user.key, person.key);
    // The web chat sends the name only now and then; the one the bot knows is better than a user key.
    const sharer = ctx.user.name ?? (await knownName(ctx.services.db, ctx.user.key)) ?? ctx.user.key;
    const known = await ctx.services.outbox.sendToUser(person.key, [
      {
        text: canvasText(ctx, 'share.sharedTheDigitalLearning', { sharer, title: c.title }),
        actions: [{ id: 'canvas.open', value: c.id, label: canvasText(ctx, 'share.viewCanvas') }],
      },
    ]);
    const who = person.name ?? person.key;
    const note = known
      ? canvasText(ctx, 'share.iHaveLetThem')
      : canvasText(ctx, 'share.theyHaveNeverWritten');
    return [
      {
        text: `${canvasText(ctx, 'share.isNowSharedWith', { title: c.title, who })} ${note}`,
        actions: [
          {
            id: 'booking.start',
            value: `canvas:${c.id}`,
            label: canvasText(ctx, 'views.bookECoachingAbout'),
          },
          {
            id: 'canvas.summary',
            value: c.id,
            label: canvasText(ctx, 'share.backToTheSummary'),
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
      ? canvasText(ctx, 'share.youMentionedSeveralPeople', { title: c.title })
      : found.exact
        ? canvasText(ctx, 'share.thereAreSeveralPeople', { asked })
        : canvasText(ctx, 'share.notExactly', { asked });
  const more = found.more ? ` ${canvasText(ctx, 'share.thereAreMoreMatches')}` : '';
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
  label: canvasText(ctx, 'views.cancel'),
});

/** A short chat message that can be a name or an @mention; questions, sentences and "danke" are not. */
function namesSomeone(ctx: TurnContext, text: string): boolean {
  if (ctx.mentions.length) return true;
  const t = text.trim();
  return t.length <= 120 && !/[?\n]/.test(t) && t.split(/\s+/).length <= 6 && !smallTalk(t);
}
