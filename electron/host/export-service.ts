import {
  FORMATS,
  redline,
  renderExport,
  type ExportFont,
  type ExportInput,
} from '../../shared/export/index.ts'
import {
  nodeFiles,
  writeAtomically,
  type ExportFiles,
} from '../../shared/export-node/write-file.ts'
import type {
  ExportFormat,
  ExportProgress,
  ExportRequest,
  ExportSaved,
  HostError,
  Result,
  SaveTextRequest,
} from '../../shared/ipc/index.ts'
import { fail, ok } from './host-error.ts'
import { exportFileName, type FileFormat } from './export-file-name.ts'
import type { HostLog } from './host-log.ts'
import { writeError } from './export-write.ts'

/** A printer that cannot print says which kind of failure it is, with what to do about it. */
export class PrinterError extends Error {
  override readonly name = 'PrinterError'
  readonly code: 'no-printer' | 'export-failed'

  readonly messageNb: string | undefined

  constructor(code: PrinterError['code'], message: string, messageNb?: string) {
    super(message)
    this.code = code
    this.messageNb = messageNb
  }
}

/** What differs between the app and the preview: where to save, and how to print. */
export type ExportPlatform = {
  /**
   * Asks the user where to save `suggestedName` (a safe file name with the format's
   * extension); null when they cancel.
   */
  chooseFile(suggestedName: string, format: FileFormat): Promise<string | null>
  /** The print HTML as a PDF; throws a PrinterError when printing is impossible here. */
  printPdf(html: string): Promise<Uint8Array>
}

export type ExportServiceOptions = ExportPlatform & {
  /** The house style's embedded fonts (read from the font packages; see export-fonts). */
  fonts(): readonly ExportFont[]
  emit(progress: ExportProgress): void
  log?: Pick<HostLog, 'write'>
  files?: ExportFiles
}

export type ExportService = {
  /** Never throws: every failure comes back as a HostError that says what to do. */
  save(request: ExportRequest): Promise<Result<ExportSaved>>
  /** A text the page made (unsent comments), saved where the user chooses, like an export. */
  saveText(request: SaveTextRequest): Promise<Result<ExportSaved>>
}

/** Renders with shared/export, prints through the platform, and writes the file atomically. */
export function createExportService(options: ExportServiceOptions): ExportService {
  const files = options.files ?? nodeFiles
  let running = false

  const failed = (error: HostError, request: ExportRequest, cause: unknown) => {
    options.log?.write('error', 'export failed', {
      format: request.format,
      code: error.code,
      error: cause,
    })
    return { ok: false as const, error }
  }

  const save = async (request: ExportRequest): Promise<Result<ExportSaved>> => {
    let path: string | null
    try {
      path = await options.chooseFile(
        exportFileName(request.suggestedName, request.format),
        request.format,
      )
    } catch (error) {
      const message = `The save dialog could not be shown (${detail(error)}). Try again; if it keeps failing, restart Samstemt.`
      const messageNb = `Lagringsvinduet kunne ikke vises (systemets melding: ${detail(error)}). Prøv igjen; hvis det fortsetter, start Samstemt på nytt.`
      return failed({ code: 'export-failed', message, messageNb }, request, error)
    }
    if (path === null) return ok({ cancelled: true })
    const stage = (name: ExportProgress['stage']) => options.emit({ stage: name })

    stage('preparing')
    let input: ExportInput
    let fonts: readonly ExportFont[] = []
    try {
      input = request.compareWith ? redline(request.compareWith, request.source) : request.source
      if (FORMATS[request.format].embedsFonts) fonts = options.fonts()
    } catch (error) {
      return failed(renderError(request.format, error), request, error)
    }

    stage('rendering')
    let bytes: Uint8Array
    try {
      bytes = await renderExport(input, {
        format: request.format,
        includeComments: request.includeComments,
        fonts: () => fonts,
        printPdf: options.printPdf,
        onPrinting: () => stage('printing'),
      })
    } catch (error) {
      return failed(
        error instanceof PrinterError
          ? { code: error.code, message: error.message, messageNb: error.messageNb }
          : renderError(request.format, error),
        request,
        error,
      )
    }

    stage('writing')
    try {
      await writeAtomically(path, bytes, files)
    } catch (error) {
      return failed(writeError(error, path), request, error)
    }
    stage('done')
    options.log?.write('info', 'exported a paper', { format: request.format, bytes: bytes.length })
    return ok({ path })
  }

  return {
    async save(request) {
      // A second export while one prints would interleave their progress in the one dialog.
      if (running) {
        return fail(
          'export-failed',
          'An export is still running. Wait until it has finished, then export again.',
          'En eksport pågår fortsatt. Vent til den er ferdig, og eksporter så på nytt.',
        )
      }
      running = true
      try {
        return await save(request)
      } finally {
        running = false
      }
    },
    async saveText(request) {
      let path: string | null
      try {
        path = await options.chooseFile(
          exportFileName(request.suggestedName, request.format),
          request.format,
        )
      } catch (error) {
        const message = `The save dialog could not be shown (${detail(error)}). Try again; if it keeps failing, restart Samstemt.`
        const messageNb = `Lagringsvinduet kunne ikke vises (systemets melding: ${detail(error)}). Prøv igjen; hvis det fortsetter, start Samstemt på nytt.`
        return fail('export-failed', message, messageNb)
      }
      if (path === null) return ok({ cancelled: true })
      try {
        await writeAtomically(path, new TextEncoder().encode(request.text), files)
      } catch (error) {
        const written = writeError(error, path)
        options.log?.write('error', 'saving a text failed', { code: written.code, error })
        return { ok: false, error: written }
      }
      options.log?.write('info', 'saved a text', {
        format: request.format,
        chars: request.text.length,
      })
      return ok({ path })
    },
  }
}

function renderError(format: ExportFormat, error: unknown): HostError {
  return {
    code: 'export-failed',
    message: `Samstemt could not make the ${FORMATS[format].name} file (${detail(error)}). Nothing was saved. Try another format; if this one keeps failing, send the log file (Help > Show log file) to your coordinator.`,
    messageNb: `Samstemt kunne ikke lage ${FORMATS[format].name}-filen (systemets melding: ${detail(error)}). Ingenting ble lagret. Prøv et annet format; hvis dette fortsetter å feile, send loggfilen (Hjelp > Vis loggfil) til koordinatoren.`,
  }
}

function detail(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return (message.split('\n')[0] ?? message).slice(0, 300)
}
