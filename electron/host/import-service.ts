import { readFile, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { importError, type ImportError } from '../../shared/import/import-error.ts'
import { LIMITS } from '../../shared/import/docx-package.ts'
import { parseDocx } from '../../shared/import/parse-docx.ts'
import type { ImportedDocx, ImportOpened, Result } from '../../shared/ipc/index.ts'
import { fail, ok } from './host-error.ts'
import type { HostLog } from './host-log.ts'

/*
 * Word files are read and parsed here, in the host, so that a large or hostile file never holds
 * up the page: the renderer gets the parsed document (JSON) and only plans and writes it.
 */

export type ImportServiceOptions = {
  /** The native open dialog (the app); null when the user cancels or there is none (preview). */
  chooseFile(): Promise<string | null>
  log?: Pick<HostLog, 'write'>
  now?: () => number
}

export type ImportService = {
  /** A file the page has (chosen in its file picker, or dropped on it). */
  read(request: { fileName: string; bytes: Uint8Array }): Promise<Result<ImportedDocx>>
  /** A file the user chooses in the host's open dialog (File › Import from Word…). */
  open(): Promise<Result<ImportOpened>>
}

export function createImportService(options: ImportServiceOptions): ImportService {
  const now = options.now ?? Date.now
  const refused = (error: ImportError, fileName: string) => {
    options.log?.write('warn', 'import refused', { code: error.code, detail: error.message })
    return fail(
      'import-refused',
      `${fileName}: ${error.message}`,
      `${fileName}: ${error.messageNb}`,
    )
  }
  const parse = async (fileName: string, bytes: Uint8Array): Promise<Result<ImportedDocx>> => {
    const parsed = await parseDocx(bytes, { now: now() })
    return parsed.ok ? ok({ fileName, parsed: parsed.value }) : refused(parsed.error, fileName)
  }
  return {
    read: ({ fileName, bytes }) => parse(fileName, bytes),
    open: async () => {
      let path: string | null
      try {
        path = await options.chooseFile()
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error)
        return fail(
          'internal',
          `The open dialog could not be shown (${reason}). Try again, or drop the file on the library.`,
          `Åpne-vinduet kunne ikke vises (${reason}). Prøv igjen, eller slipp filen på biblioteket.`,
        )
      }
      if (path === null) return ok({ cancelled: true })
      const fileName = basename(path)
      try {
        // The size first: a 50 MB file is refused without reading it into memory.
        const size = (await stat(path)).size
        if (size > LIMITS.fileBytes) return refused(importError('too-large'), fileName)
        return await parse(fileName, new Uint8Array(await readFile(path)))
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error)
        return fail(
          'import-refused',
          `${fileName} could not be read (${reason}). Check that the file is still there and that you may open it.`,
          `${fileName} kunne ikke leses (${reason}). Sjekk at filen fortsatt finnes og at du har lov til å åpne den.`,
        )
      }
    },
  }
}

/** Where there is no open dialog (the preview): the page's own file picker is used instead. */
export const noOpenDialog = (): ImportService =>
  createImportService({ chooseFile: () => Promise.resolve(null) })
