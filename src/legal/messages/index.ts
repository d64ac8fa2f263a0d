import { translator } from '../../core/messages.ts';
import de from './de.ts';
import en from './en.ts';

/** The texts of the privacy notice and the terms of use, e.g. `legalText(locale, 'privacy.title')`. */
export const legalText = translator<keyof typeof de>({ de, en });

export type LegalKey = keyof typeof de;
