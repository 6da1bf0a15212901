import { toDocx } from './docx.ts'
import { FORMATS, type ExportFormat } from './formats.ts'
import { toPrintHtml, toStandaloneHtml } from './html.ts'
import { toMarkdown } from './markdown.ts'
import { withoutSuggestions } from './suggestions.ts'
import type { ExportInput } from './tree.ts'
import type { ExportFont, ExportSource } from './types.ts'

export type RenderOptions = {
  format: ExportFormat
  includeComments?: boolean
  /** The house fonts, for the formats that embed them (`FORMATS[f].embedsFonts`). */
  fonts?: () => readonly ExportFont[]
  /** Prints the print HTML as a PDF: Chromium in the CLI and preview, Electron in the app. */
  printPdf?: (html: string) => Promise<Uint8Array>
  /** Called once the PDF's HTML is ready and printing starts. */
  onPrinting?: () => void
}

const encode = (text: string) => new TextEncoder().encode(text)

const RENDERERS: {
  [F in ExportFormat]: (input: ExportInput, options: RenderOptions) => Promise<Uint8Array>
} = {
  docx: (input, options) => toDocx(input, { includeComments: options.includeComments }),
  md: async (input, options) =>
    encode(toMarkdown(input, { includeComments: options.includeComments })),
  html: async (input, options) =>
    encode(
      toStandaloneHtml(input, {
        fonts: options.fonts?.(),
        includeComments: options.includeComments,
      }),
    ),
  pdf: async (input, options) => {
    if (options.printPdf === undefined) throw new Error('no PDF printer was given')
    const html = toPrintHtml(input, {
      fonts: options.fonts?.(),
      includeComments: options.includeComments,
    })
    options.onPrinting?.()
    return options.printPdf(html)
  },
}

/**
 * A paper (or a redline) as the bytes of one export format, in the house template. The one
 * render path of the app's host, the preview and the relay CLI; printing is theirs to give.
 */
export function renderExport(input: ExportInput, options: RenderOptions): Promise<Uint8Array> {
  if (!Object.hasOwn(FORMATS, options.format)) {
    return Promise.reject(new Error(`unknown export format "${String(options.format)}"`))
  }
  // Tracked changes need Word or print; elsewhere the paper goes out as agreed.
  const shown =
    FORMATS[options.format].redline || !isSource(input) ? input : withoutSuggestions(input)
  return RENDERERS[options.format](shown, options)
}

const isSource = (input: ExportInput): input is ExportSource =>
  (input as { kind?: string }).kind !== 'export-document'
