/**
 * Typed action tables: every button, choice and form a capability shows is one named entry with a schema
 * for what it carries. The core dispatches "<capability>.<name>" to the entry and parses the payload first,
 * so handlers never split strings and a stale or forged payload ends as "button no longer valid".
 */
import { z } from 'zod';
import type { TurnContext } from './context.ts';
import type { IncomingAction, Reply } from './reply.ts';

export interface ActionHandler<V = unknown> {
  /** What the action carries: the form's fields if it is a form, else the button's or choice's value. */
  value: z.ZodType<V>;
  run(ctx: TurnContext, value: V, action: IncomingAction): Promise<Reply[]>;
}

// biome-ignore lint/suspicious/noExplicitAny: a table holds handlers of different value types.
export type ActionTable = Record<string, ActionHandler<any>>;

/** One table entry; `value` is inferred from the schema. */
export function action<S extends z.ZodType>(
  value: S,
  run: (ctx: TurnContext, value: z.output<S>, action: IncomingAction) => Promise<Reply[]>,
): ActionHandler<z.output<S>> {
  return { value: value as unknown as z.ZodType<z.output<S>>, run };
}

/** Schemas for the usual payloads. */
export const payload = {
  /** A button without a value. */
  none: z.unknown().transform(() => undefined),
  /** A button or choice value that must be present. */
  text: z.string().min(1).max(2000),
  /** A positive integer carried as text, e.g. an index or a database id. */
  int: z.coerce.number().int().nonnegative(),
  /** A form's fields. */
  form: <T extends z.ZodRawShape>(shape: T) => z.object(shape),
  /** A form whose id names what it belongs to (see `targetedId`): the target and the form's fields. */
  targeted: <T extends z.ZodType>(fields: T) => z.object({ target: z.string(), fields }),
  /** Several values in one button: built with `packed()`, parsed with this schema. */
  packed: <T extends z.ZodType>(schema: T) =>
    z
      .string()
      .transform((s, ctx) => {
        try {
          return JSON.parse(s) as unknown;
        } catch {
          ctx.addIssue({ code: 'custom', message: 'not a packed value' });
          return z.NEVER;
        }
      })
      .pipe(schema),
};

/** Packs several values into one button value (parse with `payload.packed`). */
export function packed(value: Record<string, string | number | boolean | null>): string {
  return JSON.stringify(value);
}

/** The id a reply puts on a button: "<capability>.<name>". */
export function actionId(capability: string, name: string): string {
  return `${capability}.${name}`;
}

/**
 * The id of a form that belongs to one thing (a canvas, a milestone): "<capability>.<name>:<target>".
 * Forms carry no value of their own, so the target travels in the id; parse it with `payload.targeted`.
 */
export function targetedId(capability: string, name: string, target: string): string {
  return `${capability}.${name}:${target}`;
}

export type ActionOutcome = { kind: 'ran'; replies: Reply[] } | { kind: 'unknown' } | { kind: 'invalid' };

/** Finds the entry for `action` in `table` and runs it with the parsed payload. */
export async function runAction(
  table: ActionTable,
  ctx: TurnContext,
  action: IncomingAction,
): Promise<ActionOutcome> {
  const dot = action.id.indexOf('.');
  const rest = dot < 0 ? '' : action.id.slice(dot + 1);
  const colon = rest.indexOf(':');
  let name = colon < 0 ? rest : rest.slice(0, colon);
  let target = colon < 0 ? undefined : rest.slice(colon + 1);
  // Forms sent before `targetedId` named their target after a second dot ("knowledge.answer.12"); such forms
  // may still sit in chat history, so they are read as "<name>:<target>".
  const dot2 = name.indexOf('.');
  if (target === undefined && dot2 > 0 && !Object.hasOwn(table, name)) {
    target = name.slice(dot2 + 1);
    name = name.slice(0, dot2);
  }
  const handler = Object.hasOwn(table, name) ? table[name] : undefined;
  if (!handler) return { kind: 'unknown' };
  const input =
    target === undefined ? (action.fields ?? action.value) : { target, fields: action.fields ?? {} };
  const parsed = handler.value.safeParse(input);
  if (!parsed.success) return { kind: 'invalid' };
  return { kind: 'ran', replies: await handler.run(ctx, parsed.data, action) };
}
