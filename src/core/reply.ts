/**
 * The platform-neutral reply model. Flows build these; the channels (Slack Block Kit, Teams Adaptive
 * Cards, local web chat, terminal) render them. Every part maps to a native element on each platform:
 *   text      → mrkdwn section / TextBlock (simple Markdown: **bold**, _italic_, lists, [link](url))
 *   actions   → buttons / Action.Submit
 *   choice    → static select / Input.ChoiceSet + submit
 *   form      → modal / card inputs (a 'user' field: Slack's people picker, elsewhere a text field)
 *   citations → context line / small TextBlocks
 *   files     → file upload / attachment
 */
export interface Reply {
  text: string;
  actions?: ReplyAction[];
  choice?: Choice;
  form?: Form;
  citations?: Citation[];
  files?: FileRef[];
  /**
   * The text was (partly) written by a language model: before any channel renders it, the core keeps only
   * links to this reply's citations or the bot's own pages live (core/link-policy.ts).
   */
  generated?: boolean;
}

export interface ReplyAction {
  /** "<capability>.<verb>", e.g. "canvas.back"; the router dispatches on the prefix. */
  id: string;
  label: string;
  value?: string;
  style?: 'primary' | 'danger';
}

/** A single pick from a list; choosing sends the action {id, value}. */
export interface Choice {
  id: string;
  label: string;
  options: Option[];
}

export interface Option {
  value: string;
  label: string;
}

/**
 * 'user': a person of the user's chat tool. Slack shows its people picker and submits the pick in its own
 * mention syntax, also listed in Turn.mentions; every other channel shows a text field for a name,
 * @mention or user id. Resolve the value with core/people.ts findPerson.
 */
export type FieldType = 'text' | 'textarea' | 'date' | 'datetime' | 'select' | 'number' | 'user';

export interface FormField {
  id: string;
  label: string;
  type: FieldType;
  required?: boolean;
  options?: Option[];
  /** Prefilled value (date: YYYY-MM-DD, datetime: YYYY-MM-DDTHH:mm local time). */
  value?: string;
  placeholder?: string;
  maxLength?: number;
  min?: number;
  max?: number;
}

/** A small form; submitting sends the action {id: form.id, fields}. */
export interface Form {
  id: string;
  title?: string;
  fields: FormField[];
  submitLabel: string;
  /** Validation messages per field id from a previous submission. */
  errors?: Record<string, string>;
}

export interface Citation {
  title: string;
  url?: string;
  excerpt?: string;
}

export interface FileRef {
  id: string;
  name: string;
  mime: string;
}

/** Incoming action: a button press, a choice, or a submitted form. */
export interface IncomingAction {
  id: string;
  value?: string;
  fields?: Record<string, string>;
}

export const text = (t: string, extra: Omit<Reply, 'text'> = {}): Reply => ({ text: t, ...extra });
