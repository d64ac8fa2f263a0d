import type { CanvasDirectory } from '../core/context.ts';
import { displayNameSql, timeZoneOf } from '../core/identity.ts';
import { knownTimeZone } from '../core/time-zone.ts';
import type { Db, Queryable } from '../db/index.ts';
import { toMarkdown } from './markdown.ts';

export interface Milestone {
  id: string;
  what: string;
  /** YYYY-MM-DD */
  due: string;
  who: string;
}

export interface Canvas {
  id: string;
  ownerKey: string;
  title: string;
  status: 'in_progress' | 'done';
  /** 1..10 = a step, 11 = the summary. */
  step: number;
  phase: string | null;
  furthest: number;
  rev: number;
  draft: string | null;
  remindersOn: boolean;
  archived: boolean;
  updatedAt: Date;
  fields: Record<string, string>;
  milestones: Milestone[];
}

export type Access = 'owner' | 'shared';

export interface CanvasPatch {
  title?: string;
  status?: Canvas['status'];
  step?: number;
  phase?: string | null;
  furthest?: number;
  draft?: string | null;
  remindersOn?: boolean;
  archived?: boolean;
}

export interface CanvasListing {
  id: string;
  title: string;
  status: Canvas['status'];
  step: number;
  archived: boolean;
  access: Access;
  ownerKey: string;
  /** The owner's name as their chat tool last reported it. */
  ownerName?: string;
  updatedAt: Date;
}

