import type { Messages } from './messages.ts'

/** Norsk bokmål: the same keys and placeholders as the English catalog. */
export const nb: Messages<'app'> = {
  'app.name': 'Samstemt',
  'app.tagline': 'Posisjonsnotater, skrevet i fellesskap.',
  'app.loading': 'Åpner Samstemt …',
  'app.skipToContent': 'Hopp til innholdet',
  'app.retry': 'Prøv igjen',

  'language.label': 'Språk',
  'language.paper.nb': 'Norsk (bokmål)',
  'language.paper.en': 'Engelsk',

  'role.coordinator': 'Koordinator',
  'role.editor': 'Medforfatter',
  'role.reviewer': 'Kommentator',
  'role.coordinator.description':
    'Skriver notater, administrerer arbeidsområdet og fører notatene gjennom gjennomlesning til endelig versjon.',
  'role.editor.description': 'Skriver og kommenterer notater sammen med de andre partnerne.',
  'role.reviewer.description': 'Leser og kommenterer notater, men kan ikke endre teksten.',

  'welcome.title': 'Velkommen til Samstemt',
  'welcome.lead':
    'Skriv posisjonsnotater sammen med partnerorganisasjonene deres, med én stemme. Bli med i arbeidsområdet du er invitert til, eller prøv Samstemt med et eksempelområde på denne maskinen.',
  'welcome.join.title': 'Bli med via invitasjon',
  'welcome.join.body': 'Lim inn invitasjonslenken du har fått fra en koordinator.',
  'welcome.join.action': 'Bli med i et arbeidsområde',
  'welcome.sample.title': 'Prøv et eksempelområde',
  'welcome.sample.body':
    'Et arbeidsområde med ett eksempelnotat, som bare ligger på denne maskinen. Ingenting deles.',
  'welcome.sample.action': 'Opprett et eksempelområde',
  'welcome.sample.creating': 'Oppretter eksempelet …',

  'join.title': 'Bli med i et arbeidsområde',
  'join.lead':
    'Lim inn invitasjonslenken du har fått. Du ser hva den gir tilgang til før du blir med.',
  'join.link.label': 'Invitasjonslenke',
  'join.link.hint': 'Lenken begynner med samstemt://join',
  'join.check': 'Sjekk invitasjonen',
  'join.checking': 'Sjekker invitasjonen …',
  'join.preview.title': 'Invitasjonen gir deg tilgang til',
  'join.preview.workspace': 'Arbeidsområde',
  'join.preview.relay': 'Reléserver',
  'join.preview.name': 'Navnet ditt',
  'join.preview.organisation': 'Organisasjon',
  'join.preview.role': 'Rolle',
  'join.relayNote':
    'Endringene dine sendes via denne reléserveren. Bli bare med hvis du kjenner personen som inviterte deg.',
  'join.confirm': 'Bli med i {workspace}',
  'join.joining': 'Blir med …',
  'join.cancel': 'Avbryt',
  'join.back': 'Tilbake',

  'error.invalid-payload.title':
    'Samstemt sendte en forespørsel som vertsprosessen ikke kunne lese',
  'error.invalid-payload.body':
    'Dette er en feil i programmet. Start Samstemt på nytt, og send loggfilen til koordinatoren hvis det skjer igjen.',
  'error.invalid-invite.title': 'Dette er ikke en gyldig invitasjonslenke',
  'error.invalid-invite.body':
    'Sjekk at du har kopiert hele lenken, fra samstemt://join til slutten. Be koordinatoren sende den på nytt hvis det fortsatt ikke virker.',
  'error.invite-revoked.title': 'Invitasjonen er trukket tilbake',
  'error.invite-revoked.body':
    'Koordinatoren har trukket den tilbake eller erstattet den. Be om en ny invitasjon.',
  'error.relay-unreachable.title': 'Får ikke kontakt med reléserveren',
  'error.relay-unreachable.body':
    'Sjekk internettforbindelsen og prøv igjen. Er du på nett, kan reléserveren være nede: si fra til koordinatoren.',
  'error.unknown-workspace.title': 'Arbeidsområdet finnes ikke på denne maskinen',
  'error.unknown-workspace.body':
    'Det kan ha blitt fjernet. Bli med på nytt med invitasjonslenken din.',
  'error.disk-full.title': 'Disken er full',
  'error.disk-full.body':
    'Frigjør plass på denne maskinen og prøv igjen. Det som allerede er lagret, er trygt.',
  'error.read-only.title': 'Samstemt kan ikke skrive til datamappen sin',
  'error.read-only.body':
    'Sjekk at mappen ikke er skrivebeskyttet og at du har lov til å skrive i den, og start Samstemt på nytt.',
  'error.store.title': 'Samstemt fikk ikke brukt det lokale lageret',
  'error.store.body':
    'Start Samstemt på nytt. Send loggfilen til koordinatoren hvis det skjer igjen.',
  'error.internal.title': 'Noe gikk galt inne i Samstemt',
  'error.internal.body':
    'Dette er en feil i programmet. Start Samstemt på nytt, og send loggfilen som er nevnt nedenfor, til koordinatoren hvis det skjer igjen.',
  'error.host-failed.title': 'Samstemt mistet kontakten med vertsprosessen',
  'error.host-failed.body':
    'Start Samstemt på nytt. Arbeidet ditt fram til siste lagring ligger trygt på denne maskinen.',
  'error.details': 'Tekniske detaljer',
  'error.dismiss': 'Lukk',

  'update.ready.title': 'Samstemt {version} er klar til å installeres',
  'update.ready.body':
    'Start på nytt for å oppdatere nå: arbeidet ditt lagres først. Ellers installeres oppdateringen neste gang du avslutter Samstemt.',
  'update.restart': 'Start på nytt og oppdater',
  'update.later': 'Senere',

  'library.title': 'Notater',
  'library.count': { one: '{count} notat', other: '{count} notater' },
  'library.search.label': 'Søk i notatene',
  'library.search.placeholder': 'Tittel eller mottaker',
  'library.filter.label': 'Status',
  'library.filter.all': 'Alle statuser',
  'library.new': 'Nytt notat',
  'library.creating': 'Oppretter …',
  'library.loading': 'Henter notatene …',
  'library.empty.title': 'Ingen notater ennå',
  'library.empty.body':
    'Start det første posisjonsnotatet i dette arbeidsområdet. Det åpnes med husets mal: hovedbudskap, bakgrunn, anbefalinger og underskrivere.',
  'library.empty.reviewer': 'Når partnerne starter et notat, dukker det opp her.',
  'library.noMatch': 'Ingen notater passer med søket.',
  'library.clearFilters': 'Nullstill søk og filter',
  'library.column.title': 'Tittel',
  'library.column.status': 'Status',
  'library.column.recipients': 'Mottakere',
  'library.column.updated': 'Sist endret',
  'library.noRecipients': 'Ingen mottakere ennå',
  'library.untitled': 'Notat uten tittel',
  'library.newTitle': 'Nytt posisjonsnotat',

  'paperStatus.draft': 'Utkast',
  'paperStatus.review': 'Til gjennomlesning',
  'paperStatus.final': 'Endelig',
  'paperStatus.sent': 'Sendt',

  'time.justNow': 'nå nettopp',
  'time.unknown': 'Ukjent',
}
