import type { TurnContext } from '../../core/context.ts';
import type { Reply } from '../../core/reply.ts';
import { smallTalk, yesNo } from '../../core/small-talk.ts';
import { STEP_COUNT, STEPS, stepAt, stepByAlias } from '../definition.ts';
import {
  EDIT,
  EXPORT,
  HELP_WORD,
  IN_FLOW,
  LIST,
  NEW,
  PDF,
  PICTURE,
  plain,
  QUESTION_MARK,
  RESUME,
  START,
  SUMMARY,
  UNSURE,
} from '../intents.ts';
import { canvasText } from '../messages/index.ts';
import { subPhase } from '../phase.ts';
import { questionKind } from '../questions.ts';
import type { Canvas } from '../store.ts';
import { stepPrompt, summary } from '../views.ts';
import { activate, current, type FlowDeps, leave, NAME, noCanvas, saved, summaryAction } from './common.ts';
import { exportMarkdown, exportPicture } from './export.ts';
import { answerQuestion, askWhich, help, unsure } from './help.ts';
import { finishRoadmap, looksLikeMilestone, roadmapWords } from './roadmap.ts';
import { lastOwned, list, resume, start } from './start.ts';
import { answer, back, editStep, goTo, nextStep, pause, skip } from './steps.ts';

// What typed text does: a command (from anywhere) and text inside a step.

/** The canvas the user is filling in right now, if the conversation is inside one of its steps. */
export async function inStep(d: FlowDeps, ctx: TurnContext): Promise<Canvas | undefined> {
  if (ctx.state.active !== NAME) return undefined;
  const c = await current(d, ctx);
  return c && c.step <= STEP_COUNT ? c : undefined;
}

export async function onCommand(d: FlowDeps, ctx: TurnContext, text: string): Promise<Reply[] | null> {
  if (QUESTION_MARK.test(text)) {
    const c = await inStep(d, ctx);
    return c ? unsure(d, ctx, c) : null;
  }
  if (HELP_WORD.test(text)) {
    const c = await inStep(d, ctx);
    return c ? help(d, ctx, c, canvasText(ctx, 'typed.helpWithThisStep')) : null;
  }
  if (NEW.test(text)) return start(d, ctx, true);
  if (START.test(text)) return start(d, ctx, false);
  if (RESUME.test(text)) {
    // "weiter" in the roadmap step means the milestones are complete, not "show this step again".
    const c = /^(weiter|weitermachen|continue)$/i.test(text) ? await inStep(d, ctx) : undefined;
    if (c && stepAt(c.step)?.kind === 'roadmap') return finishRoadmap(d, ctx, c);
    return resume(d, ctx);
  }
  if (LIST.test(text)) return list(d, ctx);
  const c = (await current(d, ctx)) ?? (await lastOwned(d, ctx));
  if (EXPORT.test(text) || PICTURE.test(text) || PDF.test(text) || SUMMARY.test(text)) {
    if (!c) return noCanvas(ctx);
    if (EXPORT.test(text)) return exportMarkdown(d, ctx, c.id);
    if (PICTURE.test(text)) return exportPicture(d, ctx, c.id, 'png');
    if (PDF.test(text)) return exportPicture(d, ctx, c.id, 'pdf');
    return summary(ctx, c, 'owner');
  }
  const m = EDIT.exec(text);
  const word = (m?.[1] ?? m?.[3] ?? '').toLowerCase();
  if (/^(canvas|feld|ein feld|field|a field)$/.test(word)) {
    if (!c) return noCanvas(ctx);
    return summary(ctx, c, 'owner');
  }
  const step = stepByAlias(word);
  if (!step) {
    return [
      {
        text: canvasText(ctx, 'typed.isNotACanvas', {
          word,
          fields: STEPS.map((s) => ctx.t(s.short)).join(', '),
        }),
        actions: c ? [summaryAction(ctx, c)] : [],
      },
    ];
  }
  if (!c) return noCanvas(ctx);
  return editStep(d, ctx, c, STEPS.indexOf(step) + 1);
}

export async function inFlow(d: FlowDeps, ctx: TurnContext, text: string): Promise<Reply[] | null> {
  const c = await current(d, ctx);
  if (!c || c.step > STEP_COUNT) {
    leave(ctx);
    return null;
  }
  if (IN_FLOW.back.test(text)) return back(d, ctx, c);
  if (IN_FLOW.skip.test(text)) return skip(d, ctx, c);
  if (IN_FLOW.pause.test(text)) return pause(ctx, c);
  const said = plain(text);
  if (UNSURE.test(said)) return unsure(d, ctx, c);
  if (stepAt(c.step)?.kind === 'roadmap') {
    const done = await roadmapWords(d, ctx, c, said);
    if (done) return done;
  }
  if (/^\/\S*/.test(text)) {
    return stepPrompt(ctx, c, canvasText(ctx, 'typed.iDoNotKnow', { command: text.split(/\s/)[0] }));
  }
  // After the SMART hints, "ja", "ok" or "passt so" keep the goal as the button does.
  const keepWords =
    said.split(/\s+/).length <= 4 && /\b(passt|so lassen|übernehmen|beibehalten)\b/.test(said);
  if (subPhase(c.phase) === 'smart' && (yesNo(text) === 'yes' || keepWords)) {
    return goTo(d, ctx, c, nextStep(c), { draft: null }, saved(ctx));
  }
  // "danke", "ok", "hallo" are said to the bot, not written into the canvas; "tschüss" pauses.
  const talk = smallTalk(text);
  if (talk?.has('farewell')) return pause(ctx, c);
  if (talk) {
    return stepPrompt(
      ctx,
      c,
      talk.has('thanks')
        ? canvasText(ctx, 'typed.youAreWelcomeLet')
        : talk.has('greeting')
          ? canvasText(ctx, 'typed.helloWeAreIn')
          : canvasText(ctx, 'typed.goodHereWeGo'),
    );
  }
  // A question to the bot is not the answer: answered from the knowledge base, or, when it may be the
  // field's content after all, the user decides. Either way the text waits in the draft.
  const kind = questionKind(text, stepAt(c.step)!, (t) => looksLikeMilestone(ctx, t));
  if (kind) {
    const kept = await d.store.update(c, { draft: text });
    activate(ctx, kept);
    return kind === 'knowledge' ? answerQuestion(d, ctx, kept, text) : askWhich(ctx, kept, text);
  }
  return answer(d, ctx, c, text);
}
