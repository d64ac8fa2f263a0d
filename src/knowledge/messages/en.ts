// English texts of the knowledge capability (same keys and placeholders as de.ts).
import type de from './de.ts';

export default {
  // --- asking and answering ---
  'common.askQuestion': 'Ask a question',
  'common.anotherQuestion': 'Another question',
  'common.rephrase': 'Rephrase',
  'common.bookSession': 'Book a session',
  'common.backToMenu': 'Back to the menu',
  'common.askCoach': 'Ask a coach',
  'common.openQuestions': 'Open questions',
  'common.questionGone': 'I cannot find this question any more. Feel free to ask it again.',
  'ask.prompt':
    'What would you like to know? Just type your question here, for example: _How often is the virtual consultation hour?_ (My knowledge base is in German.)',
  'ask.readAs': '_(Read as {list})_',
  'ask.nothingFound':
    'I have nothing on that in my knowledge base. You can rephrase the question, start a Digital Learning Canvas, ask a coach (CoDiLe) or book a session.',
  'ask.didYouMean':
    'I have no sure answer to that. Did you mean one of these questions? Otherwise you can rephrase the question, ask a coach (CoDiLe) or book a session.',
  'ask.startCanvas': 'Start a canvas',
  'ask.more': 'More',
  // --- feedback ---
  'feedback.thanks': 'Thanks for your feedback! 👍',
  'feedback.offerCoach':
    'Thanks, this helps us improve the knowledge base. Shall I pass your question to a coach (CoDiLe)? You can also rephrase it.',
  // --- hand-off to the coaches ---
  'handoff.noCoach':
    'Unfortunately no coach (CoDiLe) is reachable through the chat right now. You can book a consultation slot.',
  'handoff.passed':
    'I passed your question to the coaches (CoDiLe). As soon as someone answers, you will get the answer here.',
  'handoff.alreadyAnswered':
    'You already passed this question to the coaches, and the answer is here:\n\n{answer}',
  'handoff.alreadyPassed':
    'I already passed this question to the coaches (CoDiLe). As soon as someone answers, you will get the answer here.',
  // Texts marked "German for every reader" in de.ts are shown in German to everyone for now; these English
  // versions are ready for when they follow the reader's language.
  'notice.title': '**New question for the coaches for digital learning**',
  'notice.from': 'From: {asker}',
  'notice.question': 'Question: “{question}”',
  'notice.context': 'Previous question in the conversation: “{context}”',
  'notice.noAnswer': 'The bot had nothing on this in its knowledge base.',
  'notice.botAnswer': 'The bot’s answer: {answer}',
  'notice.reply': 'Answer',
  'notice.openQuestions': 'Open questions',
  // --- open questions (coaches) ---
  'open.onlyCoaches':
    'The list of open questions is only for coaches (CoDiLe). Do you have a question yourself? Just type it here – if I find no answer, I can pass it to the coaches.',
  'open.none': 'No question is open right now – every forwarded question has been answered.',
  'open.headerSome':
    '**Open questions: {total}** – here are the {shown} oldest. Answered ones leave the list.',
  'open.headerAll': '**Open questions: {total}** – oldest first.',
  'open.from': 'From {from}, {when}',
  'open.context': 'Previous question: “{context}”',
  'open.reply': 'Answer',
  // --- the coach's answer ---
  'reply.onlyCoaches': 'Only coaches (CoDiLe) can answer forwarded questions.',
  'reply.formHint': 'Write your answer in the form – or simply type it here in the chat.',
  'reply.draft':
    'Your answer to the question “{question}”:\n\n{draft}\n\nShall I send it like this? If you write more, I add it.',
  'reply.send': 'Send',
  'reply.edit': 'Edit',
  'reply.doNotSend': 'Do not send',
  'reply.discarded':
    'Fine, your answer was not sent; the question stays open. Was your message a question for me? Then just type it again.',
  'reply.answerAfterAll': 'Answer after all',
  'reply.questionGone': 'This question no longer exists.',
  'reply.notSent': 'So your text was not sent:\n\n{text}',
  'reply.question': 'Question: “{question}”',
  'reply.formTitle': 'Answer to the LoDiLe',
  'reply.formAnswer': 'Your answer',
  'reply.formKeep': 'Save as a knowledge entry for future questions?',
  'reply.no': 'No',
  'reply.yes': 'Yes',
  'reply.submit': 'Send answer',
  'reply.empty': 'Please write an answer.',
  'reply.tooLong': 'At most {max} characters, please (now {length}).',
  'reply.alreadyAnswered': 'This question has already been answered:\n\n{answer}',
  'reply.sent': 'Thank you! Your answer is on its way to the person who asked.',
  'reply.sentAndKept': 'Thank you! The answer is on its way and is now also in the knowledge base.',
  'reply.askKeep': 'Shall it also be saved as a knowledge entry for future questions?',
  'reply.keep': 'Save as a knowledge entry',
  'reply.kept': 'Saved: the answer is now in the knowledge base and is found for similar questions.',
  'reply.keptTitle': 'Answer of a CoDiLe › {question}',
  'delivery.answer': '**Answer from {coach} (CoDiLe)** to your question “{question}”:\n\n{answer}',
  'delivery.someCoach': 'a coach for digital learning',
  'delivery.anotherQuestion': 'Another question',
  'delivery.bookSession': 'Book a session',
  // --- learning from use ---
  'learn.onlyCoaches':
    'Suggestions from questions are for the coaches for digital learning (CoDiLe). You are welcome to ask me your own question any time.',
  'learn.none':
    'There are no suggestions right now: every unanswered or 👎 question has been decided or resembles no entry of the knowledge base.',
  'learn.suggestion': '“{question}” ({count}×) resembles “{entry}” — take it over as a phrasing?',
  'learn.picked': 'Askers picked this answer {count}× under “Did you mean …?”.',
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
  'data.questions.label': 'Questions asked and ratings',
  'data.questions.about': 'Your questions with the bot’s answer, the sources and your rating (👍/👎).',
  'data.questions.after': 'the question',
  'data.handoffs.label': 'Questions passed to coaches',
  'data.handoffs.about': 'Questions you had passed to the coaches, with their answer.',
  'data.handoffs.after': 'it was passed on',
} satisfies Record<keyof typeof de, string>;
