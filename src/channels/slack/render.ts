import type { types } from '@slack/bolt';
import { DateTime } from 'luxon';
import type { Bilingual } from '../../core/i18n.ts';
import type {
  Choice,
  Citation,
  Form,
  FormField,
  IncomingAction,
  Reply,
  ReplyAction,
} from '../../core/reply.ts';
import { LIMITS } from './limits.ts';
import { escapeMrkdwn, splitText, toMrkdwn, toPlain, truncate } from './mrkdwn.ts';

type Block = types.KnownBlock;
type ActionsElement = types.Button | types.StaticSelect;

/**
 * Reply (core/reply.ts) → Block Kit. Generic over the reply model: no flow needs Slack code. Payloads too big
 * for a button value or option value (form definitions, long values) are stashed in the database and the
 * element carries only a reference.
 */
export interface RenderContext {
  t(text: Bilingual): string;
  /** Stores a payload for later (in the same delivery); returns its reference key. */
  stash(payload: Stashed): string;
}

export type Stashed = { kind: 'action'; id: string; value?: string } | { kind: 'form'; form: Form };

export interface SlackMessage {
  /** Notification / fallback text (already escaped). */
  text: string;
  blocks: Block[];
}

/** Leaves room for a "(Teil 2/3)" marker and for escaping growth at the split border. */
const SECTION_CHUNK = LIMITS.sectionText - 100;
/**
 * Beyond the 50 blocks, very large messages are hard to read and Slack truncates huge ones: a long answer
 * becomes several messages of about this many characters of block JSON each.
 */
const MESSAGE_CHAR_BUDGET = 16_000;
const OPTION_VALUE_INLINE = 'v:';
const OPTION_VALUE_REF = 'r:';

/** One reply as one or more messages (split when it would exceed the blocks limit). */
export function renderReply(reply: Reply, rc: RenderContext): SlackMessage[] {
  const blocks: Block[] = [];
  const mrkdwn = toMrkdwn(reply.text ?? '');
  for (const piece of splitText(mrkdwn, SECTION_CHUNK)) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: piece } });
  }
  let counter = 0;
  const nextId = () => counter++;
  if (reply.choice && reply.choice.options.length > 0) blocks.push(...choiceBlocks(reply.choice, nextId, rc));
  if (reply.form) blocks.push(...formLauncher(reply.form, nextId, rc));
  if (reply.actions?.length) blocks.push(...actionBlocks(reply.actions, nextId, rc));
  if (reply.citations?.length) blocks.push(...citationBlocks(reply.citations, rc));
  if (blocks.length === 0) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: '…' } });

  const fallback = toPlain(reply.text ?? '', 300) || 'LoDiLe-Bot';
  const messages: SlackMessage[] = [];
  let current: Block[] = [];
  let chars = 0;
  for (const block of blocks) {
    const size = JSON.stringify(block).length;
    if (current.length && (current.length >= LIMITS.messageBlocks || chars + size > MESSAGE_CHAR_BUDGET)) {
      messages.push({ text: fallback, blocks: current });
      current = [];
      chars = 0;
    }
    current.push(block);
    chars += size;
  }
  messages.push({ text: fallback, blocks: current });
  return messages;
}

/** Our button: value carries the action as JSON, or a stash reference when that would be too long. */
export function button(action: ReplyAction, n: number, rc: RenderContext): types.Button {
  const inline = JSON.stringify(
    action.value === undefined ? { a: action.id } : { a: action.id, v: action.value },
  );
  const value =
    inline.length <= LIMITS.buttonValue
      ? inline
      : JSON.stringify({ r: rc.stash({ kind: 'action', id: action.id, value: action.value }) });
  return {
    type: 'button',
    action_id: truncate(`b${n}:${action.id}`, LIMITS.actionId),
    text: { type: 'plain_text', text: truncate(action.label || action.id, LIMITS.buttonText), emoji: true },
    value,
    ...(action.style ? { style: action.style } : {}),
  };
}

function actionBlocks(actions: ReplyAction[], nextId: () => number, rc: RenderContext): Block[] {
  const buttons = actions.map((a) => button(a, nextId(), rc));
  return chunk(buttons, LIMITS.actionsElements).map((elements) => ({ type: 'actions', elements }));
}

