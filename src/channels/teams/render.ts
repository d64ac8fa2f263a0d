import type { Locale } from '../../core/i18n.ts';
import { readableMarkdown } from '../../core/markdown.ts';
import type { FileRef, IncomingAction, Reply, ReplyAction } from '../../core/reply.ts';
import { displayValue, formElements } from './render-form.ts';
import { CHOICE_INPUT, type Json, L, prune, submit } from './render-parts.ts';

export { CHOICE_INPUT, FIELD_PREFIX, type Json, type SubmitData } from './render-parts.ts';
export { parseSubmit } from './render-submit.ts';

/**
 * Renders the core's reply model as Microsoft Teams messages: plain Markdown text when a reply is only
 * text, otherwise one Adaptive Card (schema 1.5, the newest Teams renders everywhere).
 *
 * Buttons are Action.Submit: Teams, group chats, channels, the Agents Playground and other Bot Framework
 * clients all support it, and a submit arrives as a normal message, so a slow answer never runs into the
 * invoke timeout. Action.Execute (adaptiveCard/action invokes) is accepted on the way in as well.
 *
 * Every submit carries `{ lodile: { action, value?, card } }`; form inputs are named `field_<id>` and a
 * choice set `lodile_choice`, so user input can never collide with the routing data.
 */

export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
export const CARD_VERSION = '1.5';
/** Adaptive Card hosts allow 5 card-level actions by default (Teams: 6); longer lists go into action sets. */
const MAX_CARD_ACTIONS = 5;
const MAX_ACTIONS_PER_SET = 5;
const MAX_EXCERPT = 180;

export interface RenderOptions {
  locale: Locale;
  /** Identifies this card in submits; only needed when the reply has buttons, a choice or a form. */
  cardId: string;
  /** Absolute download URL of a stored file. */
  fileUrl(file: FileRef): string;
}

export interface RenderedMessage {
  /** Plain Markdown text message (text-only replies). */
  text?: string;
  /** Adaptive Card content. */
  card?: Json;
  /** True when the card has something to press or submit (so it is remembered and updated once used). */
  interactive: boolean;
}

export function isInteractive(reply: Reply): boolean {
  return Boolean(reply.actions?.length || reply.choice || reply.form);
}

/** One reply → one Teams message. */
export function renderReply(reply: Reply, opts: RenderOptions): RenderedMessage {
  const interactive = isInteractive(reply);
  if (!interactive && !reply.citations?.length && !reply.files?.length) {
    return { text: teamsMarkdown(reply.text), interactive: false };
  }
  return { card: renderCard(reply, opts), interactive };
}

export function renderCard(reply: Reply, opts: RenderOptions): Json {
  const { locale, cardId } = opts;
  const body: Json[] = [...textBlocks(reply.text)];
  const hasInputs = Boolean(reply.form || reply.choice);

  if (reply.choice) {
    const c = reply.choice;
    body.push({
      type: 'Input.ChoiceSet',
      id: CHOICE_INPUT,
      label: c.label,
      style: c.options.length <= 4 ? 'expanded' : 'compact',
      isRequired: true,
      errorMessage: L(locale, 'Bitte wählen Sie eine Möglichkeit aus.', 'Please choose an option.'),
      placeholder: c.options.length > 4 ? L(locale, 'Bitte wählen …', 'Please choose …') : undefined,
      choices: c.options.map((o) => ({ title: o.label, value: o.value })),
    });
    body.push({
      type: 'ActionSet',
      actions: [submit(L(locale, 'Auswählen', 'Choose'), { action: c.id, card: cardId }, 'positive')],
    });
  }

  if (reply.form) body.push(...formElements(reply.form, opts));

  body.push(...citationBlocks(reply, locale));
  body.push(...fileElements(reply.files ?? [], opts));

  const buttons = (reply.actions ?? []).map((a) =>
    submit(a.label, { action: a.id, value: a.value, card: cardId }, actionStyle(a), hasInputs),
  );
  const card: Json = baseCard(body);
  if (buttons.length <= MAX_CARD_ACTIONS) {
    if (buttons.length) card.actions = buttons;
  } else {
    for (let i = 0; i < buttons.length; i += MAX_ACTIONS_PER_SET) {
      body.push({ type: 'ActionSet', actions: buttons.slice(i, i + MAX_ACTIONS_PER_SET) });
    }
  }
  return prune(card) as Json;
}

/**
 * The card after it was used: same text, citations and files, the submitted values shown as facts,
 * no buttons or inputs left, and a line saying what was done.
 */
