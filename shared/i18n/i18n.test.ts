import { describe, expect, test } from 'vitest'
import {
  CATALOGS,
  LANGUAGES,
  LOCALES,
  createFormatters,
  createTranslator,
  type Message,
} from './index.ts'

const placeholders = (message: Message): string[] => {
  const texts = typeof message === 'string' ? [message] : Object.values(message)
  const names = texts.flatMap((text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? ''))
  return [...new Set(names)].sort()
}

describe('the catalogs', () => {
  test('nb and en have exactly the same keys', () => {
    expect(Object.keys(CATALOGS.nb).sort()).toEqual(Object.keys(CATALOGS.en).sort())
  })

  test('every message has the same placeholders in both languages', () => {
    for (const [key, message] of Object.entries(CATALOGS.en)) {
      const other = CATALOGS.nb[key as keyof typeof CATALOGS.nb]
      expect(placeholders(other), key).toEqual(placeholders(message))
    }
  })

  test('every plural message has each form its language needs, and no text is empty', () => {
    for (const language of LANGUAGES) {
      const needed = new Intl.PluralRules(LOCALES[language]).resolvedOptions().pluralCategories
      for (const [key, message] of Object.entries(CATALOGS[language])) {
        if (typeof message === 'string') {
          expect(message.trim(), `${language} ${key}`).not.toBe('')
          continue
        }
        for (const form of needed) expect(message, `${language} ${key}`).toHaveProperty(form)
      }
    }
  })
})

describe('t', () => {
  const nb = createTranslator('nb')
  const en = createTranslator('en')

  test('picks the plural form by count and formats the count for the locale', () => {
    expect(nb('saved.pending', { count: 3 })).toBe(
      '3 endringer lagret på denne maskinen, venter på reléserveren',
    )
    expect(nb('saved.pending', { count: 1 })).toMatch(/^1 endring lagret/)
    expect(en('saved.pending', { count: 1 })).toMatch(/^1 change saved/)
    expect(en('library.count', { count: 1234 })).toBe('1,234 papers')
    expect(nb('library.count', { count: 1234 })).toMatch(/^1\s234 notater$/)
  })

  test('fills named placeholders and leaves a missing one visible', () => {
    expect(en('join.confirm', { workspace: 'Smart cities' })).toBe('Join Smart cities')
    const loose = en as unknown as (key: string, params: object) => string
    expect(loose('join.confirm', {})).toBe('Join {workspace}')
  })
})

describe('formatters', () => {
  const now = Date.UTC(2026, 2, 12, 12, 0, 0)
  const nb = createFormatters('nb', createTranslator('nb'))
  const en = createFormatters('en', createTranslator('en'))

  test('calendar dates keep their day in every time zone', () => {
    expect(nb.isoDate('2026-03-12')).toBe('12. mars 2026')
    expect(en.isoDate('2026-03-12')).toBe('12 March 2026')
    expect(en.isoDate('not a date')).toBe('not a date')
  })

  test('recent changes read as time ago, older ones as a date', () => {
    expect(en.relative(now - 10_000, now)).toBe('just now')
    expect(nb.relative(now - 10_000, now)).toBe('nå nettopp')
    expect(en.relative(now - 5 * 60_000, now)).toBe('5 minutes ago')
    expect(nb.relative(now - 5 * 60_000, now)).toBe('for 5 minutter siden')
    expect(en.relative(now - 26 * 3_600_000, now)).toBe('yesterday')
    expect(en.relative(Date.UTC(2026, 0, 2, 12), now)).toBe('2 Jan 2026')
    expect(en.relative(0, now)).toBe('Unknown')
  })

  test('lists join with the language’s own conjunction', () => {
    expect(nb.list(['NTNU', 'UiS', 'Nordic Edge'])).toBe('NTNU, UiS og Nordic Edge')
    expect(en.list(['NTNU', 'UiS', 'Nordic Edge'])).toBe('NTNU, UiS and Nordic Edge')
  })
})
