import type { Db } from '../db/index.ts';

interface Row {
  question: string;
  asked: number;
  abstained: number;
  up: number;
  down: number;
  last: Date;
}

/** A plain-text report of the questions of the last days: most asked, unanswered, 👎. */
export async function questionReport(db: Db, days: number): Promise<string> {
  const { rows } = await db.query<Row>(
    `SELECT question, count(*)::int AS asked,
            count(*) FILTER (WHERE abstained)::int AS abstained,
            count(*) FILTER (WHERE feedback = 1)::int AS up,
            count(*) FILTER (WHERE feedback = -1)::int AS down,
            max(created_at) AS last
     FROM knowledge_questions WHERE created_at > now() - make_interval(days => $1)
     GROUP BY question ORDER BY count(*) DESC, max(created_at) DESC`,
    [days],
  );
  const total = rows.reduce((s, r) => s + r.asked, 0);
  const abstained = rows.filter((r) => r.abstained > 0);
  const disliked = rows.filter((r) => r.down > 0);
  const handoffs = await db.query<{ open: number; answered: number; kept: number }>(
    `SELECT count(*) FILTER (WHERE answer IS NULL)::int AS open,
            count(*) FILTER (WHERE answer IS NOT NULL)::int AS answered,
            count(*) FILTER (WHERE kept_source IS NOT NULL)::int AS kept
     FROM knowledge_handoffs WHERE created_at > now() - make_interval(days => $1)`,
    [days],
  );
  const h = handoffs.rows[0] ?? { open: 0, answered: 0, kept: 0 };
  const date = (d: Date) => new Date(d).toISOString().slice(0, 10);
  const list = (items: Row[], extra: (r: Row) => string) =>
    items.length
      ? items.map((r) => `  ${String(r.asked).padStart(3)}×  ${r.question}${extra(r)}`).join('\n')
      : '  –';
  return [
    `Fragen der letzten ${days} Tage: ${total} (${rows.length} verschiedene)`,
    `Ohne Antwort aus der Wissensbasis: ${abstained.reduce((s, r) => s + r.abstained, 0)}`,
    `Bewertungen: 👍 ${rows.reduce((s, r) => s + r.up, 0)}, 👎 ${rows.reduce((s, r) => s + r.down, 0)}`,
    `An Coaches weitergegeben: ${h.open + h.answered} (beantwortet ${h.answered}, offen ${h.open}, als Wissen gespeichert ${h.kept})`,
    '',
    'Am häufigsten gefragt:',
    list(rows.slice(0, 15), (r) => `  (zuletzt ${date(r.last)})`),
    '',
    'Keine Antwort gefunden (Lücken in der Wissensbasis):',
    list(abstained, () => ''),
    '',
    'Mit 👎 bewertet:',
    list(disliked, (r) => `  (👎 ${r.down})`),
    '',
  ].join('\n');
}
