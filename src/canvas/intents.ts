// What typed text asks of the canvas: whole-message commands, words inside a step, and how strongly free
// text is about the canvas (cue).
import { STEPS } from './definition.ts';

export const START =
  /^\/?(canvas|dlc)( starten| beginnen)?$|^(canvas starten|digital learning canvas|start canvas)$/i;
export const NEW = /^(neue (canvas|dlc)|new canvas|canvas neu)$/i;
export const RESUME = /^(weiter|fortsetzen|weitermachen|canvas (fortsetzen|weiter)|continue|resume)$/i;
export const LIST =
  /^(meine canvas(es)?|canvas(es)? (liste|anzeigen|übersicht)|alle canvas(es)?|my canvases|list canvases)$/i;
const FIELD_WORDS = [...STEPS.flatMap((s) => s.aliases), 'canvas', 'feld', 'ein feld', 'field', 'a field']
  .map((w) => w.replace(/[*.()-]/g, (ch) => `\\${ch}`))
  .join('|');
// Only field names, so "termin ändern" stays with the booking capability.
export const EDIT = new RegExp(
  `^(${FIELD_WORDS}) (ändern|aendern|bearbeiten)$|^(?:change|edit) (?:the )?(${FIELD_WORDS})$`,
  'i',
);
export const EXPORT = /^canvas (export(ieren)?|als markdown|markdown)$/i;
export const PICTURE = /^canvas (bild|png|grafik|als bild)$/i;
export const PDF = /^canvas (pdf|als pdf)$/i;
export const SUMMARY = /^canvas (zusammenfassung|übersicht anzeigen)$/i;
/** A lone "?" inside a canvas step asks for help with that step (outside, the help menu answers it). */
export const QUESTION_MARK = /^\?+$/;
/** "hilfe" inside a step asks for help with that step; outside, the general help answers. */
export const HELP_WORD = /^(hilfe|help)[.!?]?$/i;

export const COMMAND = new RegExp(
  [START, NEW, RESUME, LIST, EDIT, EXPORT, PICTURE, PDF, SUMMARY, QUESTION_MARK, HELP_WORD]
    .map((r) => `(?:${r.source})`)
    .join('|'),
  'i',
);

export const IN_FLOW = {
  back: /^(zurück|zurueck|back)$/i,
  skip: /^(überspringen|ueberspringen|skip|später|spaeter)$/i,
  pause: /^(pause|pausieren|stopp?|abbrechen|unterbrechen|cancel)$/i,
};

/** "Keine Ahnung", "weiß nicht", "k.A.", "?": no answer but a wish for help – nothing is saved. */
export const UNSURE =
  /^(?:keine ahnung|k\. ?a\.?|(?:ich )?wei(?:ß|ss) (?:ich |es |das )?nicht|wei(?:ß|ss) nich|keinen? plan|keine idee|unklar|(?:ich bin )?(?:mir )?(?:nicht sicher|unsicher)|hm+|äh+m*|\?+|no idea|(?:i )?don'?t know|not sure|dunno|idk)$/i;
/** Said in the roadmap step: the milestones are complete ("fertig", "das war's", "nächster Schritt"). */
export const ROADMAP_DONE =
  /^(?:(?:die |meine |unsere )?roadmap (?:ist )?(?:fertig|komplett|vollständig|erledigt|abgeschlossen)|(?:ich bin |bin )?fertig|erledigt|das war'?s|das war es|das wär'?s|das ist alles|mehr nicht|keine (?:weiteren?|mehr)(?: meilensteine)?|(?:weiter )?zum nächsten schritt|(?:der )?nächste[rn]? schritt|naechste[rn]? schritt|weiter|weitermachen|done|finished|that'?s all|next step|roadmap done)$/i;
export const YES =
  /^(?:ja|jep|jo|genau|richtig|stimmt|passt(?: so)?|übernehmen|ja,? (?:übernehmen|bitte|gerne?)|ok(?:ay)?|yes|correct)$/i;
export const NO = /^(?:nein|nee|ne|nö|falsch|stimmt nicht|ändern|no)$/i;
/** Lower case, one kind of apostrophe, no closing punctuation: "Das war’s!" → "das war's", "Keine Ahnung?" → "keine ahnung". */
export const plain = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .replace(/[’‘´`]/g, "'")
    .replace(/\s+/g, ' ')
    .replace(/(?<=[^\s?])[.!?…]+$/, '');

/** How strongly plain text asks for the canvas, 0..1. */
export function canvasCue(text: string): number {
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
}

/** Free text the cue handed over: resume when it says so, else start (or offer the one in progress). */
export const RESUME_CUE = /fortsetzen|weitermachen|continue/i;
