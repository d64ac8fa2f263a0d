import { translator } from '../../core/messages.ts';
import de from './de.ts';
import en from './en.ts';

/** The knowledge capability's texts, e.g. `knowledgeText(ctx, 'learn.accept')`. */
export const knowledgeText = translator<keyof typeof de>({ de, en });

export type KnowledgeKey = keyof typeof de;