/** The canvas changed since it was loaded (another instance, another tab): nothing was saved. */
export class CanvasConflict extends Error {
  constructor(readonly canvasId: string) {
    super(`canvas ${canvasId} changed concurrently`);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const SELECT_CANVAS = `
  SELECT c.id, c.owner_key, c.title, c.status, c.current_step, c.phase, c.furthest_step, c.rev, c.draft,
         c.reminders_on, c.archived_at, c.updated_at,
         (SELECT COALESCE(json_object_agg(f.field, f.value), '{}'::json) FROM canvas_fields f
           WHERE f.canvas_id = c.id) AS fields,
         (SELECT COALESCE(json_agg(json_build_object('id', m.id::text, 'what', m.what,
                   'due', to_char(m.due_date, 'YYYY-MM-DD'), 'who', m.who) ORDER BY m.due_date, m.id), '[]'::json)
            FROM canvas_milestones m WHERE m.canvas_id = c.id) AS milestones
    FROM canvases c`;

interface CanvasRow {
  id: string;
  owner_key: string;
  title: string;
  status: Canvas['status'];
  current_step: number;
  phase: string | null;
  furthest_step: number;
  rev: number;
  draft: string | null;
  reminders_on: boolean;
  archived_at: Date | null;
  updated_at: Date;
  fields: Record<string, string> | string;
  milestones: Milestone[] | string;
}

/** The column and a parameter compare equal ignoring case and runs of spaces. */
const SAME = (column: string, param: string) =>
  `lower(regexp_replace(btrim(${column}), '\\s+', ' ', 'g')) = lower(regexp_replace(btrim(${param}::text), '\\s+', ' ', 'g'))`;

const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

function toCanvas(r: CanvasRow): Canvas {
  return {
    id: r.id,
    ownerKey: r.owner_key,
    title: r.title,
    status: r.status,
    step: r.current_step,
    phase: r.phase,
    furthest: r.furthest_step,
    rev: r.rev,
    draft: r.draft,
    remindersOn: r.reminders_on,
    archived: r.archived_at !== null,
    updatedAt: r.updated_at,
    fields: json(r.fields),
    milestones: json(r.milestones),
  };
}

/** The canvases' own tables. Every write bumps the canvas' rev in the same transaction. */
export class CanvasStore implements CanvasDirectory {
  /** defaultTimeZone: for readers whose time zone the bot has not seen (DEFAULT_TIMEZONE). */
  constructor(
    private readonly db: Db,
    private readonly defaultTimeZone = 'Europe/Berlin',
  ) {}

  async create(ownerKey: string, title: string): Promise<Canvas> {
    const { rows } = await this.db.query<{ id: string }>(
      'INSERT INTO canvases (owner_key, title) VALUES ($1, $2) RETURNING id',
      [ownerKey, title],
    );
    return (await this.load(rows[0]!.id))!;
  }

  async load(id: string, q: Queryable = this.db): Promise<Canvas | undefined> {
    if (!UUID.test(id)) return undefined;
    const { rows } = await q.query<CanvasRow>(`${SELECT_CANVAS} WHERE c.id = $1`, [id]);
    return rows[0] && toCanvas(rows[0]);
  }

  /** The canvas if the viewer may see it, with how. */
  async open(id: string, viewerKey: string): Promise<{ canvas: Canvas; access: Access } | undefined> {
    const canvas = await this.load(id);
    if (!canvas) return undefined;
    if (canvas.ownerKey === viewerKey) return { canvas, access: 'owner' };
    const { rows } = await this.db.query(
      'SELECT 1 FROM canvas_shares WHERE canvas_id = $1 AND user_key = $2',
      [id, viewerKey],
    );
    return rows.length ? { canvas, access: 'shared' } : undefined;
  }

  /** The owner's most recently touched canvas that is not finished or archived. */
  async latestInProgress(ownerKey: string): Promise<Canvas | undefined> {
    const { rows } = await this.db.query<CanvasRow>(
      `${SELECT_CANVAS} WHERE c.owner_key = $1 AND c.status = 'in_progress' AND c.archived_at IS NULL
       ORDER BY c.updated_at DESC, c.created_at DESC LIMIT 1`,
      [ownerKey],
    );
    return rows[0] && toCanvas(rows[0]);
  }

  /** Owned (archived last) and shared canvases, newest first. */
  async listFor(userKey: string): Promise<CanvasListing[]> {
    const { rows } = await this.db.query<{
      id: string;
      title: string;
      status: Canvas['status'];
      current_step: number;
      archived: boolean;
      access: Access;
      owner_key: string;
      owner_name: string | null;
      updated_at: Date;
    }>(
      `SELECT c.id, c.title, c.status, c.current_step, c.archived_at IS NOT NULL AS archived,
              CASE WHEN c.owner_key = $1 THEN 'owner' ELSE 'shared' END AS access, c.owner_key,
              ${displayNameSql('c.owner_key')} AS owner_name, c.updated_at
         FROM canvases c
        WHERE c.owner_key = $1
           OR EXISTS (SELECT 1 FROM canvas_shares s WHERE s.canvas_id = c.id AND s.user_key = $1)
        ORDER BY (c.owner_key = $1) DESC, (c.archived_at IS NOT NULL), c.updated_at DESC
        LIMIT 50`,
      [userKey],
    );
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      status: r.status,
      step: r.current_step,
      archived: r.archived,
      access: r.access,
      ownerKey: r.owner_key,
      ownerName: r.owner_name ?? undefined,
      updatedAt: r.updated_at,
    }));
  }

  /**
   * Saves answers and position in one statement (atomic, one round trip) and returns the canvas as it is
   * now, built from the loaded one. fields: value null deletes the field (a cleared answer).
   */
  async update(c: Canvas, patch: CanvasPatch, fields: Record<string, string | null> = {}): Promise<Canvas> {
    const entries = Object.entries(fields);
    const removed = entries.filter(([, v]) => v === null).map(([k]) => k);
    const written = entries.filter((e): e is [string, string] => e[1] !== null);
    const params: unknown[] = [c.id, removed, written.map(([k]) => k), written.map(([, v]) => v)];
    const sets: string[] = ['rev = rev + 1', 'updated_at = now()'];
    const set = (column: string, value: unknown) => {
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    };
    if (patch.title !== undefined) set('title', patch.title);
    if (patch.status !== undefined) set('status', patch.status);
    if (patch.step !== undefined) set('current_step', patch.step);
    if (patch.phase !== undefined) set('phase', patch.phase);
    if (patch.furthest !== undefined) set('furthest_step', patch.furthest);
    if (patch.draft !== undefined) set('draft', patch.draft);
    if (patch.remindersOn !== undefined) set('reminders_on', patch.remindersOn);
    if (patch.archived !== undefined) sets.push(`archived_at = ${patch.archived ? 'now()' : 'NULL'}`);
    params.push(c.rev);
    const revParam = `$${params.length}`;
    // Only applies on top of the version the caller loaded: the row lock makes a concurrent writer (another
    // instance) wait, then re-check the rev, so one of two racing changes fails instead of both mixing.
    const { rows } = await this.db.query<{ rev: number; updated_at: Date }>(
      `WITH target AS (
         SELECT id FROM canvases WHERE id = $1 AND rev = ${revParam} FOR UPDATE
       ), removed AS (
         DELETE FROM canvas_fields WHERE canvas_id IN (SELECT id FROM target) AND field = ANY($2::text[])
       ), written AS (
         INSERT INTO canvas_fields (canvas_id, field, value)
         SELECT target.id, f, v FROM target, unnest($3::text[], $4::text[]) AS t(f, v)
         ON CONFLICT (canvas_id, field) DO UPDATE SET value = EXCLUDED.value, updated_at = now()
       )
       UPDATE canvases SET ${sets.join(', ')} WHERE id IN (SELECT id FROM target) RETURNING rev, updated_at`,
      params,
    );
    const row = rows[0];
    if (!row) throw new CanvasConflict(c.id);
    const merged = { ...c.fields };
    for (const k of removed) delete merged[k];
    for (const [k, v] of written) merged[k] = v;
    return {
      ...c,
      title: patch.title ?? c.title,
      status: patch.status ?? c.status,
      step: patch.step ?? c.step,
      phase: patch.phase !== undefined ? patch.phase : c.phase,
      furthest: patch.furthest ?? c.furthest,
      draft: patch.draft !== undefined ? patch.draft : c.draft,
      remindersOn: patch.remindersOn ?? c.remindersOn,
      archived: patch.archived ?? c.archived,
      rev: row.rev,
      updatedAt: row.updated_at,
      fields: merged,
    };
  }

  /** Bumps rev after a milestone change and returns the reloaded canvas. */
  private async touch(id: string): Promise<Canvas> {
    await this.db.query('UPDATE canvases SET rev = rev + 1, updated_at = now() WHERE id = $1', [id]);
    return (await this.load(id))!;
  }

  /**
   * Adds a milestone unless the canvas already has the same one (what, date, who; case and spacing
   * ignored): a double click or an old form sends it again. The canvas row lock makes the check and the
   * insert one step, also across instances. undefined: the canvas is gone.
   */
  async addMilestone(
    canvasId: string,
    m: Omit<Milestone, 'id'>,
  ): Promise<{ canvas: Canvas; added: boolean } | undefined> {
    const added = await this.db.tx(async (q) => {
      const locked = await q.query('SELECT 1 FROM canvases WHERE id = $1 FOR UPDATE', [canvasId]);
      if (!locked.rows.length) return undefined;
      const same = await q.query(
        `SELECT 1 FROM canvas_milestones
          WHERE canvas_id = $1 AND due_date = $3::date AND ${SAME('what', '$2')} AND ${SAME('who', '$4')}
          LIMIT 1`,
        [canvasId, m.what, m.due, m.who],
      );
      if (same.rows.length) return false;
      await q.query(
        'INSERT INTO canvas_milestones (canvas_id, what, due_date, who) VALUES ($1, $2, $3, $4)',
        [canvasId, m.what, m.due, m.who],
      );
      await q.query('UPDATE canvases SET rev = rev + 1, updated_at = now() WHERE id = $1', [canvasId]);
      return true;
    });
    if (added === undefined) return undefined;
    const canvas = await this.load(canvasId);
    return canvas && { canvas, added };
  }

  async changeMilestone(canvasId: string, m: Milestone): Promise<Canvas | undefined> {
    const r = await this.db.query(
      'UPDATE canvas_milestones SET what = $3, due_date = $4, who = $5 WHERE canvas_id = $1 AND id = $2',
      [canvasId, m.id, m.what, m.due, m.who],
    );
    return r.rowCount ? this.touch(canvasId) : undefined;
  }

  async removeMilestone(canvasId: string, milestoneId: string): Promise<Canvas | undefined> {
    if (!/^\d{1,18}$/.test(milestoneId)) return undefined;
    const r = await this.db.query('DELETE FROM canvas_milestones WHERE canvas_id = $1 AND id = $2', [
      canvasId,
      milestoneId,
    ]);
    return r.rowCount ? this.touch(canvasId) : undefined;
  }

  async remove(id: string): Promise<void> {
    await this.db.query('DELETE FROM canvases WHERE id = $1', [id]);
  }

  async sharedWith(canvasId: string): Promise<string[]> {
    const { rows } = await this.db.query<{ user_key: string }>(
      'SELECT user_key FROM canvas_shares WHERE canvas_id = $1 ORDER BY created_at',
      [canvasId],
    );
    return rows.map((r) => r.user_key);
  }

  // --- CanvasDirectory (used by other capabilities, e.g. booking) ---

  async listOwned(userKey: string): Promise<{ id: string; title: string }[]> {
    const { rows } = await this.db.query<{ id: string; title: string }>(
      `SELECT id, title FROM canvases WHERE owner_key = $1 AND archived_at IS NULL
       ORDER BY updated_at DESC, created_at DESC`,
      [userKey],
    );
    return rows;
  }

  async markdown(canvasId: string, viewerKey: string): Promise<string | undefined> {
    const opened = await this.open(canvasId, viewerKey);
    if (!opened) return undefined;
    // Dates as the viewer (e.g. the coach of a booking) last reported their time zone.
    const zone = await timeZoneOf(this.db, viewerKey);
    return toMarkdown(opened.canvas, 'de', knownTimeZone(zone, this.defaultTimeZone));
  }

  async share(canvasId: string, ownerKey: string, withUserKey: string): Promise<boolean> {
    const canvas = await this.load(canvasId);
    if (!canvas || canvas.ownerKey !== ownerKey || withUserKey === ownerKey) return false;
    await this.db.query(
      'INSERT INTO canvas_shares (canvas_id, user_key) VALUES ($1, $2) ON CONFLICT DO NOTHING',
      [canvasId, withUserKey],
    );
    return true;
  }
}
