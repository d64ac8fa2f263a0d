// The coach's side of learning from use: one suggestion at a time, "Übernehmen" / "Nicht übernehmen" / "Weiter".
import { type ActionTable, action, payload } from '../../core/actions.ts';
import type { Services, TurnContext } from '../../core/context.ts';
import type { Reply, ReplyAction } from '../../core/reply.ts';
import type { Db } from '../../db/index.ts';
import { knowledgeText } from '../messages/index.ts';
import {
  decide,
  nextSuggestion,
  type Resembler,
  refreshSuggestions,
  type Suggestion,
} from './suggestions.ts';

export interface LearningDeps {
  services: Pick<Services, 'db' | 'roles'>;
  kb: Resembler & { forgetEntries(): void };
}

const MAX_ANSWER_PREVIEW = 300;

/** A suggestion's id; an unreadable one reaches the entry as undefined and is answered with `invalid`. */
const suggestionId = payload.int.optional().catch(undefined);

/** The learning buttons; they join the knowledge capability's table (../actions.ts) as "knowledge.<name>". */
export function learningActions(d: LearningDeps) {
  const withId = (run: (ctx: TurnContext, id: number) => Promise<Reply[]>) =>
    action(suggestionId, async (ctx, id) => (id === undefined ? [invalid(ctx)] : run(ctx, id)));
  return {
    suggestions: action(payload.none, (ctx) => showSuggestions(d, ctx)),
    suggestionAccept: withId((ctx, id) => decided(d, ctx, id, 'accepted')),
    suggestionReject: withId((ctx, id) => decided(d, ctx, id, 'rejected')),
    suggestionNext: withId((ctx, id) => guarded(d, ctx, () => show(d, ctx, id))),
  } satisfies ActionTable;
}

/** "vorschläge" or the coach-menu button: brings the suggestions up to date and shows the first. */
export function showSuggestions(d: LearningDeps, ctx: TurnContext): Promise<Reply[]> {
  return guarded(d, ctx, async () => {
    await refreshSuggestions(d.services.db, d.kb);
    return show(d, ctx);
  });
}

function invalid(ctx: TurnContext): Reply {
  return { text: knowledgeText(ctx, 'learn.invalid'), actions: [suggestionsButton(ctx)] };
}

async function guarded(d: LearningDeps, ctx: TurnContext, run: () => Promise<Reply[]>): Promise<Reply[]> {
  if (!(await d.services.roles.isCoach(ctx.user.key))) {
    return [
      {
        text: knowledgeText(ctx, 'learn.onlyCoaches'),
        actions: [{ id: 'knowledge.ask', label: askLabel(ctx) }],
      },
    ];
  }
  return run();
}

async function decided(
  d: LearningDeps,
  ctx: TurnContext,
  id: number,
  status: 'accepted' | 'rejected',
): Promise<Reply[]> {
  return guarded(d, ctx, async () => {
    const outcome = await decide(d.services.db, id, ctx.user.key, status);
    let text: string;
    switch (outcome.kind) {
      case 'gone':
        text = knowledgeText(ctx, 'learn.gone');
        break;
      case 'entry-gone':
        text = knowledgeText(ctx, 'learn.entryGone', { entry: outcome.suggestion.entryKey });
        break;
      case 'already':
        text = knowledgeText(
          ctx,
          outcome.suggestion.status === 'accepted' ? 'learn.already.accepted' : 'learn.already.rejected',
          { by: outcome.suggestion.decidedBy ?? '?' },
        );
        break;
      case 'decided':
        if (status === 'rejected') text = knowledgeText(ctx, 'learn.rejected');
        else {
          // This instance answers the new wording at once; others notice within seconds (cache stamp).
          d.kb.forgetEntries();
          text = knowledgeText(ctx, 'learn.accepted', {
            question: outcome.suggestion.question,
            entry: outcome.entry?.label || outcome.suggestion.entryKey,
          });
        }
        break;
    }
    const next = await show(d, ctx, id);
    return [{ text }, ...next];
  });
}

/** The next pending suggestion after `afterId`, or that there is none. */
async function show(d: LearningDeps, ctx: TurnContext, afterId?: number): Promise<Reply[]> {
  const s = await nextSuggestion(d.services.db, afterId);
  if (!s) return [{ text: knowledgeText(ctx, 'learn.none'), actions: [coachMenuButton(ctx)] }];
  const entry = await entryOf(d.services.db, s.entryKey);
  if (!entry) return [{ text: knowledgeText(ctx, 'learn.none'), actions: [coachMenuButton(ctx)] }];
  return [{ text: suggestionText(ctx, s, entry), actions: suggestionButtons(ctx, s) }];
}

function suggestionText(
  ctx: TurnContext,
  s: Suggestion,
  entry: { question: string; answer: string },
): string {
  const answer =
    entry.answer.length > MAX_ANSWER_PREVIEW
      ? `${entry.answer.slice(0, MAX_ANSWER_PREVIEW - 1)}…`
      : entry.answer;
  return [
    knowledgeText(ctx, 'learn.suggestion', { question: s.question, count: s.count, entry: entry.question }),
    s.picked ? knowledgeText(ctx, 'learn.picked', { count: s.picked }) : '',
    s.samples.length
      ? knowledgeText(ctx, 'learn.samples', { samples: s.samples.map((x) => `„${x}“`).join(', ') })
      : '',
    knowledgeText(ctx, 'learn.entryAnswer', { answer }),
  ]
    .filter(Boolean)
    .join('\n\n');
}

function suggestionButtons(ctx: TurnContext, s: Suggestion): ReplyAction[] {
  const value = String(s.id);
  return [
    { id: 'knowledge.suggestionAccept', value, label: knowledgeText(ctx, 'learn.accept'), style: 'primary' },
    { id: 'knowledge.suggestionReject', value, label: knowledgeText(ctx, 'learn.reject') },
    { id: 'knowledge.suggestionNext', value, label: knowledgeText(ctx, 'learn.next') },
    coachMenuButton(ctx),
  ];
}

/** The entry's question (its first phrasing) and answer, by key. */
async function entryOf(db: Db, key: string): Promise<{ question: string; answer: string } | undefined> {
  const { rows } = await db.query<{ question: string; answer: string }>(
    `SELECT p.text AS question, e.answer FROM knowledge_entries e
     JOIN knowledge_phrasings p ON p.entry_id = e.id WHERE e.key = $1 ORDER BY e.id, p.ord LIMIT 1`,
    [key],
  );
  return rows[0];
}

const coachMenuButton = (ctx: TurnContext): ReplyAction => ({
  id: 'booking.coachMenu',
  label: knowledgeText(ctx, 'learn.coachMenu'),
});
const suggestionsButton = (ctx: TurnContext): ReplyAction => ({
  id: 'knowledge.suggestions',
  label: knowledgeText(ctx, 'learn.open'),
});
const askLabel = (ctx: TurnContext) => knowledgeText(ctx, 'common.askQuestion');
