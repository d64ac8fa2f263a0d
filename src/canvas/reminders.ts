import { DateTime } from 'luxon';
import type { Services } from '../core/context.ts';
import { localeSql } from '../core/identity.ts';
import type { Db } from '../db/index.ts';
import { formatDate } from './dates.ts';
import { canvasText } from './messages/index.ts';
import type { Canvas } from './store.ts';

/** Days before a milestone's date when its owner is reminded, at 09:00 in their time zone. */
export const REMINDER_DAYS_BEFORE = [7, 0];
const REMINDER_HOUR = 9;

/** (Re)plans the reminders of all milestones of a canvas; returns how many lie in the future. */
export async function planReminders(
  db: Db,
  canvas: Canvas,
  timeZone: string,
  now = new Date(),
): Promise<number> {
  return db.tx(async (c) => {
    await c.query(
      `DELETE FROM canvas_reminders r USING canvas_milestones m
        WHERE r.milestone_id = m.id AND m.canvas_id = $1 AND r.sent_at IS NULL`,
      [canvas.id],
    );
    let planned = 0;
    for (const m of canvas.milestones) {
      for (const days of REMINDER_DAYS_BEFORE) {
        const at = DateTime.fromISO(m.due, { zone: timeZone }).minus({ days }).set({ hour: REMINDER_HOUR });
        if (!at.isValid || at.toJSDate() <= now) continue;
        await c.query(
          `INSERT INTO canvas_reminders (milestone_id, user_key, due_at) VALUES ($1, $2, $3)
           ON CONFLICT (milestone_id, due_at) DO NOTHING`,
          [m.id, canvas.ownerKey, at.toJSDate()],
        );
        planned++;
      }
    }
    return planned;
  });
}

export async function cancelReminders(db: Db, canvasId: string): Promise<void> {
  await db.query(
    `DELETE FROM canvas_reminders r USING canvas_milestones m
      WHERE r.milestone_id = m.id AND m.canvas_id = $1 AND r.sent_at IS NULL`,
    [canvasId],
  );
}

/**
 * Moves every due reminder into the outbox, once: rows are claimed with SKIP LOCKED and marked sent in
 * the same transaction, so several instances never send the same reminder twice. Called by a timer.
 */
export async function sendDueReminders(
  services: Pick<Services, 'db' | 'outbox'>,
  now = new Date(),
): Promise<number> {
  return services.db.tx(async (c) => {
    const { rows } = await c.query<{
      id: string;
      user_key: string;
      what: string;
      who: string;
      due: string;
      canvas_id: string;
      title: string;
      locale: string | null;
    }>(
      `SELECT r.id, r.user_key, m.what, m.who, to_char(m.due_date, 'YYYY-MM-DD') AS due, c.id AS canvas_id, c.title,
              ${localeSql('r.user_key')} AS locale
         FROM canvas_reminders r
         JOIN canvas_milestones m ON m.id = r.milestone_id
         JOIN canvases c ON c.id = m.canvas_id
        WHERE r.sent_at IS NULL AND r.due_at <= $1 AND c.reminders_on AND c.archived_at IS NULL
        ORDER BY r.due_at LIMIT 100
        FOR UPDATE OF r SKIP LOCKED`,
      [now],
    );
    for (const r of rows) {
      const locale = r.locale === 'en' ? 'en' : 'de';
      const date = formatDate(r.due, locale);
      const who = r.who ? canvasText(locale, 'reminders.responsible', { who: r.who }) : '';
      await services.outbox.sendToUser(
        r.user_key,
        [
          {
            text: canvasText(locale, 'reminders.reminderTheMilestoneOf', {
              what: r.what,
              title: r.title,
              date,
              who,
            }),
            actions: [
              {
                id: 'canvas.open',
                value: r.canvas_id,
                label: canvasText(locale, 'reminders.openCanvas'),
              },
            ],
          },
        ],
        c,
      );
      await c.query('UPDATE canvas_reminders SET sent_at = now() WHERE id = $1', [r.id]);
    }
    return rows.length;
  });
}
