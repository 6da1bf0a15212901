import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { sourceFromDocs, type ExportSource } from '../../shared/export/index.ts'
import { loadExportFonts } from '../../shared/export-node/fonts.ts'
import { openPdfPrinter, type PdfPrinter } from '../../shared/export-node/pdf.ts'
import type { ExportProgress, ExportRequest } from '../../shared/ipc/index.ts'
import { validateRequest } from '../../shared/ipc/index.ts'
import { fixturePaper, fixtureVersions } from '../../test/export/fixture.ts'
import { CHROMIUM } from '../../test/helpers/chromium.ts'
import { useTempDir } from '../../test/helpers/temp-dir.ts'
import { PrinterError, createExportService, type ExportServiceOptions } from './export-service.ts'
import { nodeFiles, type ExportFiles } from '../../shared/export-node/write-file.ts'
import { SAMPLE_PAPER_ID, SAMPLE_WORKSPACE_ID, sampleDocs } from './sample-workspace.ts'

const tempDir = useTempDir('samstemt-export-service-')
const TITLE = fixturePaper().title

let printer: PdfPrinter
beforeAll(async () => {
  printer = await openPdfPrinter({ chromiumPath: CHROMIUM })
})
afterAll(() => printer.close())

function request(patch: Partial<ExportRequest> = {}): ExportRequest {
  return {
    format: 'pdf',
    source: fixturePaper(),
    compareWith: null,
    includeComments: false,
    suggestedName: TITLE,
    ...patch,
  }
}

/** A service that saves into `folder` under the suggested name, with a real printer. */
function service(folder: string, options: Partial<ExportServiceOptions> = {}) {
  const progress: ExportProgress['stage'][] = []
  const chosen: string[] = []
  const exporter = createExportService({
    chooseFile: async (name) => {
      chosen.push(name)
      return join(folder, name)
    },
    printPdf: (html) => printer.print(html),
    fonts: loadExportFonts,
    emit: ({ stage }) => progress.push(stage),
    ...options,
  })
  return { exporter, progress, chosen }
}

async function saved(result: Awaited<ReturnType<ReturnType<typeof service>['exporter']['save']>>) {
  if (!result.ok) throw new Error(`export failed: ${result.error.message}`)
  if (!('path' in result.value)) throw new Error('export was cancelled')
  return result.value.path
}

const unzip = (file: string, entry: string) =>
  execFileSync('unzip', ['-p', file, entry], { encoding: 'utf8' })
const pdfText = (file: string) => execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })

describe('export/save writes each format to the chosen file', () => {
  it('DOCX is a Word zip whose word/document.xml holds the title, and the comments when asked', async () => {
    const folder = tempDir()
    const { exporter, chosen } = service(folder)
    const path = await saved(
      await exporter.save(request({ format: 'docx', includeComments: true })),
    )
    expect(chosen).toEqual([`${TITLE.replace(':', '')}.docx`])
    expect(readFileSync(path).subarray(0, 2).toString()).toBe('PK')
    expect(unzip(path, 'word/document.xml')).toContain('Norske byer og universiteter')
    expect(unzip(path, 'word/comments.xml')).toContain('Kan vi nevne Bodø her også?')
  })

  it('PDF starts with %PDF, and its text holds the title and æ, ø and å', async () => {
    const { exporter } = service(tempDir())
    const path = await saved(await exporter.save(request({ format: 'pdf' })))
    expect(readFileSync(path).subarray(0, 5).toString()).toBe('%PDF-')
    const text = pdfText(path)
    expect(text).toContain('Norske byer og universiteter i EUs bymisjon:')
    for (const letter of ['æ', 'ø', 'å']) expect(text).toContain(letter)
  })

  it('HTML and Markdown hold the title, and the comments only when asked', async () => {
    const folder = tempDir()
    const { exporter } = service(folder)
    const html = readFileSync(await saved(await exporter.save(request({ format: 'html' }))), 'utf8')
    expect(html).toMatch(/^<!doctype html>/)
    expect(html).toContain(`<title>${TITLE}</title>`)
    expect(html).toContain('@font-face')
    expect(html).not.toContain('Kan vi nevne Bodø her også?')
    const md = await saved(await exporter.save(request({ format: 'md', includeComments: true })))
    expect(md).toMatch(/\.md$/)
    expect(readFileSync(md, 'utf8')).toContain(TITLE)
    expect(readFileSync(md, 'utf8')).toContain('Kan vi nevne Bodø her også?')
  })

  it('a redline DOCX carries the changes between the versions as tracked changes', async () => {
    const { before, after } = fixtureVersions()
    const { exporter } = service(tempDir())
    const path = await saved(
      await exporter.save(request({ format: 'docx', source: after, compareWith: before })),
    )
    const xml = unzip(path, 'word/document.xml')
    expect(xml).toContain('<w:ins ')
    expect(xml).toContain('<w:del ')
  })

  it('reports its stages in order: printing for PDF only, done last', async () => {
    const pdf = service(tempDir())
    await saved(await pdf.exporter.save(request({ format: 'pdf' })))
    expect(pdf.progress).toEqual(['preparing', 'rendering', 'printing', 'writing', 'done'])
    const docx = service(tempDir())
    await saved(await docx.exporter.save(request({ format: 'docx' })))
    expect(docx.progress).toEqual(['preparing', 'rendering', 'writing', 'done'])
  })

  it('replaces an earlier export at the chosen path, keeping its permissions', async () => {
    const folder = tempDir()
    const path = join(folder, 'paper.md')
    writeFileSync(path, 'old', { mode: 0o600 })
    const { exporter } = service(folder, { chooseFile: async () => path })
    await saved(await exporter.save(request({ format: 'md' })))
    expect(readFileSync(path, 'utf8')).toContain(TITLE)
    expect(statSync(path).mode & 0o777).toBe(0o600)
    expect(readdirSync(folder)).toEqual(['paper.md'])
  })
})