function choiceBlocks(choice: Choice, nextId: () => number, rc: RenderContext): Block[] {
  const options = choice.options.map((o) => ({
    text: { type: 'plain_text' as const, text: truncate(o.label || o.value, LIMITS.optionText), emoji: true },
    value:
      OPTION_VALUE_INLINE.length + o.value.length <= LIMITS.optionValue
        ? `${OPTION_VALUE_INLINE}${o.value}`
        : `${OPTION_VALUE_REF}${rc.stash({ kind: 'action', id: choice.id, value: o.value })}`,
  }));
  const groups = chunk(options, LIMITS.options);
  const selects: ActionsElement[] = groups.map((group, g) => ({
    type: 'static_select',
    action_id: truncate(`c${nextId()}:${choice.id}`, LIMITS.actionId),
    placeholder: {
      type: 'plain_text',
      text: truncate(
        groups.length > 1
          ? `${rc.t({ de: 'Bitte wählen', en: 'Please choose' })} (${g * LIMITS.options + 1}–${g * LIMITS.options + group.length})`
          : rc.t({ de: 'Bitte wählen …', en: 'Please choose …' }),
        LIMITS.placeholder,
      ),
    },
    options: group,
  }));
  const label = choice.label.trim();
  return [
    ...(label
      ? [
          {
            type: 'section' as const,
            text: { type: 'mrkdwn' as const, text: truncate(toMrkdwn(label), 2900) },
          },
        ]
      : []),
    ...chunk(selects, LIMITS.actionsElements).map((elements) => ({ type: 'actions' as const, elements })),
  ];
}

/** A form in a message is a button that opens the modal (forms need a trigger_id). */
function formLauncher(form: Form, nextId: () => number, rc: RenderContext): Block[] {
  const blocks: Block[] = [];
  if (form.title) {
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: `*${truncate(escapeMrkdwn(form.title), 2900)}*` },
    });
  }
  const errors = Object.entries(form.errors ?? {});
  if (errors.length) {
    const byId = new Map(form.fields.map((f) => [f.id, f.label]));
    const lines = errors.map(([id, msg]) => `⚠️ *${escapeMrkdwn(byId.get(id) ?? id)}:* ${escapeMrkdwn(msg)}`);
    for (const piece of splitText(lines.join('\n'), SECTION_CHUNK)) {
      blocks.push({ type: 'section', text: { type: 'mrkdwn', text: piece } });
    }
  }
  const ref = rc.stash({ kind: 'form', form });
  blocks.push({
    type: 'actions',
    elements: [
      {
        type: 'button',
        action_id: truncate(`f${nextId()}:${form.id}`, LIMITS.actionId),
        text: { type: 'plain_text', text: rc.t({ de: 'Formular öffnen', en: 'Open form' }) },
        style: 'primary',
        value: JSON.stringify({ f: ref }),
      },
    ],
  });
  return blocks;
}

function citationBlocks(citations: Citation[], rc: RenderContext): Block[] {
  const elements = citations.map((c) => {
    const title = escapeMrkdwn(truncate(c.title, 200));
    const link =
      c.url && /^https?:\/\//i.test(c.url) ? `<${c.url.replace(/\|/g, '%7C')}|${title}>` : `*${title}*`;
    const excerpt = c.excerpt ? ` – ${escapeMrkdwn(truncate(c.excerpt.replace(/\s+/g, ' '), 280))}` : '';
    return { type: 'mrkdwn' as const, text: truncate(`📄 ${link}${excerpt}`, LIMITS.contextText) };
  });
  const label = { type: 'mrkdwn' as const, text: rc.t({ de: '*Quellen:*', en: '*Sources:*' }) };
  return chunk(elements, LIMITS.contextElements - 1).map((els, i) => ({
    type: 'context',
    elements: i === 0 ? [label, ...els] : els,
  }));
}

/** What travels in a modal's private_metadata: the form to submit and where to answer. */
export interface ModalMeta {
  /** Stash reference of the form definition (to rebuild the modal and convert values). */
  ref: string;
  channel?: string;
  threadTs?: string;
}

