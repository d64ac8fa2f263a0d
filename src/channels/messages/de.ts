/** Texts the channels add around the core's replies (Slack, Teams): App Home, forms, stored-data labels. */
export default {
  'home.help': 'Hilfe',
  'home.intro':
    'Ich unterstütze Lots*innen für digitales Lernen: Fragen beantworten, die Digital Learning Canvas ausfüllen, Termine bei einem CoDiLe buchen. Schreiben Sie mir im Tab *Nachrichten* oder wählen Sie hier:',
  'home.canvases': 'Meine Canvases',
  'home.noCanvas': 'Sie haben noch keine Canvas begonnen.',
  'home.openCanvas': 'Canvas öffnen',
  'home.forCoaches': 'Für CoDiLe',
  'home.publish': 'Termin veröffentlichen',
  'home.coachBookings': 'Meine Sprechstunden',
  'home.bookings': 'Meine Termine',
  'home.noBookings': 'Sie haben keine Termine gebucht.',
  'home.nextSprechstunde': 'Nächste Sprechstunde',
  'home.noSprechstunde': 'Gerade ist keine Sprechstunde frei.',
  'home.book': 'Termin buchen',
  'home.unavailable': 'Gerade nicht abrufbar.',
  'slack.data.events.label': 'Slack: Kennungen bereits verarbeiteter Nachrichten (gegen doppelte Antworten)',
  'slack.data.events.after': 'dem Empfang',
  'slack.data.forms.label': 'Slack: offene Formulare und Auswahlen',
  'slack.data.forms.after': 'ihrer Erstellung',
  'slack.data.forms.about':
    'Formulare und Auswahlen, die der Bot Ihnen in Slack gezeigt hat, samt vorausgefüllter Angaben.',
  'teams.data.conversations.label': 'Teams-Unterhaltungen',
  'teams.data.conversations.about':
    'Wo der Bot Sie in Teams erreicht (Verweis auf Ihren Chat mit dem Bot), für Erinnerungen und Antworten.',
  'teams.data.cards.label': 'Teams-Karten',
  'teams.data.cards.about':
    'Karten, die der Bot Ihnen in Teams geschickt hat, damit jede nur einmal beantwortet werden kann.',
  'teams.data.cards.after': 'dem Senden',
  'slack.choose': 'Bitte wählen',
  'slack.chooseMore': 'Bitte wählen …',
  'slack.openForm': 'Formular öffnen',
  'slack.sources': '*Quellen:*',
  'slack.submit': 'Senden',
  'slack.cancel': 'Abbrechen',
  'slack.choosePerson': 'Person auswählen …',
  'slack.answerInDm': 'Ich antworte Ihnen in unserer Direktnachricht (App „LoDiLe-Bot“ → Nachrichten).',
  'slack.noFiles':
    'Dateien kann ich leider nicht lesen. Schreiben Sie mir Ihre Frage bitte als Text – oder „hilfe“.',
  'slack.thinking': '⏳ Einen Moment, ich denke nach …',
  'home.more': '… und {count} weitere',
} as const;
