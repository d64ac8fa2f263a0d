import { translator } from '../../core/messages.ts';
import de from './de.ts';
import en from './en.ts';

/** The texts of "meine Daten", e.g. `privacyText(ctx, 'erase.done')`. */
export const privacyText = translator<keyof typeof de>({ de, en });

export type PrivacyKey = keyof typeof de;
