/*
 * Calendar dates (`YYYY-MM-DD`): the day a paper is dated, sent or due. A calendar date has no
 * time zone; the moment it is taken from does. "Today" is the day on the user's own calendar,
 * never the UTC day: between midnight and 01:00 (02:00 in summer) in Oslo, UTC is still on
 * yesterday. Every "today" in the app, the host and the relay CLI comes from here.
 */

/** A day as `YYYY-MM-DD`. */
export type CalendarDate = string

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

const zones = new Map<string, Intl.DateTimeFormat>()

function partsFormat(timeZone: string | undefined): Intl.DateTimeFormat {
  const make = () =>
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      calendar: 'gregory',
      numberingSystem: 'latn',
    })
  // The system's zone is read anew each time: it changes when the user travels.
  if (timeZone === undefined) return make()
  let format = zones.get(timeZone)
  if (format === undefined) zones.set(timeZone, (format = make()))
  return format
}

/**
 * The calendar day of the moment `epochMs` in `timeZone` (an IANA name; the system's own zone
 * when left out).
 */
export function calendarDateOf(epochMs: number, timeZone?: string): CalendarDate {
  const parts = partsFormat(timeZone).formatToParts(epochMs)
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? ''
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`
}

/** Today on the user's calendar (or in `timeZone`). */
export function today(now: number = Date.now(), timeZone?: string): CalendarDate {
  return calendarDateOf(now, timeZone)
}

/** Whether `value` is a real day as `YYYY-MM-DD` (2025-02-30 is not). */
export function isCalendarDate(value: string): boolean {
  return toDay(value) !== null
}

/** The year, month (1-12) and day of a calendar date, or null when it is none. */
export function toDay(value: string): { year: number; month: number; day: number } | null {
  const match = ISO_DATE.exec(value)
  if (match === null) return null
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number]
  const date = new Date(Date.UTC(year, month - 1, day))
  const real =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  return real ? { year, month, day } : null
}

/** The calendar date of a year, month (1-12) and day, or null when there is no such day. */
export function fromDay(year: number, month: number, day: number): CalendarDate | null {
  if (![year, month, day].every(Number.isInteger) || year < 1 || year > 9999) return null
  const pad = (n: number, width: number) => String(n).padStart(width, '0')
  const value = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`
  return isCalendarDate(value) ? value : null
}
