import { truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createImportService } from '../../electron/host/import-service.ts'
import { createImportChooser } from '../../electron/main/import-dialog.ts'
import { toDocx } from '../../shared/export/index.ts'
import { useTempDir } from '../helpers/temp-dir.ts'
import { electron, resetElectron } from './electron-mock.ts'

vi.mock('electron', async () => (await import('./electron-mock.ts')).electronModule)

const tempDir = useTempDir('samstemt-import-open-')

function service(language: 'nb' | 'en' = 'en') {
  return createImportService({
    chooseFile: createImportChooser(
      () => null,
      () => language,
    ),
  })
}

async function paperDocx(): Promise<Uint8Array> {
  return toDocx({
    title: 'Smarte byer',
    recipients: ['Mission Board'],
    language: 'nb',
    date: '2026-12-01',
    place: null,
    body: {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Budskap' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'Byene ber om midler.' }] },
      ],
    },
    signatories: [],
    versionName: null,
  })
}

function choose(path: string | null) {
  electron().openDialog.mockImplementation(async () =>
    path === null ? { canceled: true, filePaths: [] } : { canceled: false, filePaths: [path] },
  )
}

describe('File › Import from Word… (the native open dialog, then the host reads the file)', () => {
  beforeEach(resetElectron)

  it('asks for a Word document in the app language and reads the one chosen', async () => {
    const file = join(tempDir(), 'Innspill fra Bergen.docx')
    writeFileSync(file, await paperDocx())
    choose(file)
    const opened = await service('nb').open()
    const [options] = electron().openDialog.mock.calls[0] ?? []
    expect(options).toMatchObject({
      title: 'Importer fra Word',
      filters: [{ name: 'Word-dokument', extensions: ['docx'] }],
    })
    if (!opened.ok || 'cancelled' in opened.value) throw new Error('not read')
    expect(opened.value.fileName).toBe('Innspill fra Bergen.docx')
    expect(opened.value.parsed.title).toBe('Smarte byer')
    expect(opened.value.parsed.stats.headings).toBe(1)
  })

  it('says so when the dialog is closed, and reads nothing', async () => {
    choose(null)
    expect(await service().open()).toEqual({ ok: true, value: { cancelled: true } })
  })

  it('refuses a 50 MB file by its size, naming it, in both languages', async () => {
    const file = join(tempDir(), 'scan.docx')
    writeFileSync(file, '')
    truncateSync(file, 50 * 1024 * 1024)
    choose(file)
    const opened = await service().open()
    expect(opened).toMatchObject({ ok: false, error: { code: 'import-refused' } })
    if (opened.ok) return
    expect(opened.error.message).toMatch(/^scan\.docx: The file is larger than 25 MB/)
    expect(opened.error.messageNb).toMatch(/^scan\.docx: Filen er større enn 25 MB/)
  })

  it('refuses a file that is not a Word document, and one that has gone', async () => {
    const text = join(tempDir(), 'notat.docx')
    writeFileSync(text, 'Dette er bare tekst.')
    choose(text)
    expect(await service().open()).toMatchObject({
      ok: false,
      error: { code: 'import-refused', message: expect.stringContaining('not a Word document') },
    })
    choose(join(tempDir(), 'borte.docx'))
    expect(await service().open()).toMatchObject({
      ok: false,
      error: { code: 'import-refused', message: expect.stringContaining('could not be read') },
    })
  })

  it('reads bytes the page sends (a dropped file) the same way', async () => {
    const read = await service().read({ fileName: 'a.docx', bytes: await paperDocx() })
    expect(read.ok && read.value.parsed.recipients).toEqual(['Mission Board'])
  })
})
