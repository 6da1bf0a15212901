import { describe, expect, it } from 'vitest'
import { exportRequest } from '../ipc/export-checks.ts'
import { positionPaperTemplate } from '../model/template.ts'
import { FORMATS, FORMAT_IDS, REDLINE_FORMAT_IDS, isExportFormat } from './formats.ts'
import { renderExport } from './render.ts'
import type { ExportSource } from './types.ts'

const source: ExportSource = {
  title: 'Byer i front',
  recipients: ['Mission Board'],
  language: 'nb',
  date: '2026-12-03',
  place: 'Stavanger',
  body: positionPaperTemplate('nb'),
  signatories: [],
  versionName: null,
}

const request = (format: string, compareWith: ExportSource | null = null) => ({
  format,
  source,
  compareWith,
  includeComments: false,
  suggestedName: 'Byer i front',
})

describe('the export formats registry', () => {
  it('lists DOCX, PDF, HTML and Markdown, each with its own extension', () => {
    expect(FORMAT_IDS).toEqual(['docx', 'pdf', 'html', 'md'])
    expect(new Set(FORMAT_IDS.map((id) => FORMATS[id].extension)).size).toBe(FORMAT_IDS.length)
    expect(REDLINE_FORMAT_IDS).toEqual(['docx', 'pdf'])
    expect(isExportFormat('pdf')).toBe(true)
    expect(isExportFormat('toString')).toBe(false)
  })

  it('is what the host accepts: every format, redlines only where the registry allows them', () => {
    for (const id of FORMAT_IDS) {
      expect(exportRequest(request(id), 'request')).toBeNull()
      const redline = exportRequest(request(id, source), 'request')
      if (FORMATS[id].redline) expect(redline).toBeNull()
      else expect(redline).toMatch(/compareWith is for DOCX and PDF only/)
    }
    expect(exportRequest(request('odt'), 'request')).toMatch(/one of docx, pdf, html, md/)
  })

  it('renders every format through the one renderExport, printing only the PDF', async () => {
    const printed: string[] = []
    const magic: Record<string, string> = {}
    for (const id of FORMAT_IDS) {
      const bytes = await renderExport(source, {
        format: id,
        fonts: () => [],
        printPdf: async (html) => {
          printed.push(html)
          return new TextEncoder().encode('%PDF-1.7 printed')
        },
      })
      magic[id] = new TextDecoder().decode(bytes.subarray(0, 6)).toLowerCase()
    }
    expect(magic).toMatchObject({ pdf: '%pdf-1', html: '<!doct', md: '# byer' })
    expect(magic.docx?.slice(0, 2)).toBe('pk')
    expect(printed).toHaveLength(1)
    expect(printed[0]).toContain('<h1>Byer i front</h1>')
  })

  it('refuses a format it does not know, and a PDF without a printer', async () => {
    await expect(renderExport(source, { format: 'odt' as 'md' })).rejects.toThrow(
      /unknown export format "odt"/,
    )
    await expect(renderExport(source, { format: 'pdf' })).rejects.toThrow(/no PDF printer/)
  })
})
