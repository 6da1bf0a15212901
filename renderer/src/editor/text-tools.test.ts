import { describe, expect, test } from 'vitest'
import { ariaShortcut, countWords, normalizeLink, shortcutLabel } from './text-tools.ts'

describe('word count', () => {
  test('counts words, not punctuation or spaces', () => {
    expect(countWords('', 'nb')).toBe(0)
    expect(countWords('  Tre   små ord.  ', 'nb')).toBe(3)
    expect(countWords('Hovedbudskap\nBakgrunn – og 2026!', 'nb')).toBe(4)
    expect(countWords('The Mission Board, ERRIN and EUROCITIES.', 'en')).toBe(6)
  })
})

describe('links', () => {
  test('web and mail addresses are kept; a bare domain becomes https', () => {
    expect(normalizeLink('https://ec.europa.eu/info')).toBe('https://ec.europa.eu/info')
    expect(normalizeLink(' ntnu.no/brussel ')).toBe('https://ntnu.no/brussel')
    expect(normalizeLink('mailto:post@uis.no')).toBe('mailto:post@uis.no')
  })

  test('scripts, files, and things that are not addresses are refused', () => {
    expect(normalizeLink('javascript:alert(1)')).toBeNull()
    expect(normalizeLink('file:///etc/passwd')).toBeNull()
    expect(normalizeLink('not a link')).toBeNull()
    expect(normalizeLink('word')).toBeNull()
    expect(normalizeLink('')).toBeNull()
  })
})

describe('shortcuts', () => {
  test('read as each platform writes them', () => {
    expect(shortcutLabel({ key: '2', alt: true }, false)).toBe('Ctrl+Alt+2')
    expect(shortcutLabel({ key: 'Z', shift: true }, true)).toBe('⌘⇧Z')
    expect(ariaShortcut({ key: 'B' }, false)).toBe('Control+B')
    expect(ariaShortcut({ key: 'Z', shift: true }, true)).toBe('Meta+Shift+Z')
  })
})
