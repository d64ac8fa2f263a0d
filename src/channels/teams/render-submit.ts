import type { IncomingAction } from '../../core/reply.ts';
import { CHOICE_INPUT, DATE_SUFFIX, FIELD_PREFIX, TIME_SUFFIX } from './render-parts.ts';

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
