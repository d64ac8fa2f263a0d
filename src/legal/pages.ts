import express, { type Request, type Router } from 'express';
import type { Config } from '../config.ts';
import type { StoredData } from '../core/context.ts';
import { type Bilingual, type Locale, pick } from '../core/i18n.ts';
import { RETENTION_INTERVAL_MS } from '../core/retention.ts';

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
  const t = (b: Bilingual) => pick(locale, b);
  const host = llmHost(config);
  const hours = RETENTION_INTERVAL_MS / 3_600_000;
  const data = personalData
    .map((s) => `<li><strong>${esc(t(s.label))}</strong>: ${esc(t(s.about))}</li>`)
    .join('\n');
  const deleted = retention
    .map((r) => {
      const days = r.days ?? config.RETENTION_DAYS;
      return `<li>${esc(t(r.label))} – ${esc(t({ de: `${days} Tage nach ${t(r.after)}`, en: `${days} days after ${t(r.after)}` }))}</li>`;
    })
    .join('\n');
  const channels = [
    config.MICROSOFT_APP_ID &&
      t({
        de: 'In Microsoft Teams laufen Ihre Nachrichten an den Bot über Microsoft (Teams und Azure Bot Service) und werden dort nach den Vereinbarungen Ihrer Organisation mit Microsoft verarbeitet.',
        en: 'In Microsoft Teams your messages to the bot pass through Microsoft (Teams and Azure Bot Service) and are processed there under your organisation’s agreements with Microsoft.',
      }),
    config.SLACK_BOT_TOKEN &&
      t({
        de: 'In Slack laufen Ihre Nachrichten an den Bot über Slack und werden dort nach den Vereinbarungen Ihres Workspace mit Slack verarbeitet.',
        en: 'In Slack your messages to the bot pass through Slack and are processed there under your workspace’s agreements with Slack.',
      }),
    t({
      de: 'Der Web-Chat dieses Servers merkt sich in Ihrem Browser (localStorage) eine zufällige Kennung und die letzten Nachrichten; „Neu beginnen“ löscht beides.',
      en: 'The web chat on this server keeps a random id and the latest messages in your browser (localStorage); “Neu beginnen” (start over) removes both.',
    }),
  ].filter(Boolean) as string[];

  const llm = host
    ? [
        t({
          de: `Für Antworten auf Fragen nutzt der Bot ein Sprachmodell („${config.OPENAI_CHAT_MODEL}“) bei ${host}. Dorthin gehen bei jeder Frage: Ihr Fragetext, bei einer Rückfrage die frühere Frage aus demselben Gespräch, auf die sie sich bezieht, und die dazu gefundenen Abschnitte der Wissensbasis. Ihre Kennung, Ihr Name und Ihre übrigen Daten werden nicht übermittelt.`,
          en: `To answer questions the bot uses a language model (“${config.OPENAI_CHAT_MODEL}”) at ${host}. For each question it receives: your question, for a follow-up the earlier question of the same conversation it refers to, and the passages of the knowledge base found for it. Your id, your name and your other data are not sent.`,
        }),
        config.OPENAI_EMBEDDING_MODEL &&
          t({
            de: `Für die Suche berechnet ${host} außerdem Vektoren (Embeddings, Modell „${config.OPENAI_EMBEDDING_MODEL}“) aus den Abschnitten der Wissensbasis und aus Ihrem Fragetext.`,
            en: `For search, ${host} also computes vectors (embeddings, model “${config.OPENAI_EMBEDDING_MODEL}”) from the knowledge passages and from your question.`,
          }),
      ].filter(Boolean)
    : [
        t({
          de: 'Kein Sprachmodell konfiguriert – es werden keine Daten an Dritte übermittelt. Antworten entstehen direkt aus der Wissensbasis auf diesem Server.',
          en: 'No language model is configured – no data is passed to third parties. Answers come straight from the knowledge base on this server.',
        }),
      ];

  const body = `
<h2>${t({ de: 'Verantwortlich', en: 'Controller' })}</h2>
${operatorBlock(site, locale)}

<h2>${t({ de: 'Wofür der Bot Daten verarbeitet', en: 'What the bot processes data for' })}</h2>
<p>${t({
    de: 'Der LoDiLe-Bot beantwortet Fragen aus einer Wissensbasis, führt durch die Digital Learning Canvas und bucht Termine bei Coaches für digitales Lernen (CoDiLe). Dafür speichert er in seiner Datenbank:',
    en: 'LoDiLe-Bot answers questions from a knowledge base, guides you through the Digital Learning Canvas and books slots with coaches for digital learning (CoDiLe). For that it stores in its database:',
  })}</p>
<ul>
${data}
</ul>
<p>${t(
    config.LOG_LEVEL === 'debug' || config.LOG_LEVEL === 'trace'
      ? {
          de: 'Die Protokolle des Servers sind derzeit auf Fehlersuche eingestellt und können deshalb mehr Einzelheiten enthalten als im Normalbetrieb.',
          en: 'The server’s logs are currently set to debugging and may therefore hold more detail than in normal operation.',
        }
      : {
          de: 'Die Protokolle des Servers enthalten keine Nachrichtentexte und keine Namen.',
          en: 'The server’s logs contain no message texts and no names.',
        },
  )}</p>

<h2>${t({ de: 'Wie lange', en: 'How long' })}</h2>
<p>${esc(
    t({
      de: `Der Bot löscht automatisch (er prüft alle ${hours} Stunden):`,
      en: `The bot deletes automatically (it checks every ${hours} hours):`,
    }),
  )}</p>
<ul>
${deleted}
</ul>
<p>${t({
    de: 'Alles Übrige, etwa Ihr Profil und Ihre Canvases, bleibt gespeichert, bis Sie es mit „meine Daten“ löschen.',
    en: 'Everything else, such as your profile and your canvases, is kept until you delete it with “meine Daten” (my data).',
  })}</p>

<h2>${t({ de: 'Sprachmodell (KI)', en: 'Language model (AI)' })}</h2>
${llm.map((p) => `<p>${esc(p as string)}</p>`).join('\n')}

<h2>${t({ de: 'Wer Ihre Angaben sieht', en: 'Who sees what you enter' })}</h2>
<ul>
<li>${t({
    de: 'Bei einer Buchung sieht der Coach (CoDiLe) Ihren Namen, Ihr Thema und einen Canvas, den Sie anhängen.',
    en: 'When you book, the coach (CoDiLe) sees your name, your topic and a canvas you attach.',
  })}</li>
<li>${t({
    de: 'Wenn Sie eine Frage an die Coaches weitergeben lassen, erhalten alle eingetragenen Coaches Ihren Namen, Ihre Kennung, die Frage und die Antwort des Bots. Speichert ein Coach seine Antwort als Wissenseintrag, werden Ihre Frage (ohne Namen) und die Antwort Teil der Wissensbasis, die alle Nutzenden durchsuchen; dieser Eintrag bleibt auch, wenn Sie Ihre Daten löschen.',
    en: 'When you have a question passed to the coaches, every registered coach gets your name, your id, the question and the bot’s answer. If a coach keeps the answer as a knowledge entry, your question (without your name) and the answer become part of the knowledge base everyone searches; that entry stays when you delete your data.',
  })}</li>
<li>${t({
    de: 'Einen Canvas, den Sie teilen, können die Personen lesen, mit denen Sie ihn teilen.',
    en: 'A canvas you share can be read by the people you share it with.',
  })}</li>
</ul>
${channels.map((c) => `<p>${esc(c)}</p>`).join('\n')}

<h2>${t({ de: 'Ihre Daten ansehen, exportieren, löschen', en: 'See, export and delete your data' })}</h2>
<p>${esc(
    t({
      de: `Schreiben Sie dem Bot „meine Daten“${config.SLACK_BOT_TOKEN ? ' (in Slack auch „/lodile daten“)' : ''}. Er zeigt, wie viele Einträge er je Bereich über Sie gespeichert hat, und bietet zwei Schaltflächen an:`,
      en: `Write “my data” to the bot${config.SLACK_BOT_TOKEN ? ' (in Slack also “/lodile daten”)' : ''}. It shows how many entries it holds about you in each area and offers two buttons:`,
    }),
  )}</p>
<ul>
<li>${t({
    de: '<strong>Daten exportieren</strong>: alle oben genannten Daten als JSON-Datei (Auskunft und Datenübertragbarkeit, Art. 15 und 20 DSGVO).',
    en: '<strong>Export data</strong>: all data listed above as a JSON file (access and portability, GDPR Art. 15 and 20).',
  })}</li>
<li>${t({
    de: '<strong>Alle Daten löschen</strong>: nach einer Rückfrage wird alles auf einmal endgültig gelöscht (Art. 17 DSGVO). Gebuchte Termine werden dabei storniert; der Coach erfährt nur, dass ein Platz frei wurde.',
    en: '<strong>Delete all data</strong>: after a confirmation everything is deleted for good at once (GDPR Art. 17). Booked slots are cancelled; the coach only learns that a seat came free.',
  })}</li>
</ul>
<p>${t({
    de: 'Für Berichtigung, Einschränkung, Widerspruch und alle anderen Anliegen wenden Sie sich an den Betreiber (oben). Sie können sich außerdem bei einer Datenschutz-Aufsichtsbehörde beschweren.',
    en: 'For rectification, restriction, objection and anything else, contact the operator (above). You may also complain to a data protection supervisory authority.',
  })}</p>`;
  return layout(locale, t({ de: 'Datenschutzhinweise', en: 'Privacy notice' }), '/privacy', body);
}

