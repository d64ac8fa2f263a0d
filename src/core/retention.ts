import type { Queryable } from '../db/index.ts';
import type { Bilingual } from './i18n.ts';
import { coreText } from './messages/index.ts';
import { bilingual } from './messages.ts';

/** How often the retention job runs (every instance; the deletes are idempotent). */
export const RETENTION_INTERVAL_MS = 6 * 60 * 60 * 1000;

/** One kind of data that is deleted after a while: rows of `table` whose `column` is older. */
export interface RetentionRule {
  table: string;
  column: string;
  /** Extra condition, e.g. only finished items. */
  where?: string;
  /** A fixed period for technical data; otherwise RETENTION_DAYS. */
  days?: number;
  /** What is deleted and from when the days count, for the privacy notice: "<label> – N Tage nach <after>". */
  label: Bilingual;
  after: Bilingual;
}

/** What the core keeps only for a while: idle conversation state, delivered notifications, handed-out files. */
export const coreRetention: readonly RetentionRule[] = [
  {
    table: 'conversation_state',
    column: 'updated_at',
    label: bilingual(coreText, 'retention.state.label'),
    after: bilingual(coreText, 'retention.state.after'),
  },
  {
    table: 'outbox',
    column: 'created_at',
    where: 'delivered_at IS NOT NULL',
    label: bilingual(coreText, 'retention.outbox.label'),
    after: bilingual(coreText, 'retention.outbox.after'),
  },
  {
    table: 'files',
    column: 'created_at',
    label: bilingual(coreText, 'retention.files.label'),
    after: bilingual(coreText, 'retention.files.after'),
  },
];

/** Deletes everything past its retention period; returns the number of rows per table. */
export async function applyRetention(
  q: Queryable,
  rules: readonly RetentionRule[],
  days: number,
): Promise<Record<string, number>> {
  const deleted: Record<string, number> = {};
  for (const r of rules) {
    const extra = r.where ? ` AND (${r.where})` : '';
    const res = await q.query(
      `DELETE FROM ${r.table} WHERE ${r.column} < now() - make_interval(days => $1)${extra}`,
      [r.days ?? days],
    );
    deleted[r.table] = (deleted[r.table] ?? 0) + (res.rowCount ?? 0);
  }
  return deleted;
}
