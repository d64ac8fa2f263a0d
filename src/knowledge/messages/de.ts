// German texts of the knowledge capability (the reference catalogue; en.ts has the same keys and placeholders).
export default {
  // --- asking and answering ---
  'common.askQuestion': 'Frage stellen',
  'common.anotherQuestion': 'Weitere Frage',
  'common.rephrase': 'Umformulieren',
  'common.bookSession': 'Termin buchen',
  'common.backToMenu': 'Zurück zum Menü',
  'common.askCoach': 'Coach fragen',
  'common.openQuestions': 'Offene Fragen',
  'common.questionGone': 'Diese Frage finde ich nicht mehr. Stellen Sie sie gern einfach noch einmal.',
  'ask.prompt':
    'Was möchten Sie wissen? Schreiben Sie Ihre Frage einfach hier in den Chat, zum Beispiel: _Wie oft findet die virtuelle Sprechstunde statt?_',
  'ask.readAs': '_(Gelesen als {list})_',
  'ask.nothingFound':
    'Dazu habe ich nichts in meiner Wissensbasis. Sie können die Frage anders formulieren, eine Digital Learning Canvas beginnen, einen Coach für digitales Lernen (CoDiLe) fragen oder einen Termin buchen.',
  'ask.didYouMean':
    'Darauf habe ich keine sichere Antwort. Meinten Sie eine dieser Fragen? Sonst können Sie die Frage anders formulieren, einen Coach für digitales Lernen (CoDiLe) fragen oder einen Termin buchen.',
  'ask.startCanvas': 'Canvas starten',
  'ask.more': 'Mehr dazu',
  // --- feedback ---
  'feedback.thanks': 'Danke für Ihr Feedback! 👍',
  'feedback.offerCoach':
    'Danke, das hilft uns, die Wissensbasis zu verbessern. Soll ich Ihre Frage an einen Coach für digitales Lernen (CoDiLe) weitergeben? Sie können sie auch anders formulieren.',
  // --- hand-off to the coaches ---
  'handoff.noCoach':
    'Gerade ist leider kein Coach für digitales Lernen (CoDiLe) über den Chat erreichbar. Sie können einen Termin in der Sprechstunde buchen.',
  'handoff.passed':
    'Ich habe Ihre Frage an die Coaches für digitales Lernen (CoDiLe) weitergegeben. Sobald jemand antwortet, bekommen Sie die Antwort hier im Chat.',
  'handoff.alreadyAnswered':
    'Diese Frage haben Sie bereits an die Coaches weitergegeben, und die Antwort ist schon da:\n\n{answer}',
  'handoff.alreadyPassed':
    'Diese Frage habe ich bereits an die Coaches für digitales Lernen (CoDiLe) weitergegeben. Sobald jemand antwortet, bekommen Sie die Antwort hier im Chat.',
  // Coach-side texts below marked "German for every reader" are rendered in German whatever the reader's
  // language (as they always were); the English versions are ready for when they follow it.
  // German for every reader: the notice to the coaches.
  'notice.title': '**Neue Frage an die Coaches für digitales Lernen**',
  'notice.from': 'Von: {asker}',
  'notice.question': 'Frage: „{question}“',
  'notice.context': 'Vorherige Frage im Gespräch: „{context}“',
  'notice.noAnswer': 'Der Bot hatte dazu nichts in seiner Wissensbasis.',
  'notice.botAnswer': 'Antwort des Bots: {answer}',
  'notice.reply': 'Antworten',
  'notice.openQuestions': 'Offene Fragen',
  // --- open questions (coaches) ---
  'open.onlyCoaches':
    'Die Liste der offenen Fragen ist nur für Coaches für digitales Lernen (CoDiLe). Haben Sie selbst eine Frage? Schreiben Sie sie einfach hier in den Chat – finde ich keine Antwort, kann ich sie an die Coaches weitergeben.',
  'open.none': 'Zurzeit ist keine Frage offen – alle weitergegebenen Fragen sind beantwortet.',
  'open.headerSome':
    '**Offene Fragen: {total}** – hier die {shown} ältesten. Beantwortete verschwinden aus der Liste.',
  'open.headerAll': '**Offene Fragen: {total}** – die älteste zuerst.',
  'open.from': 'Von {from}, {when}',
  'open.context': 'Vorherige Frage: „{context}“',
  'open.reply': 'Antworten',
  // --- the coach's answer ---
  'reply.onlyCoaches':
    'Auf weitergeleitete Fragen können nur Coaches für digitales Lernen (CoDiLe) antworten.',
  'reply.formHint': 'Schreiben Sie Ihre Antwort in das Formular – oder einfach direkt hier in den Chat.',
  'reply.draft':
    'Ihre Antwort auf die Frage „{question}“:\n\n{draft}\n\nSoll ich sie so senden? Schreiben Sie weiter, hänge ich es an.',
  'reply.send': 'Senden',
  'reply.edit': 'Ändern',
  'reply.doNotSend': 'Nicht senden',
  'reply.discarded':
    'Gut, Ihre Antwort wurde nicht gesendet; die Frage bleibt offen. War Ihre Nachricht eine Frage an mich? Dann schreiben Sie sie einfach noch einmal.',
  'reply.answerAfterAll': 'Doch antworten',
  'reply.questionGone': 'Diese Frage gibt es nicht mehr.',
  'reply.notSent': 'Ihr Text wurde deshalb nicht gesendet:\n\n{text}',
  // German for every reader: the answer form, its checks, and what the coach is told after sending.
  'reply.question': 'Frage: „{question}“',
  'reply.formTitle': 'Antwort an die Lotsin / den Lotsen',
  'reply.formAnswer': 'Ihre Antwort',
  'reply.formKeep': 'Als Wissenseintrag für künftige Fragen speichern?',
  'reply.no': 'Nein',
  'reply.yes': 'Ja',
  'reply.submit': 'Antwort senden',
  'reply.empty': 'Bitte schreiben Sie eine Antwort.',
  'reply.tooLong': 'Bitte höchstens {max} Zeichen (jetzt {length}).',
  'reply.alreadyAnswered': 'Diese Frage wurde bereits beantwortet:\n\n{answer}',
  'reply.sent': 'Danke! Ihre Antwort ist an die Fragestellerin / den Fragesteller unterwegs.',
  'reply.sentAndKept': 'Danke! Die Antwort ist unterwegs und steht ab jetzt auch in der Wissensbasis.',
  'reply.askKeep': 'Soll sie auch als Wissenseintrag für künftige Fragen gespeichert werden?',
  'reply.keep': 'Als Wissenseintrag speichern',
  'reply.kept':
    'Gespeichert: Die Antwort steht ab jetzt in der Wissensbasis und wird bei ähnlichen Fragen gefunden.',
  'reply.keptTitle': 'Antwort eines CoDiLe › {question}',
  // German for every reader: the answer as it reaches the asker.
  'delivery.answer': '**Antwort von {coach} (CoDiLe)** auf Ihre Frage „{question}“:\n\n{answer}',
  'delivery.someCoach': 'einem Coach für digitales Lernen',
  'delivery.anotherQuestion': 'Weitere Frage',
  'delivery.bookSession': 'Termin buchen',
  // --- learning from use ---
  'learn.onlyCoaches':
    'Vorschläge aus Fragen sind für die Coaches für digitales Lernen (CoDiLe). Ihre eigene Frage können Sie mir aber jederzeit stellen.',
  'learn.none':
    'Zurzeit gibt es keine Vorschläge: Jede Frage ohne Antwort oder mit 👎 ist entschieden oder ähnelt keinem Eintrag der Wissensbasis.',
  'learn.suggestion': '„{question}“ ({count}×) ähnelt „{entry}“ — als Formulierung übernehmen?',
  'learn.picked': '{count}× haben Fragende diese Antwort unter „Meinten Sie …?“ gewählt.',
  'learn.samples': 'Ähnlich gefragt: {samples}',
  'learn.entryAnswer': 'Antwort des Eintrags: {answer}',
  'learn.accept': 'Übernehmen',
  'learn.reject': 'Nicht übernehmen',
  'learn.open': 'Vorschläge aus Fragen',
  'learn.next': 'Weiter',
  'learn.coachMenu': 'Coach-Menü',
  'learn.accepted': 'Übernommen: Wer künftig „{question}“ fragt, bekommt gleich die Antwort zu „{entry}“.',
  'learn.rejected': 'Nicht übernommen – dieser Vorschlag kommt nicht wieder.',
  'learn.already.accepted': 'Dieser Vorschlag ist schon übernommen (von {by}).',
  'learn.already.rejected': 'Dieser Vorschlag ist schon abgelehnt (von {by}).',
  'learn.gone': 'Diesen Vorschlag gibt es nicht mehr.',
  'learn.entryGone':
    'Den Eintrag „{entry}“ gibt es nicht mehr in der Wissensbasis; der Vorschlag bleibt offen.',
  'learn.invalid': 'Diese Schaltfläche ist nicht mehr gültig. Öffnen Sie die Vorschläge gern neu.',
  'data.questions.label': 'Gestellte Fragen und Bewertungen',
  'data.questions.about': 'Ihre Fragen mit der Antwort des Bots, den Quellen und Ihrer Bewertung (👍/👎).',
  'data.questions.after': 'der Frage',
  'data.handoffs.label': 'An Coaches weitergegebene Fragen',
  'data.handoffs.about': 'Fragen, die Sie an die Coaches weitergeben ließen, mit deren Antwort.',
  'data.handoffs.after': 'der Weitergabe',
} as const;
