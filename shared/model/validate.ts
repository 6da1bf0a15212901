import * as Y from 'yjs'
import { isCalendarDate } from './calendar-date.ts'

/**
 * Something wrong found while reading or refused while writing; `path` names the field. The
 * message is English; a refusal a user can meet also says it in Norwegian Bokmål (`messageNb`).
 */
export type Problem = { path: string; message: string; messageNb?: string }

/** A value read from a doc: always usable (defaults fill what was missing or wrong). */
export type Read<T> = { value: T; problems: Problem[] }

/** The outcome of a write: done, or refused with the problems and nothing written. */
export type Written<T = null> = { ok: true; value: T } | { ok: false; problems: Problem[] }

/** Reads one field: the value when valid, else a fallback and a problem at `path`. */
export type FieldReader<T> = (value: unknown, path: string, problems: Problem[]) => T

/** One reader per field of a record. */
export type Spec<T> = { [K in keyof T]-?: FieldReader<T[K]> }

export function done<T>(value: T): Written<T> {
  return { ok: true, value }
}

export function refused(problems: Problem[]): Written<never> {
  return { ok: false, problems }
}

/** A short name for what a value is, for problem messages. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing'
  if (value === null) return 'null'
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)
  }
  if (Array.isArray(value)) return 'array'
  if (value instanceof Uint8Array) return 'bytes'
  if (value instanceof Y.AbstractType) return describeShared(value)
  return typeof value
}

function describeShared(type: Y.AbstractType<unknown>): string {
  if (type instanceof Y.Map) return 'Y.Map'
  if (type instanceof Y.Array) return 'Y.Array'
  if (type instanceof Y.XmlText) return 'Y.XmlText'
  if (type instanceof Y.Text) return 'Y.Text'
  if (type instanceof Y.XmlElement) return 'Y.XmlElement'
  if (type instanceof Y.XmlFragment) return 'Y.XmlFragment'
  return 'Y type'
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

export const text =
  (fallback = ''): FieldReader<string> =>
  (value, path, problems) => {
    if (typeof value === 'string') return value
    problems.push({ path, message: `expected a string; got ${describe(value)}` })
    return fallback
  }

export const oneOf =
  <T extends string>(options: readonly T[], fallback: T): FieldReader<T> =>
  (value, path, problems) => {
    if ((options as readonly unknown[]).includes(value)) return value as T
    problems.push({
      path,
      message: `expected one of ${options.join(', ')}; got ${describe(value)}`,
    })
    return fallback
  }

/** Entries that are not strings are dropped, each with its own problem. */
export const stringList: FieldReader<string[]> = (value, path, problems) => {
  if (!Array.isArray(value)) {
    problems.push({ path, message: `expected a list of strings; got ${describe(value)}` })
    return []
  }
  const strings: string[] = []
  value.forEach((entry: unknown, i) => {
    if (typeof entry === 'string') strings.push(entry)
    else
      problems.push({ path: `${path}[${i}]`, message: `expected a string; got ${describe(entry)}` })
  })
  return strings
}

/** Epoch milliseconds. */
export const time: FieldReader<number> = (value, path, problems) => {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value
  const got = typeof value === 'number' ? String(value) : describe(value)
  problems.push({ path, message: `expected a time in epoch milliseconds; got ${got}` })
  return 0
}

/** A count: a whole number, zero or more. */
export const count: FieldReader<number> = (value, path, problems) => {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value
  problems.push({ path, message: `expected a count; got ${describe(value)}` })
  return 0
}

/** A calendar date as `YYYY-MM-DD`; impossible dates such as 2025-02-30 are refused. */
export const isoDate: FieldReader<string> = (value, path, problems) => {
  if (typeof value === 'string' && isCalendarDate(value)) return value
  problems.push({ path, message: `expected a date as YYYY-MM-DD; got ${describe(value)}` })
  return ''
}

/** `null` is a valid value; anything else wrong becomes `null` with the inner reader's problem. */
export const nullable =
  <T>(reader: FieldReader<T>): FieldReader<T | null> =>
  (value, path, problems) => {
    if (value === null) return null
    const found: Problem[] = []
    const read = reader(value, path, found)
    problems.push(...found)
    return found.length === 0 ? read : null
  }

/** A field that may be absent: absence is no problem and reads as `fallback`. */
export const optional =
  <T>(reader: FieldReader<T>, fallback: T): FieldReader<T> =>
  (value, path, problems) =>
    value === undefined ? fallback : reader(value, path, problems)

/** A plain object stored as one value (an author, say), read field by field. */
export const record =
  <T>(spec: Spec<T>): FieldReader<T> =>
  (value, path, problems) => {
    if (isPlainObject(value)) return readRecord(spec, (key) => value[key], path, problems)
    problems.push({ path, message: `expected an object; got ${describe(value)}` })
    return readRecord(spec, () => undefined, path, [])
  }

export function readRecord<T>(
  spec: Spec<T>,
  get: (key: string) => unknown,
  path: string,
  problems: Problem[],
): T {
  const entries = Object.entries(spec as Record<string, FieldReader<unknown>>).map(
    ([key, reader]) => [key, reader(get(key), `${path}.${key}`, problems)] as const,
  )
  return Object.fromEntries(entries) as T
}

/** Problems with a partial record about to be written: unknown keys and invalid values. */
export function checkPatch<T>(spec: Spec<T>, patch: Partial<T>, path: string): Problem[] {
  const readers = spec as Record<string, FieldReader<unknown> | undefined>
  const problems: Problem[] = []
  for (const [key, value] of Object.entries(patch)) {
    const reader = Object.hasOwn(readers, key) ? readers[key] : undefined
    if (reader === undefined) problems.push({ path: `${path}.${key}`, message: 'unknown field' })
    else if (value !== undefined) reader(value, `${path}.${key}`, problems)
  }
  return problems
}

/**
 * The root Y.Map `name`, or null with a problem when this doc already holds another shared type
 * under that name (Yjs would throw).
 */
export function rootMap(doc: Y.Doc, name: string, problems: Problem[]): Y.Map<unknown> | null {
  const existing = doc.share.get(name)
  if (
    existing === undefined ||
    existing instanceof Y.Map ||
    existing.constructor === Y.AbstractType
  ) {
    return doc.getMap<unknown>(name)
  }
  problems.push({ path: name, message: `expected a Y.Map; got ${describe(existing)}` })
  return null
}

/**
 * Writes `value` under `key` unless it is already there, so untouched fields keep merging. Yjs keeps
 * JSON values by reference, so a copy is stored: the caller mutating its array later must not
 * change the doc behind Yjs' back.
 */
export function setIfChanged(map: Y.Map<unknown>, key: string, value: unknown): void {
  if (!sameValue(map.get(key), value)) map.set(key, structuredClone(value))
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((entry, i) => sameValue(entry, b[i]))
  }
  return false
}

/** Oldest first, ties broken by id: an order every replica agrees on. */
export function byCreation(
  a: { createdAt: number; id: string },
  b: { createdAt: number; id: string },
): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}
