import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import { toDocx } from '../../shared/export/index.ts'
import { useTempDir } from '../helpers/temp-dir.ts'
import { fixturePaper } from './fixture.ts'
import {
  libreOfficePdfs,
  libreOfficeText,
  pdfInfo,
  pdfText,
  readDocx,
  type DocxReport,
} from './tools.ts'

const tempDir = useTempDir('samstemt-export-docx-')

async function exportDocx(includeComments: boolean): Promise<string> {
  const file = join(tempDir(), 'paper.docx')
  writeFileSync(file, await toDocx(fixturePaper(), { includeComments }))
  return file
}

describe('the DOCX export, read back by python-docx', () => {
  let report: DocxReport
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'samstemt-export-docx-'))
    try {
      const file = join(dir, 'paper.docx')
      writeFileSync(file, await toDocx(fixturePaper(), { includeComments: true }))
      report = await readDocx(file)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  const styled = (style: string) =>
    report.paragraphs.filter((p) => p.style === style).map((p) => p.text)

  test('opens with the title block: document kind, Title, "Til:" recipients, place and date', () => {
    expect(report.paragraphs.slice(0, 5)).toEqual([
      { style: 'Document Kind', text: 'Posisjonsnotat' },
      {
        style: 'Title',
        text: 'Norske byer og universiteter i EUs bymisjon: én stemme mot Mission Board',
      },
      {
        style: 'Recipients',
        text: 'Til:\tEU Mission Board for Climate-Neutral and Smart Cities, Kommunal- og distriktsdepartementet',
      },
      { style: 'Date Line', text: 'Stavanger, 27. november 2026' },
      { style: 'Date Line', text: 'Versjon «Endelig 1»' },
    ])
    expect(report.title).toBe(
      'Norske byer og universiteter i EUs bymisjon: én stemme mot Mission Board',
    )
  })

  test('gives body headings the Heading 1-3 styles by their depth under the title', () => {
    expect(styled('Heading 1')).toEqual(['Bakgrunn', 'Anbefalinger', 'Underskrivere'])
    expect(styled('Heading 2')).toEqual(['Partnernes bidrag'])
    expect(styled('Heading 3')).toEqual(['Roller i europeiske nettverk'])
  })

  test('sets the key messages in a boxed one-cell table, under their own heading', () => {
    const box = report.tables[0]?.rows[0]?.[0]
    expect(report.tables[0]?.rows).toHaveLength(1)
    expect(box?.styles).toEqual([
      'Key Messages Heading',
      'List Bullet',
      'List Bullet',
      'List Bullet',
    ])
    expect(box?.text).toContain('Hovedbudskap\nNorske byer ber Mission Board om én felles')
  })

  test('writes lists as numbered paragraphs in List Bullet / List Number styles, nested by level', () => {
    expect(report.numbered).toEqual(
      expect.arrayContaining([
        {
          text: 'NTNU koordinerer prosjektet og arrangerer et årlig seminar i Brussel.',
          style: 'List Bullet',
          level: 0,
        },
        { text: 'med plass i Mission Board Assembly', style: 'List Bullet 2', level: 1 },
        { text: 'SINTEF og NORCE', style: 'List Number 2', level: 1 },
        {
          text: 'Partnerne bør møtes hvert kvartal for å samordne innspillene.',
          style: 'List Number',
          level: 0,
        },
      ]),
    )
  })

  test('keeps quotes, code and the table in their styles, with the merged cell merged', () => {
    expect(styled('Quote')).toEqual([
      '«Vi deler både beste praksis og strålende fiaskoer.» — Smartbyene',
    ])
    expect(styled('Source Code')).toEqual(['Kontakt: post@smartbyene.no\nSaksnummer: 26/1234'])
    const table = report.tables[1]
    expect(table?.style).toBe('Table Grid')
    expect(table?.rows.map((row) => row.map((cell) => cell.text))).toEqual([
      ['Partner', 'Nettverk', 'Rolle'],
      ['Nordic Edge', 'EIP Smart Cities', 'Expo og næringsklynge'],
      ['Stavanger kommune', 'ERRIN, EUROCITIES', 'Medleder for arbeidsgruppen for smarte byer'],
      // python-docx repeats a merged cell's text in each grid column it spans.
      ['Tromsø, Bodø og Ålesund', 'Tromsø, Bodø og Ålesund', 'Følgebyer'],
    ])
  })

  test('makes links real hyperlinks', () => {
    expect(report.hyperlinks).toEqual([
      { text: 'Kommisjonens sider', url: 'https://research-and-innovation.ec.europa.eu/' },
    ])
  })

  test('closes with the endorsing organisations in place of the template’s signatories text', () => {
    expect(styled('Signatory')).toEqual([
      'NTNU\ngodkjent av Annemie Wyckmans, versjon «Endelig 1»',
      'Nordic Edge\ngodkjent av Kari Nordmann, versjon «Endelig 1»',
      'Universitetet i Stavanger\ngodkjent av Øystein Ås, versjon «Endelig 1»',
      'Smartbyene\ngodkjent av Åse Bjørnstad, versjon «Endelig 1»',
    ])
    expect(report.paragraphs.map((p) => p.text)).not.toContain(
      'Før opp hver organisasjon som står bak.',
    )
  })

  test('keeps the signatories on one page: heading and each signatory kept with the next, lines together', () => {
    const start = report.flow.findIndex(
      (p) => p.style === 'Heading 1' && p.text === 'Underskrivere',
    )
    const block = report.flow.slice(start)
    expect(block.map((p) => p.style)).toEqual(['Heading 1', ...Array(4).fill('Signatory')])
    expect(block.map((p) => p.keepNext)).toEqual([true, true, true, true, false])
    expect(block.every((p) => p.keepLines)).toBe(true)
  })

  test('keeps comments and their replies as Word comments anchored in the text', () => {
    expect(report.comments).toEqual([
      { id: '0', author: 'Åse Bjørnstad (Smartbyene)', text: 'Kan vi nevne Bodø her også?' },
      { id: '1', author: 'Kari Nordmann (Nordic Edge)', text: 'Ja, Bodø er med fra våren.' },
      {
        id: '2',
        author: 'Øystein Ås (Universitetet i Stavanger)',
        text: 'Stemmer fristen? Høringen ble forlenget.',
      },
    ])
    expect(report.anchoredCommentIds).toEqual(['0', '1', '2'])
  })

  test('numbers pages in the footer with PAGE and NUMPAGES fields', () => {
    expect(report.footers).toEqual([
      {
        text: expect.stringContaining('én stemme mot Mission Board') as string,
        fields: ['PAGE', 'NUMPAGES'],
      },
    ])
  })
})

