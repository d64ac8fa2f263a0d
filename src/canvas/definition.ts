import type { Bilingual } from '../core/i18n.ts';

/**
 * The Digital Learning Canvas (brochure, section "Digital Learning Canvas"), as data: the flow, the
 * summary, the Markdown export and the picture all read their steps from here.
 * The running example is one plausible SME: a sensor manufacturer that trains machine operators with
 * short videos.
 */
export type StepKind = 'text' | 'roadmap' | 'learnings';

export interface CanvasStep {
  /** Stable key, also the field name in canvas_fields (text steps). */
  id: StepId;
  kind: StepKind;
  title: Bilingual;
  /** Short label for the picture and the field list. */
  short: Bilingual;
  question: Bilingual;
  explanation: Bilingual;
  example: Bilingual;
  /** Words a user may name to change this field: "Ziel ändern". */
  aliases: string[];
}

export type StepId =
  | 'title'
  | 'goal'
  | 'situation'
  | 'stakeholders'
  | 'audience'
  | 'needs'
  | 'attitude'
  | 'medium'
  | 'roadmap'
  | 'learnings';

export interface SubQuestion {
  field: string;
  question: Bilingual;
  short: Bilingual;
}

/** The three questions of the Learnings step, each its own field. */
export const LEARNING_QUESTIONS: SubQuestion[] = [
  {
    field: 'learn_result',
    short: { de: 'Arbeitsergebnis', en: 'Work result' },
    question: { de: 'Wie ist das Arbeitsergebnis?', en: 'How is the work result?' },
  },
  {
    field: 'learn_collab',
    short: { de: 'Zusammenarbeit', en: 'Collaboration' },
    question: { de: 'Wie ist die Zusammenarbeit?', en: 'How is the collaboration?' },
  },
  {
    field: 'learn_learned',
    short: { de: 'Bisher gelernt', en: 'Learned so far' },
    question: { de: 'Was wurde bisher gelernt?', en: 'What has been learned so far?' },
  },
];

export const SAMR_LEVELS = [
  {
    value: 'substitution',
    label: {
      de: 'Substitution – ersetzt ein analoges Mittel',
      en: 'Substitution – replaces an analogue tool',
    },
  },
  {
    value: 'augmentation',
    label: {
      de: 'Augmentation – ersetzt und verbessert es',
      en: 'Augmentation – replaces it and adds something',
    },
  },
  {
    value: 'modification',
    label: { de: 'Modification – gestaltet Aufgaben neu', en: 'Modification – redesigns tasks' },
  },
  {
    value: 'redefinition',
    label: {
      de: 'Redefinition – ermöglicht neue Lernformen',
      en: 'Redefinition – enables new ways of learning',
    },
  },
] as const;

export const SAMR_FIELD = 'samr';

