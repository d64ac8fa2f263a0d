import express, { type Request, type Router } from 'express';
import type { Config } from '../config.ts';
import type { StoredData } from '../core/context.ts';
import { type Locale, pick } from '../core/i18n.ts';
import type { Values } from '../core/messages.ts';
import { RETENTION_INTERVAL_MS } from '../core/retention.ts';
import { type LegalKey, legalText } from './messages/index.ts';

/**
 * GET /privacy (Datenschutzhinweise) and GET /terms (Nutzungsbedingungen), the pages the Teams manifest
 * links as privacyUrl and termsOfUseUrl. Rendered on every request from the running configuration and the
 * registered personal-data sources and retention rules, so they cannot drift from what the bot does.
 */
export function legalPages(config: Config, stored: StoredData): Router {
  const site: Site = { config, ...stored };
  const router = express.Router();
  router.get('/privacy', (req, res) => send(res, privacyPage(site, localeOf(req, site))));
  router.get('/terms', (req, res) => send(res, termsPage(site, localeOf(req, site))));
  return router;
}

/** What the pages are rendered from: the configuration and everything the bot stores about people. */
interface Site extends StoredData {
  config: Config;
}

/** ?lang=de|en wins, then the browser's Accept-Language, then DEFAULT_LOCALE. */
function localeOf(req: Request, site: Site): Locale {
  const lang = req.query.lang;
  if (lang === 'de' || lang === 'en') return lang;
  // Without the header every language is "accepted"; then the configured default applies.
  const accepted = req.headers['accept-language'] && req.acceptsLanguages('de', 'en');
  return accepted === 'de' || accepted === 'en' ? accepted : site.config.DEFAULT_LOCALE;
}

function send(res: express.Response, html: string) {
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Vary', 'Accept-Language');
  // Static text only: no scripts, no external resources.
  res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'");
  res.send(html);
}

