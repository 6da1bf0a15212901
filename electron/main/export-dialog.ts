import { dirname, join } from 'node:path'
import { app, dialog, type BrowserWindow, type FileFilter, type SaveDialogOptions } from 'electron'
import type { Settings } from '../../shared/ipc/index.ts'
import { fileSpec, type FileFormat } from '../host/export-file-name.ts'

type DialogLabels = { title: string; button: string }

const LABELS: Record<Settings['language'], DialogLabels> = {
  en: { title: 'Export the paper', button: 'Export' },
  nb: { title: 'Eksporter notatet', button: 'Eksporter' },
}

/** The save dialog's filter: the one format being exported, so its extension is proposed. */
export function exportFilters(format: FileFormat, language: Settings['language']): FileFilter[] {
  const spec = fileSpec(format)
  return [{ name: spec.fileKind[language], extensions: [spec.extension] }]
}

/**
 * The native save dialog, as a sheet of the app window (modal to it), opening where the last
 * export went (Documents at first). Resolves with the chosen path, or null when cancelled.
 */
export function createExportChooser(
  window: () => BrowserWindow | null,
  language: () => Settings['language'],
) {
  let lastFolder: string | null = null
  return async (suggestedName: string, format: FileFormat): Promise<string | null> => {
    const labels = LABELS[language()]
    const options: SaveDialogOptions = {
      title: labels.title,
      buttonLabel: labels.button,
      defaultPath: join(lastFolder ?? documentsFolder(), suggestedName),
      filters: exportFilters(format, language()),
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    }
    const parent = window()
    const result =
      parent && !parent.isDestroyed()
        ? await dialog.showSaveDialog(parent, options)
        : await dialog.showSaveDialog(options)
    if (result.canceled || result.filePath === '') return null
    lastFolder = dirname(result.filePath)
    return result.filePath
  }
}

function documentsFolder(): string {
  try {
    return app.getPath('documents')
  } catch {
    // Linux desktops without XDG user folders have no Documents; the home folder always exists.
    return app.getPath('home')
  }
}
