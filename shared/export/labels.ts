import type { ExportLanguage } from './types.ts'

/** The words the house template adds around the paper's own text, in the paper's language. */
export type Labels = {
  documentKind: string
  to: string
  version: (name: string) => string
  signatories: string
  endorsedBy: (name: string) => string
  endorsedVersion: (name: string) => string
  comments: string
  reply: string
  commentOnRemovedText: string
  resolved: string
  redline: (from: string, to: string) => string
}

const LABELS: Record<ExportLanguage, Labels> = {
  en: {
    documentKind: 'Position paper',
    to: 'To:',
    version: (name) => `Version “${name}”`,
    signatories: 'Signatories',
    endorsedBy: (name) => `endorsed by ${name}`,
    endorsedVersion: (name) => `version “${name}”`,
    comments: 'Comments',
    reply: 'Reply',
    commentOnRemovedText: 'On text that is no longer in the paper',
    resolved: 'resolved',
    redline: (from, to) => `Changes from “${from}” to “${to}”`,
  },
  nb: {
    documentKind: 'Posisjonsnotat',
    to: 'Til:',
    version: (name) => `Versjon «${name}»`,
    signatories: 'Underskrivere',
    endorsedBy: (name) => `godkjent av ${name}`,
    endorsedVersion: (name) => `versjon «${name}»`,
    comments: 'Kommentarer',
    reply: 'Svar',
    commentOnRemovedText: 'Til tekst som ikke lenger står i notatet',
    resolved: 'løst',
    redline: (from, to) => `Endringer fra «${from}» til «${to}»`,
  },
}

export function labelsFor(language: ExportLanguage): Labels {
  return LABELS[language]
}

const LOCALE: Record<ExportLanguage, string> = { nb: 'nb-NO', en: 'en-GB' }

/** `2026-11-27` → "27. november 2026" (nb) or "27 November 2026" (en); other text as it is. */
export function formatDate(iso: string, language: ExportLanguage): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso)
  if (!match) return iso
  const [, year, month, day] = match
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)))
  if (Number.isNaN(date.getTime())) return iso
  return new Intl.DateTimeFormat(LOCALE[language], { dateStyle: 'long', timeZone: 'UTC' }).format(
    date,
  )
}

/** "Stavanger, 27. november 2026", or the date alone. */
export function dateLine(place: string | null, date: string, language: ExportLanguage): string {
  const formatted = formatDate(date, language)
  return place && place.trim() !== '' ? `${place.trim()}, ${formatted}` : formatted
}

/** A comment's time in the paper's language, for comment lists. */
export function formatTime(epochMs: number, language: ExportLanguage): string {
  return (
    new Intl.DateTimeFormat(LOCALE[language], {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'UTC',
    }).format(new Date(epochMs)) + ' UTC'
  )
}
