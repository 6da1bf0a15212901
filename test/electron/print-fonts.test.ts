import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { loadExportFonts } from '../../shared/export-node/fonts.ts'
import { PDF_OPTIONS } from '../../shared/export-node/pdf.ts'
import { toPrintHtml } from '../../shared/export/index.ts'
import { fixturePaper } from '../export/fixture.ts'
import { CHROMIUM, CHROMIUM_FLAGS } from '../helpers/chromium.ts'
import { useTempDir } from '../helpers/temp-dir.ts'

const tempDir = useTempDir('samstemt-print-fonts-')

/** The fonts poppler finds in a PDF, one line each. */
const pdfFonts = (file: string) =>
  execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean)

// The app's print window has JavaScript off, so it cannot await document.fonts.ready as the CLI
// does: it prints as soon as loadURL resolves, on the load event. This pins the Chromium
// behaviour that relies on, with the same engine headless.
describe('printing on the load event with JavaScript off, as the app’s print window does', () => {
  it('embeds the house fonts, not the system fallback', async () => {
    const html = toPrintHtml(fixturePaper(), { fonts: loadExportFonts() })
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS })
    try {
      const context = await browser.newContext({ javaScriptEnabled: false, offline: true })
      const page = await context.newPage()
      await page.route('http://print.invalid/**', (route) =>
        route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' }),
      )
      await page.goto('http://print.invalid/paper.html', { waitUntil: 'load' })
      const file = join(tempDir(), 'paper.pdf')
      // The options of the app's printToPDF (generateTaggedPDF, generateDocumentOutline).
      writeFileSync(file, await page.pdf({ ...PDF_OPTIONS }))
      const fonts = pdfFonts(file)
      // Each house face as a real TrueType font; a missed font would print as DejaVu.
      for (const face of ['Inter-Regular', 'Inter-SemiBold', 'SourceSerif4-Regular']) {
        expect(fonts.find((line) => line.includes(`+${face} `))).toMatch(/CID TrueType/)
      }
      expect(fonts.filter((line) => line.includes('Type 3'))).toEqual([])
      expect(fonts.filter((line) => /DejaVu(Sans|Serif)(?!Mono)/.test(line))).toEqual([])
    } finally {
      await browser.close()
    }
  })
})
