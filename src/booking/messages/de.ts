// German texts of booking (the reference catalogue; en.ts must have the same keys and placeholders).
export default {
  'book.laterSlots': 'Spätere Termine',
  'book.youCanStillAsk':
    'Ihre Frage können Sie trotzdem gleich loswerden: Schreiben Sie sie mir – was ich nicht selbst beantworten kann, gebe ich mit „Coach fragen“ an die Coaches für digitales Lernen (CoDiLe) weiter.',
  'book.youCanStillType':
    'Ihre Frage können Sie mir trotzdem gleich schreiben – vieles beantworte ich direkt.',
  'book.thereAreNoFree':
    'Zurzeit sind keine freien Termine veröffentlicht. Die virtuelle Sprechstunde findet in der Regel alle zwei Wochen statt – neue Termine erscheinen hier unter „Sprechstunde buchen“.',
  'book.askAQuestion': 'Frage stellen',
  'book.freeSlotsTimesFor': '**Freie Termine** (Zeiten für {zone}):',
  'book.chooseASlot': 'Termin wählen',
  'book.yourTopicOrQuestion': 'Ihr Thema oder Ihre Frage (optional)',
  'book.eGHowDo': 'z. B. Wie motiviere ich Kolleg*innen für Lernvideos?',
  'book.attachACanvasOptional': 'Canvas mitschicken (optional)',
  'book.wouldYouLikeTo':
    'Möchten Sie ein Thema oder eine Frage mitgeben (Themenwunsch)? Dann kann sich Ihr Coach vorbereiten. Sie können das Thema auch einfach als Nachricht schreiben.',
  'book.bookNow': 'Verbindlich buchen',
  'book.bookWithoutTopic': 'Ohne Thema buchen',
  'book.otherSlot': 'Anderer Termin',
  'book.cancel': 'Abbrechen',
  'book.sureJustTypeYour': 'Gern – schreiben Sie Ihr Thema oder Ihre Frage einfach als Nachricht.',
  'book.yourTopicShallI': 'Ihr Thema: „{topic}“{note}\n\nSoll ich den Termin jetzt verbindlich buchen?',
  'book.fineWithoutATopic': 'Gut, dann ohne Thema.{note}\n\nSoll ich den Termin jetzt verbindlich buchen?',
  'book.bookedYourSlot': '**Gebucht!** Ihr Termin:',
  'book.yourTopic': '\nIhr Thema: {topic}',
  'book.theCalendarInvitationIs':
    'Die Einladung für Ihren Kalender hängt an (einladung.ics). Ich erinnere Sie rechtzeitig vorher.',
  'book.youCanCancelUp': 'Absagen ist bis {cutoffText} vor Beginn möglich.',
  'book.allRightNothingWas': 'Alles klar, es wurde nichts gebucht.',
  'book.sorryThisSlotWas': 'Dieser Termin ist leider gerade vergeben – jemand war schneller.',
  'book.thisSlotHasAlready':
    'Dieser Termin hat bereits begonnen oder liegt in der Vergangenheit und kann nicht mehr gebucht werden.',
  'book.thisSlotWasCancelled': 'Dieser Termin wurde vom Coach abgesagt und kann nicht gebucht werden.',
  'book.iCannotFindThis': 'Diesen Termin finde ich nicht (mehr).',
  'book.thisIsYourOwn':
    'Das ist Ihr eigener Termin – Ihre eigenen Sprechstunden und Coachings können Sie nicht selbst buchen.',
  'book.nothingWasBooked': 'Es wurde nichts gebucht.',
  'book.yourCurrentBookingStands': 'Ihre bisherige Buchung bleibt bestehen.',
  'book.mySessions': 'Meine Sprechstunden',
  'book.theseSlotsAreStill': 'Diese Termine sind noch frei:',
  'change.reschedule': 'Verschieben',
  'change.cancelBooking': 'Absagen',
  'change.youHaveNoBooked': 'Sie haben zurzeit keine gebuchten Termine.',
  'change.yourBookings': '**Ihre Termine:**',
  'change.cancelOrReschedule': 'Termin absagen oder verschieben',
  'change.iCannotFindThis': 'Diese Buchung finde ich unter Ihren Terminen nicht.',
  'change.yourCoach': 'Ihren Coach',
  'change.thisSessionHasAlready': 'Dieser Termin hat bereits begonnen.',
  'change.calendarInvitation': 'Kalendereinladung',
  'change.doYouReallyWant': 'Möchten Sie diesen Termin wirklich absagen?',
  'change.yesCancel': 'Ja, absagen',
  'change.rescheduleInstead': 'Lieber verschieben',
  'change.noKeepIt': 'Nein, behalten',
  'change.thisBookingIsAlready': 'Dieser Termin ist bereits abgesagt.',
  'change.cancelledYourSeatIs': '**Abgesagt.** Ihr Platz ist wieder frei:',
  'change.theAttachedFileAbsage':
    'Mit der angehängten Datei (absage.ics) entfernen Sie den Termin aus Ihrem Kalender. Erinnerungen kommen keine mehr.',
  'change.thereIsNoOther': 'Im Moment gibt es keinen anderen freien Termin. Ihre Buchung bleibt bestehen.',
  'change.whichSlotWouldYou': 'Auf welchen Termin möchten Sie verschieben? Bisher:',
  'change.pleaseNoteASlot':
    '**Bitte beachten:** Einen Termin, der in weniger als {cutoffText} beginnt, können Sie danach im Bot nicht mehr absagen oder verschieben.',
  'change.newSlot': 'Neuer Termin',
  'change.rescheduledYourNewSlot': '**Verschoben.** Ihr neuer Termin:',
  'change.attachedTheNewInvitation':
    'Angehängt: die neue Einladung (einladung.ics) und die Absage des alten Termins (absage.ics) für Ihren Kalender.',
  'change.thisBookingIsNo':
    'Diese Buchung ist nicht mehr aktiv – sie wurde bereits abgesagt oder verschoben. Unter „Meine Termine“ sehen Sie, was gilt.',
  'change.hereIsYourCalendar': 'Hier ist Ihre Kalendereinladung.',
  'coach.youAreRegisteredAs':
    'Sie sind als **Coach für digitales Lernen (CoDiLe)** eingetragen. Was möchten Sie tun?',
  'coach.publishASlot': 'Termin veröffentlichen',
  'coach.mySessions': 'Meine Sprechstunden',
  'coach.calendarFeed': 'Kalender-Abo',
  'coach.addACodile': 'CoDiLe freischalten',
  'coach.openQuestions': 'Offene Fragen',
  'coach.youHaveNoUpcoming': 'Sie haben keine kommenden Termine veröffentlicht.',
  'coach.noBookingsYet': '- noch keine Buchungen',
  'coach.topic': 'Thema',
  'coach.yourUpcomingSlotsAnd': '**Ihre kommenden Termine und Buchungen:**',
  'coach.cancelASlot': 'Termin absagen',
  'coach.coachMenu': 'Coach-Menü',
  'coach.iCannotShowYou': 'Diese Canvas kann ich Ihnen nicht zeigen – vielleicht wurde sie gelöscht.',
  'coach.back': 'Zurück',
  'coach.iCannotFindThis': 'Diesen Termin finde ich unter Ihren nicht.',
  'coach.yesCancelSlot': 'Ja, Termin absagen',
  'coach.noGoBack': 'Nein, zurück',
  'coach.iCannotFindThis2': 'Diesen Termin finde ich unter Ihren offenen Terminen nicht.',
  'coach.yourCalendarFeedWith':
    '**Ihr Kalender-Abo** mit allen Ihren Terminen und Buchungen:\n{url}\n\nIn Outlook: _Kalender hinzufügen → Aus dem Internet abonnieren_. In Google Kalender: _Weitere Kalender → Per URL_. Der Link ist geheim – bitte nicht weitergeben.',
  'coach.whomWouldYouLike':
    'Wen möchten Sie als CoDiLe freischalten? Geben Sie die Kennung ein, z. B. **slack:U0123ABCD**, **teams:<Azure-AD-Objekt-ID>** oder **local:name**.',
  'coach.userId': 'Kennung',
  'coach.add': 'Freischalten',
  'coach.revoke': 'Freischaltung entziehen',
  'coach.isNowACodile': '**{key}** ist jetzt CoDiLe und kann Termine veröffentlichen.',
  'coach.isAlreadyACodile': '**{key}** ist bereits CoDiLe.',
  'coach.isNotAValid':
    '„{key}“ ist keine gültige Kennung. Bitte im Format kanal:id angeben, z. B. slack:U0123ABCD oder local:anna.',
  'coach.isNoLongerA': '**{k}** ist nicht mehr CoDiLe. Bereits veröffentlichte Termine bleiben bestehen.',
  'coach.isConfiguredInCoaches':
    '**{k}** ist in der Konfiguration (COACHES) eingetragen; das kann nur der Betrieb dort ändern.',
  'coach.wasNotAddedIn': '„{k}“ ist nicht per Chat freigeschaltet.',
  'coach.onlyCoachesForDigital':
    'Das können nur Coaches für digitales Lernen (CoDiLe). Sie können aber gern einen Termin in der Sprechstunde oder im E-Coaching buchen.',
  'coach.allRightTheSlot': 'Alles klar, der Termin bleibt bestehen.',
  'publish.enterTheSlotTimes':
    'Tragen Sie den Termin ein (Zeiten in {zone}). Für eine Serie wählen Sie eine Wiederholung, z. B. alle 2 Wochen für 12 Wochen.',
  'publish.back': 'Zurück',
  'publish.pleaseCheckTheMarked': 'Bitte prüfen Sie die markierten Angaben – Ihre Eingaben sind noch da.',
  'publish.mySessions': 'Meine Sprechstunden',
  'publish.anotherSlot': 'Weiteren Termin',
  'publish.coachMenu': 'Coach-Menü',
  'publish.thisOverlapsWithSlots':
    'Das überschneidet sich mit Terminen, die Sie schon veröffentlicht haben – es wurde nichts veröffentlicht:',
  'publish.overlapPleasePickAnother': 'Überschneidung – bitte andere Zeit wählen.',
  'common.mainMenu': 'Hauptmenü',
  'common.myBookings': 'Meine Termine',
  'common.freeSlots': 'Freie Termine',
  'common.minutes': '{m} Minuten',
  'common.yourCoach': 'Ihren Coach',
  'common.ifSomethingComesUp': 'Falls etwas dazwischenkommt, wenden Sie sich bitte direkt an {coach}.',
  'common.pleaseNoteThisSession':
    '**Bitte beachten:** Dieser Termin beginnt in weniger als {cutoffText}. Wenn Sie ihn buchen, können Sie ihn im Bot nicht mehr absagen oder verschieben.',
  'common.thisBooking': 'Dieser Termin',
  'common.theSessionHasAlready': 'der Termin hat bereits begonnen',
  'common.theSessionStartsIn': 'der Termin beginnt in weniger als {cutoffText}',
  'common.pleaseNoteCanNo':
    '**Bitte beachten:** {what} kann im Bot nicht mehr abgesagt oder verschoben werden – {why}.',
  'book.alreadyBooked': 'Diesen Termin haben Sie bereits gebucht – Ihre Buchung steht:\n{booking}',
  'change.tooLate':
    'Absagen und Verschieben geht nur bis {cutoffText} vor Beginn – dieser Termin beginnt bald ({when}). Ihre Buchung bleibt bestehen. Wenn Sie nicht teilnehmen können, wenden Sie sich bitte direkt an {coach}.',
  'change.bookingKept': 'Alles klar, Ihr Termin bleibt bestehen:\n{booking}',
  'change.alreadyMoved': 'Ihr Termin ist bereits auf {when} verschoben:\n{booking}',
  'coach.askSlotCancel':
    'Möchten Sie diesen Termin absagen? {booked, plural, =0 {Es hat noch niemand gebucht.} other {# gebuchte Person(en) werden benachrichtigt und bekommen andere Termine vorgeschlagen.}}',
  'coach.slotCancelled':
    '**Termin abgesagt.** {n, plural, =0 {Es hatte noch niemand gebucht.} other {# Person(en) wurden benachrichtigt und haben andere Termine angeboten bekommen.}}',
  'common.hours': '{h, plural, one {# Stunde} other {# Stunden}}',
  'common.slotNamed': '„{title}“ ({when})',
  'publish.alreadyPublished':
    '{n, plural, one {Dieser Termin ist bereits veröffentlicht:} other {Diese Termine sind bereits veröffentlicht:}}',
  'publish.published':
    '**Veröffentlicht.** {n, plural, one {Ihr Termin ist jetzt buchbar:} other {# Termine sind jetzt buchbar:}}',
} as const;
