import { DateTime } from 'luxon';
import { expectConfirmation } from '../core/confirm.ts';
import type { Capability, Passage, TurnContext } from '../core/context.ts';
import type { IncomingAction, Reply, ReplyAction } from '../core/reply.ts';
import { smallTalk, yesNo } from '../core/small-talk.ts';
import { formatDate, knownZone, parseGermanDate } from './dates.ts';
import {
  LEARNING_QUESTIONS,
  MAX_FIELD_LENGTH,
  SAMR_FIELD,
  SAMR_LEVELS,
  STEP_COUNT,
  STEPS,
  stepAt,
  stepByAlias,
} from './definition.ts';
import { toMarkdown } from './markdown.ts';
import { isDateOnly, readMilestone } from './milestone-text.ts';
import { isEdit, subPhase, withSub } from './phase.ts';
import { questionKind } from './questions.ts';
import { cancelReminders, planReminders, REMINDER_DAYS_BEFORE } from './reminders.ts';
import { renderCanvasPdf, renderCanvasPng } from './render.ts';
import { type PendingShare, shareFlow } from './share.ts';
import { checkSmart } from './smart.ts';
import { type Canvas, CanvasConflict, type CanvasPatch, type CanvasStore, type Milestone } from './store.ts';
import {
  learnIndex,
  listReply,
  milestoneCard,
  milestoneForm,
  milestonePick,
  navActions,
  SUMMARY_STEP,
  samrChoice,
  stepActions,
  stepPrompt,
  summary,
  token,
  tooLong,
} from './views.ts';

const NAME = 'canvas';

const START =
  /^\/?(canvas|dlc)( starten| beginnen)?$|^(canvas starten|digital learning canvas|start canvas)$/i;
const NEW = /^(neue (canvas|dlc)|new canvas|canvas neu)$/i;
const RESUME = /^(weiter|fortsetzen|weitermachen|canvas (fortsetzen|weiter)|continue|resume)$/i;
const LIST =
  /^(meine canvas(es)?|canvas(es)? (liste|anzeigen|übersicht)|alle canvas(es)?|my canvases|list canvases)$/i;
const FIELD_WORDS = [...STEPS.flatMap((s) => s.aliases), 'canvas', 'feld', 'ein feld', 'field', 'a field']
  .map((w) => w.replace(/[*.()-]/g, (ch) => `\\${ch}`))
  .join('|');
// Only field names, so "termin ändern" stays with the booking capability.
const EDIT = new RegExp(
  `^(${FIELD_WORDS}) (ändern|aendern|bearbeiten)$|^(?:change|edit) (?:the )?(${FIELD_WORDS})$`,
  'i',
);
const EXPORT = /^canvas (export(ieren)?|als markdown|markdown)$/i;
const PICTURE = /^canvas (bild|png|grafik|als bild)$/i;
const PDF = /^canvas (pdf|als pdf)$/i;
const SUMMARY = /^canvas (zusammenfassung|übersicht anzeigen)$/i;
/** A lone "?" inside a canvas step asks for help with that step (outside, the help menu answers it). */
const QUESTION_MARK = /^\?+$/;
/** "hilfe" inside a step asks for help with that step; outside, the general help answers. */
const HELP_WORD = /^(hilfe|help)[.!?]?$/i;

const COMMAND = new RegExp(
  [START, NEW, RESUME, LIST, EDIT, EXPORT, PICTURE, PDF, SUMMARY, QUESTION_MARK, HELP_WORD]
    .map((r) => `(?:${r.source})`)
    .join('|'),
  'i',
);

const IN_FLOW = {
  back: /^(zurück|zurueck|back)$/i,
  skip: /^(überspringen|ueberspringen|skip|später|spaeter)$/i,
  pause: /^(pause|pausieren|stopp?|abbrechen|unterbrechen|cancel)$/i,
};