export const FORM_CALLBACK_ID = 'lodile_form';

/** A form as a modal: one input block per field (block_id = field id), errors as context lines. */
export function formModal(
  form: Form,
  meta: ModalMeta,
  t: RenderContext['t'],
  timeZone: string,
): types.ModalView {
  const blocks: Block[] = [];
  for (const field of form.fields.slice(0, LIMITS.viewBlocks / 2)) {
    blocks.push(inputBlock(field, t, timeZone));
    const error = form.errors?.[field.id];
    if (error) {
      blocks.push({
        type: 'context',
        elements: [{ type: 'mrkdwn', text: `⚠️ ${truncate(escapeMrkdwn(error), LIMITS.contextText - 3)}` }],
      });
    }
  }
  return {
    type: 'modal',
    callback_id: FORM_CALLBACK_ID,
    private_metadata: JSON.stringify({ r: meta.ref, c: meta.channel, t: meta.threadTs }),
    title: { type: 'plain_text', text: truncate(form.title || 'LoDiLe-Bot', LIMITS.viewTitle) },
    submit: {
      type: 'plain_text',
      text: truncate(form.submitLabel || t({ de: 'Senden', en: 'Submit' }), LIMITS.viewSubmit),
    },
    close: { type: 'plain_text', text: t({ de: 'Abbrechen', en: 'Cancel' }) },
    blocks,
  };
}

export function parseModalMeta(raw: string | undefined): ModalMeta | undefined {
  try {
    const m = JSON.parse(raw ?? '') as { r?: unknown; c?: unknown; t?: unknown };
    if (typeof m.r !== 'string') return undefined;
    return {
      ref: m.r,
      channel: typeof m.c === 'string' ? m.c : undefined,
      threadTs: typeof m.t === 'string' ? m.t : undefined,
    };
  } catch {
    return undefined;
  }
}

const FIELD_ACTION_ID = 'value';

function inputBlock(field: FormField, t: RenderContext['t'], timeZone: string): types.InputBlock {
  const placeholder = field.placeholder
    ? { placeholder: { type: 'plain_text' as const, text: truncate(field.placeholder, LIMITS.placeholder) } }
    : {};
  let element: types.InputBlock['element'];
  switch (field.type) {
    case 'textarea':
    case 'text': {
      const max = Math.min(field.maxLength ?? LIMITS.inputMaxLength, LIMITS.inputMaxLength);
      element = {
        type: 'plain_text_input',
        action_id: FIELD_ACTION_ID,
        multiline: field.type === 'textarea',
        max_length: max,
        ...(field.value ? { initial_value: field.value.slice(0, max) } : {}),
        ...placeholder,
      };
      break;
    }
    case 'date':
      element = {
        type: 'datepicker',
        action_id: FIELD_ACTION_ID,
        ...(field.value && /^\d{4}-\d{2}-\d{2}$/.test(field.value) ? { initial_date: field.value } : {}),
        ...placeholder,
      };
      break;
    case 'datetime': {
      const initial = field.value ? DateTime.fromISO(field.value, { zone: timeZone }) : undefined;
      element = {
        type: 'datetimepicker',
        action_id: FIELD_ACTION_ID,
        ...(initial?.isValid ? { initial_date_time: Math.floor(initial.toSeconds()) } : {}),
      };
      break;
    }
    case 'select': {
      const options = (field.options ?? []).slice(0, LIMITS.options).map((o) => ({
        text: { type: 'plain_text' as const, text: truncate(o.label || o.value, LIMITS.optionText) },
        value: o.value.slice(0, LIMITS.optionValue),
      }));
      const initial = options.find((o) => o.value === field.value);
      element = {
        type: 'static_select',
        action_id: FIELD_ACTION_ID,
        options,
        ...(initial ? { initial_option: initial } : {}),
        placeholder: { type: 'plain_text', text: t({ de: 'Bitte wählen …', en: 'Please choose …' }) },
      };
      break;
    }
    case 'user': {
      // Slack's own people picker: nobody has to know a member id. A previous pick is preselected.
      const initial = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/.exec(field.value ?? '')?.[1];
      element = {
        type: 'users_select',
        action_id: FIELD_ACTION_ID,
        ...(initial ? { initial_user: initial } : {}),
        placeholder: {
          type: 'plain_text',
          text: truncate(t({ de: 'Person auswählen …', en: 'Choose a person …' }), LIMITS.placeholder),
        },
      };
      break;
    }
    case 'number':
      element = {
        type: 'number_input',
        action_id: FIELD_ACTION_ID,
        is_decimal_allowed: true,
        ...(field.value ? { initial_value: field.value } : {}),
        ...(field.min !== undefined ? { min_value: String(field.min) } : {}),
        ...(field.max !== undefined ? { max_value: String(field.max) } : {}),
        ...placeholder,
      };
      break;
  }
  return {
    type: 'input',
    block_id: truncate(field.id, LIMITS.blockId),
    optional: !field.required,
    label: { type: 'plain_text', text: truncate(field.label || field.id, LIMITS.inputLabel) },
    element,
  };
}

