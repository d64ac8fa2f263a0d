import type { types } from '@slack/bolt';
import { DateTime } from 'luxon';
import type { Form, FormField } from '../../core/reply.ts';
import { channelTexts } from '../messages/index.ts';
import { LIMITS } from './limits.ts';
import { escapeMrkdwn, truncate } from './mrkdwn.ts';
import type { RenderContext } from './render.ts';

/**
 * Forms as Slack modals: one input block per field, and the submitted view state read back into the
 * string fields the core expects.
 */

type Block = types.KnownBlock;

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
      text: truncate(form.submitLabel || t(channelTexts('slack.submit')), LIMITS.viewSubmit),
    },
    close: { type: 'plain_text', text: t(channelTexts('slack.cancel')) },
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
        placeholder: { type: 'plain_text', text: t(channelTexts('slack.chooseMore')) },
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
          text: truncate(t(channelTexts('slack.choosePerson')), LIMITS.placeholder),
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