/** "Keine Ahnung", "weiß nicht", "k.A.", "?": no answer but a wish for help – nothing is saved. */
const UNSURE =
  /^(?:keine ahnung|k\. ?a\.?|(?:ich )?wei(?:ß|ss) (?:ich |es |das )?nicht|wei(?:ß|ss) nich|keinen? plan|keine idee|unklar|(?:ich bin )?(?:mir )?(?:nicht sicher|unsicher)|hm+|äh+m*|\?+|no idea|(?:i )?don'?t know|not sure|dunno|idk)$/i;
/** Said in the roadmap step: the milestones are complete ("fertig", "das war's", "nächster Schritt"). */
const ROADMAP_DONE =
  /^(?:(?:die |meine |unsere )?roadmap (?:ist )?(?:fertig|komplett|vollständig|erledigt|abgeschlossen)|(?:ich bin |bin )?fertig|erledigt|das war'?s|das war es|das wär'?s|das ist alles|mehr nicht|keine (?:weiteren?|mehr)(?: meilensteine)?|(?:weiter )?zum nächsten schritt|(?:der )?nächste[rn]? schritt|naechste[rn]? schritt|weiter|weitermachen|done|finished|that'?s all|next step|roadmap done)$/i;
const YES =
  /^(?:ja|jep|jo|genau|richtig|stimmt|passt(?: so)?|übernehmen|ja,? (?:übernehmen|bitte|gerne?)|ok(?:ay)?|yes|correct)$/i;
const NO = /^(?:nein|nee|ne|nö|falsch|stimmt nicht|ändern|no)$/i;
/** Lower case, one kind of apostrophe, no closing punctuation: "Das war’s!" → "das war's", "Keine Ahnung?" → "keine ahnung". */
const plain = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .replace(/[’‘´`]/g, "'")
    .replace(/\s+/g, ' ')
    .replace(/(?<=[^\s?])[.!?…]+$/, '');

/**
 * What the roadmap step is waiting for, valid only while the canvas stays at this revision: a milestone
 * being edited or read from text (a date typed next completes or changes it; "Übernehmen" saves a
 * proposal), or the answer to "Roadmap ohne Meilensteine überspringen?".
 */
type Pending =
  | {
      kind: 'milestone';
      canvas: string;
      rev: number;
      /** The milestone being changed; none for a new one. */
      id?: string;
      what: string;
      /** ISO date; none while the date is still missing. */
      due?: string;
      who: string;
      /** Shown back with "Übernehmen" / "Ändern". */
      proposed: boolean;
    }
  | { kind: 'skip'; canvas: string; rev: number };

interface CanvasState {
  id?: string;
  share?: PendingShare;
  pending?: Pending;
}

/** The user's time zone as the channel reports it, if valid; else DEFAULT_TIMEZONE (Europe/Berlin). */
const zone = (ctx: TurnContext) => knownZone(ctx.user.timeZone, ctx.services.config.DEFAULT_TIMEZONE);

/** The Digital Learning Canvas conversation: start, answer step by step, pause, resume, edit, finish, share. */
export function canvasCapability(store: CanvasStore): Capability {
  const slot = (ctx: TurnContext): CanvasState => {
    if (!ctx.state.data[NAME]) ctx.state.data[NAME] = {};
    return ctx.state.data[NAME] as CanvasState;
  };
  const activate = (ctx: TurnContext, c: Canvas) => {
    slot(ctx).id = c.id;
    ctx.state.active = c.step <= STEP_COUNT ? NAME : undefined;
  };
  const leave = (ctx: TurnContext) => {
    if (ctx.state.active === NAME) ctx.state.active = undefined;
  };
  const sharing = shareFlow(store, slot);

  /** The canvas the user is working on: the one in state, else their latest unfinished one. */
  async function current(ctx: TurnContext): Promise<Canvas | undefined> {
    const id = slot(ctx).id;
    if (id) {
      const opened = await store.open(id, ctx.user.key);
      if (opened?.access === 'owner' && !opened.canvas.archived) return opened.canvas;
    }
    return store.latestInProgress(ctx.user.key);
  }

  async function owned(ctx: TurnContext, id: string | undefined): Promise<Canvas | Reply[]> {
    const opened = id ? await store.open(id, ctx.user.key) : undefined;
    if (!opened) return notFound(ctx);
    if (opened.access !== 'owner') {
      return [
        {
          text: ctx.t({
            de: 'Diese Canvas wurde nur zum Lesen mit Ihnen geteilt – ändern kann sie nur die Person, der sie gehört.',
            en: 'This canvas was shared with you read-only – only its owner can change it.',
          }),
          actions: [
            { id: 'canvas.open', value: opened.canvas.id, label: ctx.t({ de: 'Ansehen', en: 'View' }) },
          ],
        },
      ];
    }
    return opened.canvas;
  }

  // --- starting, resuming, listing ---

  async function start(ctx: TurnContext, forceNew: boolean): Promise<Reply[]> {
    const existing = forceNew ? undefined : await store.latestInProgress(ctx.user.key);
    if (existing) {
      return [
        {
          text: ctx.t({
            de: `Sie haben eine angefangene Canvas: „${existing.title}“ (Schritt ${Math.min(existing.step, STEP_COUNT)} von ${STEP_COUNT}). Möchten Sie dort weitermachen oder eine neue beginnen?`,
            en: `You have a canvas in progress: “${existing.title}” (step ${Math.min(existing.step, STEP_COUNT)} of ${STEP_COUNT}). Continue there or start a new one?`,
          }),
          actions: [
            {
              id: 'canvas.resume',
              value: existing.id,
              label: ctx.t({ de: 'Weitermachen', en: 'Continue' }),
              style: 'primary',
            },
            { id: 'canvas.new', label: ctx.t({ de: 'Neue Canvas', en: 'New canvas' }) },
            { id: 'canvas.list', label: ctx.t({ de: 'Alle meine Canvases', en: 'All my canvases' }) },
          ],
        },
      ];
    }
    const today = DateTime.now().setZone(zone(ctx));
    const title = ctx.t({
      de: `Canvas vom ${today.toFormat('dd.MM.yyyy')}`,
      en: `Canvas of ${today.toFormat('d LLL yyyy', { locale: 'en' })}`,
    });
    const c = await store.create(ctx.user.key, title);
    activate(ctx, c);
    const intro = ctx.t({
      de: 'Schön, dass Sie eine **Digital Learning Canvas** ausfüllen! Wir gehen die zehn Felder Schritt für Schritt durch. Ihre Antworten werden nach jedem Schritt gespeichert; Sie können jederzeit pausieren und mit „weiter“ fortsetzen.',
      en: 'Great that you are filling in a **Digital Learning Canvas**! We go through the ten fields step by step. Your answers are saved after every step; pause any time and continue with “continue”.',
    });
    return stepPrompt(ctx, c, intro);
  }

  async function resume(ctx: TurnContext, id?: string): Promise<Reply[]> {
    delete slot(ctx).pending;
    let c: Canvas | undefined;
    if (id) {
      const r = await owned(ctx, id);
      if (Array.isArray(r)) return r;
      c = r;
    } else {
      c = await current(ctx);
      if (c && c.status === 'done' && c.step > STEP_COUNT && !c.archived) {
        // The remembered canvas is finished; an unfinished one is more likely meant.
        c = (await store.latestInProgress(ctx.user.key)) ?? c;
      }
    }
    if (!c) {
      return [
        {
          text: ctx.t({
            de: 'Sie haben keine angefangene Canvas. Möchten Sie eine neue beginnen?',
            en: 'You have no canvas in progress. Would you like to start one?',
          }),
          actions: [
            {
              id: 'canvas.new',
              label: ctx.t({ de: 'Canvas beginnen', en: 'Start a canvas' }),
              style: 'primary',
            },
            { id: 'canvas.list', label: ctx.t({ de: 'Meine Canvases', en: 'My canvases' }) },
          ],
        },
      ];
    }
    if (c.archived) c = await store.update(c, { archived: false });
    activate(ctx, c);
    if (c.step > STEP_COUNT) return summary(ctx, c, 'owner');
    return stepPrompt(
      ctx,
      c,
      ctx.t({ de: `Weiter geht’s mit „${c.title}“.`, en: `Let’s continue with “${c.title}”.` }),
    );
  }

  async function openCanvas(ctx: TurnContext, id: string | undefined): Promise<Reply[]> {
    const opened = id ? await store.open(id, ctx.user.key) : undefined;
    if (!opened) return notFound(ctx);
    if (opened.access === 'shared') return summary(ctx, opened.canvas, 'shared');
    return resume(ctx, opened.canvas.id);
  }

  // --- moving through the steps ---

  /** Saves the position and shows the next prompt; after the last step, the summary. */
  async function goTo(
    ctx: TurnContext,
    c: Canvas,
    step: number,
    extra: CanvasPatch = {},
    prefix?: string,
    fields: Record<string, string | null> = {},
  ): Promise<Reply[]> {
    if (step > STEP_COUNT) {
      const done = await store.update(
        c,
        { step: SUMMARY_STEP, phase: null, furthest: SUMMARY_STEP, status: 'done', ...extra },
        fields,
      );
      activate(ctx, done);
      const lead =
        c.status === 'done'
          ? `${prefix ? `${prefix} ` : ''}${ctx.t({ de: 'Hier ist der aktuelle Stand Ihrer Canvas.', en: 'Here is the current state of your canvas.' })}`
          : `${prefix ? `${prefix} ` : ''}${ctx.t({ de: '**Geschafft!** Ihre Canvas ist durchlaufen. Hier ist die Zusammenfassung:', en: '**Done!** You went through the whole canvas. Here is the summary:' })}`;
      return summary(ctx, done, 'owner', lead);
    }
    const target = STEPS[step - 1]!;
    const phase = target.kind === 'learnings' ? 'learn:0' : null;
    const next = await store.update(
      c,
      { step, phase, furthest: Math.max(c.furthest, step), ...extra },
      fields,
    );
    activate(ctx, next);
    return stepPrompt(ctx, next, prefix);
  }

  /** Where an answer leads: on to the next step, or back to where the user was when they edited this one. */
  function nextStep(c: Canvas): number {
    if (!isEdit(c.phase)) return c.step + 1;
    return c.status === 'done' ? SUMMARY_STEP : Math.max(c.step + 1, c.furthest);
  }

  const saved = (ctx: TurnContext) => ctx.t({ de: '✓ Gespeichert.', en: '✓ Saved.' });

  async function answer(ctx: TurnContext, c: Canvas, raw: string): Promise<Reply[]> {
    const text = raw.trim();
    const step = stepAt(c.step);
    if (!step) return summary(ctx, c, 'owner');
    if (!/\p{L}.*\p{L}|\d/u.test(text)) {
      return stepPrompt(
        ctx,
        c,
        ctx.t({
          de: 'Die Antwort ist leer oder zu kurz. Schreiben Sie bitte ein paar Worte – oder überspringen Sie den Schritt.',
          en: 'The answer is empty or too short. Please write a few words – or skip the step.',
        }),
      );
    }
    if (step.kind === 'roadmap') return milestoneFromText(ctx, c, text);
    if (text.length > MAX_FIELD_LENGTH) {
      const kept = await store.update(c, { draft: text });
      activate(ctx, kept);
      return [tooLong(ctx, kept, text.length, text.slice(cutPoint(text)))];
    }
    if (step.kind === 'learnings') {
      const i = learnIndex(c);
      const fields = { [LEARNING_QUESTIONS[i]!.field]: text };
      if (i < LEARNING_QUESTIONS.length - 1) {
        const next = await store.update(
          c,
          { phase: withSub(c.phase, `learn:${i + 1}`), draft: null },
          fields,
        );
        activate(ctx, next);
        return stepPrompt(ctx, next, saved(ctx));
      }
      return goTo(ctx, c, nextStep(c), { draft: null }, saved(ctx), fields);
    }
    if (step.id === 'medium' && subPhase(c.phase) === 'samr') {
      const level = SAMR_LEVELS.find((l) => new RegExp(`^(${l.value}|${l.value[0]})$`, 'i').test(text));
      if (level) return goTo(ctx, c, nextStep(c), { draft: null }, saved(ctx), { [SAMR_FIELD]: level.value });
      if (/^(ohne|keine|nein|none|no|ohne einordnung)$/i.test(text))
        return goTo(ctx, c, nextStep(c), { draft: null });
      // Not a level: do not overwrite the medium answer by accident.
      return [
        samrChoice(
          ctx,
          c,
          `${ctx.t({
            de: `„${text.length > 80 ? `${text.slice(0, 80)} …` : text}“ ist keine SAMR-Stufe. Bitte wählen Sie eine aus der Liste oder „Ohne Einordnung weiter“. Ihre Antwort zum Lernmedium ändern Sie mit „Zurück“.`,
            en: `“${text.length > 80 ? `${text.slice(0, 80)} …` : text}” is not a SAMR level. Please pick one from the list or “Continue without”. To change your medium answer, use “Back”.`,
          })}\n\n`,
        ),
      ];
    }
    if (step.id === 'goal') {
      const smart = checkSmart(text);
      if (smart.hints.length) {
        const kept = await store.update(c, { phase: withSub(c.phase, 'smart'), draft: null }, { goal: text });
        activate(ctx, kept);
        return [
          {
            text: `${saved(ctx)} ${ctx.t({
              de: 'Damit Sie später prüfen können, ob das Ziel erreicht ist, ein paar Fragen dazu (SMART):',
              en: 'So you can check later whether the goal was reached, a few questions (SMART):',
            })}\n${smart.hints.map((h) => `- ${ctx.t(h)}`).join('\n')}\n\n${ctx.t({
              de: 'Schreiben Sie das Ziel gern noch einmal neu – oder übernehmen Sie es so.',
              en: 'Feel free to rewrite the goal – or keep it as it is.',
            })}`,
            actions: [
              {
                id: 'canvas.keepgoal',
                value: `${kept.id}:${kept.rev}`,
                label: ctx.t({ de: 'Ziel so übernehmen', en: 'Keep this goal' }),
                style: 'primary',
              },
              ...navActions(ctx, kept),
            ],
          },
        ];
      }
      return goTo(
        ctx,
        c,
        nextStep(c),
        { draft: null },
        `${saved(ctx)} ${ctx.t({ de: 'Ihr Ziel ist SMART formuliert – prima.', en: 'Your goal is SMART – well done.' })}`,
        { goal: text },
      );
    }
    if (step.id === 'medium') {
      const next = await store.update(c, { phase: withSub(c.phase, 'samr'), draft: null }, { medium: text });
      activate(ctx, next);
      return [samrChoice(ctx, next, `${saved(ctx)}\n\n`)];
    }
    const extra: CanvasPatch = { draft: null };
    if (step.id === 'title') extra.title = text.slice(0, 200);
    return goTo(ctx, c, nextStep(c), extra, saved(ctx), { [step.id]: text });
  }

  async function back(ctx: TurnContext, c: Canvas): Promise<Reply[]> {
    const i = learnIndex(c);
    if (stepAt(c.step)?.kind === 'learnings' && i > 0) {
      const next = await store.update(c, { phase: withSub(c.phase, `learn:${i - 1}`) });
      activate(ctx, next);
      return stepPrompt(ctx, next);
    }
    if (subPhase(c.phase) === 'samr') {
      const next = await store.update(c, { phase: withSub(c.phase, null) });
      activate(ctx, next);
      return stepPrompt(ctx, next);
    }
    if (c.step <= 1)
      return stepPrompt(
        ctx,
        c,
        ctx.t({ de: 'Sie sind schon beim ersten Schritt.', en: 'This is already the first step.' }),
      );
    const target = Math.min(c.step, SUMMARY_STEP) - 1;
    const phase = stepAt(target)?.kind === 'learnings' ? `learn:${LEARNING_QUESTIONS.length - 1}` : null;
    const next = await store.update(c, { step: target, phase });
    activate(ctx, next);
    return stepPrompt(ctx, next);
  }

  async function skip(ctx: TurnContext, c: Canvas): Promise<Reply[]> {
    const step = stepAt(c.step);
    if (step?.kind === 'learnings') {
      const i = learnIndex(c);
      if (i < LEARNING_QUESTIONS.length - 1) {
        const next = await store.update(c, { phase: withSub(c.phase, `learn:${i + 1}`), draft: null });
        activate(ctx, next);
        return stepPrompt(ctx, next);
      }
    }
    return goTo(ctx, c, nextStep(c), { draft: null });
  }

  async function pause(ctx: TurnContext, c: Canvas): Promise<Reply[]> {
    leave(ctx);
    delete slot(ctx).pending;
    slot(ctx).id = c.id;
    return [
      {
        text: ctx.t({
          de: `Pausiert. Ihre Canvas „${c.title}“ ist bei Schritt ${Math.min(c.step, STEP_COUNT)} von ${STEP_COUNT} gespeichert. Schreiben Sie „weiter“, wann immer Sie fortsetzen möchten – auch in ein paar Tagen.`,
          en: `Paused. Your canvas “${c.title}” is saved at step ${Math.min(c.step, STEP_COUNT)} of ${STEP_COUNT}. Type “continue” whenever you want to go on – even in a few days.`,
        }),
        actions: [
          {
            id: 'canvas.resume',
            value: c.id,
            label: ctx.t({ de: 'Weiter', en: 'Continue' }),
            style: 'primary',
          },
          { id: 'canvas.list', label: ctx.t({ de: 'Meine Canvases', en: 'My canvases' }) },
        ],
      },
    ];
  }

  /** Knowledge-base passages for the canvas; [] without a knowledge base or when the search fails. */
  async function searchKnowledge(ctx: TurnContext, query: string): Promise<Passage[]> {
    try {
      return (await ctx.services.knowledge?.search(query, 2)) ?? [];
    } catch (err) {
      ctx.services.log.warn({ err: (err as Error).message }, 'knowledge search for canvas help failed');
      return [];
    }
  }

  const quoted = (ctx: TurnContext, passages: Passage[]) => [
    ctx.t({ de: '**Aus der Wissensbasis:**', en: '**From the knowledge base:**' }),
    ...passages.map((p) => `> ${p.text.length > 600 ? `${p.text.slice(0, 600).trimEnd()} …` : p.text}`),
  ];
  const citations = (passages: Passage[]) =>
    passages.map((p) => ({ title: p.title, url: p.url, excerpt: p.text.slice(0, 200) }));

  /** The "Hilfe" button: what the knowledge base says about the step, its explanation and example. */
  async function help(ctx: TurnContext, c: Canvas, lead?: string): Promise<Reply[]> {
    const step = stepAt(c.step);
    if (!step) return summary(ctx, c, 'owner');
    const passages = await searchKnowledge(ctx, `${ctx.t(step.title)}: ${ctx.t(step.question)}`);
    const parts = lead ? [lead, ''] : [];
    if (passages.length) parts.push(...quoted(ctx, passages));
    parts.push(
      `**${ctx.t({ de: 'Zu diesem Schritt', en: 'About this step' })} – ${ctx.t(step.title)}:** ${ctx.t(step.explanation)}`,
      `${ctx.t({ de: 'Beispiel', en: 'Example' })}: ${ctx.t(step.example)}`,
      '',
      ctx.t({
        de: `Schreiben Sie Ihre Antwort auf Schritt ${c.step} einfach als nächste Nachricht – oder überspringen Sie ihn und ergänzen ihn später.`,
        en: `Just type your answer to step ${c.step} as your next message – or skip it and fill it in later.`,
      }),
    );
    const replies: Reply[] = [
      { text: parts.join('\n'), citations: citations(passages), actions: stepActions(ctx, c) },
    ];
    if (subPhase(c.phase) === 'samr') replies.push(samrChoice(ctx, c));
    return replies;
  }

  /** "Keine Ahnung", "weiß nicht", "?": help with the step instead of saving that as the answer. */
  function unsure(ctx: TurnContext, c: Canvas): Promise<Reply[]> {
    return help(
      ctx,
      c,
      ctx.t({
        de: 'Kein Problem – dafür bin ich da. Gespeichert habe ich nichts. Hier ist etwas Hilfe zu diesem Schritt:',
        en: 'No problem – that is what I am here for. I did not save anything. Here is some help with this step:',
      }),
    );
  }

  /** "Als Antwort übernehmen": saves the text kept in the draft as the step's answer after all. */
  const takeDraft = (ctx: TurnContext, c: Canvas): ReplyAction => ({
    id: 'canvas.usedraft',
    value: token(c),
    label:
      stepAt(c.step)?.kind === 'roadmap'
        ? ctx.t({ de: 'Als Meilenstein übernehmen', en: 'Use as milestone' })
        : ctx.t({ de: 'Als Antwort übernehmen', en: 'Use as my answer' }),
  });

  /**
   * A question to the bot inside the flow (kept in the draft, stored nowhere else): the knowledge base's
   * answer, then the step again with all its buttons, and a way to take the text as the answer after all.
   */
  async function answerQuestion(ctx: TurnContext, c: Canvas, question: string): Promise<Reply[]> {
    const passages = await searchKnowledge(ctx, question);
    const parts = passages.length
      ? quoted(ctx, passages)
      : [
          ctx.t({
            de: 'Dazu finde ich in meiner Wissensbasis leider nichts Passendes. Eine CoDiLe hilft gern weiter, z. B. in der virtuellen Sprechstunde.',
            en: 'I cannot find anything fitting in my knowledge base, sorry. A CoDiLe is glad to help, e.g. in the virtual consultation hour.',
          }),
        ];
    const again = stepPrompt(
      ctx,
      c,
      stepAt(c.step)?.kind === 'roadmap'
        ? ctx.t({
            de: 'Ihre Frage habe ich nicht als Meilenstein gespeichert. Weiter mit Ihrer Canvas:',
            en: 'I did not save your question as a milestone. On with your canvas:',
          })
        : ctx.t({
            de: 'Ihre Frage habe ich nicht als Antwort gespeichert. Weiter mit Ihrer Canvas:',
            en: 'I did not save your question as an answer. On with your canvas:',
          }),
    );
    return [
      { text: parts.join('\n'), citations: citations(passages), actions: [takeDraft(ctx, c)] },
      ...again,
    ];
  }

  /** Could be a question to the bot or the field's content: the user decides; the text waits in the draft. */
  function askWhich(ctx: TurnContext, c: Canvas, text: string): Reply[] {
    const step = stepAt(c.step)!;
    const field =
      step.kind === 'learnings'
        ? ctx.t(LEARNING_QUESTIONS[learnIndex(c)]!.short)
        : step.id === 'medium' && subPhase(c.phase) === 'samr'
          ? ctx.t({ de: 'SAMR-Stufe', en: 'SAMR level' })
          : ctx.t(step.short);
    const which =
      step.kind === 'roadmap'
        ? ctx.t({
            de: 'Ist das eine Frage an mich oder Ihr Meilenstein für die Roadmap?',
            en: 'Is this a question for me or your milestone for the roadmap?',
          })
        : ctx.t({
            de: `Ist das eine Frage an mich oder Ihre Antwort für das Feld „${field}“?`,
            en: `Is this a question for me or your answer for the field “${field}”?`,
          });
    return [
      {
        text: `${ctx.t({ de: 'Sie haben geschrieben', en: 'You wrote' })}: „${text}“\n\n${which}`,
        actions: [
          takeDraft(ctx, c),
          {
            id: 'canvas.askdraft',
            value: token(c),
            label: ctx.t({ de: 'Frage beantworten', en: 'Answer the question' }),
          },
          ...stepActions(ctx, c),
        ],
      },
    ];
  }

  // --- roadmap ---

  const dateContext = (ctx: TurnContext) => ({ timeZone: zone(ctx) });

  /** A date somewhere in the text, or "Was; bis wann; wer": could be a milestone even if it ends in "?". */
  function looksLikeMilestone(ctx: TurnContext, text: string): boolean {
    return readMilestone(text, dateContext(ctx)).when !== '';
  }

  /** What the roadmap step waits for, if it still belongs to this canvas as it is now. */
  function pendingFor(ctx: TurnContext, c: Canvas): Pending | undefined {
    const p = slot(ctx).pending;
    if (p && p.canvas === c.id && p.rev === c.rev && stepAt(c.step)?.kind === 'roadmap') return p;
    delete slot(ctx).pending;
    return undefined;
  }

  /** "fertig", "weiter", the button: on to the next step; without any milestone, ask first. */
  async function finishRoadmap(ctx: TurnContext, c: Canvas): Promise<Reply[]> {
    const asked = pendingFor(ctx, c)?.kind === 'skip';
    delete slot(ctx).pending;
    if (c.milestones.length) {
      return goTo(
        ctx,
        c,
        nextStep(c),
        { draft: null },
        ctx.t({ de: 'Ihre Roadmap ist fertig.', en: 'Your roadmap is done.' }),
      );
    }
    if (asked) return skip(ctx, c);
    slot(ctx).pending = { kind: 'skip', canvas: c.id, rev: c.rev };
    activate(ctx, c);
    return [
      {
        text: ctx.t({
          de: 'Sie haben noch keinen Meilenstein eingetragen. Möchten Sie die Roadmap überspringen? Sie können sie jederzeit mit „Roadmap ändern“ nachtragen.',
          en: 'You have not entered any milestone yet. Do you want to skip the roadmap? You can add it any time with “change roadmap”.',
        }),
        actions: [
          {
            id: 'canvas.skip',
            value: token(c),
            label: ctx.t({ de: 'Ja, Roadmap überspringen', en: 'Yes, skip the roadmap' }),
            style: 'primary',
          },
          ...stepActions(ctx, c).filter((a) => a.id !== 'canvas.skip'),
        ],
      },
      {
        text: ctx.t({ de: 'Oder tragen Sie jetzt einen Meilenstein ein:', en: 'Or enter a milestone now:' }),
        form: milestoneForm(ctx, c),
      },
    ];
  }

  /** Words that answer what the roadmap step waits for: done, yes / no to a proposal or to skipping. */
  async function roadmapWords(ctx: TurnContext, c: Canvas, said: string): Promise<Reply[] | undefined> {
    if (ROADMAP_DONE.test(said)) return finishRoadmap(ctx, c);
    const p = pendingFor(ctx, c);
    if (p?.kind === 'skip') {
      if (YES.test(said)) return skip(ctx, c);
      if (NO.test(said)) {
        delete slot(ctx).pending;
        return stepPrompt(
          ctx,
          c,
          ctx.t({
            de: 'Gut, dann tragen Sie Ihren ersten Meilenstein ein.',
            en: 'Fine, then enter your first milestone.',
          }),
        );
      }
    } else if (p?.proposed) {
      if (YES.test(said)) return acceptProposal(ctx, c, p);
      if (NO.test(said)) return [correctionForm(ctx, c, p)];
    }
    return undefined;
  }

  /**
   * A milestone typed as text. While one is in hand (picked to change, read without a date, or proposed),
   * a date alone completes or changes that one; a sentence while changing replaces what it names.
   */
  async function milestoneFromText(ctx: TurnContext, c: Canvas, text: string): Promise<Reply[]> {
    const dates = dateContext(ctx);
    const held = pendingFor(ctx, c);
    const p = held?.kind === 'milestone' ? held : undefined;
    const existing = p?.id ? c.milestones.find((m) => m.id === p.id) : undefined;
    if (p && isDateOnly(text, dates)) {
      const input = { what: p.what, when: text, who: p.who };
      // The date that was missing: nothing left to ask.
      return p.id || p.due ? propose(ctx, c, existing, input) : saveMilestone(ctx, c, undefined, input);
    }
    const read = readMilestone(text, dates);
    if (existing && p) {
      return propose(ctx, c, existing, {
        what: read.what || p.what,
        when: read.when || p.due || '',
        who: read.who || p.who,
      });
    }
    if (!read.when) {
      slot(ctx).pending = {
        kind: 'milestone',
        canvas: c.id,
        rev: c.rev,
        what: read.what,
        who: read.who,
        proposed: false,
      };
      activate(ctx, c);
      return [
        {
          text: ctx.t({
            de: `Bis wann soll „${read.what}“ erledigt sein? Schreiben Sie einfach das Datum – z. B. „Ende Mai“, „in 6 Wochen“ oder „15.03.2027“ – oder ergänzen Sie es im Formular.`,
            en: `By when should “${read.what}” be done? Just type the date – e.g. “end of May”, “in 6 weeks” or “15.03.2027” – or add it in the form.`,
          }),
          form: milestoneForm(ctx, c, undefined, { what: read.what, when: '', who: read.who }),
          actions: stepActions(ctx, c),
        },
      ];
    }
    const input = { what: read.what, when: read.when, who: read.who };
    return read.sure ? saveMilestone(ctx, c, undefined, input) : propose(ctx, c, undefined, input);
  }

  /** Shows what was read ("Was: … · Bis: … · Wer: …") with "Übernehmen" / "Ändern" instead of guessing. */
  async function propose(
    ctx: TurnContext,
    c: Canvas,
    existing: Milestone | undefined,
    input: { what: string; when: string; who: string },
  ): Promise<Reply[]> {
    const what = input.what.trim();
    const who = input.who.trim();
    const parsed = parseGermanDate(input.when, dateContext(ctx));
    // Anything wrong (past date, empty what, too long) is said by saveMilestone, which then saves nothing.
    if (!parsed.ok || !what || what.length > 300 || who.length > 200) {
      return saveMilestone(ctx, c, existing, input);
    }
    slot(ctx).pending = {
      kind: 'milestone',
      canvas: c.id,
      rev: c.rev,
      id: existing?.id,
      what,
      due: parsed.date,
      who,
      proposed: true,
    };
    activate(ctx, c);
    return [
      {
        text: `${
          existing
            ? ctx.t({
                de: 'So würde ich den Meilenstein ändern:',
                en: 'This is how I would change the milestone:',
              })
            : ctx.t({
                de: 'So habe ich Ihren Meilenstein verstanden:',
                en: 'This is how I understood your milestone:',
              })
        }\n${milestoneCard(ctx, { what, due: parsed.date, who })}\n\n${ctx.t({
          de: 'Stimmt das so?',
          en: 'Is that right?',
        })}`,
        actions: [
          {
            id: 'canvas.msaccept',
            value: token(c),
            label: ctx.t({ de: 'Übernehmen', en: 'Save it' }),
            style: 'primary',
          },
          { id: 'canvas.msfix', value: token(c), label: ctx.t({ de: 'Ändern', en: 'Change' }) },
          // Changing or removing another milestone would only compete with the two choices here.
          ...stepActions(ctx, c).filter((a) => a.id !== 'canvas.msedit' && a.id !== 'canvas.msremove'),
        ],
      },
    ];
  }

  function acceptProposal(
    ctx: TurnContext,
    c: Canvas,
    p: Extract<Pending, { kind: 'milestone' }>,
  ): Promise<Reply[]> | Reply[] {
    delete slot(ctx).pending;
    const existing = p.id ? c.milestones.find((m) => m.id === p.id) : undefined;
    if (!p.due || (p.id && !existing)) return stepPrompt(ctx, c);
    return saveMilestone(ctx, c, existing, { what: p.what, when: p.due, who: p.who });
  }

  /** "Ändern": the milestone form filled with what was read, so only the wrong part needs typing. */
  function correctionForm(ctx: TurnContext, c: Canvas, p: Extract<Pending, { kind: 'milestone' }>): Reply {
    const existing = p.id ? c.milestones.find((m) => m.id === p.id) : undefined;
    return {
      text: ctx.t({
        de: 'Ändern Sie die Angaben und speichern Sie – oder schreiben Sie einfach, was sich ändert (z. B. nur das Datum):',
        en: 'Change the details and save – or just type what changes (e.g. only the date):',
      }),
      form: milestoneForm(ctx, c, existing, {
        what: p.what,
        when: p.due ? formatDate(p.due, 'de') : '',
        who: p.who,
      }),
      actions: navActions(ctx, c),
    };
  }

  async function saveMilestone(
    ctx: TurnContext,
    c: Canvas,
    existing: Milestone | undefined,
    input: Record<string, string>,
  ): Promise<Reply[]> {
    const what = (input.what ?? '').trim();
    const when = (input.when ?? '').trim();
    const who = (input.who ?? '').trim();
    const errors: Record<string, string> = {};
    if (!what)
      errors.what = ctx.t({
        de: 'Bitte beschreiben Sie den Meilenstein.',
        en: 'Please describe the milestone.',
      });
    else if (what.length > 300)
      errors.what = ctx.t({ de: 'Höchstens 300 Zeichen.', en: 'At most 300 characters.' });
    if (who.length > 200) errors.who = ctx.t({ de: 'Höchstens 200 Zeichen.', en: 'At most 200 characters.' });
    let due: string | undefined;
    if (!when) errors.when = ctx.t({ de: 'Bitte geben Sie an, bis wann.', en: 'Please say by when.' });
    else {
      const parsed = parseGermanDate(when, { timeZone: zone(ctx) });
      if (parsed.ok) due = parsed.date;
      else if (parsed.reason === 'past') {
        errors.when = ctx.t({
          de: `Der ${formatDate(parsed.date, 'de')} liegt in der Vergangenheit. Ein Meilenstein braucht ein Datum ab heute.`,
          en: `${formatDate(parsed.date, 'en')} is in the past. A milestone needs a date from today on.`,
        });
      } else if (parsed.reason === 'invalid') {
        errors.when = ctx.t({
          de: `„${when}“ ist kein gültiges Datum. Bitte prüfen Sie Tag und Monat.`,
          en: `“${when}” is not a valid date. Please check day and month.`,
        });
      } else {
        errors.when = ctx.t({
          de: `„${when}“ verstehe ich nicht als Datum. Möglich sind z. B. 15.03.2027, 15.3., Ende April, Mitte Mai, in 6 Wochen, nächsten Freitag oder KW 12.`,
          en: `I do not understand “${when}” as a date. Try e.g. 15.03.2027, 15.3., end of April, in 6 weeks, next Friday or KW 12.`,
        });
      }
    }
    if (Object.keys(errors).length || !due) {
      return [
        {
          text: `${ctx.t({ de: 'Der Meilenstein ist noch nicht gespeichert:', en: 'The milestone is not saved yet:' })}\n${Object.values(
            errors,
          )
            .map((e) => `- ${e}`)
            .join('\n')}`,
          form: milestoneForm(ctx, c, existing, { what, when, who }, errors),
          actions: stepActions(ctx, c),
        },
      ];
    }
    let next: Canvas | undefined;
    // Who is named too: a milestone read from a sentence shows how it was split.
    let prefix = `${saved(ctx)} ${ctx.t({ de: 'Meilenstein', en: 'Milestone' })} „${what}“ ${ctx.t({ de: 'bis', en: 'by' })} ${formatDate(due, ctx.locale)}${who ? ` (${ctx.t({ de: 'verantwortlich', en: 'responsible' })}: ${who})` : ''}.`;
    if (existing) {
      next = await store.changeMilestone(c.id, { id: existing.id, what, due, who });
    } else {
      // A double click or an old form sends the same milestone again: confirm it, do not add it twice.
      const result = await store.addMilestone(c.id, { what, due, who });
      next = result?.canvas;
      if (result && !result.added) {
        prefix = ctx.t({
          de: `Der Meilenstein „${what}“ ist bereits gespeichert (bis ${formatDate(due, 'de')}${who ? `, ${who}` : ''}) – ich habe ihn nicht noch einmal angelegt.`,
          en: `The milestone “${what}” is already saved (by ${formatDate(due, 'en')}${who ? `, ${who}` : ''}) – I did not add it again.`,
        });
      }
    }
    if (!next) return notFound(ctx);
    delete slot(ctx).pending;
    if (next.remindersOn) await planReminders(ctx.services.db, next, zone(ctx));
    if (next.step !== STEPS.findIndex((s) => s.kind === 'roadmap') + 1) {
      // Changed from the summary or another step: show the canvas as it is now.
      return next.step > STEP_COUNT ? summary(ctx, next, 'owner', prefix) : stepPrompt(ctx, next, prefix);
    }
    activate(ctx, next);
    return stepPrompt(ctx, next, prefix);
  }

  // --- outputs and sharing ---

  async function exportMarkdown(ctx: TurnContext, id: string | undefined): Promise<Reply[]> {
    const opened = id ? await store.open(id, ctx.user.key) : undefined;
    if (!opened) return notFound(ctx);
    const md = toMarkdown(opened.canvas, ctx.locale, zone(ctx));
    const file = await ctx.services.files.save(
      ctx.user.key,
      `${fileName(opened.canvas.title)}.md`,
      'text/markdown; charset=utf-8',
      md,
    );
    return [{ text: md, files: [file] }];
  }

  async function exportPicture(
    ctx: TurnContext,
    id: string | undefined,
    format: 'png' | 'pdf',
  ): Promise<Reply[]> {
    const opened = id ? await store.open(id, ctx.user.key) : undefined;
    if (!opened) return notFound(ctx);
    const c = opened.canvas;
    const file =
      format === 'png'
        ? await ctx.services.files.save(
            ctx.user.key,
            `${fileName(c.title)}.png`,
            'image/png',
            await renderCanvasPng(c, ctx.locale, zone(ctx)),
          )
        : await ctx.services.files.save(
            ctx.user.key,
            `${fileName(c.title)}.pdf`,
            'application/pdf',
            renderCanvasPdf(c, ctx.locale, zone(ctx)),
          );
    return [
      {
        text: ctx.t({
          de: `Hier ist Ihre Canvas „${c.title}“ als ${format === 'png' ? 'Bild' : 'PDF'} (eine Seite, A4 quer).`,
          en: `Here is your canvas “${c.title}” as ${format === 'png' ? 'an image' : 'a PDF'} (one page, A4 landscape).`,
        }),
        files: [file],
      },
    ];
  }

  async function reminders(ctx: TurnContext, c: Canvas, on: boolean): Promise<Reply[]> {
    const next = await store.update(c, { remindersOn: on });
    if (!on) {
      await cancelReminders(ctx.services.db, c.id);
      return [
        {
          text: ctx.t({ de: 'Erinnerungen sind ausgeschaltet.', en: 'Reminders are off.' }),
          actions: [summaryAction(ctx, c)],
        },
      ];
    }
    const planned = await planReminders(ctx.services.db, next, zone(ctx));
    const days = REMINDER_DAYS_BEFORE.filter((d) => d > 0).join(', ');
    return [
      {
        text: planned
          ? ctx.t({
              de: `Ich erinnere Sie an Ihre ${next.milestones.length} Meilensteine: ${days} Tage vorher und am Tag selbst, jeweils um 9 Uhr (${planned} Erinnerungen geplant). Ändern Sie einen Meilenstein, passe ich die Erinnerungen an.`,
              en: `I will remind you of your ${next.milestones.length} milestones: ${days} days before and on the day, at 9 am (${planned} reminders planned). If you change a milestone, I adjust them.`,
            })
          : ctx.t({
              de: 'Alle Meilensteine liegen zu nah oder in der Vergangenheit – es gibt nichts mehr zu erinnern.',
              en: 'All milestones are too close or past – nothing left to remind of.',
            }),
        actions: [
          {
            id: 'canvas.remindersoff',
            value: c.id,
            label: ctx.t({ de: 'Erinnerungen ausschalten', en: 'Turn reminders off' }),
          },
          summaryAction(ctx, c),
        ],
      },
    ];
  }

  // --- managing canvases ---

  function manage(ctx: TurnContext, c: Canvas): Reply[] {
    return [
      {
        text: ctx.t({
          de: `Was möchten Sie mit „${c.title}“ tun?`,
          en: `What would you like to do with “${c.title}”?`,
        }),
        actions: [
          { id: 'canvas.rename', value: c.id, label: ctx.t({ de: 'Umbenennen', en: 'Rename' }) },
          c.archived
            ? {
                id: 'canvas.unarchive',
                value: c.id,
                label: ctx.t({ de: 'Aus dem Archiv holen', en: 'Unarchive' }),
              }
            : { id: 'canvas.archive', value: c.id, label: ctx.t({ de: 'Archivieren', en: 'Archive' }) },
          {
            id: 'canvas.delete',
            value: c.id,
            label: ctx.t({ de: 'Löschen', en: 'Delete' }),
            style: 'danger',
          },
          { id: 'canvas.list', label: ctx.t({ de: 'Zurück zur Liste', en: 'Back to the list' }) },
        ],
      },
    ];
  }

  async function list(ctx: TurnContext): Promise<Reply[]> {
    return listReply(ctx, await store.listFor(ctx.user.key));
  }

  // --- the text entry point ---

  /** The canvas the user is filling in right now, if the conversation is inside one of its steps. */
  async function inStep(ctx: TurnContext): Promise<Canvas | undefined> {
    if (ctx.state.active !== NAME) return undefined;
    const c = await current(ctx);
    return c && c.step <= STEP_COUNT ? c : undefined;
  }

  async function onCommand(ctx: TurnContext, text: string): Promise<Reply[] | null> {
    if (QUESTION_MARK.test(text)) {
      const c = await inStep(ctx);
      return c ? unsure(ctx, c) : null;
    }
    if (HELP_WORD.test(text)) {
      const c = await inStep(ctx);
      return c
        ? help(
            ctx,
            c,
            ctx.t({
              de: 'Hilfe zu diesem Schritt (das allgemeine Menü bekommen Sie mit „menü“):',
              en: 'Help with this step (type “menu” for the general menu):',
            }),
          )
        : null;
    }
    if (NEW.test(text)) return start(ctx, true);
    if (START.test(text)) return start(ctx, false);
    if (RESUME.test(text)) {
      // "weiter" in the roadmap step means the milestones are complete, not "show this step again".
      const c = /^(weiter|weitermachen|continue)$/i.test(text) ? await inStep(ctx) : undefined;
      if (c && stepAt(c.step)?.kind === 'roadmap') return finishRoadmap(ctx, c);
      return resume(ctx);
    }
    if (LIST.test(text)) return list(ctx);
    const c = (await current(ctx)) ?? (await lastOwned(ctx));
    if (EXPORT.test(text) || PICTURE.test(text) || PDF.test(text) || SUMMARY.test(text)) {
      if (!c) return noCanvas(ctx);
      if (EXPORT.test(text)) return exportMarkdown(ctx, c.id);
      if (PICTURE.test(text)) return exportPicture(ctx, c.id, 'png');
      if (PDF.test(text)) return exportPicture(ctx, c.id, 'pdf');
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
          text: ctx.t({
            de: `„${word}“ ist kein Feld der Canvas. Ändern können Sie: ${STEPS.map((s) => ctx.t(s.short)).join(', ')}.`,
            en: `“${word}” is not a canvas field. You can change: ${STEPS.map((s) => ctx.t(s.short)).join(', ')}.`,
          }),
          actions: c ? [summaryAction(ctx, c)] : [],
        },
      ];
    }
    if (!c) return noCanvas(ctx);
    return editStep(ctx, c, STEPS.indexOf(step) + 1);
  }

  async function editStep(ctx: TurnContext, c: Canvas, n: number): Promise<Reply[]> {
    const target = stepAt(n);
    if (!target) return summary(ctx, c, 'owner');
    const sub = target.kind === 'learnings' ? 'learn:0' : '';
    // Jumping to the step the user is already on is not an edit; it just shows the step.
    const phase = n === c.step && !isEdit(c.phase) ? sub || null : `edit:${sub}`;
    const next = await store.update(c, { step: n, phase, archived: false });
    activate(ctx, next);
    return stepPrompt(ctx, next);
  }

  async function lastOwned(ctx: TurnContext): Promise<Canvas | undefined> {
    const first = (await store.listOwned(ctx.user.key))[0];
    return first && store.load(first.id);
  }

  async function inFlow(ctx: TurnContext, text: string): Promise<Reply[] | null> {
    const c = await current(ctx);
    if (!c || c.step > STEP_COUNT) {
      leave(ctx);
      return null;
    }
    if (IN_FLOW.back.test(text)) return back(ctx, c);
    if (IN_FLOW.skip.test(text)) return skip(ctx, c);
    if (IN_FLOW.pause.test(text)) return pause(ctx, c);
    const said = plain(text);
    if (UNSURE.test(said)) return unsure(ctx, c);
    if (stepAt(c.step)?.kind === 'roadmap') {
      const done = await roadmapWords(ctx, c, said);
      if (done) return done;
    }
    if (/^\/\S*/.test(text)) {
      return stepPrompt(
        ctx,
        c,
        ctx.t({
          de: `Den Befehl „${text.split(/\s/)[0]}“ kenne ich hier nicht. Sie sind mitten in Ihrer Canvas – Ihre Antworten bleiben gespeichert.`,
          en: `I do not know the command “${text.split(/\s/)[0]}” here. You are in the middle of your canvas – your answers stay saved.`,
        }),
      );
    }
    // After the SMART hints, "ja", "ok" or "passt so" keep the goal as the button does.
    const keepWords =
      said.split(/\s+/).length <= 4 && /\b(passt|so lassen|übernehmen|beibehalten)\b/.test(said);
    if (subPhase(c.phase) === 'smart' && (yesNo(text) === 'yes' || keepWords)) {
      return goTo(ctx, c, nextStep(c), { draft: null }, saved(ctx));
    }
    // "danke", "ok", "hallo" are said to the bot, not written into the canvas; "tschüss" pauses.
    const talk = smallTalk(text);
    if (talk?.has('farewell')) return pause(ctx, c);
    if (talk) {
      return stepPrompt(
        ctx,
        c,
        talk.has('thanks')
          ? ctx.t({ de: 'Gern geschehen! Weiter geht’s:', en: 'You are welcome! Let’s go on:' })
          : talk.has('greeting')
            ? ctx.t({
                de: 'Hallo! Wir sind mitten in Ihrer Canvas:',
                en: 'Hello! We are in the middle of your canvas:',
              })
            : ctx.t({ de: 'Gut. Hier geht es weiter:', en: 'Good. Here we go on:' }),
      );
    }
    // A question to the bot is not the answer: answered from the knowledge base, or, when it may be the
    // field's content after all, the user decides. Either way the text waits in the draft.
    const kind = questionKind(text, stepAt(c.step)!, (t) => looksLikeMilestone(ctx, t));
    if (kind) {
      const kept = await store.update(c, { draft: text });
      activate(ctx, kept);
      return kind === 'knowledge' ? answerQuestion(ctx, kept, text) : askWhich(ctx, kept, text);
    }
    return answer(ctx, c, text);
  }

  // --- actions ---

  /** Checks a "id:rev" token against the canvas; a stale one shows where the user actually is. */
  async function fresh(ctx: TurnContext, value: string | undefined): Promise<Canvas | Reply[]> {
    const [id, rev] = (value ?? '').split(':');
    const r = await owned(ctx, id);
    if (Array.isArray(r)) return r;
    if (String(r.rev) !== rev) {
      activate(ctx, r);
      const where = r.step > STEP_COUNT ? summary(ctx, r, 'owner') : stepPrompt(ctx, r);
      where[0]!.text = `${ctx.t({
        de: 'Diese Schaltfläche stammt aus einer älteren Nachricht – ich habe nichts verändert. Hier ist der aktuelle Stand:',
        en: 'That button is from an older message – I did not change anything. Here is where you are:',
      })}\n\n${where[0]!.text}`;
      return where;
    }
    return r;
  }

  async function onAction(ctx: TurnContext, action: IncomingAction): Promise<Reply[]> {
    const [verb, ...rest] = action.id.slice(NAME.length + 1).split(':');
    const value = action.value;
    // A milestone in hand stays only while the user works on it.
    if (!['msaccept', 'msfix', 'mseditpick', 'mssave', 'help'].includes(verb ?? '')) delete slot(ctx).pending;
    const withCanvas = async (id: string | undefined, fn: (c: Canvas) => Promise<Reply[]> | Reply[]) => {
      const r = await owned(ctx, id);
      return Array.isArray(r) ? r : fn(r);
    };
    const withFresh = async (fn: (c: Canvas) => Promise<Reply[]>) => {
      const r = await fresh(ctx, value);
      return Array.isArray(r) ? r : fn(r);
    };
    switch (verb) {
      case 'start':
        return start(ctx, value === 'new');
      case 'new':
        return start(ctx, true);
      case 'resume':
        return resume(ctx, value || undefined);
      case 'list':
        return list(ctx);
      case 'open':
        return openCanvas(ctx, value);
      case 'summary': {
        const opened = value ? await store.open(value, ctx.user.key) : undefined;
        return opened ? summary(ctx, opened.canvas, opened.access) : notFound(ctx);
      }
      case 'back':
        return withFresh((c) => back(ctx, c));
      case 'skip':
        return withFresh((c) => skip(ctx, c));
      case 'keepgoal':
        return withFresh((c) => goTo(ctx, c, nextStep(c), { draft: null }, saved(ctx)));
      case 'usedraft':
        return withFresh(async (c) => {
          if (!c.draft) return stepPrompt(ctx, c);
          const text =
            c.draft.length > MAX_FIELD_LENGTH ? c.draft.slice(0, cutPoint(c.draft)).trimEnd() : c.draft;
          const cleared = await store.update(c, { draft: null });
          return answer(ctx, cleared, text);
        });
      case 'samr':
        return withFresh(async (c) => {
          const level = (value ?? '').split(':')[2];
          const known = SAMR_LEVELS.some((l) => l.value === level);
          return goTo(ctx, c, nextStep(c), { draft: null }, saved(ctx), {
            [SAMR_FIELD]: known ? level! : null,
          });
        });
      case 'next':
        return withFresh((c) => goTo(ctx, c, nextStep(c)));
      case 'msaccept':
      case 'msfix':
        return withFresh(async (c) => {
          const p = pendingFor(ctx, c);
          if (p?.kind !== 'milestone' || (verb === 'msaccept' && !p.proposed)) {
            return stepPrompt(
              ctx,
              c,
              ctx.t({
                de: 'Dieser Vorschlag ist nicht mehr aktuell – ich habe nichts gespeichert. Hier ist Ihre Roadmap:',
                en: 'This suggestion is out of date – I did not save anything. Here is your roadmap:',
              }),
            );
          }
          return verb === 'msaccept' ? acceptProposal(ctx, c, p) : [correctionForm(ctx, c, p)];
        });
      case 'pause':
        return withCanvas(value?.split(':')[0], (c) => pause(ctx, c));
      case 'help':
        return withCanvas(value?.split(':')[0], async (c) => {
          activate(ctx, c);
          return help(ctx, c);
        });
      case 'askdraft':
        return withFresh(async (c) => {
          activate(ctx, c);
          return c.draft ? answerQuestion(ctx, c, c.draft) : stepPrompt(ctx, c);
        });
      case 'edit': {
        const [id, n] = (value ?? '').split(':');
        return withCanvas(id, (c) => editStep(ctx, c, Number(n)));
      }
      case 'mssave': {
        const [id, msId] = rest;
        return withCanvas(id, (c) => {
          const existing = msId && msId !== 'new' ? c.milestones.find((m) => m.id === msId) : undefined;
          if (msId && msId !== 'new' && !existing)
            return [
              {
                text: ctx.t({
                  de: 'Diesen Meilenstein gibt es nicht mehr.',
                  en: 'This milestone no longer exists.',
                }),
                actions: [summaryAction(ctx, c)],
              },
            ];
          return saveMilestone(ctx, c, existing, action.fields ?? {});
        });
      }
      case 'msedit':
      case 'msremove':
        return withCanvas(value, (c) =>
          c.milestones.length
            ? [milestonePick(ctx, c, verb === 'msedit' ? 'edit' : 'remove')]
            : stepPrompt(ctx, c),
        );
      case 'mseditpick': {
        const [id, msId] = (value ?? '').split(':');
        return withCanvas(id, (c) => {
          const m = c.milestones.find((x) => x.id === msId);
          if (!m)
            return stepPrompt(
              ctx,
              c,
              ctx.t({ de: 'Diesen Meilenstein gibt es nicht mehr.', en: 'This milestone no longer exists.' }),
            );
          // Text typed next changes this milestone ("Ende Januar"), not a new one.
          slot(ctx).pending = {
            kind: 'milestone',
            canvas: c.id,
            rev: c.rev,
            id: m.id,
            what: m.what,
            due: m.due,
            who: m.who,
            proposed: false,
          };
          activate(ctx, c);
          return [
            {
              text: ctx.t({
                de: `Ändern Sie die Angaben und speichern Sie – oder schreiben Sie einfach, was sich an „${m.what}“ ändert, z. B. „Ende Januar“ für ein neues Datum:`,
                en: `Change the details and save – or just type what changes about “${m.what}”, e.g. “end of January” for a new date:`,
              }),
              form: milestoneForm(ctx, c, m),
              actions: navActions(ctx, c),
            },
          ];
        });
      }
      case 'msremovepick': {
        const [id, msId] = (value ?? '').split(':');
        return withCanvas(id, async (c) => {
          const m = c.milestones.find((x) => x.id === msId);
          const next = m ? await store.removeMilestone(c.id, m.id) : undefined;
          if (!next || !m)
            return stepPrompt(
              ctx,
              c,
              ctx.t({ de: 'Diesen Meilenstein gibt es nicht mehr.', en: 'This milestone no longer exists.' }),
            );
          if (next.remindersOn) await planReminders(ctx.services.db, next, zone(ctx));
          const prefix = ctx.t({
            de: `Meilenstein „${m.what}“ entfernt.`,
            en: `Milestone “${m.what}” removed.`,
          });
          return next.step > STEP_COUNT ? summary(ctx, next, 'owner', prefix) : stepPrompt(ctx, next, prefix);
        });
      }
      case 'export':
        return exportMarkdown(ctx, value);
      case 'png':
      case 'pdf':
        return exportPicture(ctx, value, verb);
      case 'share':
        return withCanvas(value, (c) => sharing.form(ctx, c));
      case 'sharewith':
        return withCanvas(rest[0], (c) => sharing.submit(ctx, c, action.fields?.with ?? ''));
      case 'sharepick': {
        // "<canvas id>:<user key>"; the user key has a colon of its own.
        const at = (value ?? '').indexOf(':');
        return withCanvas(value?.slice(0, at), (c) => sharing.pick(ctx, c, value!.slice(at + 1)));
      }
      case 'reminders':
      case 'remindersoff':
        return withCanvas(value, (c) => reminders(ctx, c, verb === 'reminders'));
      case 'manage':
        return withCanvas(value, (c) => manage(ctx, c));
      case 'rename':
        return withCanvas(value, (c) => [renameForm(ctx, c)]);
      case 'renameto':
        return withCanvas(rest[0], async (c) => {
          const title = (action.fields?.title ?? '').trim();
          if (!title || title.length > 200) {
            return [
              renameForm(
                ctx,
                c,
                ctx.t({
                  de: 'Bitte einen Namen mit 1 bis 200 Zeichen.',
                  en: 'Please a name of 1 to 200 characters.',
                }),
              ),
            ];
          }
          const next = await store.update(c, { title }, { title });
          return [
            {
              text: ctx.t({ de: `Umbenannt in „${next.title}“.`, en: `Renamed to “${next.title}”.` }),
              actions: [summaryAction(ctx, next), listAction(ctx)],
            },
          ];
        });
      case 'archive':
      case 'unarchive':
        return withCanvas(value, async (c) => {
          const next = await store.update(c, { archived: verb === 'archive' });
          if (verb === 'archive' && slot(ctx).id === c.id) {
            leave(ctx);
            delete slot(ctx).id;
          }
          return [
            {
              text:
                verb === 'archive'
                  ? ctx.t({
                      de: `„${next.title}“ ist archiviert. Sie finden sie weiter unter „meine canvases“.`,
                      en: `“${next.title}” is archived. It is still listed under “my canvases”.`,
                    })
                  : ctx.t({
                      de: `„${next.title}“ ist wieder aktiv.`,
                      en: `“${next.title}” is active again.`,
                    }),
              actions: [listAction(ctx)],
            },
          ];
        });
      case 'delete':
        return withCanvas(value, (c) => {
          expectConfirmation(
            ctx,
            { id: 'canvas.deleteconfirm', value: c.id },
            { id: 'canvas.deletekeep', value: c.id },
          );
          return [
            {
              text: ctx.t({
                de: `Möchten Sie „${c.title}“ wirklich endgültig löschen? Alle Antworten und Meilensteine gehen verloren.`,
                en: `Do you really want to delete “${c.title}” for good? All answers and milestones will be lost.`,
              }),
              actions: [
                {
                  id: 'canvas.deleteconfirm',
                  value: c.id,
                  label: ctx.t({ de: 'Ja, endgültig löschen', en: 'Yes, delete for good' }),
                  style: 'danger',
                },
                {
                  id: 'canvas.deletekeep',
                  value: c.id,
                  label: ctx.t({ de: 'Nein, behalten', en: 'No, keep it' }),
                },
              ],
            },
          ];
        });
      case 'deletekeep':
        // "Nein" to the delete question: say that nothing was lost, then the list as before.
        return withCanvas(value, async (c) => {
          const [first, ...rest] = await list(ctx);
          const kept = ctx.t({ de: `Gut, „${c.title}“ bleibt erhalten.`, en: `Fine, “${c.title}” is kept.` });
          return [{ ...first!, text: `${kept}\n\n${first!.text}` }, ...rest];
        });
      case 'deleteconfirm':
        return withCanvas(value, async (c) => {
          await store.remove(c.id);
          if (slot(ctx).id === c.id) {
            leave(ctx);
            delete slot(ctx).id;
          }
          return [
            {
              text: ctx.t({ de: `„${c.title}“ ist gelöscht.`, en: `“${c.title}” is deleted.` }),
              actions: [listAction(ctx)],
            },
          ];
        });
      default:
        return [
          {
            text: ctx.t({
              de: 'Diese Schaltfläche kenne ich nicht (mehr).',
              en: 'I do not know this button (any more).',
            }),
            actions: [
              { id: 'canvas.resume', label: ctx.t({ de: 'Zur Canvas', en: 'To the canvas' }) },
              listAction(ctx),
            ],
          },
        ];
    }
  }

  /** A change that lost a race with another instance: say so and show the canvas as it is now. */
  async function guarded<T extends Reply[] | null>(
    ctx: TurnContext,
    fn: () => Promise<T>,
  ): Promise<T | Reply[]> {
    try {
      return await fn();
    } catch (err) {
      if (!(err instanceof CanvasConflict)) throw err;
      const c = await store.load(err.canvasId);
      const note = ctx.t({
        de: 'Diese Canvas wurde gerade an anderer Stelle geändert; Ihre letzte Eingabe habe ich deshalb nicht gespeichert. Hier ist der aktuelle Stand:',
        en: 'This canvas was just changed somewhere else, so I did not save your last input. Here is where it stands:',
      });
      if (!c) return notFound(ctx);
      activate(ctx, c);
      return c.step > STEP_COUNT ? summary(ctx, c, 'owner', note) : stepPrompt(ctx, c, note);
    }
  }

  return {
    name: NAME,
    command: COMMAND,
    cue(text) {
      const t = text.toLowerCase();
      if (!/\b(canvas|canvases|dlc)\b/.test(t)) return 0;
      // "Was ist eine Canvas?" is a question for the knowledge base; "Ich möchte eine Canvas ausfüllen" is for us.
      if (
        /\b(ausfüllen|ausfuellen|starten|beginnen|anlegen|erstellen|machen|bearbeiten|fortsetzen|weitermachen|fill|start|create|continue)\b/.test(
          t,
        )
      )
        return 0.9;
      return 0.3;
    },
    onText: (ctx, text, reason) =>
      guarded(ctx, async () => {
        const pending = sharing.take(ctx);
        if (pending && reason === 'active') {
          const shared = await sharing.onText(ctx, pending, text);
          if (shared) return shared;
          // Not a name: the flow that was active before the share question gets the text.
          if (pending.before !== NAME) return null;
        }
        if (reason === 'command') return onCommand(ctx, text);
        if (reason === 'active') return inFlow(ctx, text);
        if (reason === 'cue') {
          return /fortsetzen|weitermachen|continue/i.test(text) ? resume(ctx) : start(ctx, false);
        }
        return null;
      }),
    onAction: (ctx, action) =>
      guarded(ctx, () => {
        // Any canvas button ends an open share question; the share form asks it again.
        sharing.take(ctx);
        return onAction(ctx, action);
      }) as Promise<Reply[]>,
  };
}

function renameForm(ctx: TurnContext, c: Canvas, error?: string): Reply {
  return {
    text: ctx.t({ de: `Neuer Name für „${c.title}“:`, en: `New name for “${c.title}”:` }),
    form: {
      id: `canvas.renameto:${c.id}`,
      fields: [
        {
          id: 'title',
          label: ctx.t({ de: 'Name', en: 'Name' }),
          type: 'text',
          required: true,
          maxLength: 200,
          value: c.title,
        },
      ],
      submitLabel: ctx.t({ de: 'Umbenennen', en: 'Rename' }),
      errors: error ? { title: error } : undefined,
    },
  };
}

const summaryAction = (ctx: TurnContext, c: Canvas): ReplyAction => ({
  id: 'canvas.summary',
  value: c.id,
  label: ctx.t({ de: 'Zur Zusammenfassung', en: 'To the summary' }),
});

const listAction = (ctx: TurnContext): ReplyAction => ({
  id: 'canvas.list',
  label: ctx.t({ de: 'Meine Canvases', en: 'My canvases' }),
});

function notFound(ctx: TurnContext): Reply[] {
  return [
    {
      text: ctx.t({
        de: 'Diese Canvas gibt es nicht (mehr), oder sie wurde nicht mit Ihnen geteilt.',
        en: 'This canvas does not exist (any more), or it was not shared with you.',
      }),
      actions: [listAction(ctx)],
    },
  ];
}

function noCanvas(ctx: TurnContext): Reply[] {
  return [
    {
      text: ctx.t({ de: 'Sie haben noch keine Canvas.', en: 'You have no canvas yet.' }),
      actions: [
        { id: 'canvas.new', label: ctx.t({ de: 'Canvas beginnen', en: 'Start a canvas' }), style: 'primary' },
      ],
    },
  ];
}

/** Where to cut an over-long answer: the last sentence end (or space) before the limit. */
function cutPoint(text: string): number {
  const head = text.slice(0, MAX_FIELD_LENGTH);
  const sentence = Math.max(head.lastIndexOf('. '), head.lastIndexOf('! '), head.lastIndexOf('? '));
  if (sentence > MAX_FIELD_LENGTH * 0.7) return sentence + 1;
  const space = head.lastIndexOf(' ');
  return space > MAX_FIELD_LENGTH * 0.7 ? space : MAX_FIELD_LENGTH;
}

const fileName = (title: string) =>
  `canvas-${
    title
      .normalize('NFKD')
      .replace(/[^\w\s-]/g, '')
      .trim()
      .replace(/\s+/g, '-')
      .slice(0, 60) || 'export'
  }`;