/** Slack's view state → our form fields (strings, as the core expects; datetime as local YYYY-MM-DDTHH:mm). */
export function formFields(
  form: Form,
  values: Record<string, Record<string, SubmittedValue>>,
  timeZone: string,
): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const field of form.fields) {
    const v = values[truncate(field.id, LIMITS.blockId)]?.[FIELD_ACTION_ID];
    fields[field.id] = submittedToString(v, timeZone);
  }
  return fields;
}

export interface SubmittedValue {
  type: string;
  value?: string | null;
  selected_date?: string | null;
  selected_date_time?: number | null;
  selected_option?: { value: string } | null;
  selected_user?: string | null;
}

function submittedToString(v: SubmittedValue | undefined, timeZone: string): string {
  if (!v) return '';
  switch (v.type) {
    case 'datepicker':
      return v.selected_date ?? '';
    case 'datetimepicker':
      return typeof v.selected_date_time === 'number'
        ? DateTime.fromSeconds(v.selected_date_time, { zone: timeZone }).toFormat("yyyy-MM-dd'T'HH:mm")
        : '';
    case 'static_select':
      return v.selected_option?.value ?? '';
    case 'users_select':
      // As if the user had @-mentioned the person in a message.
      return v.selected_user ? `<@${v.selected_user}>` : '';
    default:
      return v.value ?? '';
  }
}

/** What a pressed element means for the core. */
export type Pressed =
  | { kind: 'action'; action: IncomingAction }
  | { kind: 'stashed'; ref: string }
  | { kind: 'form'; ref: string }
  | { kind: 'invalid' };

/** Decodes a block_actions element we rendered (button or static_select). */
export function decodePressed(a: {
  action_id?: string;
  type?: string;
  value?: string;
  selected_option?: { value?: string } | null;
}): Pressed {
  const actionId = a.action_id ?? '';
  if (a.type === 'static_select') {
    const choiceId = /^c\d+:(.+)$/.exec(actionId)?.[1];
    const value = a.selected_option?.value ?? '';
    if (!choiceId) return { kind: 'invalid' };
    if (value.startsWith(OPTION_VALUE_REF))
      return { kind: 'stashed', ref: value.slice(OPTION_VALUE_REF.length) };
    if (value.startsWith(OPTION_VALUE_INLINE))
      return { kind: 'action', action: { id: choiceId, value: value.slice(OPTION_VALUE_INLINE.length) } };
    return { kind: 'invalid' };
  }
  if (a.type !== 'button' || !a.value) return { kind: 'invalid' };
  try {
    const v = JSON.parse(a.value) as { a?: unknown; v?: unknown; r?: unknown; f?: unknown };
    if (typeof v.f === 'string') return { kind: 'form', ref: v.f };
    if (typeof v.r === 'string') return { kind: 'stashed', ref: v.r };
    if (typeof v.a === 'string' && v.a) {
      return { kind: 'action', action: { id: v.a, ...(typeof v.v === 'string' ? { value: v.v } : {}) } };
    }
  } catch {
    // not ours
  }
  return { kind: 'invalid' };
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
