import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ExportRequest } from '../../shared/ipc/index.ts'
import { fixturePaper } from '../export/fixture.ts'
import { useTempDir } from '../helpers/temp-dir.ts'
import {
  electron,
  electronEvent,
  resetElectron,
  type FakeBrowserWindow,
  type FakeSession,
} from './electron-mock.ts'

vi.mock('electron', async () => (await import('./electron-mock.ts')).electronModule)

const tempDir = useTempDir('samstemt-export-main-')
const running: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const stop of running.splice(0)) await stop()
})

/** Starts main afresh on a new profile; the app window is the first window. */
async function startMain(): Promise<FakeBrowserWindow> {
  electron().userData = tempDir()
  vi.resetModules()
  const { started } = await import('../../electron/main/index.ts')
  const window = (await started) as unknown as FakeBrowserWindow | null
  if (!window) throw new Error('main did not start')
  running.push(
    () =>
      new Promise<void>((resolve) => {
        electron().app.quit.mockImplementation(() => resolve())
        electron().app.emit('will-quit', electronEvent())
      }),
  )
  window.webContents.emit('did-finish-load')
  return window
}

function exportPaper(window: FakeBrowserWindow, patch: Partial<ExportRequest> = {}) {
  const request: ExportRequest = {
    format: 'pdf',
    source: fixturePaper(),
    compareWith: null,
    includeComments: false,
    suggestedName: 'Byene: én stemme',
    ...patch,
  }
  const handler = electron().handlers.get('export/save') as (
    event: unknown,
    payload: unknown,
  ) => Promise<unknown>
  return handler({ sender: window.webContents, senderFrame: { url: window.url } }, request)
}

/** The windows main opened besides the app window: print windows. */
const printWindows = () => electron().windows.slice(1)

function chooseInDialog(path: string) {
  electron().saveDialog.mockResolvedValueOnce({ canceled: false, filePath: path })
}

