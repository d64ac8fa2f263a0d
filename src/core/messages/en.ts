import type de from './de.ts';

export default {
  'action.expired': 'This button is no longer valid. You can continue here:',
  'menu.ask': 'Ask a question',
  'menu.canvas': 'Fill in a canvas',
  'menu.booking': 'Book a consultation',
  greeting: `Hello{name}! I am LoDiLe-Bot and support digital learning guides (LoDiLe). I can:\n- **answer questions** about LoDiLe, CoDiLe, SAMR, the Digital Learning Community and more\n- guide you step by step through a **Digital Learning Canvas**\n- **book** a slot in the **consultation hour** or an e-coaching session with a coach (CoDiLe)\n\nWhere would you like to start? You can also just type your question.`,
  help: `**How to talk to me**\n- Type a question, e.g. _How often is the virtual consultation hour?_\n- **canvas** – start or continue a Digital Learning Canvas (**continue**)\n- **booking** – book a slot with a CoDiLe, **my bookings** lists yours\n- **my data** – see, export or delete what I store about you\n- **deutsch** / **english** – switch language\n- **help** – this overview (inside a canvas: help with the current step; **menu** always shows this overview)`,
  'smalltalk.thanksBye': 'You are welcome – goodbye and see you soon! You can write to me any time.',
  'smalltalk.bye': 'Goodbye and see you soon! You can write to me any time.',
  'smalltalk.thanks':
    'You are welcome! If there is anything else, just type your next question – or pick one here:',
  'smalltalk.ack': 'Good! If you need anything else, just type your question – or pick one here:',
  'stray.yes':
    'Yes to what? I am not sure what this refers to. If I just asked you something with buttons, please tap the right one – or pick here how I can help:',
  'stray.no': 'All right – I have not changed anything. How can I help?',
  'turn.tooFast':
    'You are sending messages very quickly. Please wait a moment and try again – nothing was lost.',
  'turn.concurrent': 'Note: you continued somewhere else at the same time. Please check where you are.',
  'turn.help': 'Help',
  'turn.textTooLong':
    'Your message has {length} characters, more than the {max} I can take at once. Please shorten or split it. Nothing was lost.',
  'turn.inputTooLong': 'This input is too long.',
  'turn.fieldTooLong': 'A field is longer than {max} characters. Please shorten it.',
  'turn.empty': 'I received an empty message. Just type your question or “help”.',
  'turn.languageSet': 'Sure, I will answer in English from now on.',
  'failure.badCharacters':
    'Your input contained characters I cannot store; it was not saved. Please try again without special characters.',
  'failure.databaseDown':
    'The database is not reachable right now. Your input was not saved – please try again in a minute.',
  'failure.other':
    'Something went wrong on my side. What you entered before is saved – please try again or type “help”.',
  'data.state.label': 'Conversation state',
  'data.state.about':
    'Where you are in the conversation, e.g. a flow you started or your last question (for follow-ups).',
  'data.outbox.label': 'Notifications',
  'data.outbox.about':
    'Messages the bot sends you on its own: reminders, booking notices, answers from coaches.',
  'data.files.label': 'Files',
  'data.files.about': 'Files the bot makes for you: canvas exports, calendar invitations, data exports.',
  'data.profile.label': 'Profile',
  'data.profile.about':
    'Your id in the chat service, your display name, language and time zone, first and last contact.',
  'retention.state.label': 'Conversation state',
  'retention.state.after': 'your last message',
  'retention.outbox.label': 'Delivered notifications',
  'retention.outbox.after': 'they were created',
  'retention.files.label': 'Files',
  'retention.files.after': 'they were created',
} satisfies Record<keyof typeof de, string>;
