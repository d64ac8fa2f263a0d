import type { types } from '@slack/bolt';
import type { Bot } from '../../core/bot.ts';
import { mainMenu } from '../../core/help.ts';
import type { Bilingual, Locale } from '../../core/i18n.ts';
import type { ReplyAction } from '../../core/reply.ts';
import { channelTexts } from '../messages/index.ts';
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
  const buttons: ReplyAction[] = [...menu, { id: 'help.menu', label: t(channelTexts('home.help')) }];
  let n = 0;
  const blocks: types.KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: 'LoDiLe-Bot' } },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: t(channelTexts('home.intro')),
      },
    },
    { type: 'actions', elements: buttons.slice(0, LIMITS.actionsElements).map((a) => button(a, n++, rc)) },
  ];

  const canvases = sources.canvases;
  if (canvases && installed('canvas.start')) {
    const owned = await canvases.listOwned(userKey).catch(() => undefined);
    blocks.push({ type: 'divider' }, heading(t(channelTexts('home.canvases'))));
    blocks.push(
      list(
        owned?.map((c) => c.title),
        t,
        channelTexts('home.noCanvas'),
      ),
    );
    blocks.push({
      type: 'actions',
      elements: [button({ id: 'canvas.start', label: t(channelTexts('home.openCanvas')) }, n++, rc)],
    });
  }

  if (installed('booking.start')) {
    const coach = await bot.services.roles.isCoach(userKey).catch(() => false);
    if (coach) {
      blocks.push({ type: 'divider' }, heading(t(channelTexts('home.forCoaches'))));
      blocks.push({
        type: 'actions',
        elements: [
          button({ id: 'booking.publish', label: t(channelTexts('home.publish')) }, n++, rc),
          button(
            {
              id: 'booking.coachBookings',
              label: t(channelTexts('home.coachBookings')),
            },
            n++,
            rc,
          ),
        ],
      });
    }
    const overview = sources.bookings;
    const mine = await overview?.upcoming(userKey, where.timeZone, where.locale).catch(() => undefined);
    blocks.push({ type: 'divider' }, heading(t(channelTexts('home.bookings'))));
    blocks.push(list(mine, t, channelTexts('home.noBookings')));
    const next = await overview
      ?.nextSprechstunde(userKey, where.timeZone, where.locale)
      .catch(() => undefined);
    blocks.push(heading(t(channelTexts('home.nextSprechstunde'))));
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: next ? escapeMrkdwn(truncate(next, 300)) : t(channelTexts('home.noSprechstunde')),
      },
    });
    blocks.push({
      type: 'actions',
      elements: [
        button({ id: 'booking.mine', label: t(channelTexts('home.bookings')) }, n++, rc),
        button({ id: 'booking.start', label: t(channelTexts('home.book')) }, n++, rc),
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
      text: { type: 'mrkdwn', text: t(channelTexts('home.unavailable')) },
    };
  }
  if (items.length === 0) return { type: 'section', text: { type: 'mrkdwn', text: t(empty) } };
  const lines = items.slice(0, MAX_LISTED).map((i) => `• ${escapeMrkdwn(truncate(i, 200))}`);
  if (items.length > MAX_LISTED)
    lines.push(t(channelTexts('home.more', { count: items.length - MAX_LISTED })));
  return { type: 'section', text: { type: 'mrkdwn', text: lines.join('\n') } };
}
