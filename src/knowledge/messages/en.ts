// English texts of the knowledge capability's learning flow (same keys and placeholders as de.ts).
import type de from './de.ts';

export default {
  'learn.onlyCoaches':
    'Suggestions from questions are for the coaches for digital learning (CoDiLe). You are welcome to ask me your own question any time.',
  'learn.none':
    'There are no suggestions right now: every unanswered or 👎 question has been decided or resembles no entry of the knowledge base.',
  'learn.suggestion': '“{question}” ({count}×) resembles “{entry}” — take it over as a phrasing?',
  'learn.samples': 'Asked similarly: {samples}',
  'learn.entryAnswer': 'The entry’s answer: {answer}',
  'learn.accept': 'Take over',
  'learn.reject': 'Do not take over',
  'learn.open': 'Suggestions from questions',
  'learn.next': 'Next',
  'learn.coachMenu': 'Coach menu',
  'learn.accepted': 'Taken over: whoever asks “{question}” from now on gets the answer to “{entry}” at once.',
  'learn.rejected': 'Not taken over – this suggestion will not come back.',
  'learn.already.accepted': 'This suggestion has already been taken over (by {by}).',
  'learn.already.rejected': 'This suggestion has already been rejected (by {by}).',
  'learn.gone': 'This suggestion no longer exists.',
  'learn.entryGone': 'The entry “{entry}” is no longer in the knowledge base; the suggestion stays open.',
  'learn.invalid': 'This button is no longer valid. Feel free to open the suggestions again.',
} satisfies Record<keyof typeof de, string>;
