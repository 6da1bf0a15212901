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
import {
  lastTextLine,
  pdfFonts,
  pdfInfo,
  pdfOutline,
  pdfStructure,
  pdfText,
  renderFirstPage,
} from './tools.ts'

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

  test('is tagged: headings, lists and the table in its structure tree, in reading order', async () => {
    const file = await print(fixturePaper())
    expect((await pdfInfo(file)).Tagged).toBe('yes')
    const structure = await pdfStructure(file)
    const elements = structure
      .split('\n')
      .map((line) => /^\s*(\w+)/.exec(line)?.[1])
      .filter((name) => name !== undefined)
    for (const element of ['Document', 'H1', 'H2', 'H3', 'P', 'L', 'LI', 'Table', 'TR', 'Link']) {
      expect(elements).toContain(element)
    }
    // Reading order: the title first, then the sections in the order of the paper.
    expect(elements.indexOf('H1')).toBeLessThan(elements.indexOf('H2'))
    expect(await pdfOutline(file)).toEqual(
      expect.arrayContaining([
        {
          title: 'Norske byer og universiteter i EUs bymisjon:én stemme mot Mission Board',
          page: 1,
        },
        { title: 'Bakgrunn', page: 1 },
        { title: 'Underskrivere', page: 2 },
      ]),
    )
  })

  test('embeds Inter and Source Serif 4 as TrueType fonts, never as Type 3', async () => {
    const fonts = await pdfFonts(await print(fixturePaper()))
    expect(fonts.filter((font) => font.type === 'Type 3')).toEqual([])
    expect(fonts.every((font) => font.embedded)).toBe(true)
    const names = fonts.map((font) => `${font.name.replace(/^[A-Z]{6}\+/, '')} ${font.type}`)
    for (const face of [
      'Inter-Regular',
      'Inter-SemiBold',
      'Inter-Bold',
      'SourceSerif4-Regular',
      'SourceSerif4-Bold',
      'SourceSerif4-Italic',
    ]) {
      expect(names).toContain(`${face} CID TrueType`)
    }
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

describe('the signatories block at a page break', () => {
  const filler = (i: number) => ({
    type: 'paragraph',
    content: [
      {
        type: 'text',
        text: `Avsnitt ${i}. ${'Byene og universitetene arbeider sammen. '.repeat(6)}`,
      },
    ],
  })
  const paperWith = (paragraphs: number, signatories: number): ExportSource => ({
    ...fixturePaper(),
    body: {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Bakgrunn' }] },
        ...Array.from({ length: paragraphs }, (_, i) => filler(i + 1)),
      ],
    },
    signatories: Array.from({ length: signatories }, (_, i) => ({
      organisation: `Organisasjon ${i + 1}`,
      endorsedBy: `Person ${i + 1}`,
    })),
  })
  /** The first paper, growing a paragraph at a time, whose signatories do not all fit on page 1. */
  async function atTheBreak(signatories: number) {
    for (let paragraphs = 1; paragraphs < 20; paragraphs++) {
      const file = await print(paperWith(paragraphs, signatories))
      const page1 = await pdfText(file, 1)
      if (!page1.includes(`Organisasjon ${signatories}`)) return { file, page1 }
    }
    throw new Error('the signatories never reached page 2')
  }

  test('a long list continues on page 2 under its heading, leaving no large empty space on page 1', async () => {
    const { file, page1 } = await atTheBreak(8)
    // The heading and the first signatories stay on page 1 with the text before them.
    expect(page1).toContain('Underskrivere')
    expect(page1).toContain('Organisasjon 1')
    const bottom = await lastTextLine(file, 1)
    // A4 is 842 pt high; the text area ends about 60 pt above the edge. Moving the whole block
    // would have ended page 1 at about 620 pt.
    expect(bottom).toBeGreaterThan(700)
    await renderFirstPage(file, 'signatories-long')
  })

  test('a short list moves to the next page whole, its heading with it', async () => {
    const { file, page1 } = await atTheBreak(4)
    expect(page1).not.toContain('Underskrivere')
    const page2 = await pdfText(file, 2)
    for (const name of ['Underskrivere', 'Organisasjon 1', 'Organisasjon 4']) {
      expect(page2).toContain(name)
    }
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
