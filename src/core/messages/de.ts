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
} as const;
