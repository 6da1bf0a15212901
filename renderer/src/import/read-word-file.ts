import { LIMITS } from '../../../shared/import/docx-package.ts'
import { importError } from '../../../shared/import/import-error.ts'
import type { ImportOpened, SamstemtApi } from '../../../shared/ipc/contract.ts'
import { call, type UiError } from '../host/host.ts'

/** Where the document comes from: a file the page has (picked, dropped), or the host's dialog. */
export type WordSource = { kind: 'file'; file: File } | { kind: 'dialog' }

export type WordRead = { ok: true; value: ImportOpened } | { ok: false; error: UiError }

/**
 * Reads the document through the host, which parses it off this page's thread. A file over the
 * import's size limit is refused here by its size, before it is read into memory or sent.
 */
export async function readWordFile(api: SamstemtApi, source: WordSource): Promise<WordRead> {
  if (source.kind === 'dialog') return call(api, 'import/open')
  const { file } = source
  if (file.size > LIMITS.fileBytes) {
    const error = importError('too-large')
    return {
      ok: false,
      error: {
        code: 'import-refused',
        message: `${file.name}: ${error.message}`,
        messageNb: `${file.name}: ${error.messageNb}`,
      },
    }
  }
  let bytes: Uint8Array
  try {
    bytes = new Uint8Array(await file.arrayBuffer())
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return {
      ok: false,
      error: {
        code: 'import-refused',
        message: `${file.name} could not be read (${reason}). Check that the file is still there.`,
        messageNb: `${file.name} kunne ikke leses (${reason}). Sjekk at filen fortsatt finnes.`,
      },
    }
  }
  return call(api, 'import/read', { fileName: file.name, bytes })
}

/** True for what a drag carries when it may be a Word document (its name is known only on drop). */
export function carriesFiles(types: readonly string[]): boolean {
  return types.includes('Files')
}
