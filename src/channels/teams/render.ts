import type { Locale } from '../../core/i18n.ts';
import { readableMarkdown } from '../../core/markdown.ts';
import type { FileRef, Form, FormField, IncomingAction, Reply, ReplyAction } from '../../core/reply.ts';

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
export const CHOICE_INPUT = 'lodile_choice';
export const FIELD_PREFIX = 'field_';
const DATE_SUFFIX = '__date';
const TIME_SUFFIX = '__time';
/** Adaptive Card hosts allow 5 card-level actions by default (Teams: 6); longer lists go into action sets. */
const MAX_CARD_ACTIONS = 5;
const MAX_ACTIONS_PER_SET = 5;
const MAX_EXCERPT = 180;

export type Json = Record<string, unknown>;

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

/** Data every submit carries. */
export interface SubmitData {
  action: string;
  value?: string;
  card?: string;
}

const L = (locale: Locale, de: string, en: string) => (locale === 'en' ? en : de);

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

function submit(
  title: string,
  data: SubmitData,
  style?: 'positive' | 'destructive',
  skipInputs = false,
): Json {
  return {
    type: 'Action.Submit',
    title,
    style,
    // "Back" or "cancel" next to a form must work without filling in its required fields first.
    associatedInputs: skipInputs ? 'none' : undefined,
    data: { lodile: prune(data) },
  };
}

function actionStyle(a: ReplyAction): 'positive' | 'destructive' | undefined {
  return a.style === 'primary' ? 'positive' : a.style === 'danger' ? 'destructive' : undefined;
}

function formElements(form: Form, opts: RenderOptions): Json[] {
  const { locale, cardId } = opts;
  const out: Json[] = [];
  if (form.title) {
    out.push({ type: 'TextBlock', text: form.title, weight: 'Bolder', wrap: true, spacing: 'Medium' });
  }
  for (const field of form.fields) {
    out.push(...fieldInputs(field, locale));
    const error = form.errors?.[field.id];
    if (error) {
      out.push({
        type: 'TextBlock',
        text: `⚠ ${error}`,
        color: 'Attention',
        size: 'Small',
        wrap: true,
        spacing: 'None',
      });
    }
  }
  out.push({
    type: 'ActionSet',
    actions: [submit(form.submitLabel, { action: form.id, card: cardId }, 'positive')],
  });
  return out;
}

function fieldInputs(f: FormField, locale: Locale): Json[] {
  const id = `${FIELD_PREFIX}${f.id}`;
  const required = Boolean(f.required);
  const base = {
    id,
    label: f.label,
    isRequired: required || undefined,
    errorMessage: fieldError(f, locale),
    placeholder: f.placeholder,
  };
  switch (f.type) {
    case 'textarea':
      return [{ type: 'Input.Text', ...base, isMultiline: true, maxLength: f.maxLength, value: f.value }];
    case 'date':
      return [{ type: 'Input.Date', ...base, placeholder: undefined, value: validDate(f.value) }];
    case 'datetime': {
      const [date, time] = (f.value ?? '').split('T');
      return [
        {
          type: 'Input.Date',
          ...base,
          id: id + DATE_SUFFIX,
          placeholder: undefined,
          label: `${f.label} – ${L(locale, 'Datum', 'date')}`,
          value: validDate(date),
        },
        {
          type: 'Input.Time',
          ...base,
          id: id + TIME_SUFFIX,
          placeholder: undefined,
          label: `${f.label} – ${L(locale, 'Uhrzeit', 'time')}`,
          errorMessage: required
            ? L(locale, 'Bitte geben Sie eine Uhrzeit an.', 'Please enter a time.')
            : undefined,
          value: time && /^\d{2}:\d{2}/.test(time) ? time.slice(0, 5) : undefined,
        },
      ];
    }
    case 'select':
      return [
        {
          type: 'Input.ChoiceSet',
          ...base,
          style: 'compact',
          value: f.value,
          choices: (f.options ?? []).map((o) => ({ title: o.label, value: o.value })),
        },
      ];
    case 'number': {
      const n = f.value === undefined || f.value === '' ? undefined : Number(f.value);
      return [
        {
          type: 'Input.Number',
          ...base,
          min: f.min,
          max: f.max,
          value: n !== undefined && Number.isFinite(n) ? n : undefined,
        },
      ];
    }
    // 'user': a text field for the name or user id; an @mention works in a chat message instead.
    default:
      return [{ type: 'Input.Text', ...base, maxLength: f.maxLength, value: f.value }];
  }
}

