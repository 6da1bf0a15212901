import { Inflate, zipSync } from 'fflate'
import { fail, ImportFailure } from './import-error.ts'

/*
 * A .docx is a zip of XML parts. Before any of it is parsed, the file is checked for what it
 * claims to be, and unpacked under limits enforced while inflating, counting the bytes that
 * actually come out, never trusting the sizes the zip declares (a zip bomb lies about them).
 *
 * fflate does the inflating. Its own unzip is not used: it allocates the declared size and, when
 * a stream inflates to more, keeps decoding into nothing until the stream ends (a lying 25 MB
 * bomb costs a minute of CPU). So the central directory is read here, and each part is inflated
 * in small pushes through fflate's streaming Inflate, stopped the moment a limit is passed.
 */

export const LIMITS = {
  /** The file as chosen: larger than any Word paper without pictures (an e-mail attachment's limit). */
  fileBytes: 25 * 1024 * 1024,
  /** Entries in the zip; a paper with many pictures has a few hundred. */
  entries: 2000,
  /** One XML part, inflated. A 300-page document.xml is about 20 MB. */
  partBytes: 64 * 1024 * 1024,
  /** All XML parts together, inflated. */
  totalBytes: 128 * 1024 * 1024,
  /** Inflated / compressed, for parts over 1 MB: XML compresses 5-30x, a bomb 1000x. */
  ratio: 200,
} as const

const RATIO_FLOOR = 1024 * 1024
const PUSH_BYTES = 16 * 1024

/** The unpacked XML parts of a Word document, by zip path; pictures and fonts are only listed. */
export type DocxPackage = {
  parts: Map<string, Uint8Array>
  /** Every entry's path, the ones not unpacked (media) included. */
  entries: string[]
}

type Entry = {
  name: string
  flags: number
  method: number
  compressed: number
  size: number
  offset: number
}

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]

/** Checks what the bytes are and unpacks the XML parts under LIMITS; throws an ImportFailure. */
export function openDocx(bytes: Uint8Array): DocxPackage {
  if (bytes.length > LIMITS.fileBytes) fail('too-large', `${bytes.length} bytes`)
  if (startsWith(bytes, OLE_MAGIC)) {
    // An OLE container: Word 97-2003, or a password-protected OOXML file (its streams are named
    // EncryptionInfo and EncryptedPackage, in UTF-16 in the container's directory).
    if (indexOf(bytes, utf16('EncryptedPackage')) >= 0) fail('encrypted')
    if (indexOf(bytes, utf16('WordDocument')) >= 0) fail('legacy-doc')
    fail('not-docx', 'an OLE container that is not a Word document')
  }
  if (!startsWith(bytes, [0x50, 0x4b])) fail('not-docx', 'not a zip file')
  const entries = centralDirectory(bytes)
  const names = new Set(entries.map((entry) => entry.name))
  if (!names.has('[Content_Types].xml')) {
    if (names.has('mimetype')) fail('not-docx', 'an OpenDocument file, not a Word document')
    fail('not-docx', 'a zip without [Content_Types].xml')
  }
  if (!names.has('word/document.xml')) fail('not-docx', 'no word/document.xml')
  const parts = new Map<string, Uint8Array>()
  let total = 0
  for (const entry of entries) {
    if (!isXmlPart(entry.name)) continue
    if (entry.flags & 1) fail('encrypted', `${entry.name} is encrypted in the zip`)
    const data = inflateEntry(bytes, entry, LIMITS.totalBytes - total)
    total += data.length
    parts.set(entry.name, data)
  }
  return { parts, entries: entries.map((entry) => entry.name) }
}

/** The XML parts again as a zip (stored, not compressed) for mammoth, which unzips itself. */
export function repack(pkg: DocxPackage): Uint8Array {
  return zipSync(Object.fromEntries(pkg.parts), { level: 0 })
}

export function partText(pkg: DocxPackage, name: string): string | null {
  const data = pkg.parts.get(name)
  return data === undefined ? null : new TextDecoder('utf-8', { fatal: false }).decode(data)
}

function isXmlPart(name: string): boolean {
  return /\.(xml|rels)$/i.test(name)
}

