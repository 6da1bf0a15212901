import { dirname } from 'node:path'
import type { HostError } from '../../shared/ipc/index.ts'

/** What the user is told when the file could not be written; the old file is always intact. */
export function writeError(error: unknown, path: string): HostError {
  const code = (error as { code?: unknown } | null)?.code
  const folder = dirname(path)
  const unchanged = 'Nothing was changed on the disk.'
  const uendret = 'Ingenting ble endret på disken.'
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return {
        code: 'disk-full',
        message: `The disk is full, so the export could not be saved as ${path}. Free some space, or save it on another disk. ${unchanged}`,
        messageNb: `Disken er full, så eksporten kunne ikke lagres som ${path}. Frigjør plass, eller lagre den på en annen disk. ${uendret}`,
      }
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return {
        code: 'read-only',
        message: `Samstemt may not write in the folder ${folder}. Save the export in a folder of your own, such as Documents. ${unchanged}`,
        messageNb: `Samstemt har ikke lov til å skrive i mappen ${folder}. Lagre eksporten i en egen mappe, for eksempel Dokumenter. ${uendret}`,
      }
    case 'ENOENT':
      return {
        code: 'export-failed',
        message: `The folder ${folder} is not there any more. Export again and choose another folder.`,
        messageNb: `Mappen ${folder} finnes ikke lenger. Eksporter på nytt og velg en annen mappe.`,
      }
    case 'EISDIR':
    case 'ENOTEMPTY':
      return {
        code: 'export-failed',
        message: `${path} is a folder. Export again and give the file a name.`,
        messageNb: `${path} er en mappe. Eksporter på nytt og gi filen et navn.`,
      }
    default: {
      const detail = error instanceof Error ? error.message : String(error)
      return {
        code: 'export-failed',
        message: `The export could not be saved as ${path} (${detail}). Try again, or save it in another folder. ${unchanged}`,
        messageNb: `Eksporten kunne ikke lagres som ${path} (systemets melding: ${detail}). Prøv igjen, eller lagre den i en annen mappe. ${uendret}`,
      }
    }
  }
}
