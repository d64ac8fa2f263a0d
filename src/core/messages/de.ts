// German texts of the core (the reference catalogue; en.ts must have the same keys and placeholders).
export default {
  'action.expired': 'Diese Schaltfläche ist nicht mehr gültig. Hier geht es weiter:',
  'menu.ask': 'Frage stellen',
  'menu.canvas': 'Canvas ausfüllen',
  'menu.booking': 'Sprechstunde buchen',
  greeting: `Hallo{name}! Ich bin der LoDiLe-Bot und unterstütze Lots*innen für digitales Lernen (LoDiLe). Ich kann:\n- **Fragen beantworten** rund um LoDiLe, CoDiLe, SAMR, die Digital Learning Community und mehr\n- mit Ihnen Schritt für Schritt eine **Digital Learning Canvas ausfüllen**\n- einen Termin in der **Sprechstunde** oder im E-Coaching mit einem Coach für digitales Lernen (CoDiLe) **buchen**\n\nWomit möchten Sie anfangen? Sie können auch einfach Ihre Frage schreiben.`,
  help: `**So sprechen Sie mit mir**\n- Schreiben Sie eine Frage, z. B. _Wie oft ist die virtuelle Sprechstunde?_\n- **canvas** – eine Digital Learning Canvas beginnen oder fortsetzen (**weiter**)\n- **termin** – einen Termin bei einem CoDiLe buchen, **meine termine** zeigt Ihre Buchungen\n- **meine daten** – sehen, exportieren oder löschen, was ich über Sie gespeichert habe\n- **english** / **deutsch** – Sprache wechseln\n- **hilfe** – diese Übersicht (in einer Canvas: Hilfe zum aktuellen Schritt; **menü** zeigt immer diese Übersicht)`,
  'smalltalk.thanksBye': 'Gern geschehen – tschüss und bis bald! Sie können mir jederzeit wieder schreiben.',
  'smalltalk.bye': 'Tschüss und bis bald! Sie können mir jederzeit wieder schreiben.',
  'smalltalk.thanks':
    'Gern geschehen! Wenn Sie noch etwas wissen möchten, schreiben Sie einfach Ihre nächste Frage – oder wählen Sie hier:',
  'smalltalk.ack':
    'Gut! Wenn Sie noch etwas brauchen, schreiben Sie einfach Ihre Frage – oder wählen Sie hier:',
  'stray.yes':
    'Wozu „ja“? Ich weiß gerade nicht, worauf sich das bezieht. Falls ich Ihnen eben eine Frage mit Schaltflächen gestellt habe, tippen Sie bitte auf die passende – oder wählen Sie hier, womit ich helfen kann:',
  'stray.no': 'Alles klar – ich habe nichts verändert. Womit kann ich helfen?',
  'turn.tooFast':
    'Sie schreiben mir gerade sehr schnell hintereinander. Bitte warten Sie einen Moment und versuchen Sie es dann noch einmal – es ist nichts verloren gegangen.',
  'turn.concurrent':
    'Hinweis: Sie haben gleichzeitig an anderer Stelle weitergemacht. Bitte prüfen Sie den aktuellen Stand.',
  'turn.help': 'Hilfe',
  'turn.textTooLong':
    'Ihre Nachricht ist mit {length} Zeichen zu lang – ich kann höchstens {max} Zeichen auf einmal verarbeiten. Bitte kürzen Sie sie oder teilen Sie sie auf. Es ist nichts verloren gegangen.',
  'turn.inputTooLong': 'Diese Eingabe ist zu lang.',
  'turn.fieldTooLong': 'Ein Feld ist länger als {max} Zeichen. Bitte kürzen Sie es.',
  'turn.empty': 'Ich habe keine Nachricht erhalten. Schreiben Sie mir einfach Ihre Frage oder „hilfe“.',
  'turn.languageSet': 'Alles klar, ich antworte ab jetzt auf Deutsch.',
  'failure.badCharacters':
    'Ihre Eingabe enthielt Zeichen, die ich nicht speichern kann; sie wurde nicht gespeichert. Bitte versuchen Sie es ohne Sonderzeichen noch einmal.',
  'failure.databaseDown':
    'Die Datenbank ist gerade nicht erreichbar. Ihre Eingabe wurde nicht gespeichert – bitte versuchen Sie es in einer Minute noch einmal.',
  'failure.other':
    'Da ist bei mir etwas schiefgegangen. Ihre bisherigen Eingaben sind gespeichert – bitte versuchen Sie es noch einmal oder schreiben Sie „hilfe“.',
  // What the core stores (privacy notice and "meine Daten").
  'data.state.label': 'Gesprächsstand',
  'data.state.about':
    'Wo Sie im Gespräch gerade stehen, z. B. ein begonnener Ablauf oder Ihre letzte Frage (für Rückfragen).',
  'data.outbox.label': 'Benachrichtigungen',
  'data.outbox.about':
    'Nachrichten, die der Bot Ihnen von sich aus schickt: Erinnerungen, Hinweise zu Buchungen, Antworten von Coaches.',
  'data.files.label': 'Dateien',
  'data.files.about':
    'Dateien, die der Bot für Sie erstellt: Canvas-Exporte, Kalendereinladungen, Datenexporte.',
  'data.profile.label': 'Profil',
  'data.profile.about':
    'Ihre Kennung im Chatdienst, Ihr Anzeigename, Sprache und Zeitzone, erster und letzter Kontakt.',
  // What the core deletes after a while: "<label> – N Tage nach <after>".
  'retention.state.label': 'Gesprächsstand',
  'retention.state.after': 'Ihrer letzten Nachricht',
  'retention.outbox.label': 'Zugestellte Benachrichtigungen',
  'retention.outbox.after': 'ihrer Erstellung',
  'retention.files.label': 'Dateien',
  'retention.files.after': 'ihrer Erstellung',
} as const;