describe('the DOCX export, read by LibreOffice', () => {
  test('holds the whole paper, Norwegian letters intact, in reading order', async () => {
    const text = await libreOfficeText(await exportDocx(false))
    const lines = text.split(/\r?\n/).map((line) => line.trim())
    const order = [
      'Posisjonsnotat',
      'Norske byer og universiteter i EUs bymisjon: én stemme mot Mission Board',
      'Hovedbudskap',
      'Bakgrunn',
      'Partnernes bidrag',
      'Anbefalinger',
      'Underskrivere',
    ].map((heading) => lines.indexOf(heading))
    expect(order.every((index) => index >= 0)).toBe(true)
    expect(order).toEqual([...order].sort((a, b) => a - b))
    expect(text).toContain(
      'Partnerne står sammen fordi bærekraftige byer krever samordnede budskap.',
    )
    expect(text).toContain('Tromsø, Bodø og Ålesund')
    expect(text).toMatch(/1\.\s+Mission Board bør åpne en egen utlysning/)
    expect(text).toMatch(/•\s+NTNU koordinerer prosjektet/)
  }, 120_000)

  test('leaves comments out unless asked for', async () => {
    const report = await readDocx(await exportDocx(false))
    expect(report.comments).toEqual([])
    expect(report.anchoredCommentIds).toEqual([])
  })
})

describe('the signatories at a page break, as LibreOffice lays the DOCX out', () => {
  const tempDir = useTempDir('samstemt-docx-break-')
  const filler = (i: number) => ({
    type: 'paragraph',
    content: [
      {
        type: 'text',
        text: `Avsnitt ${i}. ${'Byene og universitetene arbeider sammen. '.repeat(6)}`,
      },
    ],
  })

  test('move to the next page whole, heading and all, never split between pages', async () => {
    const dir = tempDir()
    const files: string[] = []
    for (let paragraphs = 2; paragraphs <= 14; paragraphs++) {
      const source = {
        ...fixturePaper(),
        body: {
          type: 'doc',
          content: [
            { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Bakgrunn' }] },
            ...Array.from({ length: paragraphs }, (_, i) => filler(i + 1)),
          ],
        },
        signatories: Array.from({ length: 8 }, (_, i) => ({
          organisation: `Organisasjon ${i + 1}`,
          endorsedBy: `Person ${i + 1}`,
        })),
      }
      const file = join(dir, `paper-${String(paragraphs).padStart(2, '0')}.docx`)
      writeFileSync(file, await toDocx(source))
      files.push(file)
    }
    const pdfs = await libreOfficePdfs(files, dir)
    let crossed = 0
    for (const pdf of pdfs) {
      const pages = Number((await pdfInfo(pdf)).Pages)
      const onPage = async (text: string) => {
        for (let page = 1; page <= pages; page++)
          if ((await pdfText(pdf, page)).includes(text)) return page
        return 0
      }
      const names = [
        'Underskrivere',
        ...Array.from({ length: 8 }, (_, i) => `Organisasjon ${i + 1}`),
      ]
      const placed = await Promise.all(names.map(onPage))
      expect(new Set(placed).size, `${pdf}: ${placed.join(',')}`).toBe(1)
      if (placed[0] !== 1) crossed++
    }
    // The papers grow past page 1, so some of them had to move the block.
    expect(crossed).toBeGreaterThan(0)
  }, 240_000)
})