export const STEPS: CanvasStep[] = [
  {
    id: 'title',
    kind: 'text',
    title: { de: 'Titel des Vorhabens', en: 'Project title' },
    short: { de: 'Titel', en: 'Title' },
    question: { de: 'Wie heißt Ihr Vorhaben?', en: 'What is your project called?' },
    explanation: {
      de: 'Ein kurzer, sprechender Name hilft allen Beteiligten, über dasselbe Projekt zu reden.',
      en: 'A short, telling name helps everyone involved talk about the same project.',
    },
    example: {
      de: 'Kurzvideos für die Maschinenbedienung an Linie 3',
      en: 'Short videos for machine operation on line 3',
    },
    aliases: ['titel', 'name', 'title'],
  },
  {
    id: 'goal',
    kind: 'text',
    title: { de: 'Ziel der Initiative', en: 'Goal of the initiative' },
    short: { de: 'Ziel', en: 'Goal' },
    question: { de: 'Was wollen Sie mit dem Vorhaben erreichen?', en: 'What do you want to achieve?' },
    explanation: {
      de: 'Formulieren Sie das Ziel möglichst SMART: spezifisch, messbar, attraktiv, realistisch und terminiert. Dann können Sie später prüfen, ob es erreicht wurde.',
      en: 'Phrase the goal SMART if you can: specific, measurable, achievable, realistic and time-bound. Then you can check later whether you reached it.',
    },
    example: {
      de: 'Bis Ende Juni 2027 können alle 24 Maschinenbediener*innen die Umrüstung der Linie 3 mit Hilfe von fünf Kurzvideos selbstständig durchführen; die Rückfragen an die Schichtleitung sinken um die Hälfte.',
      en: 'By the end of June 2027 all 24 machine operators can change over line 3 on their own with the help of five short videos; questions to the shift lead drop by half.',
    },
    aliases: ['ziel', 'ziele', 'goal'],
  },
  {
    id: 'situation',
    kind: 'text',
    title: { de: 'Ausgangssituation des Betriebs', en: 'Starting point of the company' },
    short: { de: 'Ausgangssituation', en: 'Starting point' },
    question: {
      de: 'Wie sieht die Lage in Ihrem Betrieb heute aus?',
      en: 'What does the situation in your company look like today?',
    },
    explanation: {
      de: 'Beschreiben Sie kurz, was heute gut läuft, wo es hakt und welche Mittel (Zeit, Technik, Budget) es gibt.',
      en: 'Describe briefly what works today, where it gets stuck and which means (time, technology, budget) exist.',
    },
    example: {
      de: 'Die Einarbeitung läuft über Papier-Handbücher und erfahrene Kolleg*innen, die dafür ihre Arbeit unterbrechen. In der Halle gibt es WLAN und zwei Tablets.',
      en: 'Onboarding relies on paper manuals and experienced colleagues who interrupt their own work for it. There is Wi-Fi and two tablets in the hall.',
    },
    aliases: ['ausgangssituation', 'situation', 'ausgangslage', 'starting point'],
  },
  {
    id: 'stakeholders',
    kind: 'text',
    title: { de: 'Stakeholder*innen', en: 'Stakeholders' },
    short: { de: 'Stakeholder*innen', en: 'Stakeholders' },
    question: {
      de: 'Wer entscheidet, wer ist betroffen und wer unterstützt das Vorhaben?',
      en: 'Who decides, who is affected and who supports the project?',
    },
    explanation: {
      de: 'Wer früh eingebunden ist, trägt das Vorhaben mit. Denken Sie auch an Betriebsrat, IT und Führungskräfte.',
      en: 'People involved early carry the project. Think of the works council, IT and managers too.',
    },
    example: {
      de: 'Entscheidet: Produktionsleiter Herr Yilmaz. Betroffen: Bediener*innen aller drei Schichten. Unterstützt: Betriebsrat, Ausbildungsleitung und die IT (Tablets).',
      en: 'Decides: production manager Mr Yilmaz. Affected: operators of all three shifts. Supports: works council, training lead and IT (tablets).',
    },
    aliases: ['stakeholder', 'stakeholder*innen', 'stakeholderinnen', 'beteiligte', 'stakeholders'],
  },
  {
    id: 'audience',
    kind: 'text',
    title: { de: 'Lern-Zielgruppe', en: 'Target learners' },
    short: { de: 'Lern-Zielgruppe', en: 'Target learners' },
    question: { de: 'Wer soll lernen?', en: 'Who is going to learn?' },
    explanation: {
      de: 'Beschreiben Sie die Lernenden: Aufgaben, Vorwissen, Sprache, Alter, Arbeitszeiten.',
      en: 'Describe the learners: tasks, prior knowledge, language, age, working hours.',
    },
    example: {
      de: '24 Maschinenbediener*innen im Dreischichtbetrieb, 19 bis 61 Jahre, teils mit wenig Deutschkenntnissen, viele neu im Betrieb.',
      en: '24 machine operators in three shifts, aged 19 to 61, some with little German, many new to the company.',
    },
    aliases: ['zielgruppe', 'lern-zielgruppe', 'lernzielgruppe', 'lernende', 'target learners', 'audience'],
  },
  {
    id: 'needs',
    kind: 'text',
    title: { de: 'Bedürfnisse und Lernbedürfnisse', en: 'Needs and learning needs' },
    short: { de: 'Bedürfnisse', en: 'Needs' },
    question: {
      de: 'Was brauchen die Lernenden, um gut lernen und arbeiten zu können?',
      en: 'What do the learners need to learn and work well?',
    },
    explanation: {
      de: 'Trennen Sie, was die Menschen bei der Arbeit brauchen (Bedürfnisse) und was sie dafür lernen müssen (Lernbedürfnisse).',
      en: 'Separate what people need at work (needs) from what they have to learn for it (learning needs).',
    },
    example: {
      de: 'Schnelle Hilfe direkt an der Maschine, ohne lange Texte; lernen müssen sie die zwölf Handgriffe der Umrüstung in der richtigen Reihenfolge.',
      en: 'Quick help right at the machine, without long texts; they need to learn the twelve change-over steps in the right order.',
    },
    aliases: ['bedürfnisse', 'lernbedürfnisse', 'beduerfnisse', 'needs'],
  },
  {
    id: 'attitude',
    kind: 'text',
    title: { de: '(Vor-)Einstellung zu digitalem Lernen', en: 'Attitude towards digital learning' },
    short: { de: 'Einstellung', en: 'Attitude' },
    question: {
      de: 'Wie steht die Zielgruppe heute zum Lernen mit digitalen Medien?',
      en: 'How does the target group feel about learning with digital media today?',
    },
    explanation: {
      de: 'Vorbehalte und Erfahrungen entscheiden mit, ob ein Medium genutzt wird. Notieren Sie Chancen und Sorgen.',
      en: 'Reservations and experience decide whether a medium gets used. Note opportunities and concerns.',
    },
    example: {
      de: 'Die Jüngeren schauen ohnehin Erklärvideos auf dem Handy; einige Ältere befürchten, dass ihr Erfahrungswissen weniger zählt.',
      en: 'The younger ones watch explainer videos on their phones anyway; some older colleagues fear their experience will count less.',
    },
    aliases: ['einstellung', 'vor-einstellung', 'voreinstellung', 'haltung', 'attitude'],
  },
  {
    id: 'medium',
    kind: 'text',
    title: { de: 'Lernmedium und pädagogischer Nutzen', en: 'Learning medium and its educational value' },
    short: { de: 'Lernmedium', en: 'Medium' },
    question: {
      de: 'Welches Lernmedium wollen Sie einsetzen und welchen pädagogischen Nutzen hat es?',
      en: 'Which learning medium will you use and what is its educational value?',
    },
    explanation: {
      de: 'Jedes technische Mittel soll einen pädagogischen Wert haben. Optional ordnen Sie es danach auf der SAMR-Stufenleiter ein.',
      en: 'Every technical means should have an educational value. Afterwards you may place it on the SAMR ladder.',
    },
    example: {
      de: 'Fünf Kurzvideos (je unter 2 Minuten) per QR-Code an der Maschine: Die Bediener*innen sehen den Handgriff genau dann, wenn sie ihn brauchen, und können ihn beliebig oft wiederholen.',
      en: 'Five short videos (under 2 minutes each) via QR code at the machine: operators see the step exactly when they need it and can repeat it as often as they like.',
    },
    aliases: ['lernmedium', 'medium', 'nutzen', 'samr'],
  },
  {
    id: 'roadmap',
    kind: 'roadmap',
    title: { de: 'Roadmap', en: 'Roadmap' },
    short: { de: 'Roadmap', en: 'Roadmap' },
    question: {
      de: 'Welche Meilensteine hat das Vorhaben – was, bis wann und wer ist verantwortlich?',
      en: 'Which milestones does the project have – what, by when and who is responsible?',
    },
    explanation: {
      de: 'Ein Meilenstein pro Eingabe: „Drehbuch fertig; Ende April; Frau Jansen“, ein Satz wie „Pilot in der Frühschicht in 6 Wochen, Herr Yilmaz“ oder das Formular. Sind alle eingetragen, schreiben Sie „fertig“.',
      en: 'One milestone per entry: “Script done; end of April; Ms Jansen”, a sentence like “Pilot in the early shift in 6 weeks, Mr Yilmaz” or the form. When all are in, type “done”.',
    },
    example: {
      de: 'Drehbuch für Video 1 fertig – 15.03.2027 – Frau Jansen (LoDiLe); Pilot in der Frühschicht – Ende April – Herr Yilmaz',
      en: 'Script for video 1 done – 15.03.2027 – Ms Jansen (LoDiLe); pilot in the early shift – end of April – Mr Yilmaz',
    },
    aliases: ['roadmap', 'meilensteine', 'meilenstein', 'milestones'],
  },
  {
    id: 'learnings',
    kind: 'learnings',
    title: { de: 'Learnings', en: 'Learnings' },
    short: { de: 'Learnings', en: 'Learnings' },
    question: {
      de: 'Was nehmen Sie aus dem Vorhaben mit?',
      en: 'What do you take away from the project?',
    },
    explanation: {
      de: 'Diesen Teil füllen Sie während oder nach dem Pilot aus. Sie können ihn jetzt überspringen und später mit „Learnings ändern“ ergänzen.',
      en: 'Fill in this part during or after the pilot. You can skip it now and add it later with “change learnings”.',
    },
    example: {
      de: 'Die Videos werden genutzt, die Umrüstzeit sank um 20 %. Die Zusammenarbeit mit dem Betriebsrat war eng. Gelernt: Untertitel sind wichtiger als gedacht.',
      en: 'The videos are used, change-over time fell by 20 %. Close collaboration with the works council. Learned: subtitles matter more than expected.',
    },
    aliases: ['learnings', 'erkenntnisse', 'reflexion'],
  },
];

export const STEP_COUNT = STEPS.length;

/** Step number (1-based) of a step id. */
export function stepNumber(id: StepId): number {
  return STEPS.findIndex((s) => s.id === id) + 1;
}

export function stepAt(n: number): CanvasStep | undefined {
  return STEPS[n - 1];
}

/** The step a user names in "Ziel ändern", or undefined. */
export function stepByAlias(word: string): CanvasStep | undefined {
  const w = word.trim().toLowerCase();
  return STEPS.find((s) => s.aliases.includes(w));
}

/** Fields of text steps plus the learnings' sub-fields and SAMR: every key canvas_fields may hold. */
export const FIELD_KEYS = new Set<string>([
  ...STEPS.filter((s) => s.kind === 'text').map((s) => s.id),
  SAMR_FIELD,
  ...LEARNING_QUESTIONS.map((q) => q.field),
]);

/** Most characters one field takes. */
export const MAX_FIELD_LENGTH = 2000;