function esc(s: string | number): string {
  return String(s).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/** The host that receives LLM requests: OPENAI_BASE_URL's, or the OpenAI SDK's default. */
function llmHost(config: Config): string | undefined {
  if (!config.OPENAI_API_KEY && !config.OPENAI_BASE_URL) return undefined;
  return new URL(config.OPENAI_BASE_URL ?? 'https://api.openai.com/v1').host;
}

function privacyPage(site: Site, locale: Locale): string {
  const { config, personalData, retention } = site;
  const t = (key: LegalKey, values?: Values) => legalText(locale, key, values);
  const host = llmHost(config);
  const hours = RETENTION_INTERVAL_MS / 3_600_000;
  const data = personalData
    .map((s) => `<li><strong>${esc(pick(locale, s.label))}</strong>: ${esc(pick(locale, s.about))}</li>`)
    .join('\n');
  const deleted = retention
    .map((r) => {
      const days = r.days ?? config.RETENTION_DAYS;
      const item = t('privacy.howLong.item', { days, after: pick(locale, r.after) });
      return `<li>${esc(pick(locale, r.label))} – ${esc(item)}</li>`;
    })
    .join('\n');
  const channels = [
    config.MICROSOFT_APP_ID && t('privacy.channel.teams'),
    config.SLACK_BOT_TOKEN && t('privacy.channel.slack'),
    t('privacy.channel.webChat'),
  ].filter(Boolean) as string[];

  const llm = host
    ? [
        t('privacy.llm.used', { model: config.OPENAI_CHAT_MODEL, host }),
        config.OPENAI_EMBEDDING_MODEL &&
          t('privacy.llm.embeddings', { host, model: config.OPENAI_EMBEDDING_MODEL }),
      ].filter(Boolean)
    : [t('privacy.llm.none')];
  const debugLogs = config.LOG_LEVEL === 'debug' || config.LOG_LEVEL === 'trace';

  const body = `
<h2>${t('privacy.controller.heading')}</h2>
${operatorBlock(site, locale)}

<h2>${t('privacy.purpose.heading')}</h2>
<p>${t('privacy.purpose.text')}</p>
<ul>
${data}
</ul>
<p>${t(debugLogs ? 'privacy.logs.debug' : 'privacy.logs.normal')}</p>

<h2>${t('privacy.howLong.heading')}</h2>
<p>${esc(t('privacy.howLong.text', { hours }))}</p>
<ul>
${deleted}
</ul>
<p>${t('privacy.howLong.rest')}</p>

<h2>${t('privacy.llm.heading')}</h2>
${llm.map((p) => `<p>${esc(p as string)}</p>`).join('\n')}

<h2>${t('privacy.whoSees.heading')}</h2>
<ul>
<li>${t('privacy.whoSees.coach')}</li>
<li>${t('privacy.whoSees.handoff')}</li>
<li>${t('privacy.whoSees.shared')}</li>
</ul>
${channels.map((c) => `<p>${esc(c)}</p>`).join('\n')}

<h2>${t('privacy.rights.heading')}</h2>
<p>${esc(t('privacy.rights.intro', { slack: config.SLACK_BOT_TOKEN ? 'yes' : 'no' }))}</p>
<ul>
<li>${t('privacy.rights.export')}</li>
<li>${t('privacy.rights.erase')}</li>
</ul>
<p>${t('privacy.rights.other')}</p>`;
  return layout(locale, t('privacy.title'), '/privacy', body);
}

function termsPage(site: Site, locale: Locale): string {
  const { config } = site;
  const t = (key: LegalKey, values?: Values) => legalText(locale, key, values);
  const m = config.CANCELLATION_CUTOFF_MINUTES;
  const cutoff =
    m % 60 === 0 && m >= 60
      ? t('terms.cutoff.hours', { hours: m / 60 })
      : t('terms.cutoff.minutes', { minutes: m });
  const body = `
<h2>${t('terms.purpose.heading')}</h2>
<p>${t('terms.purpose.text')}</p>

<h2>${t('terms.answers.heading')}</h2>
<p>${t('terms.answers.text', { llm: llmHost(config) ? 'yes' : 'no' })}</p>

<h2>${t('terms.bookings.heading')}</h2>
<p>${esc(t('terms.bookings.text', { cutoff }))}</p>

<h2>${t('terms.fairUse.heading')}</h2>
<p>${esc(
    t('terms.fairUse.text', {
      perMinute: config.RATE_LIMIT_PER_MINUTE,
      maxLength: config.MAX_TEXT_LENGTH,
    }),
  )}</p>

<h2>${t('common.privacy')}</h2>
<p>${t('terms.privacy.text', { locale })}</p>

<h2>${t('common.operator')}</h2>
${operatorBlock(site, locale)}`;
  return layout(locale, t('common.terms'), '/terms', body);
}

/** Who runs the bot, from OPERATOR_NAME and PRIVACY_CONTACT; says so plainly when they are missing. */
function operatorBlock({ config }: Site, locale: Locale): string {
  const lines: string[] = [];
  if (config.OPERATOR_NAME) {
    lines.push(`${legalText(locale, 'common.operator')}: <strong>${esc(config.OPERATOR_NAME)}</strong>`);
  }
  const contact = config.PRIVACY_CONTACT;
  if (contact) {
    const href = contact.includes('@') && !/^https?:/i.test(contact) ? `mailto:${contact}` : contact;
    lines.push(`${legalText(locale, 'operator.contact')}: <a href="${esc(href)}">${esc(contact)}</a>`);
  } else {
    lines.push(legalText(locale, 'operator.noContact'));
  }
  return lines.map((l) => `<p>${l}</p>`).join('\n');
}

function layout(locale: Locale, title: string, path: string, body: string): string {
  const other: Locale = locale === 'de' ? 'en' : 'de';
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} – LoDiLe-Bot</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>LoDiLe-Bot</h1><p>${esc(title)}</p><a href="${path}?lang=${other}" lang="${other}">${other === 'en' ? 'English' : 'Deutsch'}</a></header>
<main>
<h1>${esc(title)}</h1>
<p class="note">${legalText(locale, 'page.note')}</p>
${body}
</main>
<footer><a href="/privacy?lang=${locale}">${legalText(locale, 'common.privacy')}</a> · <a href="/terms?lang=${locale}">${legalText(locale, 'common.terms')}</a></footer>
</body>
</html>
`;
}

/*
 * The web chat's look (src/channels/local/web/style.css: colours, header), inline because only /privacy and
 * /terms are public behind the Ingress, not the chat's stylesheet.
 */
const STYLE = `
:root{--accent:#0b6e4f;font-family:system-ui,sans-serif}
body{margin:0;color:#1d2521;background:#fff;line-height:1.5}
header{display:flex;align-items:baseline;gap:1rem;padding:.75rem 1rem;background:var(--accent);color:#fff}
header h1{margin:0;font-size:1.2rem}
header p{margin:0;flex:1;opacity:.9;font-size:.9rem}
header a{color:#fff}
main{max-width:46rem;margin:0 auto;padding:1rem}
main h1{font-size:1.5rem}
h2{font-size:1.1rem;margin-top:1.6rem;color:var(--accent)}
li{margin:.3rem 0}
a{color:var(--accent)}
.note{color:#4b5a53;font-size:.9rem}
footer{max-width:46rem;margin:0 auto;padding:1rem;border-top:1px solid #d5ddd9;font-size:.9rem}
`;