function fieldError(f: FormField, locale: Locale): string | undefined {
  if (f.type === 'number' && (f.min !== undefined || f.max !== undefined)) {
    const range =
      f.min !== undefined && f.max !== undefined
        ? L(locale, `zwischen ${f.min} und ${f.max}`, `between ${f.min} and ${f.max}`)
        : f.min !== undefined
          ? L(locale, `ab ${f.min}`, `of at least ${f.min}`)
          : L(locale, `bis ${f.max}`, `up to ${f.max}`);
    return L(locale, `Bitte geben Sie eine Zahl ${range} ein.`, `Please enter a number ${range}.`);
  }
  if (f.required) {
    return f.type === 'select'
      ? L(locale, `Bitte wählen Sie: ${f.label}`, `Please choose: ${f.label}`)
      : L(locale, `Bitte ausfüllen: ${f.label}`, `Please fill in: ${f.label}`);
  }
  if (f.maxLength) {
    return L(locale, `Höchstens ${f.maxLength} Zeichen.`, `At most ${f.maxLength} characters.`);
  }
  return undefined;
}

function displayValue(f: FormField, raw: string, locale: Locale): string {
  if (f.type === 'select') return f.options?.find((o) => o.value === raw)?.label ?? raw;
  if (f.type === 'datetime' && raw.includes('T')) {
    const [d, t] = raw.split('T');
    return `${formatDate(d!, locale)}, ${t}`;
  }
  if (f.type === 'date') return formatDate(raw, locale);
  return raw;
}

function formatDate(iso: string, locale: Locale): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return locale === 'en' ? iso : `${m[3]}.${m[2]}.${m[1]}`;
}

function validDate(v: string | undefined): string | undefined {
  return v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined;
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

/** Reads a submit (Action.Submit value or Action.Execute data) back into the core's IncomingAction. */
export function parseSubmit(
  data: unknown,
  verb?: string,
): { action: IncomingAction; cardId?: string } | undefined {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const d = data as Record<string, unknown>;
  const meta = d.lodile as Record<string, unknown> | undefined;
  const id = typeof meta?.action === 'string' ? meta.action : verb;
  if (!id) return undefined;
  const cardId = typeof meta?.card === 'string' ? meta.card : undefined;
  const action: IncomingAction = { id };
  if (meta?.value !== undefined && meta.value !== null) action.value = String(meta.value);
  if (d[CHOICE_INPUT] !== undefined) action.value = String(d[CHOICE_INPUT]);

  const fields: Record<string, string> = {};
  let hasFields = false;
  for (const [key, raw] of Object.entries(d)) {
    if (!key.startsWith(FIELD_PREFIX)) continue;
    hasFields = true;
    const value = raw === undefined || raw === null ? '' : String(raw);
    const name = key.slice(FIELD_PREFIX.length);
    if (name.endsWith(DATE_SUFFIX) || name.endsWith(TIME_SUFFIX)) {
      const base = name.slice(0, -DATE_SUFFIX.length);
      const date = String(d[`${FIELD_PREFIX}${base}${DATE_SUFFIX}`] ?? '');
      const time = String(d[`${FIELD_PREFIX}${base}${TIME_SUFFIX}`] ?? '');
      fields[base] = date && time ? `${date}T${time.slice(0, 5)}` : date || (time ? `T${time}` : '');
    } else {
      fields[name] = value;
    }
  }
  if (hasFields) action.fields = fields;
  return { action, cardId };
}

/** Drops undefined properties so cards stay small and clean. */
function prune(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(prune);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, prune(v)]),
    );
  }
  return value;
}