describe('export/save when there is nothing to write, or writing fails', () => {
  it('a cancelled dialog writes nothing, reports no progress, and says cancelled', async () => {
    const folder = tempDir()
    const { exporter, progress } = service(folder, { chooseFile: async () => null })
    expect(await exporter.save(request())).toEqual({ ok: true, value: { cancelled: true } })
    expect(progress).toEqual([])
    expect(readdirSync(folder)).toEqual([])
  })

  it('a failing printer leaves no file and no partial file, and says what went wrong', async () => {
    const folder = tempDir()
    writeFileSync(join(folder, 'earlier.pdf'), 'the earlier export')
    const { exporter, progress } = service(folder, {
      chooseFile: async () => join(folder, 'earlier.pdf'),
      printPdf: () => Promise.reject(new Error('the GPU process crashed')),
    })
    const result = await exporter.save(request())
    expect(result).toMatchObject({ ok: false, error: { code: 'export-failed' } })
    if (result.ok) return
    expect(result.error.message).toContain('could not make the PDF file (the GPU process crashed)')
    expect(result.error.message).toContain('Nothing was saved')
    expect(progress).toEqual(['preparing', 'rendering', 'printing'])
    expect(readdirSync(folder)).toEqual(['earlier.pdf'])
    expect(readFileSync(join(folder, 'earlier.pdf'), 'utf8')).toBe('the earlier export')
  })

  it('a printer that cannot print here passes on its own code and advice', async () => {
    const { exporter } = service(tempDir(), {
      printPdf: () => Promise.reject(new PrinterError('no-printer', 'Install Chromium.')),
    })
    expect(await exporter.save(request())).toEqual({
      ok: false,
      error: { code: 'no-printer', message: 'Install Chromium.' },
    })
  })

  it('a full disk gives disk-full, removes the part written, and leaves the old file as it was', async () => {
    const folder = tempDir()
    const path = join(folder, 'paper.docx')
    writeFileSync(path, 'the earlier export')
    const fullDisk: ExportFiles = {
      ...nodeFiles,
      async create(temp, bytes, mode) {
        // Half the file reaches the disk, then the disk is full.
        await nodeFiles.create(temp, bytes.subarray(0, bytes.length / 2), mode)
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })
      },
    }
    const { exporter, progress } = service(folder, {
      chooseFile: async () => path,
      files: fullDisk,
    })
    const result = await exporter.save(request({ format: 'docx' }))
    expect(result).toMatchObject({ ok: false, error: { code: 'disk-full' } })
    if (!result.ok) expect(result.error.message).toContain('Free some space')
    // A Norwegian UI shows the same in Norwegian, the path included.
    if (!result.ok)
      expect(result.error.messageNb).toBe(
        `Disken er full, så eksporten kunne ikke lagres som ${path}. Frigjør plass, eller lagre den på en annen disk. Ingenting ble endret på disken.`,
      )
    expect(progress).not.toContain('done')
    expect(readdirSync(folder)).toEqual(['paper.docx'])
    expect(readFileSync(path, 'utf8')).toBe('the earlier export')
  })

  it('a read-only folder gives read-only, names the folder, and leaves nothing behind', async () => {
    const folder = tempDir()
    // As root, chmod does not stop a write; the file system's answer is played instead.
    const readOnly: ExportFiles = {
      ...nodeFiles,
      create: () =>
        Promise.reject(Object.assign(new Error('EROFS: read-only file system'), { code: 'EROFS' })),
    }
    const { exporter } = service(folder, { files: readOnly })
    const result = await exporter.save(request({ format: 'md' }))
    expect(result).toMatchObject({ ok: false, error: { code: 'read-only' } })
    if (!result.ok) expect(result.error.message).toContain(`may not write in the folder ${folder}`)
    expect(readdirSync(folder)).toEqual([])
  })

  it('a folder that is gone gives export-failed that says to choose another', async () => {
    const folder = join(tempDir(), 'removed')
    const { exporter } = service(folder)
    const result = await exporter.save(request({ format: 'md' }))
    expect(result).toMatchObject({ ok: false, error: { code: 'export-failed' } })
    if (!result.ok) expect(result.error.message).toContain('choose another folder')
  })

  it('runs one export at a time: a second one while the first prints is refused', async () => {
    const folder = tempDir()
    let release: () => void = () => undefined
    const printing = new Promise<void>((resolve) => (release = resolve))
    let started: () => void = () => undefined
    const printStarted = new Promise<void>((resolve) => (started = resolve))
    const { exporter } = service(folder, {
      printPdf: async (html) => {
        started()
        await printing
        return printer.print(html)
      },
    })
    const first = exporter.save(request())
    await printStarted
    const second = await exporter.save(request({ format: 'md' }))
    expect(second).toMatchObject({ ok: false, error: { code: 'export-failed' } })
    if (!second.ok) expect(second.error.message).toContain('An export is still running')
    release()
    await saved(await first)
    await saved(await exporter.save(request({ format: 'md' })))
  })

  it('a dialog that cannot open gives export-failed instead of throwing', async () => {
    const { exporter } = service(tempDir(), {
      chooseFile: () => Promise.reject(new Error('no display')),
    })
    expect(await exporter.save(request())).toMatchObject({
      ok: false,
      error: { code: 'export-failed', message: expect.stringContaining('(no display)') },
    })
  })
})

describe('export/save requests', () => {
  it('the sample paper as sourceFromDocs reads it from its Y.Doc is a valid request', () => {
    const paperRoom = `${SAMPLE_WORKSPACE_ID}/paper/${SAMPLE_PAPER_ID}`
    const paper = new Y.Doc()
    for (const { doc, update } of sampleDocs(Date.UTC(2026, 10, 27), 'en')) {
      if (doc === paperRoom) Y.applyUpdate(paper, update)
    }
    const source = sourceFromDocs(paper, { date: '2026-11-27', place: null, signatories: [] })
    expect(source.value.body.content?.length).toBeGreaterThan(3)
    expect(validateRequest('export/save', request({ source: source.value })).ok).toBe(true)
  })

  it('a request this service accepts is one the contract accepts', () => {
    const source: ExportSource = fixturePaper()
    const { before, after } = fixtureVersions()
    expect(validateRequest('export/save', request({ source, includeComments: true })).ok).toBe(true)
    const redline = request({ format: 'docx', source: after, compareWith: before })
    expect(validateRequest('export/save', redline).ok).toBe(true)
  })
})
