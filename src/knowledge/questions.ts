import type { Passage } from '../core/context.ts';
import type { Db } from '../db/index.ts';

export interface StoredQuestion {
  id: number;
  userKey: string;
  question: string;
  context: string | null;
  abstained: boolean;
  answer: string | null;
  passages: Passage[];
}

/** Asked questions and their feedback: what LoDiLe want to know and where the knowledge base has gaps. */
export class QuestionLog {
  constructor(private readonly db: Db) {}

  async record(q: {
    userKey: string;
    question: string;
    context?: string;
    abstained: boolean;
    /** 'curated': the answer of an entry of the question layer. */
    mode: 'extractive' | 'llm' | 'curated';
    answer?: string;
    passages: Passage[];
  }): Promise<number> {
    const top = q.passages[0];
    const { rows } = await this.db.query<{ id: string }>(
      `INSERT INTO knowledge_questions (user_key, question, context, abstained, mode, top_title, top_score, answer, sources)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [
        q.userKey,
        q.question,
        q.context ?? null,
        q.abstained,
        q.mode,
        top?.title ?? null,
        top?.score ?? null,
        q.answer ?? null,
        JSON.stringify(q.passages.slice(0, 3)),
      ],
    );
    return Number(rows[0]!.id);
  }

  /** The question, if it belongs to this user. */
  async get(id: number, userKey: string): Promise<StoredQuestion | undefined> {
    const { rows } = await this.db.query<{
      id: string;
      user_key: string;
      question: string;
      context: string | null;
      abstained: boolean;
      answer: string | null;
      sources: Passage[];
    }>(
      `SELECT id, user_key, question, context, abstained, answer, sources FROM knowledge_questions
       WHERE id = $1 AND user_key = $2`,
      [id, userKey],
    );
    const r = rows[0];
    return (
      r && {
        id: Number(r.id),
        userKey: r.user_key,
        question: r.question,
        context: r.context,
        abstained: r.abstained,
        answer: r.answer,
        passages: r.sources ?? [],
      }
    );
  }

  /**
   * The asker picked a suggested entry ("Meinten Sie …?") for a question the bot declined; false when the
   * question is not this user's or was answered. A second click keeps the latest pick.
   */
  async choose(id: number, userKey: string, entryKey: string): Promise<boolean> {
    const r = await this.db.query(
      `UPDATE knowledge_questions SET chosen_entry = $3 WHERE id = $1 AND user_key = $2 AND abstained`,
      [id, userKey, entryKey],
    );
    return r.rowCount === 1;
  }

  /** 1 = 👍, -1 = 👎; false when the question is not this user's. */
  async feedback(id: number, userKey: string, value: 1 | -1): Promise<boolean> {
    const r = await this.db.query(
      `UPDATE knowledge_questions SET feedback = $3, feedback_at = now() WHERE id = $1 AND user_key = $2`,
      [id, userKey, value],
    );
    return r.rowCount === 1;
  }
}
