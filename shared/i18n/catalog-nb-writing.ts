import type { Messages } from './messages.ts'

/** Norsk bokmål for skriveflaten: tekststiler, søk og erstatt, stavekontroll, tittelen. */
export const nbWriting: Messages<'writing'> = {
  'toolbar.style': 'Tekststil',
  'toolbar.style.paragraph': 'Normal tekst',
  'toolbar.style.heading1': 'Overskrift 1',
  'toolbar.style.heading2': 'Overskrift 2',
  'toolbar.style.heading3': 'Overskrift 3',
  'toolbar.style.mixed': 'Flere stiler',
  'toolbar.textButton': '{text}, {label}',
  'toolbar.find': 'Søk og erstatt',

  'title.placeholder': 'Notatets tittel',

  'find.title': 'Søk og erstatt',
  'find.label': 'Søk i notatet',
  'find.replaceLabel': 'Erstatt med',
  'find.count': '{current} av {total}',
  'find.none': 'Ingen treff',
  'find.previous': 'Forrige treff',
  'find.next': 'Neste treff',
  'find.matchCase': 'Skill mellom store og små bokstaver',
  'find.wholeWord': 'Bare hele ord',
  'find.showReplace': 'Erstatt …',
  'find.replace': 'Erstatt',
  'find.replaceAll': 'Erstatt alle',
  'find.replaced': { one: '{count} erstatning gjort', other: '{count} erstatninger gjort' },
  'find.close': 'Lukk søket',
  'find.readOnly': 'Notatet kan ikke endres her, så ingenting kan erstattes.',
}
