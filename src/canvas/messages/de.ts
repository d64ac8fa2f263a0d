// German texts of the canvas (the reference catalogue; en.ts must have the same keys and placeholders).
export default {
  'export.picture':
    'Hier ist Ihre Canvas „{title}“ als {format, select, png {Bild} other {PDF}} (eine Seite, A4 quer).',
  'common.saved': '✓ Gespeichert.',
  'common.thisCanvasWasShared':
    'Diese Canvas wurde nur zum Lesen mit Ihnen geteilt – ändern kann sie nur die Person, der sie gehört.',
  'common.view': 'Ansehen',
  'common.thatButtonIsFrom':
    'Diese Schaltfläche stammt aus einer älteren Nachricht – ich habe nichts verändert. Hier ist der aktuelle Stand:',
  'common.thisCanvasWasJust':
    'Diese Canvas wurde gerade an anderer Stelle geändert; Ihre letzte Eingabe habe ich deshalb nicht gespeichert. Hier ist der aktuelle Stand:',
  'common.toTheSummary': 'Zur Zusammenfassung',
  'common.myCanvases': 'Meine Canvases',
  'common.thisCanvasDoesNot': 'Diese Canvas gibt es nicht (mehr), oder sie wurde nicht mit Ihnen geteilt.',
  'common.youHaveNoCanvas': 'Sie haben noch keine Canvas.',
  'common.startACanvas': 'Canvas beginnen',
  'help.fromTheKnowledgeBase': '**Aus der Wissensbasis:**',
  'help.aboutThisStep': 'Zu diesem Schritt',
  'help.example': 'Beispiel',
  'help.justTypeYourAnswer':
    'Schreiben Sie Ihre Antwort auf Schritt {step} einfach als nächste Nachricht – oder überspringen Sie ihn und ergänzen ihn später.',
  'help.noProblemThatIs':
    'Kein Problem – dafür bin ich da. Gespeichert habe ich nichts. Hier ist etwas Hilfe zu diesem Schritt:',
  'help.useAsMilestone': 'Als Meilenstein übernehmen',
  'help.useAsMyAnswer': 'Als Antwort übernehmen',
  'help.iCannotFindAnything':
    'Dazu finde ich in meiner Wissensbasis leider nichts Passendes. Eine CoDiLe hilft gern weiter, z. B. in der virtuellen Sprechstunde.',
  'help.questionNotSavedAsMilestone':
    'Ihre Frage habe ich nicht als Meilenstein gespeichert. Weiter mit Ihrer Canvas:',
  'help.questionNotSavedAsAnswer':
    'Ihre Frage habe ich nicht als Antwort gespeichert. Weiter mit Ihrer Canvas:',
  'help.samrLevel': 'SAMR-Stufe',
  'help.questionOrMilestone': 'Ist das eine Frage an mich oder Ihr Meilenstein für die Roadmap?',
  'help.questionOrAnswer': 'Ist das eine Frage an mich oder Ihre Antwort für das Feld „{field}“?',
  'help.youWrote': 'Sie haben geschrieben',
  'help.answerTheQuestion': 'Frage beantworten',
  'manage.remindersAreOff': 'Erinnerungen sind ausgeschaltet.',
  'manage.iWillRemindYou':
    'Ich erinnere Sie an Ihre {milestones} Meilensteine: {days} Tage vorher und am Tag selbst, jeweils um 9 Uhr ({planned} Erinnerungen geplant). Ändern Sie einen Meilenstein, passe ich die Erinnerungen an.',
  'manage.allMilestonesAreToo':
    'Alle Meilensteine liegen zu nah oder in der Vergangenheit – es gibt nichts mehr zu erinnern.',
  'manage.turnRemindersOff': 'Erinnerungen ausschalten',
  'manage.whatWouldYouLike': 'Was möchten Sie mit „{title}“ tun?',
  'manage.rename': 'Umbenennen',
  'manage.unarchive': 'Aus dem Archiv holen',
  'manage.archive': 'Archivieren',
  'manage.delete': 'Löschen',
  'manage.backToTheList': 'Zurück zur Liste',
  'manage.newNameFor': 'Neuer Name für „{title}“:',
  'manage.name': 'Name',
  'manage.pleaseANameOf': 'Bitte einen Namen mit 1 bis 200 Zeichen.',
  'manage.renamedTo': 'Umbenannt in „{title}“.',
  'manage.isArchivedItIs': '„{title}“ ist archiviert. Sie finden sie weiter unter „meine canvases“.',
  'manage.isActiveAgain': '„{title}“ ist wieder aktiv.',
  'manage.doYouReallyWant':
    'Möchten Sie „{title}“ wirklich endgültig löschen? Alle Antworten und Meilensteine gehen verloren.',
  'manage.yesDeleteForGood': 'Ja, endgültig löschen',
  'manage.noKeepIt': 'Nein, behalten',
  'manage.fineIsKept': 'Gut, „{title}“ bleibt erhalten.',
  'manage.isDeleted': '„{title}“ ist gelöscht.',
  'roadmap.thisMilestoneNoLonger': 'Diesen Meilenstein gibt es nicht mehr.',
  'roadmap.thisSuggestionIsOut':
    'Dieser Vorschlag ist nicht mehr aktuell – ich habe nichts gespeichert. Hier ist Ihre Roadmap:',
  'roadmap.editPicked':
    'Ändern Sie die Angaben und speichern Sie – oder schreiben Sie einfach, was sich an „{what}“ ändert, z. B. „Ende Januar“ für ein neues Datum:',
  'roadmap.milestoneRemoved': 'Meilenstein „{what}“ entfernt.',
  'roadmap.yourRoadmapIsDone': 'Ihre Roadmap ist fertig.',
  'roadmap.youHaveNotEntered':
    'Sie haben noch keinen Meilenstein eingetragen. Möchten Sie die Roadmap überspringen? Sie können sie jederzeit mit „Roadmap ändern“ nachtragen.',
  'roadmap.yesSkipTheRoadmap': 'Ja, Roadmap überspringen',
  'roadmap.orEnterAMilestone': 'Oder tragen Sie jetzt einen Meilenstein ein:',
  'roadmap.fineThenEnterYour': 'Gut, dann tragen Sie Ihren ersten Meilenstein ein.',
  'roadmap.byWhenShouldBe':
    'Bis wann soll „{what}“ erledigt sein? Schreiben Sie einfach das Datum – z. B. „Ende Mai“, „in 6 Wochen“ oder „15.03.2027“ – oder ergänzen Sie es im Formular.',
  'roadmap.proposal.change': 'So würde ich den Meilenstein ändern:',
  'roadmap.proposal.new': 'So habe ich Ihren Meilenstein verstanden:',
  'roadmap.isThatRight': 'Stimmt das so?',
  'roadmap.saveIt': 'Übernehmen',
  'roadmap.change': 'Ändern',
  'roadmap.correction':
    'Ändern Sie die Angaben und speichern Sie – oder schreiben Sie einfach, was sich ändert (z. B. nur das Datum):',
  'roadmap.pleaseDescribeTheMilestone': 'Bitte beschreiben Sie den Meilenstein.',
  'roadmap.atMost300': 'Höchstens 300 Zeichen.',
  'roadmap.atMost200': 'Höchstens 200 Zeichen.',
  'roadmap.pleaseSayByWhen': 'Bitte geben Sie an, bis wann.',
  'roadmap.isInThePast': 'Der {date} liegt in der Vergangenheit. Ein Meilenstein braucht ein Datum ab heute.',
  'roadmap.isNotAValid': '„{when}“ ist kein gültiges Datum. Bitte prüfen Sie Tag und Monat.',
  'roadmap.iDoNotUnderstand':
    '„{when}“ verstehe ich nicht als Datum. Möglich sind z. B. 15.03.2027, 15.3., Ende April, Mitte Mai, in 6 Wochen, nächsten Freitag oder KW 12.',
  'roadmap.theMilestoneIsNot': 'Der Meilenstein ist noch nicht gespeichert:',
  'roadmap.milestone': 'Meilenstein',
  'roadmap.by': 'bis',
  'roadmap.responsible': 'verantwortlich',
  'roadmap.theMilestoneIsAlready':
    'Der Meilenstein „{what}“ ist bereits gespeichert (bis {date}{whoNote}) – ich habe ihn nicht noch einmal angelegt.',
  'start.youHaveACanvas':
    'Sie haben eine angefangene Canvas: „{title}“ (Schritt {step} von {count}). Möchten Sie dort weitermachen oder eine neue beginnen?',
  'start.continue': 'Weitermachen',
  'start.newCanvas': 'Neue Canvas',
  'start.allMyCanvases': 'Alle meine Canvases',
  'start.canvasOf': 'Canvas vom {date}',
  'start.greatThatYouAre':
    'Schön, dass Sie eine **Digital Learning Canvas** ausfüllen! Wir gehen die zehn Felder Schritt für Schritt durch. Ihre Antworten werden nach jedem Schritt gespeichert; Sie können jederzeit pausieren und mit „weiter“ fortsetzen.',
  'start.youHaveNoCanvas': 'Sie haben keine angefangene Canvas. Möchten Sie eine neue beginnen?',
  'start.letSContinueWith': 'Weiter geht’s mit „{title}“.',
  'steps.hereIsTheCurrent': 'Hier ist der aktuelle Stand Ihrer Canvas.',
  'steps.doneYouWentThrough': '**Geschafft!** Ihre Canvas ist durchlaufen. Hier ist die Zusammenfassung:',
  'steps.theAnswerIsEmpty':
    'Die Antwort ist leer oder zu kurz. Schreiben Sie bitte ein paar Worte – oder überspringen Sie den Schritt.',
  'steps.isNotASamr':
    '„{answer}“ ist keine SAMR-Stufe. Bitte wählen Sie eine aus der Liste oder „Ohne Einordnung weiter“. Ihre Antwort zum Lernmedium ändern Sie mit „Zurück“.',
  'steps.soYouCanCheck':
    'Damit Sie später prüfen können, ob das Ziel erreicht ist, ein paar Fragen dazu (SMART):',
  'steps.feelFreeToRewrite': 'Schreiben Sie das Ziel gern noch einmal neu – oder übernehmen Sie es so.',
  'steps.keepThisGoal': 'Ziel so übernehmen',
  'steps.yourGoalIsSmart': 'Ihr Ziel ist SMART formuliert – prima.',
  'steps.thisIsAlreadyThe': 'Sie sind schon beim ersten Schritt.',
  'steps.pausedYourCanvasIs':
    'Pausiert. Ihre Canvas „{title}“ ist bei Schritt {step} von {count} gespeichert. Schreiben Sie „weiter“, wann immer Sie fortsetzen möchten – auch in ein paar Tagen.',
  'steps.continue': 'Weiter',
  'typed.helpWithThisStep': 'Hilfe zu diesem Schritt (das allgemeine Menü bekommen Sie mit „menü“):',
  'typed.isNotACanvas': '„{word}“ ist kein Feld der Canvas. Ändern können Sie: {fields}.',
  'typed.iDoNotKnow':
    'Den Befehl „{command}“ kenne ich hier nicht. Sie sind mitten in Ihrer Canvas – Ihre Antworten bleiben gespeichert.',
  'typed.youAreWelcomeLet': 'Gern geschehen! Weiter geht’s:',
  'typed.helloWeAreIn': 'Hallo! Wir sind mitten in Ihrer Canvas:',
  'typed.goodHereWeGo': 'Gut. Hier geht es weiter:',
  'views.back': '← Zurück',
  'views.skip': 'Überspringen',
  'views.pause': 'Pausieren',
  'views.help': 'Hilfe',
  'views.stepOf': 'Schritt {step} von {count}',
  'views.questionOf': 'Frage {n} von 3',
  'views.soFar': 'Bisher',
  'views.typeANewAnswer': '– schreiben Sie eine neue Antwort, um sie zu ersetzen.',
  'views.keepAnswer': 'Antwort beibehalten',
  'views.optionalWhereOnThe':
    'Optional: Auf welcher Stufe des SAMR-Modells sehen Sie Ihr Lernmedium? Substitution und Augmentation verbessern das Lernen, Modification und Redefinition verändern es grundlegend.',
  'views.chooseASamrLevel': 'SAMR-Stufe wählen',
  'views.continueWithout': 'Ohne Einordnung weiter',
  'views.changeMilestone': 'Meilenstein ändern',
  'views.addAMilestone': 'Meilenstein hinzufügen',
  'views.form.what': 'Was?',
  'views.byWhen': 'Bis wann?',
  'views.eGEndOf': 'z. B. 15.03.2027, Ende April, in 6 Wochen',
  'views.whoIsResponsible': 'Wer ist verantwortlich?',
  'views.save': 'Speichern',
  'views.card.what': 'Was',
  'views.by': 'Bis',
  'views.who': 'Wer',
  'views.roadmapDoneContinue': 'Roadmap fertig – weiter',
  'views.changeAMilestone': 'Meilenstein ändern',
  'views.removeAMilestone': 'Meilenstein entfernen',
  'views.yourMilestones': 'Ihre Meilensteine',
  'views.noMilestonesYet': 'Noch keine Meilensteine.',
  'views.newMilestone': 'Neuer Meilenstein:',
  'views.pick.edit': 'Welchen Meilenstein möchten Sie ändern?',
  'views.pick.remove': 'Welchen Meilenstein möchten Sie entfernen?',
  'views.cancel': 'Abbrechen',
  'views.digitalLearningCanvas': 'Digital Learning Canvas',
  'views.sharedWithYouRead': '_Mit Ihnen geteilt – nur lesen._',
  'views.summary.open': '_offen_',
  'views.openPoints': 'Offene Punkte',
  'views.exportAsMarkdown': 'Als Markdown exportieren',
  'views.asImagePng': 'Als Bild (PNG)',
  'views.asPdf': 'Als PDF',
  'views.shareWithACodile': 'Mit CoDiLe oder Kolleg*in teilen',
  'views.bookECoachingAbout': 'E-Coaching dazu buchen',
  'views.remindMeOfMilestones': 'An Meilensteine erinnern',
  'views.renameArchiveDelete': 'Umbenennen / archivieren / löschen',
  'views.changeAField': 'Feld ändern',
  'views.summary.openMark': ' (offen)',
  'views.startANewCanvas': 'Neue Canvas beginnen',
  'views.sharedByReadOnly': 'geteilt von {owner}, nur lesen',
  'views.archived': 'archiviert',
  'views.completed': 'fertig',
  'views.list.stepOf': 'Schritt {step} von {count}',
  'views.yourCanvases': 'Ihre Canvases',
  'views.list.open': 'Öffnen',
  'views.renameArchiveOrDelete': 'Umbenennen, archivieren oder löschen:',
  'views.manageACanvas': 'Canvas verwalten',
  'views.yourAnswerHasCharacters':
    'Ihre Antwort hat {length} Zeichen – in ein Feld passen höchstens {max}. Ich habe Ihren Text vorläufig aufgehoben, es geht nichts verloren. Schicken Sie eine kürzere Fassung oder übernehmen Sie ihn gekürzt; wegfallen würde: „{cutOff}“',
  'views.takeItShortened': 'Gekürzt übernehmen',
  'share.whoDoYouWant':
    'Mit wem möchten Sie „{title}“ teilen? Die Person kann die Canvas lesen, aber nicht ändern.\n\nNennen Sie sie im Formular – oder schreiben Sie mir hier einfach ihren Namen, so wie der Chat ihn anzeigt, oder erwähnen Sie sie mit @.',
  'share.person': 'Person',
  'share.nameOrMention': 'Name oder @Erwähnung',
  'share.share': 'Teilen',
  'share.nobodyCalled':
    'Ich kenne niemanden namens „{asked}“. Ich finde nur Personen, die mir schon einmal geschrieben haben. Schreiben Sie den Namen so, wie der Chat ihn anzeigt, oder erwähnen Sie die Person mit @. Kennt sie mich noch nicht, bitten Sie sie, mir kurz „hallo“ zu schreiben.',
  'share.pleaseNameAPerson':
    'Bitte nennen Sie eine Person: ihren Namen, eine @-Erwähnung oder ihre Nutzer-ID.',
  'share.fineIWillNot': 'Gut, ich teile die Canvas nicht.',
  'share.theCanvasIsAlready': 'Die Canvas gehört Ihnen bereits.',
  'share.sharedTheDigitalLearning':
    '{sharer} hat die Digital Learning Canvas „{title}“ mit Ihnen geteilt (nur lesen).',
  'share.viewCanvas': 'Canvas ansehen',
  'share.iHaveLetThem': 'Ich habe der Person Bescheid gegeben.',
  'share.theyHaveNeverWritten':
    'Die Person hat noch nie mit mir geschrieben; sobald sie sich meldet, findet sie die Canvas unter „meine canvases“.',
  'share.isNowSharedWith': '„{title}“ ist jetzt mit {who} geteilt (nur lesen).',
  'share.backToTheSummary': 'Zur Zusammenfassung',
  'share.youMentionedSeveralPeople':
    'Sie haben mehrere Personen erwähnt. Mit wem möchten Sie „{title}“ teilen?',
  'share.thereAreSeveralPeople': 'Es gibt mehrere Personen namens „{asked}“. Wen meinen Sie?',
  'share.notExactly': 'Ich kenne niemanden, der genau „{asked}“ heißt. Meinen Sie eine dieser Personen?',
  'share.thereAreMoreMatches':
    'Es gibt noch weitere Treffer – ist die Person nicht dabei, schreiben Sie den Namen genauer.',
  'reminders.responsible': ' (verantwortlich: {who})',
  'reminders.reminderTheMilestoneOf':
    '⏰ Erinnerung: Der Meilenstein **{what}** aus Ihrer Canvas „{title}“ ist am {date} fällig{who}.',
  'reminders.openCanvas': 'Canvas öffnen',
  // SMART hints on the goal (smart.ts).
  'smart.specific':
    '**Spezifisch:** Was genau soll sich ändern, und für wen? Beschreiben Sie das Ziel etwas konkreter.',
  'smart.measurable':
    '**Messbar:** Woran messen Sie den Erfolg? Nennen Sie eine Zahl oder einen Indikator, z. B. „die Rückfragen sinken um die Hälfte“ oder „20 Bediener*innen haben die Schulung abgeschlossen“.',
  'smart.timeBound':
    '**Terminiert:** Bis wann soll das Ziel erreicht sein? Zum Beispiel „bis Ende Juni 2027“.',
  'smart.realistic':
    '**Realistisch:** Ist das erreichbar? Absolute Ziele wie „100 %“ oder „nie wieder“ gelingen selten – ein erreichbares Zwischenziel motiviert mehr.',
  // The Markdown export (markdown.ts).
  'markdown.heading': 'Digital Learning Canvas',
  'markdown.done': 'abgeschlossen',
  'markdown.inProgress': 'in Bearbeitung',
  'markdown.asOf': 'Stand',
  'markdown.open': '_offen_',
  'markdown.samrLevel': 'SAMR-Stufe',
  'markdown.what': 'Was',
  'markdown.byWhen': 'Bis wann',
  'markdown.who': 'Wer',
  'markdown.openPoints': 'Offene Punkte',
  // What the canvas stores and deletes (privacy notice and "meine Daten").
  'data.canvases.label': 'Digital Learning Canvases',
  'data.canvases.about':
    'Ihre Canvases mit allen Antworten und Meilensteinen, mit wem Sie sie teilen, mit Ihnen geteilte Canvases und Meilenstein-Erinnerungen.',
  'retention.reminders.label': 'Gesendete Meilenstein-Erinnerungen',
  'retention.reminders.after': 'ihrem Versand',
  // The steps of the canvas (definition.ts): step.<id>.title|short|question|explanation|example,
  // the Learnings' sub-questions learning.<field>.short|question and the SAMR levels samr.<value>.
  'step.title.title': 'Titel des Vorhabens',
  'step.title.short': 'Titel',
  'step.title.question': 'Wie heißt Ihr Vorhaben?',
  'step.title.explanation':
    'Ein kurzer, sprechender Name hilft allen Beteiligten, über dasselbe Projekt zu reden.',
  'step.title.example': 'Kurzvideos für die Maschinenbedienung an Linie 3',
  'step.goal.title': 'Ziel der Initiative',
  'step.goal.short': 'Ziel',
  'step.goal.question': 'Was wollen Sie mit dem Vorhaben erreichen?',
  'step.goal.explanation':
    'Formulieren Sie das Ziel möglichst SMART: spezifisch, messbar, attraktiv, realistisch und terminiert. Dann können Sie später prüfen, ob es erreicht wurde.',
  'step.goal.example':
    'Bis Ende Juni 2027 können alle 24 Maschinenbediener*innen die Umrüstung der Linie 3 mit Hilfe von fünf Kurzvideos selbstständig durchführen; die Rückfragen an die Schichtleitung sinken um die Hälfte.',
  'step.situation.title': 'Ausgangssituation des Betriebs',
  'step.situation.short': 'Ausgangssituation',
  'step.situation.question': 'Wie sieht die Lage in Ihrem Betrieb heute aus?',
  'step.situation.explanation':
    'Beschreiben Sie kurz, was heute gut läuft, wo es hakt und welche Mittel (Zeit, Technik, Budget) es gibt.',
  'step.situation.example':
    'Die Einarbeitung läuft über Papier-Handbücher und erfahrene Kolleg*innen, die dafür ihre Arbeit unterbrechen. In der Halle gibt es WLAN und zwei Tablets.',
  'step.stakeholders.title': 'Stakeholder*innen',
  'step.stakeholders.short': 'Stakeholder*innen',
  'step.stakeholders.question': 'Wer entscheidet, wer ist betroffen und wer unterstützt das Vorhaben?',
  'step.stakeholders.explanation':
    'Wer früh eingebunden ist, trägt das Vorhaben mit. Denken Sie auch an Betriebsrat, IT und Führungskräfte.',
  'step.stakeholders.example':
    'Entscheidet: Produktionsleiter Herr Yilmaz. Betroffen: Bediener*innen aller drei Schichten. Unterstützt: Betriebsrat, Ausbildungsleitung und die IT (Tablets).',
  'step.audience.title': 'Lern-Zielgruppe',
  'step.audience.short': 'Lern-Zielgruppe',
  'step.audience.question': 'Wer soll lernen?',
  'step.audience.explanation':
    'Beschreiben Sie die Lernenden: Aufgaben, Vorwissen, Sprache, Alter, Arbeitszeiten.',
  'step.audience.example':
    '24 Maschinenbediener*innen im Dreischichtbetrieb, 19 bis 61 Jahre, teils mit wenig Deutschkenntnissen, viele neu im Betrieb.',
  'step.needs.title': 'Bedürfnisse und Lernbedürfnisse',
  'step.needs.short': 'Bedürfnisse',
  'step.needs.question': 'Was brauchen die Lernenden, um gut lernen und arbeiten zu können?',
  'step.needs.explanation':
    'Trennen Sie, was die Menschen bei der Arbeit brauchen (Bedürfnisse) und was sie dafür lernen müssen (Lernbedürfnisse).',
  'step.needs.example':
    'Schnelle Hilfe direkt an der Maschine, ohne lange Texte; lernen müssen sie die zwölf Handgriffe der Umrüstung in der richtigen Reihenfolge.',
  'step.attitude.title': '(Vor-)Einstellung zu digitalem Lernen',
  'step.attitude.short': 'Einstellung',
  'step.attitude.question': 'Wie steht die Zielgruppe heute zum Lernen mit digitalen Medien?',
  'step.attitude.explanation':
    'Vorbehalte und Erfahrungen entscheiden mit, ob ein Medium genutzt wird. Notieren Sie Chancen und Sorgen.',
  'step.attitude.example':
    'Die Jüngeren schauen ohnehin Erklärvideos auf dem Handy; einige Ältere befürchten, dass ihr Erfahrungswissen weniger zählt.',
  'step.medium.title': 'Lernmedium und pädagogischer Nutzen',
  'step.medium.short': 'Lernmedium',
  'step.medium.question': 'Welches Lernmedium wollen Sie einsetzen und welchen pädagogischen Nutzen hat es?',
  'step.medium.explanation':
    'Jedes technische Mittel soll einen pädagogischen Wert haben. Optional ordnen Sie es danach auf der SAMR-Stufenleiter ein.',
  'step.medium.example':
    'Fünf Kurzvideos (je unter 2 Minuten) per QR-Code an der Maschine: Die Bediener*innen sehen den Handgriff genau dann, wenn sie ihn brauchen, und können ihn beliebig oft wiederholen.',
  'step.roadmap.title': 'Roadmap',
  'step.roadmap.short': 'Roadmap',
  'step.roadmap.question': 'Welche Meilensteine hat das Vorhaben – was, bis wann und wer ist verantwortlich?',
  'step.roadmap.explanation':
    'Ein Meilenstein pro Eingabe: „Drehbuch fertig; Ende April; Frau Jansen“, ein Satz wie „Pilot in der Frühschicht in 6 Wochen, Herr Yilmaz“ oder das Formular. Sind alle eingetragen, schreiben Sie „fertig“.',
  'step.roadmap.example':
    'Drehbuch für Video 1 fertig – 15.03.2027 – Frau Jansen (LoDiLe); Pilot in der Frühschicht – Ende April – Herr Yilmaz',
  'step.learnings.title': 'Learnings',
  'step.learnings.short': 'Learnings',
  'step.learnings.question': 'Was nehmen Sie aus dem Vorhaben mit?',
  'step.learnings.explanation':
    'Diesen Teil füllen Sie während oder nach dem Pilot aus. Sie können ihn jetzt überspringen und später mit „Learnings ändern“ ergänzen.',
  'step.learnings.example':
    'Die Videos werden genutzt, die Umrüstzeit sank um 20 %. Die Zusammenarbeit mit dem Betriebsrat war eng. Gelernt: Untertitel sind wichtiger als gedacht.',
  'learning.learn_result.short': 'Arbeitsergebnis',
  'learning.learn_result.question': 'Wie ist das Arbeitsergebnis?',
  'learning.learn_collab.short': 'Zusammenarbeit',
  'learning.learn_collab.question': 'Wie ist die Zusammenarbeit?',
  'learning.learn_learned.short': 'Bisher gelernt',
  'learning.learn_learned.question': 'Was wurde bisher gelernt?',
  'samr.substitution': 'Substitution – ersetzt ein analoges Mittel',
  'samr.augmentation': 'Augmentation – ersetzt und verbessert es',
  'samr.modification': 'Modification – gestaltet Aufgaben neu',
  'samr.redefinition': 'Redefinition – ermöglicht neue Lernformen',
};
