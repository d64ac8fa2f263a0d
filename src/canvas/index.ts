import type { CanvasDirectory, Installed, Services } from '../core/context.ts';
import { type CanvasNeeds, canvasCapability } from './capability.ts';
import { canvasPersonalData, canvasRetention } from './personal-data.ts';
import { sendDueReminders } from './reminders.ts';
import { CanvasStore } from './store.ts';

export type { CanvasNeeds } from './capability.ts';

const REMINDER_INTERVAL_MS = 60_000;

export interface CanvasInstall extends Installed {
  /** Provided to others: booking attaches canvases, Slack's App Home lists them. */
  canvases: CanvasDirectory;
}

/**
 * Wires the canvas into the app: its store, the milestone reminder job on the core scheduler; returns the
 * capability, the canvas directory for others and what it stores about people.
 */
export function installCanvas(base: Services, needs: CanvasNeeds): CanvasInstall {
  const store = new CanvasStore(base.db, base.config.DEFAULT_TIMEZONE);
  base.scheduler.every('canvas:reminders', REMINDER_INTERVAL_MS, () => sendDueReminders(base));
  return {
    capability: canvasCapability(store, needs),
    canvases: store,
    personalData: [canvasPersonalData],
    retention: [canvasRetention],
  };
}
