/*
 * The one list of export formats. The app's dialog, the host's file names and save filters, the
 * IPC checks, the relay CLI's --format and renderExport() all read it: a new format is one
 * entry here and one renderer in render.ts.
 */

/** The file formats a paper exports to. */
export type ExportFormat = 'docx' | 'pdf' | 'html' | 'md'

export type FormatSpec = {
  id: ExportFormat
  /** The format's short name in messages: "DOCX", "Markdown". */
  name: string
  /** Saved with this extension (no dot). */
  extension: string
  mediaType: string
  /** What a save dialog calls such a file, in each UI language. */
  fileKind: { nb: string; en: string }
  /** Whether it can show a redline (`compareWith`): tracked changes need Word or print. */
  redline: boolean
  /** Whether it embeds the house fonts (HTML, and PDF through the print HTML). */
  embedsFonts: boolean
  /** Whether it is printed by Chromium from the print HTML. */
  printed: boolean
}

export const FORMATS = {
  docx: {
    id: 'docx',
    name: 'DOCX',
    extension: 'docx',
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    fileKind: { nb: 'Word-dokument', en: 'Word document' },
    redline: true,
    embedsFonts: false,
    printed: false,
  },
  pdf: {
    id: 'pdf',
    name: 'PDF',
    extension: 'pdf',
    mediaType: 'application/pdf',
    fileKind: { nb: 'PDF-dokument', en: 'PDF document' },
    redline: true,
    embedsFonts: true,
    printed: true,
  },
  html: {
    id: 'html',
    name: 'HTML',
    extension: 'html',
    mediaType: 'text/html',
    fileKind: { nb: 'Nettside', en: 'Web page' },
    redline: false,
    embedsFonts: true,
    printed: false,
  },
  md: {
    id: 'md',
    name: 'Markdown',
    extension: 'md',
    mediaType: 'text/markdown',
    fileKind: { nb: 'Markdown', en: 'Markdown' },
    redline: false,
    embedsFonts: false,
    printed: false,
  },
} as const satisfies { [F in ExportFormat]: FormatSpec & { id: F } }

/** Every format, in the order the app offers them. */
export const FORMAT_IDS = Object.keys(FORMATS) as ExportFormat[]

/** The formats a redline can be exported to. */
export const REDLINE_FORMAT_IDS = FORMAT_IDS.filter((id) => FORMATS[id].redline)

export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === 'string' && Object.hasOwn(FORMATS, value)
}