function termsPage(site: Site, locale: Locale): string {
  const { config } = site;
  const t = (b: Bilingual) => pick(locale, b);
  const m = config.CANCELLATION_CUTOFF_MINUTES;
  const cutoff =
    m % 60 === 0 && m >= 60
      ? t({ de: `${m / 60} Stunde${m === 60 ? '' : 'n'}`, en: `${m / 60} hour${m === 60 ? '' : 's'}` })
      : t({ de: `${m} Minuten`, en: `${m} minutes` });
  const body = `
<h2>${t({ de: 'Wofür der Bot da ist', en: 'What the bot is for' })}</h2>
<p>${t({
    de: 'Der LoDiLe-Bot unterstützt Lots*innen für digitales Lernen (LoDiLe) in kleinen und mittleren Unternehmen: Er beantwortet Fragen rund um LoDiLe, führt durch die Digital Learning Canvas und bucht Termine bei Coaches für digitales Lernen (CoDiLe).',
    en: 'LoDiLe-Bot supports guides for digital learning (LoDiLe) in small and medium-sized companies: it answers questions about LoDiLe, guides you through the Digital Learning Canvas and books slots with coaches for digital learning (CoDiLe).',
  })}</p>

<h2>${t({ de: 'Antworten', en: 'Answers' })}</h2>
<p>${t({
    de: `Die Antworten stammen aus der Wissensbasis des Betreibers${llmHost(config) ? ' und werden von einem Sprachmodell formuliert' : ''}. Sie können unvollständig oder veraltet sein und sind keine Rechtsberatung. Prüfen Sie Wichtiges in den angegebenen Quellen oder fragen Sie einen CoDiLe.`,
    en: `Answers come from the operator’s knowledge base${llmHost(config) ? ' and are worded by a language model' : ''}. They may be incomplete or out of date and are no legal advice. Check what matters in the sources given, or ask a CoDiLe.`,
  })}</p>

<h2>${t({ de: 'Buchungen', en: 'Bookings' })}</h2>
<p>${esc(
    t({
      de: `Ein gebuchter Termin ist eine verbindliche Einladung des Coaches: Der Platz ist für Sie reserviert, und der Coach rechnet mit Ihnen. Wenn Sie nicht teilnehmen können, sagen Sie bitte im Chat ab – das geht bis ${cutoff} vor Beginn; danach wenden Sie sich bitte direkt an den Coach.`,
      en: `A booked slot is a binding invitation from the coach: the seat is reserved for you and the coach expects you. If you cannot attend, please cancel in the chat – possible up to ${cutoff} before the start; after that, please contact the coach directly.`,
    }),
  )}</p>

<h2>${t({ de: 'Faire Nutzung', en: 'Fair use' })}</h2>
<p>${esc(
    t({
      de: `Bitte nutzen Sie den Bot nur für seinen Zweck und geben Sie keine Daten anderer Personen oder besonders schutzwürdige Angaben ein. Damit er für alle schnell bleibt, nimmt er je Person höchstens ${config.RATE_LIMIT_PER_MINUTE} Nachrichten pro Minute und Nachrichten bis ${config.MAX_TEXT_LENGTH} Zeichen an.`,
      en: `Please use the bot only for its purpose and do not enter other people’s data or sensitive information. To stay fast for everyone it accepts at most ${config.RATE_LIMIT_PER_MINUTE} messages per minute per person, and messages of up to ${config.MAX_TEXT_LENGTH} characters.`,
    }),
  )}</p>

<h2>${t({ de: 'Datenschutz', en: 'Privacy' })}</h2>
<p>${t({
    de: `Was der Bot speichert und wie Sie es löschen: <a href="/privacy?lang=${locale}">Datenschutzhinweise</a>.`,
    en: `What the bot stores and how to delete it: <a href="/privacy?lang=${locale}">privacy notice</a>.`,
  })}</p>

<h2>${t({ de: 'Betreiber', en: 'Operator' })}</h2>
${operatorBlock(site, locale)}`;
  return layout(locale, t({ de: 'Nutzungsbedingungen', en: 'Terms of use' }), '/terms', body);
}

