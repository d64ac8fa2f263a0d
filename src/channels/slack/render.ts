import type { types } from '@slack/bolt';
import type { Bilingual } from '../../core/i18n.ts';
import type { Choice, Citation, Form, IncomingAction, Reply, ReplyAction } from '../../core/reply.ts';
import { channelTexts } from '../messages/index.ts';
import { LIMITS } from './limits.ts';
import { escapeMrkdwn, splitText, toMrkdwn, toPlain, truncate } from './mrkdwn.ts';

export {
  FORM_CALLBACK_ID,
  formFields,
  formModal,
  type ModalMeta,
  parseModalMeta,
  type SubmittedValue,
} from './render-modal.ts';

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
          ? `${rc.t(channelTexts('slack.choose'))} (${g * LIMITS.options + 1}–${g * LIMITS.options + group.length})`
          : rc.t(channelTexts('slack.chooseMore')),
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
        text: { type: 'plain_text', text: rc.t(channelTexts('slack.openForm')) },
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
  const label = { type: 'mrkdwn' as const, text: rc.t(channelTexts('slack.sources')) };
  return chunk(elements, LIMITS.contextElements - 1).map((els, i) => ({
    type: 'context',
    elements: i === 0 ? [label, ...els] : els,
  }));
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
