// What typed text asks of booking: the whole-message commands, how strongly free text is about booking (cue),
// and which flow a typed command opens.

export const COMMAND =
  /^(termin|termine|termin buchen|sprechstunde|sprechstunde buchen|e-?coaching|coaching|coaching buchen|meine termine|meine buchungen|slots|meine sprechstunden|termin veröffentlichen|sprechstunde anbieten|kalender-?abo|booking|book|book a slot|my bookings|codile (freischalten|entziehen)( \S+)?)$/i;
const MINE = /^(meine termine|meine buchungen|my bookings)$/i;
const COACH_WORDS = /^(meine sprechstunden|termin veröffentlichen|sprechstunde anbieten|kalender-?abo)$/i;
const BOOKING_NOUN = /\b(termin\w*|sprechstunde\w*|e-?coaching|coaching|slot|session|appointment)\b/i;
const BOOKING_VERB =
  /\b(buchen|buche|reservier\w*|anmelden|anmeldung|melde|absagen|stornier\w*|verschieb\w*|book|cancel|reschedule|sign up|register)\b/i;
/** "Wann ist mein nächster Termin?": a question about one's own bookings, not for the knowledge base. */
const MY_NEXT =
  /\b(mein(en?|em)?|my) (nächste[nmrs]?|gebuchte[nmrs]?|next|booked) (termin\w*|sprechstunde\w*|coaching|session|appointment)\b/i;
const WANT =
  /\b(möchte|will|brauche|hätte gern|suche|gibt es (noch )?freie|want|need|would like|looking for)\b/i;
const CHANGE = /\b(absagen|stornier\w*|verschieb\w*|cancel|reschedule)\b/i;
const ROLE_COMMAND = /^codile (freischalten|entziehen)(?: (\S+))?$/i;

/** How strongly plain text asks for booking, 0..1. */
export function bookingCue(text: string): number {
  if (MINE.test(text.trim()) || MY_NEXT.test(text)) return 1;
  if (BOOKING_NOUN.test(text) && BOOKING_VERB.test(text)) return 0.8;
  if (BOOKING_NOUN.test(text) && WANT.test(text)) return 0.6;
  return 0;
}

/** What a typed message (not an answer inside the topic step) opens. */
export type TypedIntent =
  | { kind: 'grant'; user?: string }
  | { kind: 'revoke'; user: string }
  | { kind: 'mine' }
  | { kind: 'coachMenu' }
  | { kind: 'calendarFeed' }
  | { kind: 'start' };

export function typedIntent(text: string, reason: 'command' | 'cue' | 'default'): TypedIntent {
  const role = text.match(ROLE_COMMAND);
  if (role) {
    // "codile entziehen" without a name shows the form with the list to revoke from.
    if (role[1]!.toLowerCase() === 'entziehen')
      return role[2] ? { kind: 'revoke', user: role[2] } : { kind: 'grant' };
    return { kind: 'grant', user: role[2] };
  }
  if (MINE.test(text) || MY_NEXT.test(text) || (reason === 'cue' && CHANGE.test(text)))
    return { kind: 'mine' };
  if (COACH_WORDS.test(text))
    return /kalender/i.test(text) ? { kind: 'calendarFeed' } : { kind: 'coachMenu' };
  return { kind: 'start' };
}

/** Intents only a CoDiLe may follow. */
export const COACH_INTENTS: ReadonlySet<TypedIntent['kind']> = new Set([
  'grant',
  'revoke',
  'coachMenu',
  'calendarFeed',
]);
