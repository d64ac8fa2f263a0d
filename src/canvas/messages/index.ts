import { translator } from '../../core/messages.ts';
import de from './de.ts';
import en from './en.ts';

/** The canvas's texts, e.g. `canvasText(ctx, 'common.saved')`. */
export const canvasText = translator<keyof typeof de>({ de, en });

export type CanvasKey = keyof typeof de;
