// German texts of the knowledge capability's learning flow (the reference catalogue; en.ts has the same keys).
export default {
  'learn.onlyCoaches':
    'Vorschläge aus Fragen sind für die Coaches für digitales Lernen (CoDiLe). Ihre eigene Frage können Sie mir aber jederzeit stellen.',
  'learn.none':
    'Zurzeit gibt es keine Vorschläge: Jede Frage ohne Antwort oder mit 👎 ist entschieden oder ähnelt keinem Eintrag der Wissensbasis.',
  'learn.suggestion': '„{question}“ ({count}×) ähnelt „{entry}“ — als Formulierung übernehmen?',
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
} as const;
