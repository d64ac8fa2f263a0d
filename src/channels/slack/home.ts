import type { types } from '@slack/bolt';
import type { Bot } from '../../core/bot.ts';
import { mainMenu } from '../../core/help.ts';
import type { Bilingual, Locale } from '../../core/i18n.ts';
import type { ReplyAction } from '../../core/reply.ts';
import type { HomeSources } from './index.ts';
import { LIMITS } from './limits.ts';
import { escapeMrkdwn, truncate } from './mrkdwn.ts';
import { button, type RenderContext } from './render.ts';

const MAX_LISTED = 10;

/**
 * The App Home tab: a start button for each installed capability, the user's canvases and bookings when
 * those capabilities provide them. Sections of capabilities that are not installed are left out.
 */
export async function homeView(
  bot: Bot,
  sources: HomeSources,
  userKey: string,
  rc: RenderContext,
  where: { locale: Locale; timeZone: string },
): Promise<types.HomeView> {
  const t = rc.t;
  const installed = (id: string) => Boolean(bot.capability(id.split('.')[0] ?? ''));
  const menu = (mainMenu(where.locale) ?? []).filter((a) => installed(a.id));
  const buttons: ReplyAction[] = [...menu, { id: 'help.menu', label: t({ de: 'Hilfe', en: 'Help' }) }];
  let n = 0;
  const blocks: types.KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: 'LoDiLe-Bot' } },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: t({
          de: 'Ich unterstütze Lots*innen für digitales Lernen: Fragen beantworten, die Digital Learning Canvas ausfüllen, Termine bei einem CoDiLe buchen. Schreiben Sie mir im Tab *Nachrichten* oder wählen Sie hier:',
          en: 'I support digital learning guides: answering questions, filling in the Digital Learning Canvas, booking a CoDiLe. Write to me in the *Messages* tab or choose here:',
        }),
      },
    },
    { type: 'actions', elements: buttons.slice(0, LIMITS.actionsElements).map((a) => button(a, n++, rc)) },
  ];

  const canvases = sources.canvases;
  if (canvases && installed('canvas.start')) {
    const owned = await canvases.listOwned(userKey).catch(() => undefined);
    blocks.push({ type: 'divider' }, heading(t({ de: 'Meine Canvases', en: 'My canvases' })));
    blocks.push(
      list(
        owned?.map((c) => c.title),
        t,
        { de: 'Sie haben noch keine Canvas begonnen.', en: 'You have not started a canvas yet.' },
      ),
    );
    blocks.push({
      type: 'actions',
      elements: [
        button({ id: 'canvas.start', label: t({ de: 'Canvas öffnen', en: 'Open canvas' }) }, n++, rc),
      ],
    });
  }

  if (installed('booking.start')) {
    const coach = await bot.services.roles.isCoach(userKey).catch(() => false);
    if (coach) {
      blocks.push({ type: 'divider' }, heading(t({ de: 'Für CoDiLe', en: 'For CoDiLe' })));
      blocks.push({
        type: 'actions',
        elements: [
          button(
            { id: 'booking.publish', label: t({ de: 'Termin veröffentlichen', en: 'Publish a slot' }) },
            n++,
            rc,
          ),
          button(
            {
              id: 'booking.coachBookings',
              label: t({ de: 'Meine Sprechstunden', en: 'My consultation hours' }),
            },
            n++,
            rc,
          ),
        ],
      });
    }
    const overview = sources.bookings;
    const mine = await overview?.upcoming(userKey, where.timeZone, where.locale).catch(() => undefined);
    blocks.push({ type: 'divider' }, heading(t({ de: 'Meine Termine', en: 'My bookings' })));
    blocks.push(list(mine, t, { de: 'Sie haben keine Termine gebucht.', en: 'You have no bookings.' }));
    const next = await overview
      ?.nextSprechstunde(userKey, where.timeZone, where.locale)
      .catch(() => undefined);
    blocks.push(heading(t({ de: 'Nächste Sprechstunde', en: 'Next consultation hour' })));
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: next
          ? escapeMrkdwn(truncate(next, 300))
          : t({ de: 'Gerade ist keine Sprechstunde frei.', en: 'No consultation hour is open right now.' }),
      },
    });
    blocks.push({
      type: 'actions',
      elements: [
        button({ id: 'booking.mine', label: t({ de: 'Meine Termine', en: 'My bookings' }) }, n++, rc),
        button({ id: 'booking.start', label: t({ de: 'Termin buchen', en: 'Book a slot' }) }, n++, rc),
      ],
    });
  }
  return { type: 'home', blocks: blocks.slice(0, LIMITS.viewBlocks) };
}

function heading(text: string): types.KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: `*${escapeMrkdwn(text)}*` } };
}

function list(items: string[] | undefined, t: RenderContext['t'], empty: Bilingual): types.KnownBlock {
  if (!items) {
    return {
      type: 'section',
      text: { type: 'mrkdwn', text: t({ de: 'Gerade nicht abrufbar.', en: 'Not available right now.' }) },
    };
  }
  if (items.length === 0) return { type: 'section', text: { type: 'mrkdwn', text: t(empty) } };
  const lines = items.slice(0, MAX_LISTED).map((i) => `• ${escapeMrkdwn(truncate(i, 200))}`);
  if (items.length > MAX_LISTED)
    lines.push(
      t({ de: `… und ${items.length - MAX_LISTED} weitere`, en: `… and ${items.length - MAX_LISTED} more` }),
    );
  return { type: 'section', text: { type: 'mrkdwn', text: lines.join('\n') } };
}
