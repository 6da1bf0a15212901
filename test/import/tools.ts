import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { promisify } from 'node:util'
import type { JSONContent } from '@tiptap/core'
import * as Y from 'yjs'
import { paperBody } from '../../shared/model/paper.ts'

// DOCX files for the import tests, written by independent programs (test/fixtures/import/README.md).

const run = promisify(execFile)
export const FIXTURES = join(import.meta.dirname, '../fixtures/import')

/** Converts `file` with LibreOffice (`docx`, `doc`, or a filter) and returns the new file's bytes. */
export async function libreOffice(file: string, to: string, extension = to): Promise<Uint8Array> {
  const dir = mkdtempSync(join(tmpdir(), 'samstemt-import-lo-'))
  try {
    await run(
      'soffice',
      [
        `-env:UserInstallation=file://${join(dir, 'profile')}`,
        '--headless',
        '--convert-to',
        to,
        '--outdir',
        join(dir, 'out'),
        file,
      ],
      { timeout: 120_000 },
    )
    const name = basename(file).replace(/\.[^.]+$/, `.${extension}`)
    return new Uint8Array(readFileSync(join(dir, 'out', name)))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The partner paper python-docx writes (make-docx.py). */
export async function pythonDocx(dir: string): Promise<Uint8Array> {
  const out = join(dir, 'python-docx.docx')
  await run('/usr/bin/python3', [join(FIXTURES, 'make-docx.py'), out])
  return new Uint8Array(readFileSync(out))
}

/** Runs a python-docx script from the fixtures on `input`, writing `output`. */
export async function pythonEdit(script: string, input: string, output: string): Promise<void> {
  await run('/usr/bin/python3', [join(FIXTURES, script), input, output])
}

/** The text of a body as a reader sees it: blocks on lines. */
export function bodyText(body: JSONContent): string {
  const lines: string[] = []
  const visit = (node: JSONContent) => {
    if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'codeBlock') {
      lines.push(
        (node.content ?? []).map((c) => c.text ?? (c.type === 'hardBreak' ? '\n' : '')).join(''),
      )
      return
    }
    for (const child of node.content ?? []) visit(child)
  }
  visit(body)
  return lines.join('\n')
}

/** Every text node of a paper's body, in order (to anchor comments in tests). */
export function texts(doc: Y.Doc): Y.XmlText[] {
  const found: Y.XmlText[] = []
  const visit = (node: Y.XmlFragment | Y.XmlElement) => {
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlText) found.push(child)
      else if (child instanceof Y.XmlElement) visit(child)
    }
  }
  visit(paperBody(doc))
  return found
}