function centralDirectory(bytes: Uint8Array): Entry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  // The end of central directory record: 22 bytes plus a comment of up to 65535.
  let end = -1
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i
      break
    }
  }
  if (end < 0) fail('corrupt', 'no end of central directory')
  const count = view.getUint16(end + 10, true)
  const size = view.getUint32(end + 12, true)
  const start = view.getUint32(end + 16, true)
  // Saturated fields mean Zip64: gigabytes or 65535 entries, which no paper has.
  if (count === 0xffff || start === 0xffffffff) fail('too-big-unpacked', 'a Zip64 archive')
  if (count > LIMITS.entries) fail('too-big-unpacked', `${count} entries`)
  if (start + size > end) fail('corrupt', 'the central directory lies outside the file')
  const entries: Entry[] = []
  let at = start
  const decoder = new TextDecoder('utf-8', { fatal: false })
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || view.getUint32(at, true) !== 0x02014b50) {
      fail('corrupt', `central directory entry ${i} is damaged`)
    }
    const nameLength = view.getUint16(at + 28, true)
    const extraLength = view.getUint16(at + 30, true)
    const commentLength = view.getUint16(at + 32, true)
    const entry: Entry = {
      flags: view.getUint16(at + 8, true),
      method: view.getUint16(at + 10, true),
      compressed: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      offset: view.getUint32(at + 42, true),
      name: decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
    }
    if (entry.compressed === 0xffffffff || entry.size === 0xffffffff) {
      fail('too-big-unpacked', `${entry.name} is a Zip64 entry`)
    }
    entries.push(entry)
    at += 46 + nameLength + extraLength + commentLength
  }
  return entries
}

function inflateEntry(bytes: Uint8Array, entry: Entry, budget: number): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const local = entry.offset
  if (local + 30 > bytes.length || view.getUint32(local, true) !== 0x04034b50) {
    fail('corrupt', `${entry.name}: no local header`)
  }
  const dataStart = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true)
  const dataEnd = dataStart + entry.compressed
  if (dataEnd > bytes.length) fail('corrupt', `${entry.name} runs past the end of the file`)
  const compressed = bytes.subarray(dataStart, dataEnd)
  const limit = Math.min(LIMITS.partBytes, budget)
  checkSize(entry.name, entry.size, entry.compressed, limit)
  if (entry.method === 0) return compressed.slice()
  if (entry.method !== 8) fail('corrupt', `${entry.name}: compression method ${entry.method}`)
  const chunks: Uint8Array[] = []
  let produced = 0
  const inflater = new Inflate((chunk: Uint8Array) => {
    produced += chunk.length
    // A stream that inflates past its declared size lies about it: stop at once.
    if (produced > entry.size) fail('too-big-unpacked', `${entry.name} inflates past its size`)
    checkSize(entry.name, produced, entry.compressed, limit)
    chunks.push(chunk)
  })
  try {
    for (let at = 0; at < compressed.length; at += PUSH_BYTES) {
      const end = Math.min(at + PUSH_BYTES, compressed.length)
      inflater.push(compressed.subarray(at, end), end === compressed.length)
    }
    if (compressed.length === 0) inflater.push(new Uint8Array(0), true)
  } catch (error) {
    if (error instanceof ImportFailure) throw error
    fail('corrupt', `${entry.name}: ${error instanceof Error ? error.message : String(error)}`)
  }
  if (produced !== entry.size) fail('corrupt', `${entry.name} is shorter than it says`)
  const out = new Uint8Array(produced)
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.length
  }
  return out
}

function checkSize(name: string, size: number, compressed: number, limit: number): void {
  if (size > limit) fail('too-big-unpacked', `${name} unpacks to more than ${limit} bytes`)
  if (size > RATIO_FLOOR && size > compressed * LIMITS.ratio) {
    fail('too-big-unpacked', `${name} expands more than ${LIMITS.ratio} times`)
  }
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte)
}

function utf16(text: string): number[] {
  return [...text].flatMap((char) => [char.charCodeAt(0), 0])
}

function indexOf(bytes: Uint8Array, pattern: readonly number[]): number {
  const first = pattern[0]
  for (let i = bytes.indexOf(first ?? 0); i >= 0; i = bytes.indexOf(first ?? 0, i + 1)) {
    if (pattern.every((byte, j) => bytes[i + j] === byte)) return i
  }
  return -1
}
