import { bilingual } from '../core/messages.ts';
import type { PersonalDataSource } from '../core/personal-data.ts';
import type { RetentionRule } from '../core/retention.ts';
import { canvasText } from './messages/index.ts';

/** The user's canvases (with answers and milestones), shares granted to them, their milestone reminders. */
export const canvasPersonalData: PersonalDataSource = {
  label: bilingual(canvasText, 'data.canvases.label'),
  about: bilingual(canvasText, 'data.canvases.about'),
  async export(q, userKey) {
    const owned = await q.query(
      `SELECT c.id, c.title, c.status, c.current_step, c.archived_at, c.created_at, c.updated_at,
              (SELECT COALESCE(json_object_agg(f.field, f.value), '{}'::json) FROM canvas_fields f
                WHERE f.canvas_id = c.id) AS fields,
              (SELECT COALESCE(json_agg(json_build_object('what', m.what, 'due', m.due_date, 'who', m.who)
                        ORDER BY m.due_date), '[]'::json) FROM canvas_milestones m WHERE m.canvas_id = c.id) AS milestones,
              (SELECT COALESCE(json_agg(s.user_key), '[]'::json) FROM canvas_shares s WHERE s.canvas_id = c.id)
                AS shared_with
         FROM canvases c WHERE c.owner_key = $1 ORDER BY c.created_at`,
      [userKey],
    );
    const sharedWithMe = await q.query(
      `SELECT s.canvas_id, c.title, c.owner_key, s.created_at AS shared_at
         FROM canvas_shares s JOIN canvases c ON c.id = s.canvas_id WHERE s.user_key = $1`,
      [userKey],
    );
    return [
      ...owned.rows.map((r) => ({ kind: 'canvas', ...r })),
      ...sharedWithMe.rows.map((r) => ({ kind: 'shared with me', ...r })),
    ];
  },
  async erase(q, userKey) {
    await q.query('DELETE FROM canvas_reminders WHERE user_key = $1', [userKey]);
    await q.query('DELETE FROM canvas_shares WHERE user_key = $1', [userKey]);
    // Fields, milestones, shares and reminders of the user's own canvases go with them (ON DELETE CASCADE).
    await q.query('DELETE FROM canvases WHERE owner_key = $1', [userKey]);
  },
};

/** Sent reminders are only a log; the canvases themselves are the user's work and stay until deleted. */
export const canvasRetention: RetentionRule = {
  table: 'canvas_reminders',
  column: 'due_at',
  where: 'sent_at IS NOT NULL',
  label: bilingual(canvasText, 'retention.reminders.label'),
  after: bilingual(canvasText, 'retention.reminders.after'),
};
