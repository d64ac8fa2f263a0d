// German texts of /privacy and /terms (the reference catalogue; en.ts must have the same keys and placeholders).
// Some hold HTML (<strong>, <a>): the pages insert them unescaped, so only fixed markup belongs here.
export default {
  'common.privacy': 'Datenschutz',
  'common.terms': 'Nutzungsbedingungen',
  'common.operator': 'Betreiber',
  'page.note': 'Diese Seite erzeugt der Bot aus seiner aktuellen Konfiguration.',
  'operator.contact': 'Kontakt für Datenschutzfragen',
  'operator.noContact': 'Der Betreiber hat noch keine Kontaktangaben hinterlegt.',

  'privacy.title': 'Datenschutzhinweise',
  'privacy.controller.heading': 'Verantwortlich',
  'privacy.purpose.heading': 'Wofür der Bot Daten verarbeitet',
  'privacy.purpose.text':
    'Der LoDiLe-Bot beantwortet Fragen aus einer Wissensbasis, führt durch die Digital Learning Canvas und bucht Termine bei Coaches für digitales Lernen (CoDiLe). Dafür speichert er in seiner Datenbank:',
  'privacy.logs.debug':
    'Die Protokolle des Servers sind derzeit auf Fehlersuche eingestellt und können deshalb mehr Einzelheiten enthalten als im Normalbetrieb.',
  'privacy.logs.normal': 'Die Protokolle des Servers enthalten keine Nachrichtentexte und keine Namen.',
  'privacy.howLong.heading': 'Wie lange',
  'privacy.howLong.text': 'Der Bot löscht automatisch (er prüft alle {hours} Stunden):',
  'privacy.howLong.item': '{days} Tage nach {after}',
  'privacy.howLong.rest':
    'Alles Übrige, etwa Ihr Profil und Ihre Canvases, bleibt gespeichert, bis Sie es mit „meine Daten“ löschen.',
  'privacy.llm.heading': 'Sprachmodell (KI)',
  'privacy.llm.used':
    'Für Antworten auf Fragen nutzt der Bot ein Sprachmodell („{model}“) bei {host}. Dorthin gehen bei jeder Frage: Ihr Fragetext, bei einer Rückfrage die frühere Frage aus demselben Gespräch, auf die sie sich bezieht, und die dazu gefundenen Abschnitte der Wissensbasis. Ihre Kennung, Ihr Name und Ihre übrigen Daten werden nicht übermittelt.',
  'privacy.llm.embeddings':
    'Für die Suche berechnet {host} außerdem Vektoren (Embeddings, Modell „{model}“) aus den Abschnitten der Wissensbasis und aus Ihrem Fragetext.',
  'privacy.llm.none':
    'Kein Sprachmodell konfiguriert – es werden keine Daten an Dritte übermittelt. Antworten entstehen direkt aus der Wissensbasis auf diesem Server.',
  'privacy.whoSees.heading': 'Wer Ihre Angaben sieht',
  'privacy.whoSees.coach':
    'Bei einer Buchung sieht der Coach (CoDiLe) Ihren Namen, Ihr Thema und einen Canvas, den Sie anhängen.',
  'privacy.whoSees.handoff':
    'Wenn Sie eine Frage an die Coaches weitergeben lassen, erhalten alle eingetragenen Coaches Ihren Namen, Ihre Kennung, die Frage und die Antwort des Bots. Speichert ein Coach seine Antwort als Wissenseintrag, werden Ihre Frage (ohne Namen) und die Antwort Teil der Wissensbasis, die alle Nutzenden durchsuchen; dieser Eintrag bleibt auch, wenn Sie Ihre Daten löschen.',
  'privacy.whoSees.shared':
    'Einen Canvas, den Sie teilen, können die Personen lesen, mit denen Sie ihn teilen.',
  'privacy.channel.teams':
    'In Microsoft Teams laufen Ihre Nachrichten an den Bot über Microsoft (Teams und Azure Bot Service) und werden dort nach den Vereinbarungen Ihrer Organisation mit Microsoft verarbeitet.',
  'privacy.channel.slack':
    'In Slack laufen Ihre Nachrichten an den Bot über Slack und werden dort nach den Vereinbarungen Ihres Workspace mit Slack verarbeitet.',
  'privacy.channel.webChat':
    'Der Web-Chat dieses Servers merkt sich in Ihrem Browser (localStorage) eine zufällige Kennung und die letzten Nachrichten; „Neu beginnen“ löscht beides.',
  'privacy.rights.heading': 'Ihre Daten ansehen, exportieren, löschen',
  'privacy.rights.intro':
    'Schreiben Sie dem Bot „meine Daten“{slack, select, yes { (in Slack auch „/lodile daten“)} other {}}. Er zeigt, wie viele Einträge er je Bereich über Sie gespeichert hat, und bietet zwei Schaltflächen an:',
  'privacy.rights.export':
    '<strong>Daten exportieren</strong>: alle oben genannten Daten als JSON-Datei (Auskunft und Datenübertragbarkeit, Art. 15 und 20 DSGVO).',
  'privacy.rights.erase':
    '<strong>Alle Daten löschen</strong>: nach einer Rückfrage wird alles auf einmal endgültig gelöscht (Art. 17 DSGVO). Gebuchte Termine werden dabei storniert; der Coach erfährt nur, dass ein Platz frei wurde.',
  'privacy.rights.other':
    'Für Berichtigung, Einschränkung, Widerspruch und alle anderen Anliegen wenden Sie sich an den Betreiber (oben). Sie können sich außerdem bei einer Datenschutz-Aufsichtsbehörde beschweren.',

  'terms.purpose.heading': 'Wofür der Bot da ist',
  'terms.purpose.text':
    'Der LoDiLe-Bot unterstützt Lots*innen für digitales Lernen (LoDiLe) in kleinen und mittleren Unternehmen: Er beantwortet Fragen rund um LoDiLe, führt durch die Digital Learning Canvas und bucht Termine bei Coaches für digitales Lernen (CoDiLe).',
  'terms.answers.heading': 'Antworten',
  'terms.answers.text':
    'Die Antworten stammen aus der Wissensbasis des Betreibers{llm, select, yes { und werden von einem Sprachmodell formuliert} other {}}. Sie können unvollständig oder veraltet sein und sind keine Rechtsberatung. Prüfen Sie Wichtiges in den angegebenen Quellen oder fragen Sie einen CoDiLe.',
  'terms.bookings.heading': 'Buchungen',
  'terms.bookings.text':
    'Ein gebuchter Termin ist eine verbindliche Einladung des Coaches: Der Platz ist für Sie reserviert, und der Coach rechnet mit Ihnen. Wenn Sie nicht teilnehmen können, sagen Sie bitte im Chat ab – das geht bis {cutoff} vor Beginn; danach wenden Sie sich bitte direkt an den Coach.',
  // {hours} rather than "#": the number as written, without a thousands separator.
  'terms.cutoff.hours': '{hours, plural, one {{hours} Stunde} other {{hours} Stunden}}',
  'terms.cutoff.minutes': '{minutes} Minuten',
  'terms.fairUse.heading': 'Faire Nutzung',
  'terms.fairUse.text':
    'Bitte nutzen Sie den Bot nur für seinen Zweck und geben Sie keine Daten anderer Personen oder besonders schutzwürdige Angaben ein. Damit er für alle schnell bleibt, nimmt er je Person höchstens {perMinute} Nachrichten pro Minute und Nachrichten bis {maxLength} Zeichen an.',
  'terms.privacy.text':
    'Was der Bot speichert und wie Sie es löschen: <a href="/privacy?lang={locale}">Datenschutzhinweise</a>.',
} as const;
