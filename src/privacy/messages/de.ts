// German texts of "meine Daten" (the reference catalogue; en.ts must have the same keys and placeholders).
export default {
  'overview.nothing': '**Ihre Daten beim LoDiLe-Bot**\nIch habe derzeit keine Daten über Sie gespeichert.',
  'overview.held':
    '**Ihre Daten beim LoDiLe-Bot**\nDas habe ich über Sie gespeichert (in Klammern die Anzahl der Einträge):\n{lines}\n\n{rest, select, yes {Sonst habe ich nichts über Sie gespeichert. } other {}}Sie können alles als Datei herunterladen oder endgültig löschen lassen. Was ich grundsätzlich speichere und wie lange, steht in den [Datenschutzhinweisen]({notice}).',
  'overview.export': 'Daten exportieren',
  'overview.erase': 'Alle Daten löschen',
  'common.back': 'Zurück',
  'common.myData': 'Meine Daten',
  'export.done': 'Hier sind alle Daten, die ich über Sie gespeichert habe, als JSON-Datei.',
  'export.backToOverview': 'Zurück zur Übersicht',
  'erase.ask':
    '**Wirklich alles löschen?** Ihre Canvases, Buchungen, Fragen und Ihr Profil werden endgültig gelöscht; gebuchte Termine werden dabei storniert. Das lässt sich nicht rückgängig machen.',
  'erase.confirm': 'Ja, endgültig löschen',
  'erase.cancel': 'Abbrechen',
  'erase.cancelled': 'Gut, es bleibt alles, wie es ist.',
  'erase.stale':
    'Diese Bestätigung ist nicht mehr gültig. Es wurde nichts gelöscht. Wenn Sie Ihre Daten löschen möchten, fangen Sie bitte neu an.',
  'erase.done':
    'Erledigt: Ich habe alle Daten gelöscht, die ich über Sie gespeichert hatte. Wenn Sie mir wieder schreiben, beginnen wir von vorn.',
} as const;
