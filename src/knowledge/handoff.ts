import type { Services } from '../core/context.ts';
import { displayNameSql } from '../core/identity.ts';
import type { Reply } from '../core/reply.ts';

export interface Handoff {
  id: number;
  questionId: number | null;
  askerKey: string;
  question: string;
  context: string | null;
  coachKey: string | null;
  answer: string | null;
  keptSource: string | null;
  createdAt: Date;
}

/** An unanswered hand-off as the coaches' list shows it. */
export interface OpenHandoff extends Handoff {
  askerName: string | null;
}

interface HandoffRow {
  id: string;
  question_id: string | null;
  asker_key: string;
  question: string;
  context: string | null;
  coach_key: string | null;
  answer: string | null;
  kept_source: string | null;
  created_at: Date | string;
}

const toHandoff = (r: HandoffRow): Handoff => ({
  id: Number(r.id),
  questionId: r.question_id === null ? null : Number(r.question_id),
  askerKey: r.asker_key,
  question: r.question,
  context: r.context,
  coachKey: r.coach_key,
  answer: r.answer,
  keptSource: r.kept_source,
  createdAt: new Date(r.created_at),
});

/** Questions handed to the coaches (CoDiLe) and their answers. */
export class Handoffs {
  constructor(private readonly services: Services) {}

  async isCoach(userKey: string): Promise<boolean> {
    return this.services.roles.isCoach(userKey);
  }

  /**
   * Hands a question over once: `created` is false when it was handed over already (a double click, or a
   * click on another instance); the unique index on question_id decides, so this holds across instances.
   */
  async create(h: {
    questionId?: number;
    askerKey: string;
    question: string;
    context?: string;
  }): Promise<{ handoff: Handoff; created: boolean }> {
    const { db } = this.services;
    // Twice: the existing hand-off may be deleted (retention, "meine Daten löschen") between the two queries.
    for (let attempt = 0; ; attempt++) {
      const { rows } = await db.query<HandoffRow>(
        `INSERT INTO knowledge_handoffs (question_id, asker_key, question, context) VALUES ($1, $2, $3, $4)
         ON CONFLICT (question_id) DO NOTHING RETURNING *`,
        [h.questionId ?? null, h.askerKey, h.question, h.context ?? null],
      );
      if (rows[0]) return { handoff: toHandoff(rows[0]), created: true };
      const existing = await db.query<HandoffRow>('SELECT * FROM knowledge_handoffs WHERE question_id = $1', [
        h.questionId,
      ]);
      if (existing.rows[0]) return { handoff: toHandoff(existing.rows[0]), created: false };
      if (attempt >= 1) throw new Error('hand-off neither inserted nor found');
    }
  }

  async get(id: number): Promise<Handoff | undefined> {
    const { rows } = await this.services.db.query<HandoffRow>(
      'SELECT * FROM knowledge_handoffs WHERE id = $1',
      [id],
    );
    return rows[0] && toHandoff(rows[0]);
  }

  /** Unanswered hand-offs, oldest first, with the asker's display name; `total` counts all of them. */
  async open(limit: number): Promise<{ items: OpenHandoff[]; total: number }> {
    const { rows } = await this.services.db.query<HandoffRow & { asker_name: string | null; total: string }>(
      `SELECT h.*, ${displayNameSql('h.asker_key')} AS asker_name, count(*) OVER () AS total
       FROM knowledge_handoffs h
       WHERE h.answer IS NULL ORDER BY h.created_at, h.id LIMIT $1`,
      [limit],
    );
    return {
      items: rows.map((r) => ({ ...toHandoff(r), askerName: r.asker_name })),
      total: rows[0] ? Number(rows[0].total) : 0,
    };
  }

  /** Sends the question to every configured coach the bot knows; returns how many were reached. */
  async notifyCoaches(coachMessage: (coachKey: string) => Reply[]): Promise<number> {
    let reached = 0;
    for (const key of this.services.config.coaches) {
      if (await this.services.outbox.sendToUser(key, coachMessage(key))) reached++;
    }
    return reached;
  }

  /** Stores the first answer; undefined when another coach answered already. */
  async answer(id: number, coachKey: string, answer: string): Promise<Handoff | undefined> {
    const { rows } = await this.services.db.query<HandoffRow>(
      `UPDATE knowledge_handoffs SET answer = $3, coach_key = $2, answered_at = now()
       WHERE id = $1 AND answer IS NULL RETURNING *`,
      [id, coachKey, answer],
    );
    return rows[0] && toHandoff(rows[0]);
  }

  async markKept(id: number, source: string): Promise<void> {
    await this.services.db.query('UPDATE knowledge_handoffs SET kept_source = $2 WHERE id = $1', [
      id,
      source,
    ]);
  }
}
