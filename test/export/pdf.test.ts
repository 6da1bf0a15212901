import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { loadExportFonts } from '../../shared/export-node/fonts.ts'
import {
  findChromium,
  openPdfPrinter,
  PdfError,
  type PdfPrinter,
} from '../../shared/export-node/pdf.ts'
import { toPrintHtml, type ExportSource } from '../../shared/export/index.ts'
import { CHROMIUM } from '../helpers/chromium.ts'
import { useTempDir } from '../helpers/temp-dir.ts'
import { fixturePaper } from './fixture.ts'
import { pdfInfo, pdfText, renderFirstPage } from './tools.ts'

const tempDir = useTempDir('samstemt-export-pdf-')

let printer: PdfPrinter
beforeAll(async () => {
  printer = await openPdfPrinter({ chromiumPath: CHROMIUM })
})
afterAll(() => printer.close())

async function print(source: ExportSource, includeComments = false): Promise<string> {
  const html = toPrintHtml(source, { fonts: loadExportFonts(), includeComments })
  const file = join(tempDir(), 'paper.pdf')
  writeFileSync(file, await printer.print(html))
  return file
}

describe('the PDF export, read back by poppler', () => {
  test('is an A4 paper with the title block, key messages, body and signatories in its text', async () => {
    const file = await print(fixturePaper())
    const info = await pdfInfo(file)
    expect(Number(info.Pages)).toBeGreaterThanOrEqual(1)
    expect(info['Page size']).toContain('(A4)')
    const text = await pdfText(file)
    for (const expected of [
      'POSISJONSNOTAT',
      'Norske byer og universiteter i EUs bymisjon:',
      'Til:',
      'EU Mission Board for Climate-Neutral and Smart Cities',
      'Stavanger, 27. november 2026',
      'HOVEDBUDSKAP',
      'Bakgrunn',
      'Tromsø, Bodø og Ålesund',
      'Underskrivere',
      'Universitetet i Stavanger',
      'godkjent av Øystein Ås',
    ]) {
      expect(text).toContain(expected)
    }
    expect(text).not.toContain('Før opp hver organisasjon som står bak.')
    // Page 1 of 2, 2 of 2: the running footer of CSS paged media.
    const pages = Number(info.Pages)
    for (let page = 1; page <= pages; page++) {
      expect(text).toMatch(new RegExp(`^${page}\\s*/\\s*${pages}$`, 'm'))
    }
    await renderFirstPage(file, 'paper-nb')
  })

  test('renders æ, ø and å (and their capitals) as text, not as missing glyphs', async () => {
    const text = await pdfText(await print(fixturePaper()))
    for (const letter of ['æ', 'ø', 'å', 'Ø', 'Å']) expect(text).toContain(letter)
    expect(text).toContain('bærekraftige byer')
    expect(text).not.toContain('\uFFFD')
  })

  test('lists comments with their replies when asked to', async () => {
    const text = await pdfText(await print(fixturePaper(), true))
    expect(text).toContain('Kommentarer')
    expect(text).toContain('Kan vi nevne Bodø her også?')
    expect(text).toContain('Ja, Bodø er med fra våren.')
  })

  test('labels an English paper in English', async () => {
    const paper = fixturePaper()
    const text = await pdfText(
      await print({ ...paper, language: 'en', signatories: [{ organisation: 'NTNU' }] }),
    )
    expect(text).toContain('POSITION PAPER')
    expect(text).toContain('To:')
    expect(text).toContain('27 November 2026')
    expect(text).toContain('Signatories')
  })
})

describe('finding Chromium', () => {
  test('takes SAMSTEMT_CHROMIUM when it names a program', () => {
    expect(findChromium({ SAMSTEMT_CHROMIUM: CHROMIUM })).toBe(CHROMIUM)
  })

  test('says what to do when SAMSTEMT_CHROMIUM names no program', () => {
    const missing = join(tempDir(), 'no-chromium')
    expect(existsSync(missing)).toBe(false)
    expect(() => findChromium({ SAMSTEMT_CHROMIUM: missing })).toThrow(PdfError)
    expect(() => findChromium({ SAMSTEMT_CHROMIUM: missing })).toThrow(/not an executable file/)
  })
})
