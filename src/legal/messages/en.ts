import type de from './de.ts';

// English texts of /privacy and /terms (same keys and placeholders as de.ts).
export default {
  'common.privacy': 'Privacy',
  'common.terms': 'Terms of use',
  'common.operator': 'Operator',
  'page.note': 'The bot builds this page from its current configuration.',
  'operator.contact': 'Privacy contact',
  'operator.noContact': 'The operator has not entered any contact details yet.',

  'privacy.title': 'Privacy notice',
  'privacy.controller.heading': 'Controller',
  'privacy.purpose.heading': 'What the bot processes data for',
  'privacy.purpose.text':
    'LoDiLe-Bot answers questions from a knowledge base, guides you through the Digital Learning Canvas and books slots with coaches for digital learning (CoDiLe). For that it stores in its database:',
  'privacy.logs.debug':
    'The server’s logs are currently set to debugging and may therefore hold more detail than in normal operation.',
  'privacy.logs.normal': 'The server’s logs contain no message texts and no names.',
  'privacy.howLong.heading': 'How long',
  'privacy.howLong.text': 'The bot deletes automatically (it checks every {hours} hours):',
  'privacy.howLong.item': '{days} days after {after}',
  'privacy.howLong.rest':
    'Everything else, such as your profile and your canvases, is kept until you delete it with “meine Daten” (my data).',
  'privacy.llm.heading': 'Language model (AI)',
  'privacy.llm.used':
    'To answer questions the bot uses a language model (“{model}”) at {host}. For each question it receives: your question, for a follow-up the earlier question of the same conversation it refers to, and the passages of the knowledge base found for it. Your id, your name and your other data are not sent.',
  'privacy.llm.embeddings':
    'For search, {host} also computes vectors (embeddings, model “{model}”) from the knowledge passages and from your question.',
  'privacy.llm.none':
    'No language model is configured – no data is passed to third parties. Answers come straight from the knowledge base on this server.',
  'privacy.whoSees.heading': 'Who sees what you enter',
  'privacy.whoSees.coach':
    'When you book, the coach (CoDiLe) sees your name, your topic and a canvas you attach.',
  'privacy.whoSees.handoff':
    'When you have a question passed to the coaches, every registered coach gets your name, your id, the question and the bot’s answer. If a coach keeps the answer as a knowledge entry, your question (without your name) and the answer become part of the knowledge base everyone searches; that entry stays when you delete your data.',
  'privacy.whoSees.shared': 'A canvas you share can be read by the people you share it with.',
  'privacy.channel.teams':
    'In Microsoft Teams your messages to the bot pass through Microsoft (Teams and Azure Bot Service) and are processed there under your organisation’s agreements with Microsoft.',
  'privacy.channel.slack':
    'In Slack your messages to the bot pass through Slack and are processed there under your workspace’s agreements with Slack.',
  'privacy.channel.webChat':
    'The web chat on this server keeps a random id and the latest messages in your browser (localStorage); “Neu beginnen” (start over) removes both.',
  'privacy.rights.heading': 'See, export and delete your data',
  'privacy.rights.intro':
    'Write “my data” to the bot{slack, select, yes { (in Slack also “/lodile daten”)} other {}}. It shows how many entries it holds about you in each area and offers two buttons:',
  'privacy.rights.export':
    '<strong>Export data</strong>: all data listed above as a JSON file (access and portability, GDPR Art. 15 and 20).',
  'privacy.rights.erase':
    '<strong>Delete all data</strong>: after a confirmation everything is deleted for good at once (GDPR Art. 17). Booked slots are cancelled; the coach only learns that a seat came free.',
  'privacy.rights.other':
    'For rectification, restriction, objection and anything else, contact the operator (above). You may also complain to a data protection supervisory authority.',

  'terms.purpose.heading': 'What the bot is for',
  'terms.purpose.text':
    'LoDiLe-Bot supports guides for digital learning (LoDiLe) in small and medium-sized companies: it answers questions about LoDiLe, guides you through the Digital Learning Canvas and books slots with coaches for digital learning (CoDiLe).',
  'terms.answers.heading': 'Answers',
  'terms.answers.text':
    'Answers come from the operator’s knowledge base{llm, select, yes { and are worded by a language model} other {}}. They may be incomplete or out of date and are no legal advice. Check what matters in the sources given, or ask a CoDiLe.',
  'terms.bookings.heading': 'Bookings',
  'terms.bookings.text':
    'A booked slot is a binding invitation from the coach: the seat is reserved for you and the coach expects you. If you cannot attend, please cancel in the chat – possible up to {cutoff} before the start; after that, please contact the coach directly.',
  'terms.cutoff.hours': '{hours, plural, one {{hours} hour} other {{hours} hours}}',
  'terms.cutoff.minutes': '{minutes} minutes',
  'terms.fairUse.heading': 'Fair use',
  'terms.fairUse.text':
    'Please use the bot only for its purpose and do not enter other people’s data or sensitive information. To stay fast for everyone it accepts at most {perMinute} messages per minute per person, and messages of up to {maxLength} characters.',
  'terms.privacy.text':
    'What the bot stores and how to delete it: <a href="/privacy?lang={locale}">privacy notice</a>.',
} satisfies Record<keyof typeof de, string>;
