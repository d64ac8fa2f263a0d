import { translator } from '../messages.ts';
import de from './de.ts';
import en from './en.ts';

/** The core's own texts, e.g. `coreText(ctx, 'action.expired')`. */
export const coreText = translator<keyof typeof de>({ de, en });

export type CoreKey = keyof typeof de;
