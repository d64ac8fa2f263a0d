import type { Services } from '../core/context.ts';
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
});

/** Questions handed to the coaches (CoDiLe) and their answers. */
export class Handoffs {
  constructor(private readonly services: Services) {}

  /** Coaches are configured by user key (COACHES); the booking capability's roles decide when present. */
  async isCoach(userKey: string): Promise<boolean> {
    if (this.services.roles) return this.services.roles.isCoach(userKey);
    return this.services.config.coaches.includes(userKey);
  }

  async create(h: {
    questionId?: number;
    askerKey: string;
    question: string;
    context?: string;
  }): Promise<Handoff> {
    const { rows } = await this.services.db.query<HandoffRow>(
      `INSERT INTO knowledge_handoffs (question_id, asker_key, question, context) VALUES ($1, $2, $3, $4)
       RETURNING *`,
      [h.questionId ?? null, h.askerKey, h.question, h.context ?? null],
    );
    return toHandoff(rows[0]!);
  }

  async get(id: number): Promise<Handoff | undefined> {
    const { rows } = await this.services.db.query<HandoffRow>(
      'SELECT * FROM knowledge_handoffs WHERE id = $1',
      [id],
    );
    return rows[0] && toHandoff(rows[0]);
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
