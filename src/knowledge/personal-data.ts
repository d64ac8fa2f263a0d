import type { StoredData } from '../core/context.ts';
import { bilingual } from '../core/messages.ts';
import { tableSource } from '../core/personal-data.ts';
import { knowledgeText } from './messages/index.ts';

const text = (key: Parameters<typeof knowledgeText>[1]) => bilingual(knowledgeText, key);

/** Asked questions and hand-offs are personal data ("meine Daten") and are kept only RETENTION_DAYS. */
export function knowledgeData(): StoredData {
  const personalData = [
    tableSource(
      { label: text('data.questions.label'), about: text('data.questions.about') },
      'knowledge_questions',
      'user_key',
      'question, context, abstained, answer, feedback, created_at',
    ),
    tableSource(
      { label: text('data.handoffs.label'), about: text('data.handoffs.about') },
      'knowledge_handoffs',
      'asker_key',
      'question, context, answer, answered_at, created_at',
    ),
  ];
  const retention = [
    {
      table: 'knowledge_questions',
      column: 'created_at',
      label: text('data.questions.label'),
      after: text('data.questions.after'),
    },
    {
      table: 'knowledge_handoffs',
      column: 'created_at',
      label: text('data.handoffs.label'),
      after: text('data.handoffs.after'),
    },
  ];
  return { personalData, retention };
}
