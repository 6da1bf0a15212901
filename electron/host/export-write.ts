import { dirname } from 'node:path'
import type { HostError } from '../../shared/ipc/index.ts'

/** What the user is told when the file could not be written; the old file is always intact. */
export function writeError(error: unknown, path: string): HostError {
  const code = (error as { code?: unknown } | null)?.code
  const folder = dirname(path)
  const unchanged = 'Nothing was changed on the disk.'
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return {
        code: 'disk-full',
        message: `The disk is full, so the export could not be saved as ${path}. Free some space, or save it on another disk. ${unchanged}`,
      }
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return {
        code: 'read-only',
        message: `Samstemt may not write in the folder ${folder}. Save the export in a folder of your own, such as Documents. ${unchanged}`,
      }
    case 'ENOENT':
      return {
        code: 'export-failed',
        message: `The folder ${folder} is not there any more. Export again and choose another folder.`,
      }
    case 'EISDIR':
    case 'ENOTEMPTY':
      return {
        code: 'export-failed',
        message: `${path} is a folder. Export again and give the file a name.`,
      }
    default: {
      const detail = error instanceof Error ? error.message : String(error)
      return {
        code: 'export-failed',
        message: `The export could not be saved as ${path} (${detail}). Try again, or save it in another folder. ${unchanged}`,
      }
    }
  }
}
