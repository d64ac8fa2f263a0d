// What typed text asks of the knowledge capability beyond a question: the coaches' whole-message commands.

/** A coach's command: the hand-offs nobody has answered yet. */
export const OPEN_QUESTIONS = /^(offene (fragen|weitergaben)( anzeigen)?|open questions)[.!?]?$/i;

/** A coach's command: the suggestions from unanswered and 👎 questions (learning/). */
export const SUGGESTIONS = /^(vorschläge|vorschlaege|vorschläge aus fragen|suggestions)( anzeigen)?[.!?]?$/i;

export const COMMAND = new RegExp(`${OPEN_QUESTIONS.source}|${SUGGESTIONS.source}`, 'i');