/** Who runs the bot, from OPERATOR_NAME and PRIVACY_CONTACT; says so plainly when they are missing. */
function operatorBlock({ config }: Site, locale: Locale): string {
  const t = (b: Bilingual) => pick(locale, b);
  const lines: string[] = [];
  if (config.OPERATOR_NAME) {
    lines.push(`${t({ de: 'Betreiber', en: 'Operator' })}: <strong>${esc(config.OPERATOR_NAME)}</strong>`);
  }
  const contact = config.PRIVACY_CONTACT;
  if (contact) {
    const href = contact.includes('@') && !/^https?:/i.test(contact) ? `mailto:${contact}` : contact;
    lines.push(
      `${t({ de: 'Kontakt für Datenschutzfragen', en: 'Privacy contact' })}: <a href="${esc(href)}">${esc(contact)}</a>`,
    );
  } else {
    lines.push(
      t({
        de: 'Der Betreiber hat noch keine Kontaktangaben hinterlegt.',
        en: 'The operator has not entered any contact details yet.',
      }),
    );
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
<p class="note">${pick(locale, {
    de: 'Diese Seite erzeugt der Bot aus seiner aktuellen Konfiguration.',
    en: 'The bot builds this page from its current configuration.',
  })}</p>
${body}
</main>
<footer><a href="/privacy?lang=${locale}">${pick(locale, { de: 'Datenschutz', en: 'Privacy' })}</a> · <a href="/terms?lang=${locale}">${pick(locale, { de: 'Nutzungsbedingungen', en: 'Terms of use' })}</a></footer>
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
