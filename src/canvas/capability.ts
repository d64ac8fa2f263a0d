import type { Capability, KnowledgeSearch } from '../core/context.ts';
import { canvasActions } from './actions.ts';
import { type FlowDeps, guarded, NAME, slot } from './flows/common.ts';
import { resume, start } from './flows/start.ts';
import { inFlow, onCommand } from './flows/typed.ts';
import { COMMAND, canvasCue, RESUME_CUE } from './intents.ts';
import { shareFlow } from './share.ts';
import type { CanvasStore } from './store.ts';

/** What the canvas uses from other capabilities when they are installed. */
export interface CanvasNeeds {
  /** Passages for the step help and for questions asked inside a step; without it the help quotes none. */
  knowledge?: KnowledgeSearch;
}

/**
 * The Digital Learning Canvas conversation: start, answer step by step, pause, resume, edit, finish, share.
 * The flows live in flows/ (start, steps, help, roadmap, export, manage), typed text in intents.ts and
 * flows/typed.ts, buttons in actions.ts, texts in messages/.
 */
export function canvasCapability(store: CanvasStore, needs: CanvasNeeds): Capability {
  const d: FlowDeps = { store, sharing: shareFlow(store, slot), knowledge: needs.knowledge };
  return {
    name: NAME,
    command: COMMAND,
    cue: canvasCue,
    onText: (ctx, text, reason) =>
      guarded(d, ctx, async () => {
        const pending = d.sharing.take(ctx);
        if (pending && reason === 'active') {
          const shared = await d.sharing.onText(ctx, pending, text);
          if (shared) return shared;
          // Not a name: the flow that was active before the share question gets the text.
          if (pending.before !== NAME) return null;
        }
        if (reason === 'command') return onCommand(d, ctx, text);
        if (reason === 'active') return inFlow(d, ctx, text);
        if (reason === 'cue') return RESUME_CUE.test(text) ? resume(d, ctx) : start(d, ctx, false);
        return null;
      }),
    actions: canvasActions(d),
  };
}
