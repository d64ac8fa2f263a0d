import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { action, payload } from '../core/actions.ts';
import type { Capability, TurnContext } from '../core/context.ts';
import { mainMenu } from '../core/help.ts';
import type { PersonalDataSource } from '../core/personal-data.ts';
import type { Reply } from '../core/reply.ts';
import { privacyText } from './messages/index.ts';

interface PrivacyState {
  /** One-time token of the pending erase confirmation; an old "Ja, löschen" button cannot erase. */
  eraseToken?: string;
}

function stateOf(ctx: TurnContext): PrivacyState {
  ctx.state.data.privacy ??= {};
  return ctx.state.data.privacy as PrivacyState;
}

/** What "meine Daten" works on. */
export interface PrivacyNeeds {
  /** Every place that stores data about a user, in the order shown and erased (the core's profile last). */
  personalData: readonly PersonalDataSource[];
}

type Sources = PrivacyNeeds['personalData'];

/** "meine Daten": see, export and erase everything the bot stores about the user (DSGVO Art. 15, 17, 20). */
export const privacyCapability = ({ personalData: sources }: PrivacyNeeds): Capability => ({
  name: 'privacy',
  // Whole-message commands win over an open canvas: "meine Daten löschen" is never a canvas answer.
  command:
    /^((meine )?daten( (löschen|exportieren|anzeigen|ansehen))?|(delete|export|show) my data|my data|data|datenschutz|privacy|dsgvo|gdpr)[.!]?$/i,
  cue: (text) =>
    /\b(meine daten|daten (löschen|exportieren|anzeigen)|delete my data|export my data)\b/i.test(text)
      ? 0.9
      : 0,

  async onText(ctx) {
    return [await overview(ctx, sources)];
  },

  actions: {
    show: action(payload.none, async (ctx) => [await overview(ctx, sources)]),
    export: action(payload.none, async (ctx) => [await exportData(ctx, sources)]),
    erase: action(payload.none, async (ctx) => [askToErase(ctx)]),
    confirmErase: action(z.string().optional(), async (ctx, token) => [await erase(ctx, sources, token)]),
    cancelErase: action(payload.none, async (ctx) => {
      stateOf(ctx).eraseToken = undefined;
      return [
        {
          text: privacyText(ctx, 'erase.cancelled'),
          actions: mainMenu(ctx),
        },
      ];
    }),
  },
});

async function collect(ctx: TurnContext, sources: Sources) {
  const parts = [];
  for (const source of sources) {
    parts.push({ source, rows: await source.export(ctx.services.db, ctx.user.key) });
  }
  return parts;
}

async function overview(ctx: TurnContext, sources: Sources): Promise<Reply> {
  // Only what holds data about this user: a web-chat user has nothing in Teams or Slack, and a list of
  // empty categories ("Teams-Karten: 0") reads as if the bot kept something there.
  const held = (await collect(ctx, sources)).filter(({ rows }) => rows.length > 0);
  const back = { id: 'help.menu', label: privacyText(ctx, 'common.back') };
  if (!held.length) {
    return {
      text: privacyText(ctx, 'overview.nothing'),
      actions: [back],
    };
  }
  const lines = held.map(
    ({ source, rows }) => `- **${ctx.t(source.label)}** (${rows.length}): ${ctx.t(source.about)}`,
  );
  const rest = held.length < sources.length;
  const notice = `${ctx.services.config.publicUrl}/privacy`;
  return {
    text: privacyText(ctx, 'overview.held', {
      lines: lines.join('\n'),
      rest: rest ? 'yes' : 'no',
      notice,
    }),
    actions: [
      {
        id: 'privacy.export',
        label: privacyText(ctx, 'overview.export'),
        style: 'primary',
      },
      {
        id: 'privacy.erase',
        label: privacyText(ctx, 'overview.erase'),
        style: 'danger',
      },
      back,
    ],
  };
}

async function exportData(ctx: TurnContext, sources: Sources): Promise<Reply> {
  const parts = await collect(ctx, sources);
  const document = {
    exportedAt: new Date().toISOString(),
    user: ctx.user.key,
    data: Object.fromEntries(parts.map(({ source, rows }) => [source.label.en, rows])),
  };
  const file = await ctx.services.files.save(
    ctx.user.key,
    'lodile-meine-daten.json',
    'application/json',
    JSON.stringify(document, null, 2),
  );
  return {
    text: privacyText(ctx, 'export.done'),
    files: [file],
    actions: [{ id: 'privacy.show', label: privacyText(ctx, 'export.backToOverview') }],
  };
}

function askToErase(ctx: TurnContext): Reply {
  const token = randomUUID();
  stateOf(ctx).eraseToken = token;
  return {
    text: privacyText(ctx, 'erase.ask'),
    actions: [
      {
        id: 'privacy.confirmErase',
        value: token,
        label: privacyText(ctx, 'erase.confirm'),
        style: 'danger',
      },
      { id: 'privacy.cancelErase', label: privacyText(ctx, 'erase.cancel') },
    ],
  };
}

async function erase(ctx: TurnContext, sources: Sources, token: string | undefined): Promise<Reply> {
  const state = stateOf(ctx);
  if (!token || token !== state.eraseToken) {
    return {
      text: privacyText(ctx, 'erase.stale'),
      actions: [{ id: 'privacy.show', label: privacyText(ctx, 'common.myData') }],
    };
  }
  await ctx.services.db.tx(async (q) => {
    for (const source of sources) await source.erase(q, ctx.user.key);
  });
  ctx.forgotten = true;
  ctx.services.log.info({ channel: ctx.user.channel }, 'user data erased on request');
  return {
    text: privacyText(ctx, 'erase.done'),
  };
}
