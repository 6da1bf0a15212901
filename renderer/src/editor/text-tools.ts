/** Words as the language sees them (`Intl.Segmenter`): "Oslo-regionen, 2026." is two words. */
export function countWords(text: string, locale: string): number {
  let words = 0
  for (const segment of new Intl.Segmenter(locale, { granularity: 'word' }).segment(text)) {
    if (segment.isWordLike) words++
  }
  return words
}

/**
 * The link a user meant: web and mail addresses as typed, a bare domain made https; null for
 * anything else, so a link never runs script (`javascript:`) or opens a local file.
 */
export function normalizeLink(input: string): string | null {
  const value = input.trim()
  if (value === '' || /\s/.test(value)) return null
  if (/^mailto:[^@]+@[^@]+\.[^@]+$/i.test(value)) return value
  const candidate = /^[a-z][a-z0-9+.-]*:/i.test(value) ? value : `https://${value}`
  try {
    const url = new URL(candidate)
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null
    return url.hostname.includes('.') || url.hostname === 'localhost' ? candidate : null
  } catch {
    return null
  }
}

/** A keyboard shortcut: always with the platform's command key, sometimes with Alt or Shift. */
export type Shortcut = { key: string; alt?: boolean; shift?: boolean }

/** As shown in a tooltip: "Ctrl+Alt+2" on Windows and Linux, "⌘⌥2" on a Mac. */
export function shortcutLabel(shortcut: Shortcut, mac: boolean): string {
  if (mac) return `⌘${shortcut.alt ? '⌥' : ''}${shortcut.shift ? '⇧' : ''}${shortcut.key}`
  return ['Ctrl', shortcut.alt && 'Alt', shortcut.shift && 'Shift', shortcut.key]
    .filter(Boolean)
    .join('+')
}

/** As `aria-keyshortcuts` wants it: "Control+Alt+2", "Meta+Shift+Z". */
export function ariaShortcut(shortcut: Shortcut, mac: boolean): string {
  return [mac ? 'Meta' : 'Control', shortcut.alt && 'Alt', shortcut.shift && 'Shift', shortcut.key]
    .filter(Boolean)
    .join('+')
}

export function isMac(): boolean {
  return /Mac|iPhone|iPad/.test(globalThis.navigator?.userAgent ?? '')
}
