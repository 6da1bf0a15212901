import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { loadExportFonts } from '../../shared/export-node/fonts.ts'
import { printPdf } from '../../shared/export-node/pdf.ts'
import { redline, toDocx, toPrintHtml } from '../../shared/export/index.ts'
import { CHROMIUM } from '../helpers/chromium.ts'
import { useTempDir } from '../helpers/temp-dir.ts'
import { fixtureVersions } from './fixture.ts'
import { pdfText, readDocx, renderFirstPage } from './tools.ts'

const tempDir = useTempDir('samstemt-export-redline-')

describe('a redline between two named versions', () => {
  test('is a DOCX whose changes are Word tracked changes (w:ins and w:del)', async () => {
    const { before, after } = fixtureVersions()
    const file = join(tempDir(), 'redline.docx')
    writeFileSync(file, await toDocx(redline(before, after)))
    const report = await readDocx(file)
    expect(report.deletions).toEqual(
      expect.arrayContaining([
        'to',
        'Expo',
        'Departementet bør støtte norske byers søknader med nasjonal medfinansiering.',
      ]),
    )
    expect(report.insertions).toEqual(
      expect.arrayContaining([
        'tre',
        'Messe',
        'Kommunesektoren i Nord-Norge står også bak notatet.',
      ]),
    )
    // Whole paragraphs go with their paragraph mark, so accepting every change leaves no gap.
    expect(report.deletedParagraphs).toEqual([
      'Departementet bør støtte norske byers søknader med nasjonal medfinansiering.',
    ])
    expect(report.insertedParagraphs).toEqual([
      'Kommunesektoren i Nord-Norge står også bak notatet.',
    ])
    // Text both versions share is neither inserted nor deleted.
    const changed = [...report.insertions, ...report.deletions].join('\n')
    expect(changed).not.toContain('Mission Board bør åpne en egen utlysning')
    expect(report.paragraphs.map((p) => p.text)).toContain(
      'Endringer fra «Utkast 1» til «Endelig 1»',
    )
  })

  test('is a PDF that shows the old words struck and the new ones beside them', async () => {
    const { before, after } = fixtureVersions()
    const html = toPrintHtml(redline(before, after), { fonts: loadExportFonts() })
    expect(html).toContain('<del>to</del>')
    expect(html).toContain('<ins>tre</ins>')
    const file = join(tempDir(), 'redline.pdf')
    writeFileSync(file, await printPdf(html, { chromiumPath: CHROMIUM }))
    const text = (await pdfText(file)).replace(/\s+/g, ' ')
    expect(text).toContain('Endringer fra «Utkast 1» til «Endelig 1»')
    expect(text).toContain('koster byene to tre år')
    expect(text).toContain('Departementet bør støtte norske byers søknader')
    expect(text).toContain('Kommunesektoren i Nord-Norge står også bak notatet.')
    await renderFirstPage(file, 'redline-nb')
  })
})
