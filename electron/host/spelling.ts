import type { Result, SpellingLanguage } from '../../shared/ipc/index.ts'
import { ok } from './host-error.ts'
import type { HostLog } from './host-log.ts'

/**
 * Spell checking in the paper's language. Electron checks with Hunspell on Windows and Linux,
 * in the languages the session is set to, and downloads each dictionary the first time, by
 * default from Google's servers; an operator who does not want partners' machines to contact
 * them serves the .bdic files themselves and points `SAMSTEMT_SPELLCHECK_DICTIONARIES` at them.
 * macOS uses its own spell checker, which picks the language by itself and ignores these.
 */

/** The dictionaries for each paper language: Bokmål, and British English for the EU audience. */
export const DICTIONARIES: Record<SpellingLanguage, readonly string[]> = {
  nb: ['nb'],
  en: ['en-GB', 'en-US'],
}

/** The environment variable that sets where dictionaries are downloaded from. */
export const DICTIONARY_URL_VARIABLE = 'SAMSTEMT_SPELLCHECK_DICTIONARIES'

/** What of Electron's `Session` spell checking uses. */
export type SpellingSession = {
  readonly availableSpellCheckerLanguages: string[]
  setSpellCheckerLanguages(languages: string[]): void
  setSpellCheckerDictionaryDownloadURL(url: string): void
  addWordToSpellCheckerDictionary(word: string): boolean
}

export type SpellingService = {
  /** Checks spelling in the paper's language from now on; the languages actually set. */
  setLanguage(language: SpellingLanguage): Promise<Result<{ languages: string[] }>>
  addWord(word: string): void
}

/**
 * The download URL from the environment: an https URL (or http on this computer, for tests),
 * ending in "/" as Electron appends the file name. Anything else is ignored and logged.
 */
export function dictionaryUrlFrom(
  env: Record<string, string | undefined>,
  log: HostLog,
): string | null {
  const value = env[DICTIONARY_URL_VARIABLE]?.trim()
  if (value === undefined || value === '') return null
  let url: URL
  try {
    url = new URL(value)
  } catch {
    log.write('warn', `${DICTIONARY_URL_VARIABLE} is not a URL; using the default dictionaries`)
    return null
  }
  const local = url.hostname === '127.0.0.1' || url.hostname === 'localhost'
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    log.write(
      'warn',
      `${DICTIONARY_URL_VARIABLE} must be an https URL; using the default dictionaries`,
    )
    return null
  }
  return url.href.endsWith('/') ? url.href : `${url.href}/`
}

export function createSpelling(
  session: SpellingSession,
  options: { dictionaryUrl: string | null; log: HostLog },
): SpellingService {
  if (options.dictionaryUrl !== null) {
    session.setSpellCheckerDictionaryDownloadURL(options.dictionaryUrl)
  }
  let current: string[] = []
  return {
    async setLanguage(language) {
      const available = session.availableSpellCheckerLanguages
      // Empty on macOS, whose own checker needs no languages set.
      if (available.length === 0) return ok({ languages: [] })
      const wanted = DICTIONARIES[language].filter((code) => available.includes(code)).slice(0, 1)
      if (wanted.length === 0) {
        options.log.write('warn', 'no spelling dictionary for the paper language', { language })
        return ok({ languages: [] })
      }
      if (wanted.join() !== current.join()) {
        session.setSpellCheckerLanguages(wanted)
        current = wanted
      }
      return ok({ languages: wanted })
    },
    addWord(word) {
      if (word.trim() !== '') session.addWordToSpellCheckerDictionary(word)
    },
  }
}

/** Where the page is not in Electron (the preview), the browser checks spelling by itself. */
export const browserSpelling: SpellingService = {
  setLanguage: async () => ok({ languages: [] }),
  addWord: () => undefined,
}

/** What Electron's `context-menu` event says about the place clicked, as far as we use it. */
export type ContextMenuParams = {
  misspelledWord: string
  dictionarySuggestions: string[]
  isEditable: boolean
  selectionText: string
  editFlags: { canCut: boolean; canCopy: boolean; canPaste: boolean; canSelectAll: boolean }
}

export type SpellingMenuLabels = {
  noSuggestions: string
  addToDictionary: string
  cut: string
  copy: string
  paste: string
  selectAll: string
}

/** A context menu entry, as Electron's MenuItemConstructorOptions takes it. */
export type MenuEntry =
  | { type: 'separator' }
  | { label: string; enabled?: boolean; click?: () => void }
  | { role: 'cut' | 'copy' | 'paste' | 'selectAll'; label: string; enabled: boolean }

/** Suggestions at most, as in Word and Google Docs. */
export const MAX_SUGGESTIONS = 5

/**
 * The context menu: for a misspelled word its suggestions (each replaces the word), "add to
 * dictionary", then cut, copy, paste and select all in editable text, copy for a selection
 * elsewhere. Empty where there is nothing to offer.
 */
export function contextMenu(
  params: ContextMenuParams,
  labels: SpellingMenuLabels,
  actions: { replace(word: string): void; addWord(word: string): void },
): MenuEntry[] {
  const entries: MenuEntry[] = []
  if (params.isEditable && params.misspelledWord !== '') {
    const suggestions = params.dictionarySuggestions.slice(0, MAX_SUGGESTIONS)
    if (suggestions.length === 0) entries.push({ label: labels.noSuggestions, enabled: false })
    for (const suggestion of suggestions) {
      entries.push({ label: suggestion, click: () => actions.replace(suggestion) })
    }
    entries.push({ type: 'separator' })
    entries.push({
      label: labels.addToDictionary,
      click: () => actions.addWord(params.misspelledWord),
    })
    entries.push({ type: 'separator' })
  }
  const flags = params.editFlags
  if (params.isEditable) {
    entries.push({ role: 'cut', label: labels.cut, enabled: flags.canCut })
    entries.push({ role: 'copy', label: labels.copy, enabled: flags.canCopy })
    entries.push({ role: 'paste', label: labels.paste, enabled: flags.canPaste })
    entries.push({ type: 'separator' })
    entries.push({ role: 'selectAll', label: labels.selectAll, enabled: flags.canSelectAll })
  } else if (params.selectionText.trim() !== '') {
    entries.push({ role: 'copy', label: labels.copy, enabled: flags.canCopy })
  }
  return entries
}
