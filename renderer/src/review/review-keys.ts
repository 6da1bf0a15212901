import { isMac, shortcutLabel, type Shortcut } from '../editor/text-tools.ts'

/**
 * Review shortcuts, read by physical key (`event.code`) so they work on every keyboard layout:
 * Ctrl+Alt+M comments as in Google Docs and Word; Ctrl+Alt+↓/↑ move between threads.
 */
export const REVIEW_KEYS = {
  add: { key: 'M', alt: true, code: 'KeyM' },
  next: { key: '↓', alt: true, code: 'ArrowDown' },
  previous: { key: '↑', alt: true, code: 'ArrowUp' },
} as const satisfies Record<string, Shortcut & { code: string }>

export type ReviewCommand = keyof typeof REVIEW_KEYS

const MAC = isMac()

export function keysLabel(shortcut: Shortcut): string {
  return shortcutLabel(shortcut, MAC)
}

/** The review command a key press asks for, if any. */
export function reviewCommand(event: {
  code: string
  altKey: boolean
  ctrlKey: boolean
  metaKey: boolean
  shiftKey: boolean
}): ReviewCommand | null {
  const command = (MAC ? event.metaKey : event.ctrlKey) && event.altKey && !event.shiftKey
  if (!command) return null
  for (const [name, keys] of Object.entries(REVIEW_KEYS)) {
    if (keys.code === event.code) return name as ReviewCommand
  }
  return null
}
