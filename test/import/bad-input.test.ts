import { join } from 'node:path'
import { zipSync } from 'fflate'
import { beforeAll, describe, expect, test } from 'vitest'
import { toDocx } from '../../shared/export/index.ts'
import { LIMITS } from '../../shared/import/docx-package.ts'
import type { ImportErrorCode } from '../../shared/import/import-error.ts'
import { parseDocx } from '../../shared/import/parse-docx.ts'
import { FIXTURES, libreOffice } from './tools.ts'

async function refusal(bytes: Uint8Array) {
  const result = await parseDocx(bytes, { now: 0 })
  if (result.ok) throw new Error('imported what it should have refused')
  return result.error
}

async function expectRefused(bytes: Uint8Array, code: ImportErrorCode) {
  const error = await refusal(bytes)
  expect(error.code).toBe(code)
  // A message in each language that says what to do next.
  expect(error.message.length).toBeGreaterThan(40)
  expect(error.messageNb.length).toBeGreaterThan(40)
  expect(error.messageNb).not.toBe(error.message)
  return error
}

const encoder = new TextEncoder()

async function exported(): Promise<Uint8Array> {
  return toDocx({
    title: 'Prøve',
    recipients: [],
    language: 'nb',
    date: '2026-12-01',
    place: null,
    body: {
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Hei' }] }],
    },
    signatories: [],
    versionName: null,
  })
}

/** A zip of the minimal parts of a .docx, with `document` as word/document.xml. */
function docxWith(document: Uint8Array, extra: Record<string, Uint8Array> = {}, level = 6) {
  return zipSync(
    {
      '[Content_Types].xml': encoder.encode(
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
      ),
      'word/document.xml': document,
      ...extra,
    },
    { level: level as 0 | 6 },
  )
}

describe('files that are not a Word document', () => {
  let odt: Uint8Array
  let doc: Uint8Array
  beforeAll(async () => {
    odt = await libreOffice(join(FIXTURES, 'review-nb.fodt'), 'odt')
    doc = await libreOffice(join(FIXTURES, 'review-nb.fodt'), 'doc')
  }, 120_000)

  test('a text file, an empty file and an OpenDocument file are refused as not .docx', async () => {
    await expectRefused(encoder.encode('Dette er bare tekst.'), 'not-docx')
    await expectRefused(new Uint8Array(0), 'not-docx')
    const error = await expectRefused(odt, 'not-docx')
    expect(error.message).toMatch(/OpenDocument/)
  })

  test('an old Word 97-2003 document (written by LibreOffice) asks to be saved as .docx', async () => {
    const error = await expectRefused(doc, 'legacy-doc')
    expect(error.messageNb).toMatch(/\.docx/)
  })

  test('a password-protected document says so', async () => {
    // Office stores an encrypted .docx as an OLE compound file (MS-CFB) whose directory names
    // the streams EncryptionInfo and EncryptedPackage (MS-OFFCRYPTO 2.3.4.1): built here, since
    // no program on this machine writes one (LibreOffice's headless export takes no password).
    const cfb = new Uint8Array(1536)
    cfb.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])
    const name = (text: string, at: number) => {
      ;[...text].forEach((char, i) => cfb.set([char.charCodeAt(0), 0], at + i * 2))
    }
    name('Root Entry', 512)
    name('EncryptionInfo', 640)
    name('EncryptedPackage', 768)
    const error = await expectRefused(cfb, 'encrypted')
    expect(error.message).toMatch(/password/)
    expect(error.messageNb).toMatch(/passord/)
  })
})

describe('damaged and oversized files', () => {
  test('a .docx cut short is damaged', async () => {
    const bytes = await exported()
    await expectRefused(bytes.slice(0, Math.floor(bytes.length / 2)), 'corrupt')
  })

  test('a .docx whose text is not well-formed XML is damaged', async () => {
    await expectRefused(docxWith(encoder.encode('<w:document><w:body><w:p>')), 'corrupt')
  })

  test('a .docx declaring an entity (a billion laughs) is refused before anything expands', async () => {
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "hahahahaha"><!ENTITY b "&a;&a;&a;&a;&a;">]>' +
      '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>'
    await expectRefused(docxWith(encoder.encode(laughs)), 'corrupt')
  })

  test('a 50 MB file is refused before it is unpacked', async () => {
    const picture = crypto.getRandomValues(new Uint8Array(65536))
    const big = new Uint8Array(50 * 1024 * 1024)
    for (let at = 0; at < big.length; at += picture.length) big.set(picture, at)
    const bytes = docxWith(encoder.encode('<w:document/>'), { 'word/media/image1.png': big }, 0)
    expect(bytes.length).toBeGreaterThan(LIMITS.fileBytes)
    await expectRefused(bytes, 'too-large')
  })

  test('a zip bomb (100 MB of text in 100 KB) is stopped while inflating', async () => {
    const text = new Uint8Array(100 * 1024 * 1024).fill(0x20)
    const bomb = docxWith(text, {}, 9 as 6)
    expect(bomb.length).toBeLessThan(1024 * 1024)
    const error = await expectRefused(bomb, 'too-big-unpacked')
    expect(error.message).toMatch(/zip bomb/)
  })

  test('a zip bomb that lies about its size is stopped at the size it claims', async () => {
    const text = new Uint8Array(20 * 1024 * 1024).fill(0x20)
    const bomb = docxWith(text, {}, 9 as 6)
    // Claim 1,000 bytes for word/document.xml in the central directory.
    const view = new DataView(bomb.buffer)
    for (let at = bomb.length - 22; at >= 0; at--) {
      if (view.getUint32(at, true) !== 0x02014b50) continue
      const nameLength = view.getUint16(at + 28, true)
      const name = new TextDecoder().decode(bomb.subarray(at + 46, at + 46 + nameLength))
      if (name === 'word/document.xml') view.setUint32(at + 24, 1000, true)
    }
    const error = await expectRefused(bomb, 'too-big-unpacked')
    expect(error.message).toMatch(/past its size/)
  })

  test('too many entries in the zip is refused', async () => {
    const entries: Record<string, Uint8Array> = {}
    for (let i = 0; i <= LIMITS.entries; i++) entries[`word/media/${i}.png`] = new Uint8Array(1)
    await expectRefused(docxWith(encoder.encode('<w:document/>'), entries, 0), 'too-big-unpacked')
  })
})
