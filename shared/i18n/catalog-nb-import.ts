import type { Messages } from './messages.ts'

/** Norske tekster for import fra Word: et nytt notat, eller en gjennomgang tilbake i et notat. */
export const nbImport: Messages<'import'> = {
  'import.open': 'Importer fra Word …',
  'import.review.open': 'Importer gjennomgang fra Word …',
  'import.drop': 'Slipp et Word-dokument (.docx) for å importere det som et nytt notat',
  'import.reading': 'Leser {file} …',
  'import.title.paper': 'Importer {file} som et nytt notat',
  'import.title.review': 'Importer gjennomgangen i {file}',
  'import.refused.title': 'Denne filen kan ikke importeres',
  'import.nothingWritten': 'Ingenting ble skrevet.',
  'import.found': 'Dette blir laget',
  'import.found.title': 'Tittel: {title}',
  'import.found.recipients': 'Til: {recipients}',
  'import.found.headings': { one: '{count} overskrift', other: '{count} overskrifter' },
  'import.found.paragraphs': { one: '{count} avsnitt', other: '{count} avsnitt' },
  'import.found.lists': { one: '{count} liste', other: '{count} lister' },
  'import.found.tables': { one: '{count} tabell', other: '{count} tabeller' },
  'import.found.notes': {
    one: '{count} fotnote, som sluttnote',
    other: '{count} fotnoter, som sluttnoter',
  },
  'import.suggestions': {
    one: '{count} forslag fra {author}',
    other: '{count} forslag fra {author}',
  },
  'import.noSuggestions':
    'Ingen forslag: teksten er den samme som versjonen den ble eksportert fra.',
  'import.comments': '{threads} og {replies} fra {author}',
  'import.comments.threads': { one: '{count} kommentar', other: '{count} kommentarer' },
  'import.comments.replies': { one: '{count} svar', other: '{count} svar' },
  'import.dropped': 'Dette kan ikke importeres, og hvorfor',
  'import.dropped.images': {
    one: '{count} bilde: notater har ikke bilder; legg det til i eksporten etterpå',
    other: '{count} bilder: notater har ikke bilder; legg dem til i eksporten etterpå',
  },
  'import.dropped.charts': {
    one: '{count} diagram: notater har ikke diagrammer',
    other: '{count} diagrammer: notater har ikke diagrammer',
  },
  'import.dropped.equations': {
    one: '{count} formel: notater har ikke formler',
    other: '{count} formler: notater har ikke formler',
  },
  'import.dropped.objects': {
    one: '{count} innebygd objekt (for eksempel et regneark): notater har bare tekst',
    other: '{count} innebygde objekter (for eksempel regneark): notater har bare tekst',
  },
  'import.dropped.textBoxes': {
    one: '{count} tekstboks: teksten beholdes som et avsnitt',
    other: '{count} tekstbokser: teksten beholdes som avsnitt',
  },
  'import.dropped.formatChanges': {
    one: '{count} sporet formateringsendring: teksten importeres slik Word viser den nå',
    other: '{count} sporede formateringsendringer: teksten importeres slik Word viser den nå',
  },
  'import.dropped.rowChanges': {
    one: '{count} sporet endring av en tabellrad: raden importeres slik den er nå',
    other: '{count} sporede endringer av tabellrader: radene importeres slik de er nå',
  },
  'import.dropped.superscripts': {
    one: '{count} hevet eller senket skrift: beholdes som vanlig tekst',
    other: '{count} hevede eller senkede skrifter: beholdes som vanlig tekst',
  },
  'import.dropped.transient': {
    one: '{count} felt eller bokmerke som Word lager selv: trengs ikke i notatet',
    other: '{count} felt eller bokmerker som Word lager selv: trengs ikke i notatet',
  },
  'import.dropped.unknownStyles': {
    one: '{count} stil som stilkartet ikke kjenner ({detail}): importert som vanlig tekst',
    other: '{count} stiler som stilkartet ikke kjenner ({detail}): importert som vanlig tekst',
  },
  'import.dropped.decidedInWord': {
    one: '{count} forslag godtatt eller avvist i Word: avgjørelsen tas i notatet',
    other: '{count} forslag godtatt eller avvist i Word: avgjørelsene tas i notatet',
  },
  'import.dropped.deletedSuggestions': {
    one: '{count} endring i tekst som siden er borte fra notatet',
    other: '{count} endringer i tekst som siden er borte fra notatet',
  },
  'import.dropped.unplaced': {
    one: '{count} endring som ikke har noen plass i teksten slik den er nå',
    other: '{count} endringer som ikke har noen plass i teksten slik den er nå',
  },
  'import.dropped.lineBreaks': {
    one: '{count} linjeskift inne i et avsnitt: beholdes som et mellomrom',
    other: '{count} linjeskift inne i avsnitt: beholdes som mellomrom',
  },
  'import.dropped.unanchoredComments': {
    one: '{count} kommentar til tekst som ikke lenger finnes',
    other: '{count} kommentarer til tekst som ikke lenger finnes',
  },
  'import.dropped.knownComments': {
    one: '{count} kommentar som notatet har fra før (eksportert med det)',
    other: '{count} kommentarer som notatet har fra før (eksportert med det)',
  },
  'import.nothingDropped': 'Alt i dokumentet kan importeres.',
  'import.authors': 'Hvem skrev hva',
  'import.authors.hint':
    'Word kjenner bare navnene folk har gitt det. Velg hvem hver av dem er her; den som ikke er med i arbeidsområdet, beholder navnet sitt som ekstern leser.',
  'import.authors.external': 'Som ekstern leser ({name})',
  'import.authors.me': '{name} (deg)',
  'import.against': 'Gjennomgått mot',
  'import.against.current': 'Teksten slik den er nå',
  'import.against.hint':
    'Versjonen dokumentet ble eksportert fra. Endringer mot den blir forslag i teksten slik den er nå: ingenting blir tatt inn.',
  'import.submit.paper': 'Lag notatet',
  'import.submit.review': 'Legg til forslagene og kommentarene',
  'import.writing': 'Importerer …',
  'import.cancel': 'Avbryt',
  'import.failed': 'Ikke importert: {reason}',
  'import.done.review':
    'Importert: {suggestions} og {comments}. Angre tar forslagene tilbake i ett steg.',
  'import.done.suggestions': { one: '{count} forslag', other: '{count} forslag' },
  'import.done.comments': { one: '{count} kommentar', other: '{count} kommentarer' },
  'error.import-refused.title': 'Denne filen kan ikke importeres',
  'error.import-refused.body': 'Ingenting ble skrevet. Meldingen under sier hva du kan gjøre.',
}
