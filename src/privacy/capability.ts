import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { action, payload } from '../core/actions.ts';
import type { Capability, TurnContext } from '../core/context.ts';
import { mainMenu } from '../core/help.ts';
import type { PersonalDataSource } from '../core/personal-data.ts';
import type { Reply } from '../core/reply.ts';

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
          text: ctx.t({ de: 'Gut, es bleibt alles, wie es ist.', en: 'Fine, nothing was deleted.' }),
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
  const back = { id: 'help.menu', label: ctx.t({ de: 'Zurück', en: 'Back' }) };
  if (!held.length) {
    return {
      text: ctx.t({
        de: '**Ihre Daten beim LoDiLe-Bot**\nIch habe derzeit keine Daten über Sie gespeichert.',
        en: '**Your data at LoDiLe-Bot**\nI currently store no data about you.',
      }),
      actions: [back],
    };
  }
  const lines = held.map(
    ({ source, rows }) => `- **${ctx.t(source.label)}** (${rows.length}): ${ctx.t(source.about)}`,
  );
  const rest = held.length < sources.length;
  const notice = `${ctx.services.config.publicUrl}/privacy`;
  return {
    text: ctx.t({
      de: `**Ihre Daten beim LoDiLe-Bot**\nDas habe ich über Sie gespeichert (in Klammern die Anzahl der Einträge):\n${lines.join('\n')}\n\n${rest ? 'Sonst habe ich nichts über Sie gespeichert. ' : ''}Sie können alles als Datei herunterladen oder endgültig löschen lassen. Was ich grundsätzlich speichere und wie lange, steht in den [Datenschutzhinweisen](${notice}).`,
      en: `**Your data at LoDiLe-Bot**\nThis is what I store about you (number of entries in brackets):\n${lines.join('\n')}\n\n${rest ? 'I store nothing else about you. ' : ''}You can download all of it as a file or have it deleted for good. What I store in general and for how long is in the [privacy notice](${notice}).`,
    }),
    actions: [
      {
        id: 'privacy.export',
        label: ctx.t({ de: 'Daten exportieren', en: 'Export data' }),
        style: 'primary',
      },
      {
        id: 'privacy.erase',
        label: ctx.t({ de: 'Alle Daten löschen', en: 'Delete all data' }),
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
    text: ctx.t({
      de: 'Hier sind alle Daten, die ich über Sie gespeichert habe, als JSON-Datei.',
      en: 'Here is all the data I store about you, as a JSON file.',
    }),
    files: [file],
    actions: [{ id: 'privacy.show', label: ctx.t({ de: 'Zurück zur Übersicht', en: 'Back to overview' }) }],
  };
}

function askToErase(ctx: TurnContext): Reply {
  const token = randomUUID();
  stateOf(ctx).eraseToken = token;
  return {
    text: ctx.t({
      de: '**Wirklich alles löschen?** Ihre Canvases, Buchungen, Fragen und Ihr Profil werden endgültig gelöscht; gebuchte Termine werden dabei storniert. Das lässt sich nicht rückgängig machen.',
      en: '**Really delete everything?** Your canvases, bookings, questions and profile will be deleted for good; booked slots are cancelled. This cannot be undone.',
    }),
    actions: [
      {
        id: 'privacy.confirmErase',
        value: token,
        label: ctx.t({ de: 'Ja, endgültig löschen', en: 'Yes, delete for good' }),
        style: 'danger',
      },
      { id: 'privacy.cancelErase', label: ctx.t({ de: 'Abbrechen', en: 'Cancel' }) },
    ],
  };
}

async function erase(ctx: TurnContext, sources: Sources, token: string | undefined): Promise<Reply> {
  const state = stateOf(ctx);
  if (!token || token !== state.eraseToken) {
    return {
      text: ctx.t({
        de: 'Diese Bestätigung ist nicht mehr gültig. Es wurde nichts gelöscht. Wenn Sie Ihre Daten löschen möchten, fangen Sie bitte neu an.',
        en: 'This confirmation is no longer valid. Nothing was deleted. To delete your data, please start again.',
      }),
      actions: [{ id: 'privacy.show', label: ctx.t({ de: 'Meine Daten', en: 'My data' }) }],
    };
  }
  await ctx.services.db.tx(async (q) => {
    for (const source of sources) await source.erase(q, ctx.user.key);
  });
  ctx.forgotten = true;
  ctx.services.log.info({ channel: ctx.user.channel }, 'user data erased on request');
  return {
    text: ctx.t({
      de: 'Erledigt: Ich habe alle Daten gelöscht, die ich über Sie gespeichert hatte. Wenn Sie mir wieder schreiben, beginnen wir von vorn.',
      en: 'Done: I deleted all data I had stored about you. If you write to me again, we start from scratch.',
    }),
  };
}
