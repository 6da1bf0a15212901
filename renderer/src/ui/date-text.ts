import { fromDay, toDay, type CalendarDate } from '../../../shared/model/index.ts'

type Order = ('day' | 'month' | 'year')[]

/** How a locale writes a numeric date: the order of its parts and the separator ("." in nb). */
function numericPattern(locale: string): { order: Order; separator: string } {
  const parts = new Intl.DateTimeFormat(locale, {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'UTC',
  }).formatToParts(Date.UTC(2026, 11, 3))
  const order = parts
    .map((part) => part.type)
    .filter((type): type is Order[number] => type === 'day' || type === 'month' || type === 'year')
  const separator = parts.find((part) => part.type === 'literal')?.value.trim() || '.'
  return { order, separator }
}

/** A calendar date as the locale writes it with numbers: "03.12.2026" (nb), "03/12/2026" (en-GB). */
export function formatDateText(value: CalendarDate, locale: string): string {
  const day = toDay(value)
  if (day === null) return value
  const { order, separator } = numericPattern(locale)
  const text = { day: pad(day.day), month: pad(day.month), year: String(day.year) }
  return order.map((part) => text[part]).join(separator)
}

/**
 * A date typed in the locale's order, with any of . / - or spaces between the parts ("3.12.2026",
 * "03/12/26"; a two-digit year is this century), or as `YYYY-MM-DD`. Null when it is no real day.
 */
export function parseDateText(text: string, locale: string): CalendarDate | null {
  const trimmed = text.trim()
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(trimmed)
  if (iso) return fromDay(Number(iso[1]), Number(iso[2]), Number(iso[3]))
  const numbers = trimmed.split(/[\s./-]+/)
  if (numbers.length !== 3 || numbers.some((n) => !/^\d{1,4}$/.test(n))) return null
  const { order } = numericPattern(locale)
  const value: Record<Order[number], number> = { day: 0, month: 0, year: 0 }
  order.forEach((part, i) => (value[part] = Number(numbers[i])))
  const yearText = numbers[order.indexOf('year')] ?? ''
  if (yearText.length === 2) value.year += 2000
  else if (yearText.length !== 4) return null
  return fromDay(value.year, value.month, value.day)
}

/** The day `days` after (or before) `value`. */
export function addDays(value: CalendarDate, days: number): CalendarDate {
  const day = toDay(value)
  if (day === null) return value
  const moved = new Date(Date.UTC(day.year, day.month - 1, day.day + days))
  return fromDay(moved.getUTCFullYear(), moved.getUTCMonth() + 1, moved.getUTCDate()) ?? value
}

function pad(n: number): string {
  return String(n).padStart(2, '0')
}
