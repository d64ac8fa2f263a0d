import type { Capability, Services } from '../core/context.ts';
import { canvasCapability } from './capability.ts';
import { installCanvasData } from './personal-data.ts';
import { sendDueReminders } from './reminders.ts';
import { CanvasStore } from './store.ts';

const REMINDER_INTERVAL_MS = 60_000;

/**
 * Wires the canvas into the app: sets services.canvases, registers personal data and retention, and the
 * milestone reminder job on the core scheduler; returns the capability.
 */
export function installCanvas(services: Services): { capability: Capability } {
  const store = new CanvasStore(services.db, services.config.DEFAULT_TIMEZONE);
  services.canvases = store;
  installCanvasData(services);
  services.scheduler.every('canvas:reminders', REMINDER_INTERVAL_MS, () => sendDueReminders(services));
  return { capability: canvasCapability(store) };
}