describe('export/save in the desktop app', () => {
  beforeEach(resetElectron)

  it('asks where to save in a save dialog parented to the app window, filtered to the format', async () => {
    const window = await startMain()
    await exportPaper(window, { format: 'docx' })
    expect(electron().saveDialog).toHaveBeenCalledTimes(1)
    const [parent, options] = electron().saveDialog.mock.calls[0] ?? []
    expect(parent).toBe(window)
    expect(options).toMatchObject({
      defaultPath: join(electron().userData, 'Byene én stemme.docx'),
      filters: [{ name: 'Word-dokument', extensions: ['docx'] }],
      properties: expect.arrayContaining(['showOverwriteConfirmation', 'createDirectory']),
    })
  })

  it('returns cancelled when the dialog is closed, and neither prints nor writes', async () => {
    const window = await startMain()
    expect(await exportPaper(window)).toEqual({ ok: true, value: { cancelled: true } })
    expect(printWindows()).toEqual([])
    expect(window.webContents.sent.filter((s) => s.channel === 'export/progress')).toEqual([])
  })

  it('prints a PDF in a hidden, locked-down window of its own session, writes it, and destroys the window', async () => {
    const window = await startMain()
    const folder = tempDir()
    chooseInDialog(join(folder, 'paper.pdf'))
    const result = await exportPaper(window)
    expect(result).toEqual({ ok: true, value: { path: join(folder, 'paper.pdf') } })
    expect(readFileSync(join(folder, 'paper.pdf'), 'latin1')).toMatch(/^%PDF-1\.7/)

    const [print] = printWindows()
    if (!print) throw new Error('no print window')
    expect(print.options.show).toBe(false)
    const prefs = print.options.webPreferences as Record<string, unknown>
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      javascript: false,
    })
    expect(prefs.preload).toBeUndefined()
    // A session of its own (not the app's), kept in memory only.
    expect([...electron().sessions.values()]).toEqual([prefs.session])
    expect((prefs.session as FakeSession).partition).not.toMatch(/^persist:|^$/)
    // Tagged, with the headings as bookmarks: what the CLI and the preview print (PDF_OPTIONS).
    expect(print.webContents.printToPDF).toHaveBeenCalledWith({
      preferCSSPageSize: true,
      printBackground: true,
      generateTaggedPDF: true,
      generateDocumentOutline: true,
    })
    expect(print.destroy).toHaveBeenCalled()
    expect(
      window.webContents.sent.filter((s) => s.channel === 'export/progress').map((s) => s.payload),
    ).toEqual([
      { stage: 'preparing' },
      { stage: 'rendering' },
      { stage: 'printing' },
      { stage: 'writing' },
      { stage: 'done' },
    ])
  })

  it('serves the print page once, to its window only, under a policy that loads nothing else', async () => {
    const window = await startMain()
    chooseInDialog(join(tempDir(), 'paper.pdf'))
    await exportPaper(window)
    const [print] = printWindows()
    if (!print?.served) throw new Error('the print window loaded nothing')
    expect(print.url).toMatch(/^app:\/\/print\/[0-9a-f-]{36}\.html$/)
    expect(print.served.status).toBe(200)
    expect(print.served.body).toContain('<title>Norske byer og universiteter')
    expect(print.served.body).toContain('font/woff2;base64,')
    const csp = print.served.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("default-src 'none'")
    expect(csp).toContain('font-src data:')
    expect(csp).not.toMatch(/https?:|script-src/)

    const session = electron().sessions.values().next().value as FakeSession
    const handler = session.protocolHandlers.get('app')
    // After printing the page is gone; the app's own pages were never served in this session.
    expect((await handler?.(new Request(print.url)))?.status).toBe(404)
    expect((await handler?.(new Request('app://samstemt/index.html')))?.status).toBe(404)
    const cancelled = (url: string) =>
      new Promise((resolve) => session.beforeRequest?.({ url } as never, resolve as never))
    expect(await cancelled('https://tracker.example/pixel.png')).toEqual({ cancel: true })
    expect(await cancelled('app://samstemt/index.html')).toEqual({ cancel: true })
    expect(await cancelled(print.url)).toEqual({ cancel: false })
    const permission = new Promise((resolve) =>
      session.permissionRequest?.({} as never, 'media' as never, resolve as never),
    )
    expect(await permission).toBe(false)
  })

  it('destroys the print window when printing fails, writes nothing, and says what happened', async () => {
    const window = await startMain()
    const folder = tempDir()
    chooseInDialog(join(folder, 'paper.pdf'))
    electron().printToPDF = () => Promise.reject(new Error('Printing failed'))
    const result = await exportPaper(window)
    expect(result).toMatchObject({ ok: false, error: { code: 'export-failed' } })
    expect(JSON.stringify(result)).toContain('Printing failed')
    expect(printWindows()[0]?.destroy).toHaveBeenCalled()
    expect(readdirSync(folder)).toEqual([])
  })

  it('gives up on a print that never ends, and still destroys its window', async () => {
    electron().printToPDF = () => new Promise<Buffer>(() => undefined)
    vi.resetModules()
    const { printHtmlToPdf } = await import('../../electron/main/print-window.ts')
    await expect(printHtmlToPdf('<p>Never printed</p>', 10)).rejects.toThrow(
      'printing took longer than',
    )
    expect(electron().windows[0]?.destroy).toHaveBeenCalled()
  })

  it('writes DOCX, HTML and Markdown without opening a print window', async () => {
    const window = await startMain()
    const folder = tempDir()
    for (const format of ['docx', 'html', 'md'] as const) {
      chooseInDialog(join(folder, `paper.${format}`))
      expect(await exportPaper(window, { format })).toMatchObject({ ok: true })
    }
    expect(readdirSync(folder).sort()).toEqual(['paper.docx', 'paper.html', 'paper.md'])
    expect(printWindows()).toEqual([])
  })

  it('opens the next save dialog in the folder of the last export', async () => {
    const window = await startMain()
    const folder = tempDir()
    chooseInDialog(join(folder, 'first.md'))
    await exportPaper(window, { format: 'md' })
    await exportPaper(window, { format: 'md', suggestedName: 'second' })
    const options = electron().saveDialog.mock.calls[1]?.[1] as { defaultPath: string }
    expect(options.defaultPath).toBe(join(folder, 'second.md'))
    expect(existsSync(join(folder, 'first.md'))).toBe(true)
  })

  it('refuses an invalid request before any dialog opens', async () => {
    const window = await startMain()
    const result = await exportPaper(window, { format: 'odt' as never })
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-payload' } })
    expect(electron().saveDialog).not.toHaveBeenCalled()
  })
})
