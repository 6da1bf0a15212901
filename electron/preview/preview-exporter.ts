import { existsSync, mkdirSync } from 'node:fs'
import { extname, join } from 'node:path'
import { loadExportFonts } from '../../shared/export-node/fonts.ts'
import { PdfError, printPdf } from '../../shared/export-node/pdf.ts'
import { PrinterError, createExportService, type ExportService } from '../host/export-service.ts'
import type { HostServices } from '../host/host-services.ts'

export type PreviewExportOptions = {
  /** Where exports are written: `--exports DIR`, by default `<profile>/exports`. */
  folder: string
  /** The Chromium to print with; `SAMSTEMT_CHROMIUM` or the usual install paths when left out. */
  chromiumPath?: string
  /** Replaces headless Chromium (tests). */
  printPdf?: (html: string) => Promise<Uint8Array>
}

/**
 * `export/save` in the preview. A browser page cannot show the app's native save dialog, so
 * every export goes into one folder under the name the app suggests, made unique ("Paper
 * (2).pdf") instead of replacing an earlier export; PDF is printed by headless Chromium, as
 * the relay's CLI prints it.
 */
export function createPreviewExporter(
  services: HostServices,
  options: PreviewExportOptions,
): ExportService {
  const print =
    options.printPdf ??
    (async (html: string) => {
      try {
        return await printPdf(html, { chromiumPath: options.chromiumPath })
      } catch (error) {
        if (error instanceof PdfError) {
          throw new PrinterError('no-printer', withAdvice(error), withAdviceNb(error))
        }
        throw error
      }
    })
  return createExportService({
    chooseFile: async (suggestedName) => {
      try {
        mkdirSync(options.folder, { recursive: true })
      } catch {
        // Writing into it fails the same way, and that error says what to do (read-only, ...).
      }
      return uniquePath(options.folder, suggestedName)
    },
    printPdf: print,
    fonts: loadExportFonts,
    emit: (progress) => services.outbox.emit('export/progress', progress),
    log: services.log,
  })
}

/** `name.ext` in `folder`, or `name (2).ext`, `name (3).ext` ... when it is taken. */
export function uniquePath(folder: string, fileName: string): string {
  const extension = extname(fileName)
  const stem = fileName.slice(0, fileName.length - extension.length)
  let candidate = join(folder, fileName)
  for (let n = 2; existsSync(candidate); n++) {
    candidate = join(folder, `${stem} (${n})${extension}`)
  }
  return candidate
}

function withAdviceNb(error: PdfError): string {
  return `PDF skrives ut med Chromium, og det gikk ikke her (systemets melding: ${error.message}). Installer Chromium, eller pek SAMSTEMT_CHROMIUM til en Chromium eller Chrome som starter; eller eksporter som DOCX, HTML eller Markdown.`
}

function withAdvice(error: PdfError): string {
  // findChromium's own messages already say what to set; a Chromium that would not start does not.
  return error.message.includes('SAMSTEMT_CHROMIUM')
    ? error.message
    : `${error.message} Set SAMSTEMT_CHROMIUM to a Chromium or Chrome that starts, or export as DOCX, HTML or Markdown.`
}
