import type { Queryable } from '../db/index.ts';

/** One kind of data that is deleted after RETENTION_DAYS: rows of `table` whose `column` is older. */
export interface RetentionRule {
  table: string;
  column: string;
  /** Extra condition, e.g. only finished items. */
  where?: string;
}

/** What the core keeps only for a while: idle conversation state, delivered notifications, handed-out files. */
export const coreRetention: RetentionRule[] = [
  { table: 'conversation_state', column: 'updated_at' },
  { table: 'outbox', column: 'created_at', where: 'delivered_at IS NOT NULL' },
  { table: 'files', column: 'created_at' },
];

/** Deletes everything past its retention period; returns the number of rows per table. */
export async function applyRetention(
  q: Queryable,
  rules: RetentionRule[],
  days: number,
): Promise<Record<string, number>> {
  const deleted: Record<string, number> = {};
  for (const r of rules) {
    const extra = r.where ? ` AND (${r.where})` : '';
    const res = await q.query(
      `DELETE FROM ${r.table} WHERE ${r.column} < now() - make_interval(days => $1)${extra}`,
      [days],
    );
    deleted[r.table] = (deleted[r.table] ?? 0) + (res.rowCount ?? 0);
  }
  return deleted;
}
