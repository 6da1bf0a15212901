import type { BrowserWindow } from 'electron'
import { loadExportFonts } from '../../shared/export-node/fonts.ts'
import { createExportService, type ExportService } from '../host/export-service.ts'
import type { HostServices } from '../host/host-services.ts'
import { createExportChooser } from './export-dialog.ts'
import { printHtmlToPdf } from './print-window.ts'

/** `export/save` in the app: the native save dialog, and printToPDF in a hidden window. */
export function createAppExporter(
  services: HostServices,
  window: () => BrowserWindow | null,
): ExportService {
  return createExportService({
    chooseFile: createExportChooser(window, () => services.settings.get().language),
    printPdf: printHtmlToPdf,
    fonts: loadExportFonts,
    emit: (progress) => services.outbox.emit('export/progress', progress),
    log: services.log,
  })
}
