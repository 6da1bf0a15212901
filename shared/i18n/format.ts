import type { Translate } from './messages.ts'
import { LOCALES, type Language } from './translate.ts'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** Dates, times, numbers and lists for one language, all through `Intl`. */
export type Formatters = {
  /** An ISO calendar date (`YYYY-MM-DD`), as written in the locale: "12. mars 2026". */
  isoDate(value: string): string
  /** A moment, with date and time. */
  dateTime(epochMs: number): string
  /** How long ago, for recent moments ("5 minutes ago"); the date for older ones. */
  relative(epochMs: number, now: number): string
  number(value: number): string
  /** "A, B and C" / "A, B og C". */
  list(items: readonly string[]): string
}

export function createFormatters(language: Language, t: Translate): Formatters {
  const locale = LOCALES[language]
  // Calendar dates have no time zone: formatting them at UTC midnight in UTC keeps the day.
  const calendar = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' })
  const moment = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' })
  const ago = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })
  const numbers = new Intl.NumberFormat(locale)
  const lists = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' })

  return {
    isoDate(value) {
      const [year, month, date] = value.split('-').map(Number)
      if (year === undefined || month === undefined || date === undefined) return value
      const utc = Date.UTC(year, month - 1, date)
      return Number.isNaN(utc) ? value : calendar.format(utc)
    },
    dateTime: (epochMs) => moment.format(epochMs),
    relative(epochMs, now) {
      if (epochMs <= 0) return t('time.unknown')
      const elapsed = Math.max(0, now - epochMs)
      if (elapsed < MINUTE) return t('time.justNow')
      if (elapsed < HOUR) return ago.format(-Math.floor(elapsed / MINUTE), 'minute')
      if (elapsed < DAY) return ago.format(-Math.floor(elapsed / HOUR), 'hour')
      if (elapsed < 7 * DAY) return ago.format(-Math.floor(elapsed / DAY), 'day')
      return day.format(epochMs)
    },
    number: (value) => numbers.format(value),
    list: (items) => lists.format(items),
  }
}
