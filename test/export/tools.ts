import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { promisify } from 'node:util'

// Independent readers of our exports: LibreOffice, python-docx, poppler and pandoc, never our code.

const run = promisify(execFile)
const PYTHON = '/usr/bin/python3'
const READ_DOCX = join(import.meta.dirname, 'read-docx.py')

/** Where tests leave files to look at (not committed). */
export const RESULTS = join(import.meta.dirname, '../../test-results/export')

/** What read-docx.py reports about a DOCX. */
export type DocxReport = {
  paragraphs: { style: string; text: string }[]
  /** Each paragraph's keep-with-next and keep-lines-together, as Word applies them. */
  flow: { style: string; text: string; keepNext: boolean; keepLines: boolean }[]
  tables: { style: string | null; rows: { text: string; styles: string[] }[][] }[]
  hyperlinks: { text: string; url: string | null }[]
  numbered: { text: string; style: string; level: number }[]
  comments: { id: string; author: string; text: string }[]
  anchoredCommentIds: string[]
  insertions: string[]
  deletions: string[]
  /** Every tracked insertion and deletion with text, in document order, by whom and when. */
  revisions: { kind: 'ins' | 'del'; text: string; author: string | null; date: string | null }[]
  /** Paragraphs whose paragraph mark is a tracked insertion or deletion (the whole paragraph). */
  insertedParagraphs: string[]
  deletedParagraphs: string[]
  footers: { text: string; fields: string[] }[]
  title: string
}

/** Reads a DOCX with python-docx (and its XML for comments and tracked changes). */
export async function readDocx(file: string): Promise<DocxReport> {
  const { stdout } = await run(PYTHON, [READ_DOCX, file], { maxBuffer: 64 * 1024 * 1024 })
  return JSON.parse(stdout) as DocxReport
}

/**
 * The text LibreOffice reads from a DOCX. Each call gets its own LibreOffice profile, so
 * parallel test files do not wait on (or break) each other's profile lock.
 */
export async function libreOfficeText(file: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'samstemt-lo-'))
  try {
    await run(
      'soffice',
      [
        `-env:UserInstallation=file://${join(dir, 'profile')}`,
        '--headless',
        '--convert-to',
        'txt:Text (encoded):UTF8',
        '--outdir',
        dir,
        file,
      ],
      { timeout: 120_000 },
    )
    return readFileSync(join(dir, basename(file).replace(/\.docx$/, '.txt')), 'utf8')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Each DOCX laid out and printed by LibreOffice (one process for all), as PDFs in `outDir`. */
export async function libreOfficePdfs(files: string[], outDir: string): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'samstemt-lo-'))
  try {
    await run(
      'soffice',
      [
        `-env:UserInstallation=file://${join(dir, 'profile')}`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        outDir,
        ...files,
      ],
      { timeout: 240_000 },
    )
    return files.map((file) => join(outDir, basename(file).replace(/\.docx$/, '.pdf')))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** pdftotext's reading of a PDF, or of one page (`-layout` off: text in reading order). */
export async function pdfText(file: string, page?: number): Promise<string> {
  const pages = page === undefined ? [] : ['-f', String(page), '-l', String(page)]
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', ...pages, file, '-'])
  return stdout
}

/**
 * How far down the page (in points from the top) the last line of text above the running
 * footer ends: where the page's content stops.
 */
export async function lastTextLine(file: string, page: number): Promise<number> {
  const { stdout } = await run('pdftotext', [
    '-bbox',
    '-f',
    String(page),
    '-l',
    String(page),
    file,
    '-',
  ])
  const bottoms = [...stdout.matchAll(/<word [^>]*yMax="([\d.]+)"/g)].map((m) => Number(m[1]))
  const footer = Math.max(...bottoms)
  return Math.max(...bottoms.filter((y) => y < footer - 1))
}

/** pdfinfo's fields (Pages, Page size, Title...). */
export async function pdfInfo(file: string): Promise<Record<string, string>> {
  const { stdout } = await run('pdfinfo', [file])
  return Object.fromEntries(
    stdout
      .split('\n')
      .map((line) => /^([^:]+):\s*(.*)$/.exec(line))
      .filter((match) => match !== null)
      .map((match) => [match[1] ?? '', match[2] ?? '']),
  )
}

/** pdffonts' table: each font's name, type and whether it is embedded. */
export async function pdfFonts(
  file: string,
): Promise<{ name: string; type: string; embedded: boolean }[]> {
  const { stdout } = await run('pdffonts', [file])
  return stdout
    .split('\n')
    .slice(2)
    .filter(Boolean)
    .map((line) => {
      // name, type (may hold spaces), encoding, emb, sub, uni, object id, generation
      const match = /^(\S+)\s+(.+?)\s{2,}\S+\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$/.exec(
        line,
      )
      return { name: match?.[1] ?? line, type: match?.[2] ?? '', embedded: match?.[3] === 'yes' }
    })
}

/** The structure tree of a tagged PDF as `pdfinfo -struct` prints it (one element a line). */
export async function pdfStructure(file: string): Promise<string> {
  const { stdout } = await run('pdfinfo', ['-struct', file])
  return stdout
}

/** The PDF's bookmarks (outline), as pdftohtml reads them: each item's title and page. */
export async function pdfOutline(file: string): Promise<{ title: string; page: number }[]> {
  const { stdout } = await run('pdftohtml', ['-xml', '-stdout', '-i', '-q', file])
  return [...stdout.matchAll(/<item page="(\d+)">([^<]*)<\/item>/g)].map((match) => ({
    title: match[2] ?? '',
    page: Number(match[1]),
  }))
}

/** Renders page 1 to `test-results/export/<name>.png` (80 dpi) for a person to look at. */
export async function renderFirstPage(file: string, name: string): Promise<string> {
  mkdirSync(RESULTS, { recursive: true })
  const prefix = join(RESULTS, name)
  await run('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', file, prefix])
  return `${prefix}.png`
}

/** pandoc's reading of a document, as its JSON AST. */
export async function pandocAst(file: string, from: string): Promise<PandocDoc> {
  const { stdout } = await run('pandoc', ['-f', from, '-t', 'json', file], {
    maxBuffer: 64 * 1024 * 1024,
  })
  return JSON.parse(stdout) as PandocDoc
}

export type PandocBlock = { t: string; c?: unknown }
export type PandocDoc = { blocks: PandocBlock[] }

/** Every node of a pandoc AST of type `t`, depth first. */
export function pandocNodes(value: unknown, t: string): PandocBlock[] {
  const found: PandocBlock[] = []
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit)
    else if (typeof node === 'object' && node !== null) {
      if ((node as PandocBlock).t === t) found.push(node as PandocBlock)
      Object.values(node).forEach(visit)
    }
  }
  visit(value)
  return found
}

/** The plain text of a pandoc AST fragment: words, spaces, a space after each paragraph. */
export function pandocText(value: unknown): string {
  let text = ''
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit)
    else if (typeof node === 'object' && node !== null) {
      const { t, c } = node as PandocBlock
      if (t === 'Str' && typeof c === 'string') text += c
      else if (t === 'Code' && Array.isArray(c)) text += String(c[1])
      else if (t === 'Space' || t === 'SoftBreak' || t === 'LineBreak') text += ' '
      else {
        Object.values(node).forEach(visit)
        if (t === 'Plain' || t === 'Para' || t === 'Header') text += ' '
      }
    }
  }
  visit(value)
  return text
}
