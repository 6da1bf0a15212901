import { dialog, type BrowserWindow, type OpenDialogOptions } from 'electron'
import type { Settings } from '../../shared/ipc/index.ts'

const LABELS: Record<Settings['language'], { title: string; button: string; kind: string }> = {
  en: { title: 'Import from Word', button: 'Import', kind: 'Word document' },
  nb: { title: 'Importer fra Word', button: 'Importer', kind: 'Word-dokument' },
}

/** The native open dialog for a .docx, as a sheet of the app window; null when cancelled. */
export function createImportChooser(
  window: () => BrowserWindow | null,
  language: () => Settings['language'],
) {
  return async (): Promise<string | null> => {
    const labels = LABELS[language()]
    const options: OpenDialogOptions = {
      title: labels.title,
      buttonLabel: labels.button,
      filters: [{ name: labels.kind, extensions: ['docx'] }],
      properties: ['openFile'],
    }
    const parent = window()
    const result =
      parent && !parent.isDestroyed()
        ? await dialog.showOpenDialog(parent, options)
        : await dialog.showOpenDialog(options)
    return result.canceled ? null : (result.filePaths[0] ?? null)
  }
}