export function renderDoneCard(
  reply: Reply,
  submitted: IncomingAction,
  opts: Pick<RenderOptions, 'locale' | 'fileUrl'>,
): Json {
  const { locale } = opts;
  const body: Json[] = [...textBlocks(reply.text)];
  const facts: { title: string; value: string }[] = [];
  let done = L(locale, 'Erledigt', 'Done');

  if (reply.form && submitted.id === reply.form.id) {
    for (const f of reply.form.fields) {
      const raw = submitted.fields?.[f.id] ?? '';
      facts.push({ title: f.label, value: displayValue(f, raw, locale) });
    }
    done = `${L(locale, 'Gesendet', 'Sent')}: ${reply.form.submitLabel}`;
  } else if (reply.choice && submitted.id === reply.choice.id) {
    const picked = reply.choice.options.find((o) => o.value === submitted.value);
    facts.push({ title: reply.choice.label, value: picked?.label ?? submitted.value ?? '–' });
    done = `${L(locale, 'Ausgewählt', 'Chosen')}: ${picked?.label ?? submitted.value ?? ''}`;
  } else {
    const pressed = reply.actions?.find((a) => a.id === submitted.id && a.value === submitted.value);
    if (pressed) done = `${L(locale, 'Gewählt', 'Chosen')}: ${pressed.label}`;
  }
  if (facts.length)
    body.push({ type: 'FactSet', facts: facts.map((f) => ({ ...f, value: f.value || '–' })) });
  body.push(...citationBlocks(reply, locale));
  body.push(...fileElements(reply.files ?? [], opts));
  body.push({
    type: 'TextBlock',
    text: `✓ ${done}`,
    wrap: true,
    isSubtle: true,
    color: 'Good',
    size: 'Small',
  });
  return prune(baseCard(body)) as Json;
}

function baseCard(body: Json[]): Json {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    // Teams otherwise squeezes cards to a narrow column; text-heavy answers read better at full width.
    msteams: { width: 'Full' },
    body,
  };
}

function actionStyle(a: ReplyAction): 'positive' | 'destructive' | undefined {
  return a.style === 'primary' ? 'positive' : a.style === 'danger' ? 'destructive' : undefined;
}

function citationBlocks(reply: Reply, locale: Locale): Json[] {
  const cs = reply.citations ?? [];
  if (!cs.length) return [];
  const out: Json[] = [
    {
      type: 'TextBlock',
      text: L(locale, 'Quellen', 'Sources'),
      size: 'Small',
      weight: 'Bolder',
      isSubtle: true,
      separator: true,
      spacing: 'Medium',
      wrap: true,
    },
  ];
  for (const c of cs) {
    const title = c.url && /^https?:\/\//i.test(c.url) ? `[${escapeLinkText(c.title)}](${c.url})` : c.title;
    const excerpt = c.excerpt ? ` – „${truncate(oneLine(c.excerpt), MAX_EXCERPT)}“` : '';
    out.push({
      type: 'TextBlock',
      text: `${title}${excerpt}`,
      size: 'Small',
      isSubtle: true,
      wrap: true,
      spacing: 'Small',
    });
  }
  return out;
}

/**
 * Files: Teams cards cannot carry arbitrary files (a bot can only send real files through the
 * OneDrive file-consent flow, in personal chats). So images (canvas PNG) are shown inline from the
 * bot's download route and every file gets a download button; an .ics opens in Outlook/the calendar.
 */
function fileElements(files: FileRef[], opts: Pick<RenderOptions, 'locale' | 'fileUrl'>): Json[] {
  if (!files.length) return [];
  const out: Json[] = [];
  for (const f of files) {
    if (/^image\/(png|jpeg|gif)$/i.test(f.mime)) {
      out.push({
        type: 'Image',
        url: opts.fileUrl(f),
        altText: f.name,
        size: 'Stretch',
        selectAction: { type: 'Action.OpenUrl', url: opts.fileUrl(f), title: f.name },
      });
    }
  }
  const downloads = files.map((f) => ({
    type: 'Action.OpenUrl',
    title: `${fileIcon(f)} ${f.name}`,
    url: opts.fileUrl(f),
  }));
  for (let i = 0; i < downloads.length; i += MAX_ACTIONS_PER_SET) {
    out.push({ type: 'ActionSet', actions: downloads.slice(i, i + MAX_ACTIONS_PER_SET) });
  }
  return out;
}

function fileIcon(f: FileRef): string {
  if (/calendar/i.test(f.mime) || /\.ics$/i.test(f.name)) return '📅';
  if (/^image\//i.test(f.mime)) return '🖼';
  return '⬇';
}

/**
 * The core writes simple Markdown (**bold**, _italic_, lists, [links](url)). Teams TextBlocks support
 * exactly that subset; headings become bold lines, and each paragraph becomes its own TextBlock because
 * Teams does not render blank lines inside one block reliably.
 */
export function textBlocks(text: string): Json[] {
  const paragraphs = teamsMarkdown(text)
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return paragraphs.map((p, i) => ({
    type: 'TextBlock',
    text: p,
    wrap: true,
    spacing: i === 0 ? undefined : 'Medium',
  }));
}

/** Normalises the core's Markdown to the subset Teams renders in messages and TextBlocks. */
export function teamsMarkdown(text: string): string {
  // Headings → bold lines, tables → "- Header: cell" lines (Teams renders neither in a TextBlock).
  return (
    readableMarkdown(text)
      .split('\n')
      // "* item" and "• item" bullets → "- item" (the form Teams recognises).
      .map((line) => line.replace(/^(\s*)[*•]\s+/, '$1- '))
      .join('\n')
      .replace(/`([^`\n]+)`/g, '$1')
      .replace(/~~([^~\n]+)~~/g, '$1')
      .trim()
  );
}

function escapeLinkText(s: string): string {
  return s.replace(/[[\]]/g, '');
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function truncate(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1).trimEnd()}…`;
}
