import { isPlainObject, type Settings } from '../../shared/ipc/index.ts'
import { isValidId } from '../../shared/protocol/index.ts'
import type { HostLog } from './host-log.ts'
import { readJsonFile, writeJsonFileAtomic } from './json-file.ts'

/** Where the window was when it last closed, in screen coordinates. */
export type WindowState = {
  x: number
  y: number
  width: number
  height: number
  maximized: boolean
}

type SettingsFile = { version: 1; settings: Settings; window: WindowState | null }

export const DEFAULT_SETTINGS: Settings = {
  language: 'nb',
  lastWorkspace: null,
  secretsNoticeSeen: false,
}

/** The profile's settings and window state in `settings.json`, rewritten atomically on change. */
export class SettingsStore {
  readonly #file: string
  #settings: Settings
  #window: WindowState | null
  readonly #listeners = new Set<(settings: Settings) => void>()

  constructor(file: string, log: HostLog) {
    this.#file = file
    const read = readJsonFile(file)
    if (read.status === 'damaged') {
      log.write('warn', 'settings file was damaged; starting from defaults', {
        movedTo: read.movedTo,
      })
    }
    const stored = read.status === 'ok' && isPlainObject(read.value) ? read.value : {}
    this.#settings = readSettings(stored.settings)
    this.#window = readWindowState(stored.window)
  }

  get(): Settings {
    return { ...this.#settings }
  }

  update(patch: Partial<Settings>): Settings {
    const next = { ...this.#settings }
    if (patch.language !== undefined) next.language = patch.language
    if (patch.lastWorkspace !== undefined) next.lastWorkspace = patch.lastWorkspace
    if (patch.secretsNoticeSeen !== undefined) next.secretsNoticeSeen = patch.secretsNoticeSeen
    this.#settings = next
    this.#save()
    for (const listener of this.#listeners) listener(this.get())
    return this.get()
  }

  /** Calls `listener` after every change (the menu follows the language, say). */
  onChange(listener: (settings: Settings) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  get window(): WindowState | null {
    return this.#window ? { ...this.#window } : null
  }

  set window(state: WindowState | null) {
    this.#window = state ? readWindowState(state) : null
    this.#save()
  }

  #save(): void {
    const file: SettingsFile = { version: 1, settings: this.#settings, window: this.#window }
    writeJsonFileAtomic(this.#file, file)
  }
}

function readSettings(value: unknown): Settings {
  const stored = isPlainObject(value) ? value : {}
  const language = stored.language === 'en' || stored.language === 'nb' ? stored.language : null
  const last = stored.lastWorkspace
  return {
    language: language ?? DEFAULT_SETTINGS.language,
    lastWorkspace: typeof last === 'string' && isValidId(last) ? last : null,
    secretsNoticeSeen: stored.secretsNoticeSeen === true,
  }
}

function readWindowState(value: unknown): WindowState | null {
  if (!isPlainObject(value)) return null
  const { x, y, width, height, maximized } = value
  const numbers = [x, y, width, height]
  if (!numbers.every((n) => typeof n === 'number' && Number.isFinite(n))) return null
  return {
    x: Math.round(x as number),
    y: Math.round(y as number),
    width: Math.round(width as number),
    height: Math.round(height as number),
    maximized: maximized === true,
  }
}
