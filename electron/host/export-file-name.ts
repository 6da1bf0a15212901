import { FORMATS, type ExportFormat } from '../../shared/export/formats.ts'

/** What the host saves: a paper's export format, or JSON (unsent comments, for a tool). */
export type FileFormat = ExportFormat | 'json'

const JSON_FILE = { extension: 'json', fileKind: { nb: 'JSON-fil', en: 'JSON file' } }

/** A format's extension and what a save dialog calls its files. */
export function fileSpec(format: FileFormat): {
  extension: string
  fileKind: { nb: string; en: string }
} {
  return format === 'json' ? JSON_FILE : FORMATS[format]
}

// Characters Windows, macOS or Linux refuse in a name (or read as a folder), and controls.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u001f\u007f<>:"/\\|?*]+/g
const RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/i
/** Bytes of UTF-8 for the name before its extension; file systems allow 255 in all. */
const MAX_BYTES = 200
const FALLBACK = 'Samstemt'

/**
 * A file name from the renderer's suggestion (usually the paper's title) that is safe on every
 * desktop: no folder parts, no characters a file system refuses, not hidden, not a reserved
 * device name, not too long, and ending in the format's extension.
 */
export function exportFileName(suggested: string, format: FileFormat): string {
  const extension = fileSpec(format).extension
  let name = suggested
    .normalize('NFC')
    .replace(FORBIDDEN, ' ')
    .replace(/\s+/g, ' ')
    // Leading dots hide a file (or climb a folder); trailing dots and spaces vanish on Windows.
    .replace(/^[\s.]+|[\s.]+$/g, '')
  if (name.toLowerCase().endsWith(`.${extension}`)) {
    name = name.slice(0, -extension.length - 1).replace(/[\s.]+$/, '')
  }
  name = truncateUtf8(name, MAX_BYTES).replace(/[\s.]+$/, '')
  if (name === '') name = FALLBACK
  if (RESERVED.test(name.split('.')[0] ?? '')) name = `_${name}`
  return `${name}.${extension}`
}

function truncateUtf8(text: string, maxBytes: number): string {
  const encoder = new TextEncoder()
  let out = ''
  let bytes = 0
  // By code point, so a letter outside the BMP is never cut in half.
  for (const char of text) {
    bytes += encoder.encode(char).byteLength
    if (bytes > maxBytes) break
    out += char
  }
  return out
}
