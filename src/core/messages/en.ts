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
} satisfies Record<keyof typeof de, string>;
