// npm run bench -- export [trace.json.gz] [--runs 5]
// Exports a paper the size of automerge-paper to every format, beside pandoc turning our HTML
// export into DOCX in the same run; see docs/benchmarks.md.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import type { JSONContent } from '@tiptap/core'
import { loadExportFonts } from '../shared/export-node/fonts.ts'
import { openPdfPrinter, printPdf } from '../shared/export-node/pdf.ts'
import {
  toDocx,
  toMarkdown,
  toPrintHtml,
  toStandaloneHtml,
  type ExportSource,
} from '../shared/export/index.ts'
import { bodySchema } from '../shared/model/schema.ts'
import { CHROMIUM } from '../test/helpers/chromium.ts'
import { ms, printTable, ratio } from './table.ts'
import { DEFAULT_SEQUENTIAL, readTrace } from './trace.ts'

const text = (value: string): JSONContent => ({ type: 'text', text: value })
const paragraph = (value: string): JSONContent => ({ type: 'paragraph', content: [text(value)] })

/**
 * The trace's final text (the LaTeX source of a 14-page paper) as a position paper: a key
 * messages list, \section and \subsection lines as headings, every other block a paragraph.
 */
export function benchPaper(endContent: string): ExportSource {
  const body: JSONContent[] = [
    { type: 'heading', attrs: { level: 2 }, content: [text('Key messages')] },
    {
      type: 'bulletList',
      content: [
        'Replicated JSON lets partners edit offline and merge without conflicts.',
        'The datatype converges: every replica that saw the same operations is equal.',
        'Cities should fund shared infrastructure for local-first collaboration.',
      ].map((item) => ({ type: 'listItem', content: [paragraph(item)] })),
    },
  ]
  for (const block of endContent.split(/\n\s*\n/)) {
    const lines = block.split('\n').filter((line) => line.trim() !== '')
    let prose: string[] = []
    const flush = () => {
      if (prose.length > 0) body.push(paragraph(prose.join(' ')))
      prose = []
    }
    for (const line of lines) {
      const heading = /^\\(sub)?(sub)?section\*?\{([^}]*)\}/.exec(line)
      if (heading) {
        flush()
        const level = 2 + (heading[1] ? 1 : 0) + (heading[2] ? 1 : 0)
        body.push({ type: 'heading', attrs: { level }, content: [text(heading[3] || ' ')] })
      } else prose.push(line.trim())
    }
    flush()
  }
  const doc = bodySchema().nodeFromJSON({ type: 'doc', content: body }).toJSON() as JSONContent
  return {
    title: 'A Conflict-Free Replicated JSON Datatype',
    recipients: ['EU Mission Board for Climate-Neutral and Smart Cities'],
    language: 'en',
    date: '2026-11-27',
    place: 'Cambridge',
    body: doc,
    signatories: ['NTNU', 'Nordic Edge', 'University of Stavanger', 'Smartbyene'].map(
      (organisation) => ({ organisation, endorsedBy: 'A. Partner', versionName: 'Final 1' }),
    ),
    versionName: 'Final 1',
  }
}

function characters(node: JSONContent): number {
  return (node.text?.length ?? 0) + (node.content ?? []).reduce((n, c) => n + characters(c), 0)
}

type Timed = { median: number; min: number; bytes: number }

async function time(runs: number, work: () => Promise<Uint8Array | string>): Promise<Timed> {
  const times: number[] = []
  let bytes = 0
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    const out = await work()
    times.push(performance.now() - start)
    bytes = typeof out === 'string' ? Buffer.byteLength(out) : out.byteLength
  }
  times.sort((a, b) => a - b)
  return { median: times[Math.floor(times.length / 2)] ?? NaN, min: times[0] ?? NaN, bytes }
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`

export async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { runs: { type: 'string', default: '5' } },
  })
  const runs = Math.max(1, Number(values.runs))
  const tracePath = positionals[0] ?? DEFAULT_SEQUENTIAL
  const source = benchPaper(readTrace(tracePath).endContent)
  console.log(
    `Export benchmark: ${tracePath}\n${characters(source.body).toLocaleString('en')} characters ` +
      `in ${source.body.content?.length ?? 0} blocks; median of ${runs} runs per format.`,
  )
  if (!existsSync(CHROMIUM)) {
    console.error(`No Chromium at ${CHROMIUM}: set CHROMIUM_PATH.`)
    process.exit(2)
  }
  const fonts = loadExportFonts()
  const dir = mkdtempSync(join(tmpdir(), 'samstemt-bench-export-'))
  try {
    const docx = await time(runs, () => toDocx(source))
    const html = await time(runs, async () => toStandaloneHtml(source, { fonts }))
    const markdown = await time(runs, async () => toMarkdown(source))
    // Cold: what the CLI does, Chromium started and stopped for the one paper.
    const pdfCold = await time(runs, () =>
      printPdf(toPrintHtml(source, { fonts }), { chromiumPath: CHROMIUM }),
    )
    // Warm: a Chromium already running, as the app's own print engine is.
    const printer = await openPdfPrinter({ chromiumPath: CHROMIUM })
    let pdfBytes: Uint8Array = new Uint8Array()
    const pdfWarm = await time(runs, async () => {
      pdfBytes = await printer.print(toPrintHtml(source, { fonts }))
      return pdfBytes
    })
    await printer.close()
    const pdfFile = join(dir, 'paper.pdf')
    writeFileSync(pdfFile, pdfBytes)
    const pages = /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdfFile], { encoding: 'utf8' }))

    // pandoc (Debian's) converting our standalone HTML to DOCX, a whole process per run. The
    // HTML is without embedded fonts, so pandoc does not wade through 400 KiB of base64 it ignores.
    const htmlFile = join(dir, 'paper.html')
    writeFileSync(htmlFile, toStandaloneHtml(source))
    const pandocVersion = execFileSync('pandoc', ['--version'], { encoding: 'utf8' }).split('\n')[0]
    const pandoc = await time(runs, async () => {
      const out = join(dir, 'pandoc.docx')
      execFileSync('pandoc', ['-f', 'html', '-t', 'docx', '-o', out, htmlFile])
      return readFileSync(out)
    })

    const row = (name: string, t: Timed, target: string, peer?: Timed) => ({
      export: name,
      median: ms(t.median),
      fastest: ms(t.min),
      output: kib(t.bytes),
      'vs pandoc': peer ? ratio(t.median / peer.median) : '',
      target,
    })
    printTable(`Export of a ${Math.round(characters(source.body) / 1000)}k-character paper`, [
      row(
        'DOCX (samstemt, docx 9.15)',
        docx,
        `< 1 s, ≤ pandoc: ${docx.median < 1000 && docx.median <= pandoc.median ? 'met' : 'MISSED'}`,
        pandoc,
      ),
      row(`DOCX (${pandocVersion}, from our HTML)`, pandoc, '', pandoc),
      row(
        `PDF, Chromium started per paper (${pages?.[1] ?? '?'} pages)`,
        pdfCold,
        `< 3 s: ${pdfCold.median < 3000 ? 'met' : 'MISSED'}`,
      ),
      row(
        'PDF, Chromium already running',
        pdfWarm,
        `< 3 s: ${pdfWarm.median < 3000 ? 'met' : 'MISSED'}`,
      ),
      row('HTML (standalone, fonts embedded)', html, ''),
      row('Markdown', markdown, ''),
    ])
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
