import type { StoredData } from '../core/context.ts';
import { tableSource } from '../core/personal-data.ts';

/** Asked questions and hand-offs are personal data ("meine Daten") and are kept only RETENTION_DAYS. */
export function knowledgeData(): StoredData {
  const personalData = [
    tableSource(
      {
        label: { de: 'Gestellte Fragen und Bewertungen', en: 'Questions asked and ratings' },
        about: {
          de: 'Ihre Fragen mit der Antwort des Bots, den Quellen und Ihrer Bewertung (👍/👎).',
          en: 'Your questions with the bot’s answer, the sources and your rating (👍/👎).',
        },
      },
      'knowledge_questions',
      'user_key',
      'question, context, abstained, answer, feedback, created_at',
    ),
    tableSource(
      {
        label: { de: 'An Coaches weitergegebene Fragen', en: 'Questions passed to coaches' },
        about: {
          de: 'Fragen, die Sie an die Coaches weitergeben ließen, mit deren Antwort.',
          en: 'Questions you had passed to the coaches, with their answer.',
        },
      },
      'knowledge_handoffs',
      'asker_key',
      'question, context, answer, answered_at, created_at',
    ),
  ];
  const retention = [
    {
      table: 'knowledge_questions',
      column: 'created_at',
      label: { de: 'Gestellte Fragen und Bewertungen', en: 'Questions asked and ratings' },
      after: { de: 'der Frage', en: 'the question' },
    },
    {
      table: 'knowledge_handoffs',
      column: 'created_at',
      label: { de: 'An Coaches weitergegebene Fragen', en: 'Questions passed to coaches' },
      after: { de: 'der Weitergabe', en: 'it was passed on' },
    },
  ];
  return { personalData, retention };
}
