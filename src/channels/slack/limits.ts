/**
 * Block Kit limits (https://docs.slack.dev/reference/block-kit): Slack rejects a message or view that breaks
 * one of them with `invalid_blocks`. The renderer keeps within them; `checkMessage` / `checkView` verify
 * any payload and are run on every message and view in the tests.
 */
export const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  /** Top-level `text` of chat.postMessage (notification fallback); Slack truncates beyond 40,000. */
  messageText: 40_000,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  headerText: 150,
  contextElements: 10,
  contextText: 3000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  blockId: 255,
  url: 3000,
  options: 100,
  optionText: 75,
  optionValue: 150,
  placeholder: 150,
  inputLabel: 2000,
  inputHint: 2000,
  inputMaxLength: 3000,
  viewTitle: 24,
  viewSubmit: 24,
  viewClose: 24,
  privateMetadata: 3000,
  callbackId: 255,
} as const;

type Json = Record<string, unknown>;

/** Problems of a chat.postMessage / chat.update payload; [] when Slack would accept it. */
export function checkMessage(message: { text?: unknown; blocks?: unknown }): string[] {
  const problems: string[] = [];
  if (typeof message.text === 'string' && message.text.length > LIMITS.messageText) {
    problems.push(`text: ${message.text.length} > ${LIMITS.messageText}`);
  }
  const blocks = asBlocks(message.blocks, problems);
  if (!blocks) {
    if (typeof message.text !== 'string' || message.text === '') problems.push('neither text nor blocks');
    return problems;
  }
  if (blocks.length > LIMITS.messageBlocks)
    problems.push(`blocks: ${blocks.length} > ${LIMITS.messageBlocks}`);
  checkBlocks(blocks, problems, 'message');
  return problems;
}

/** Problems of a modal or home view (views.open / views.update / views.publish / response_action). */
export function checkView(view: unknown): string[] {
  const problems: string[] = [];
  const v = view as Json;
  if (!v || typeof v !== 'object') return ['view is not an object'];
  if (v.type !== 'modal' && v.type !== 'home') problems.push(`view.type: ${String(v.type)}`);
  const blocks = asBlocks(v.blocks, problems) ?? [];
  if (blocks.length > LIMITS.viewBlocks)
    problems.push(`view blocks: ${blocks.length} > ${LIMITS.viewBlocks}`);
  if (v.type === 'modal') {
    plainText(v.title, LIMITS.viewTitle, 'view.title', problems, true);
    plainText(v.submit, LIMITS.viewSubmit, 'view.submit', problems, false);
    plainText(v.close, LIMITS.viewClose, 'view.close', problems, false);
    const hasInput = blocks.some((b) => b.type === 'input');
    if (hasInput && !v.submit) problems.push('modal with inputs needs submit');
  }
  maxLen(v.private_metadata, LIMITS.privateMetadata, 'view.private_metadata', problems);
  maxLen(v.callback_id, LIMITS.callbackId, 'view.callback_id', problems);
  checkBlocks(blocks, problems, v.type === 'modal' ? 'modal' : 'home');
  return problems;
}

function asBlocks(raw: unknown, problems: string[]): Json[] | undefined {
  if (raw === undefined) return undefined;
  const parsed = typeof raw === 'string' ? safeParse(raw) : raw;
  if (!Array.isArray(parsed)) {
    problems.push('blocks is not an array');
    return undefined;
  }
  return parsed as Json[];
}

function safeParse(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}

function checkBlocks(blocks: Json[], problems: string[], surface: 'message' | 'modal' | 'home'): void {
  const blockIds = new Set<string>();
  blocks.forEach((b, i) => {
    const at = `blocks[${i}]`;
    // Slack wants action_ids unique within their block (the renderer keeps them unique per message).
    const actionIds = new Set<string>();
    if (b.block_id !== undefined) {
      const id = String(b.block_id);
      if (id.length > LIMITS.blockId) problems.push(`${at}.block_id too long`);
      if (blockIds.has(id)) problems.push(`${at}.block_id "${id}" not unique`);
      blockIds.add(id);
    }
    switch (b.type) {
      case 'section': {
        if (b.text === undefined && b.fields === undefined) problems.push(`${at}: section without text`);
        if (b.text !== undefined) textObject(b.text, LIMITS.sectionText, `${at}.text`, problems);
        if (b.fields !== undefined) {
          const fields = b.fields as unknown[];
          if (fields.length > LIMITS.sectionFields) problems.push(`${at}.fields: ${fields.length} > 10`);
          fields.forEach((f, j) => {
            textObject(f, LIMITS.sectionFieldText, `${at}.fields[${j}]`, problems);
          });
        }
        if (b.accessory) element(b.accessory as Json, `${at}.accessory`, problems, actionIds);
        break;
      }
      case 'header':
        plainText(b.text, LIMITS.headerText, `${at}.text`, problems, true);
        break;
      case 'context': {
        const els = (b.elements as Json[] | undefined) ?? [];
        if (els.length === 0) problems.push(`${at}: context without elements`);
        if (els.length > LIMITS.contextElements) problems.push(`${at}.elements: ${els.length} > 10`);
        els.forEach((e, j) => {
          if (e.type === 'image') return;
          textObject(e, LIMITS.contextText, `${at}.elements[${j}]`, problems);
        });
        break;
      }
      case 'actions': {
        const els = (b.elements as Json[] | undefined) ?? [];
        if (els.length === 0) problems.push(`${at}: actions without elements`);
        if (els.length > LIMITS.actionsElements) problems.push(`${at}.elements: ${els.length} > 25`);
        els.forEach((e, j) => {
          element(e, `${at}.elements[${j}]`, problems, actionIds);
        });
        break;
      }
      case 'input': {
        if (surface === 'message') problems.push(`${at}: input blocks are for modals`);
        plainText(b.label, LIMITS.inputLabel, `${at}.label`, problems, true);
        if (b.hint !== undefined) plainText(b.hint, LIMITS.inputHint, `${at}.hint`, problems, true);
        if (!b.element) problems.push(`${at}: input without element`);
        else element(b.element as Json, `${at}.element`, problems, actionIds);
        break;
      }
      case 'divider':
        break;
      default:
        problems.push(`${at}: unexpected block type ${String(b.type)}`);
    }
  });
}

