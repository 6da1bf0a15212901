import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { HostLog } from '../../electron/host/host-log.ts'
import {
  DICTIONARY_URL_VARIABLE,
  contextMenu,
  createSpelling,
  dictionaryUrlFrom,
  type ContextMenuParams,
  type SpellingSession,
} from '../../electron/host/spelling.ts'
import { MENU_LABELS } from '../../electron/main/menu-labels.ts'
import { useTempDir } from '../helpers/temp-dir.ts'
import { electron, electronEvent, resetElectron, type FakeBrowserWindow } from './electron-mock.ts'

vi.mock('electron', async () => (await import('./electron-mock.ts')).electronModule)

const quiet: HostLog = { write: vi.fn() } as unknown as HostLog
const params = (overrides: Partial<ContextMenuParams> = {}): ContextMenuParams => ({
  misspelledWord: '',
  dictionarySuggestions: [],
  isEditable: true,
  selectionText: '',
  editFlags: { canCut: false, canCopy: false, canPaste: true, canSelectAll: true },
  ...overrides,
})
const labelsOf = (entries: ReturnType<typeof contextMenu>) =>
  entries.map((entry) => ('label' in entry ? entry.label : '---'))

describe('the context menu', () => {
  const actions = { replace: vi.fn(), addWord: vi.fn() }

  it('offers up to five suggestions for a misspelled word, each replacing it, and adding it', () => {
    const entries = contextMenu(
      params({
        misspelledWord: 'finansierng',
        dictionarySuggestions: ['finansiering', 'finansierings', 'a', 'b', 'c', 'd'],
      }),
      MENU_LABELS.nb,
      actions,
    )
    expect(labelsOf(entries)).toEqual([
      'finansiering',
      'finansierings',
      'a',
      'b',
      'c',
      '---',
      'Legg til i ordlisten',
      '---',
      'Klipp ut',
      'Kopier',
      'Lim inn',
      '---',
      'Merk alt',
    ])
    const first = entries[0] as { click: () => void }
    first.click()
    expect(actions.replace).toHaveBeenCalledWith('finansiering')
    ;(entries[6] as { click: () => void }).click()
    expect(actions.addWord).toHaveBeenCalledWith('finansierng')
  })

  it('says so when there is no suggestion, in English too', () => {
    const entries = contextMenu(params({ misspelledWord: 'Trøndelagsk' }), MENU_LABELS.en, actions)
    expect(entries[0]).toEqual({ label: 'No spelling suggestions', enabled: false })
  })

  it('has only copy for a selection in read-only text, and nothing without one', () => {
    const readOnly = { isEditable: false, editFlags: { ...params().editFlags, canCopy: true } }
    expect(
      labelsOf(contextMenu(params({ ...readOnly, selectionText: 'by' }), MENU_LABELS.en, actions)),
    ).toEqual(['Copy'])
    expect(contextMenu(params(readOnly), MENU_LABELS.en, actions)).toEqual([])
  })
})

describe('spelling in the paper’s language', () => {
  const fakeSession = (available: string[]) => {
    const session: SpellingSession & { languages: string[]; url: string | null } = {
      availableSpellCheckerLanguages: available,
      languages: [],
      url: null,
      setSpellCheckerLanguages: (languages) => (session.languages = languages),
      setSpellCheckerDictionaryDownloadURL: (url) => (session.url = url),
      addWordToSpellCheckerDictionary: () => true,
    }
    return session
  }

  it('checks a Norwegian paper in Bokmål and an English one in British English', async () => {
    const session = fakeSession(['en-US', 'en-GB', 'nb', 'da'])
    const spelling = createSpelling(session, { dictionaryUrl: null, log: quiet })
    expect(await spelling.setLanguage('nb')).toEqual({ ok: true, value: { languages: ['nb'] } })
    expect(session.languages).toEqual(['nb'])
    expect(await spelling.setLanguage('en')).toEqual({ ok: true, value: { languages: ['en-GB'] } })
    expect(session.languages).toEqual(['en-GB'])
  })

  it('leaves the languages alone where the platform picks them (macOS) or has no dictionary', async () => {
    const mac = fakeSession([])
    expect(
      await createSpelling(mac, { dictionaryUrl: null, log: quiet }).setLanguage('nb'),
    ).toEqual({
      ok: true,
      value: { languages: [] },
    })
    const noNorwegian = fakeSession(['en-US'])
    await createSpelling(noNorwegian, { dictionaryUrl: null, log: quiet }).setLanguage('nb')
    expect(noNorwegian.languages).toEqual([])
  })

  it('takes the dictionaries’ address from the operator, https only', () => {
    const url = (value: string) => dictionaryUrlFrom({ [DICTIONARY_URL_VARIABLE]: value }, quiet)
    expect(url('https://ordbok.example.no/hunspell')).toBe('https://ordbok.example.no/hunspell/')
    expect(url('https://ordbok.example.no/hunspell/')).toBe('https://ordbok.example.no/hunspell/')
    expect(url('http://127.0.0.1:8080/dict/')).toBe('http://127.0.0.1:8080/dict/')
    expect(url('http://ordbok.example.no/')).toBeNull()
    expect(url('ikke en adresse')).toBeNull()
    expect(dictionaryUrlFrom({}, quiet)).toBeNull()
  })
})

const tempDir = useTempDir('samstemt-spelling-')

describe('spell checking in the desktop app', () => {
  beforeEach(resetElectron)
  afterEach(() => {
    delete process.env.SAMSTEMT_SPELLCHECK_DICTIONARIES
  })

  async function start(): Promise<FakeBrowserWindow> {
    electron().userData = tempDir()
    vi.resetModules()
    const { started } = await import('../../electron/main/index.ts')
    const window = (await started) as unknown as FakeBrowserWindow
    return window
  }

  it('sets the operator’s dictionaries, the paper’s language, and a context menu of suggestions', async () => {
    process.env[DICTIONARY_URL_VARIABLE] = 'https://ordbok.example.no/hunspell/'
    const window = await start()
    expect(electron().spelling.downloadUrl).toBe('https://ordbok.example.no/hunspell/')
    expect(window.options.webPreferences).toMatchObject({ spellcheck: true })

    const handler = electron().handlers.get('spelling/language') as (
      event: unknown,
      payload: unknown,
    ) => Promise<unknown>
    const event = { sender: window.webContents, senderFrame: { url: window.url } }
    expect(await handler(event, { language: 'en' })).toEqual({
      ok: true,
      value: { languages: ['en-GB'] },
    })
    expect(electron().spelling.languages).toEqual(['en-GB'])
    expect(await handler(event, { language: 'sv' })).toMatchObject({ ok: false })

    window.webContents.emit(
      'context-menu',
      electronEvent(),
      params({ misspelledWord: 'byenne', dictionarySuggestions: ['byene', 'bydene'] }),
    )
    const popup = electron().popups.at(-1)
    const template = popup?.template as { label?: string; click?: () => void }[]
    expect(template.map((entry) => entry.label).slice(0, 2)).toEqual(['byene', 'bydene'])
    expect(template.some((entry) => entry.label === 'Legg til i ordlisten')).toBe(true)
    template[0]?.click?.()
    expect(window.webContents.replaceMisspelling).toHaveBeenCalledWith('byene')
    template.find((entry) => entry.label === 'Legg til i ordlisten')?.click?.()
    expect(electron().spelling.added).toEqual(['byenne'])

    const { app } = electron()
    await new Promise<void>((resolve) => {
      app.quit.mockImplementation(() => resolve())
      app.emit('will-quit', electronEvent())
    })
  })
})