function element(e: Json, at: string, problems: string[], actionIds: Set<string>): void {
  if (e.action_id !== undefined) {
    const id = String(e.action_id);
    if (id.length > LIMITS.actionId) problems.push(`${at}.action_id too long (${id.length})`);
    if (actionIds.has(id)) problems.push(`${at}.action_id "${id}" not unique`);
    actionIds.add(id);
  }
  if (e.placeholder !== undefined)
    plainText(e.placeholder, LIMITS.placeholder, `${at}.placeholder`, problems, true);
  switch (e.type) {
    case 'button':
      plainText(e.text, LIMITS.buttonText, `${at}.text`, problems, true);
      maxLen(e.value, LIMITS.buttonValue, `${at}.value`, problems);
      maxLen(e.url, LIMITS.url, `${at}.url`, problems);
      if (e.style !== undefined && e.style !== 'primary' && e.style !== 'danger')
        problems.push(`${at}.style: ${String(e.style)}`);
      break;
    case 'static_select': {
      const options = (e.options as Json[] | undefined) ?? [];
      if (options.length === 0) problems.push(`${at}: static_select without options`);
      if (options.length > LIMITS.options) problems.push(`${at}.options: ${options.length} > 100`);
      options.forEach((o, j) => {
        option(o, `${at}.options[${j}]`, problems);
      });
      if (e.initial_option !== undefined) option(e.initial_option as Json, `${at}.initial_option`, problems);
      break;
    }
    case 'plain_text_input':
      if (typeof e.max_length === 'number' && e.max_length > LIMITS.inputMaxLength)
        problems.push(`${at}.max_length > 3000`);
      if (typeof e.initial_value === 'string' && typeof e.max_length === 'number')
        if (e.initial_value.length > e.max_length)
          problems.push(`${at}.initial_value longer than max_length`);
      break;
    case 'datepicker':
      if (e.initial_date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(e.initial_date)))
        problems.push(`${at}.initial_date not YYYY-MM-DD`);
      break;
    case 'datetimepicker':
      if (e.initial_date_time !== undefined && !Number.isInteger(e.initial_date_time))
        problems.push(`${at}.initial_date_time not a unix timestamp`);
      break;
    case 'users_select':
      if (e.initial_user !== undefined && !/^[UW][A-Z0-9]+$/.test(String(e.initial_user)))
        problems.push(`${at}.initial_user not a member id`);
      break;
    case 'number_input':
      if (typeof e.is_decimal_allowed !== 'boolean') problems.push(`${at}.is_decimal_allowed missing`);
      break;
    default:
      problems.push(`${at}: unexpected element type ${String(e.type)}`);
  }
}

function option(o: Json, at: string, problems: string[]): void {
  plainText(o.text, LIMITS.optionText, `${at}.text`, problems, true);
  if (typeof o.value !== 'string' || o.value.length === 0) problems.push(`${at}.value missing`);
  else maxLen(o.value, LIMITS.optionValue, `${at}.value`, problems);
}

function textObject(t: unknown, max: number, at: string, problems: string[]): void {
  const o = t as Json;
  if (!o || (o.type !== 'mrkdwn' && o.type !== 'plain_text')) {
    problems.push(`${at}: not a text object`);
    return;
  }
  if (typeof o.text !== 'string' || o.text.length === 0) problems.push(`${at}: empty text`);
  else if (o.text.length > max) problems.push(`${at}: ${o.text.length} > ${max}`);
}

function plainText(t: unknown, max: number, at: string, problems: string[], required: boolean): void {
  if (t === undefined) {
    if (required) problems.push(`${at} missing`);
    return;
  }
  const o = t as Json;
  if (o?.type !== 'plain_text') {
    problems.push(`${at}: must be plain_text`);
    return;
  }
  textObject(o, max, at, problems);
}

function maxLen(v: unknown, max: number, at: string, problems: string[]): void {
  if (v === undefined) return;
  if (typeof v !== 'string') problems.push(`${at}: not a string`);
  else if (v.length > max) problems.push(`${at}: ${v.length} > ${max}`);
}
