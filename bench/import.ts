// npm run bench -- import [trace.json.gz] [--runs 5]
// Imports a DOCX the size of automerge-paper (our own export of the export benchmark's paper)
// into a new paper's plan, beside pandoc's DOCX reader on the same file in the same run (issue
// 14); see docs/benchmarks.md.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { toDocx } from '../shared/export/index.ts'
import { planNewPaper } from '../shared/import/import-plan.ts'
import { parseDocx } from '../shared/import/parse-docx.ts'
import { benchPaper } from './export.ts'
import { ms, printTable, ratio } from './table.ts'
import { DEFAULT_SEQUENTIAL, readTrace } from './trace.ts'

type Timed = { median: number; min: number }

async function time(runs: number, work: () => Promise<unknown>): Promise<Timed> {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    await work()
    times.push(performance.now() - started)
  }
  times.sort((a, b) => a - b)
  return { median: times[Math.floor(times.length / 2)] ?? NaN, min: times[0] ?? NaN }
}

export async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { runs: { type: 'string', default: '5' } },
  })
  const runs = Math.max(1, Number(values.runs))
  const tracePath = positionals[0] ?? DEFAULT_SEQUENTIAL
  const bytes = await toDocx(benchPaper(readTrace(tracePath).endContent))
  const dir = mkdtempSync(join(tmpdir(), 'samstemt-bench-import-'))
  try {
    const file = join(dir, 'paper.docx')
    writeFileSync(file, bytes)
    const pages = pdfPages(dir, file)
    let blocks = 0
    let characters = 0
    // Our import: unzip with limits, mammoth for the body, tracked changes and comments from the
    // OOXML, then the plan a new paper is written from.
    const ours = await time(runs, async () => {
      const parsed = await parseDocx(bytes, { now: Date.now() })
      if (!parsed.ok) throw new Error(`the import refused our own export: ${parsed.error.code}`)
      const plan = planNewPaper(parsed.value)
      blocks = plan.body.content?.length ?? 0
      characters = JSON.stringify(plan.body).length
    })
    const pandocVersion = execFileSync('pandoc', ['--version'], { encoding: 'utf8' }).split('\n')[0]
    // pandoc (Debian's) reading the same DOCX into its JSON AST: a whole process per run.
    const pandoc = await time(runs, async () => {
      execFileSync('pandoc', ['-f', 'docx', '-t', 'json', file], { maxBuffer: 256 * 1024 * 1024 })
    })
    console.log(
      `Import benchmark: our export of ${tracePath} (${Math.round(bytes.length / 1024)} KiB, ` +
        `${pages} pages as LibreOffice lays it out); median of ${runs} runs.`,
    )
    printTable('Import of a DOCX the size of automerge-paper', [
      {
        import: 'samstemt (parse + plan: mammoth 1.13, fflate, saxes)',
        median: ms(ours.median),
        fastest: ms(ours.min),
        'vs pandoc': ratio(ours.median / pandoc.median),
        target: `< 1 s: ${ours.median < 1000 ? 'met' : 'MISSED'}`,
        result: `${blocks} blocks (${Math.round(characters / 1024)} KiB of JSON)`,
      },
      {
        import: `${pandocVersion}, DOCX to its JSON`,
        median: ms(pandoc.median),
        fastest: ms(pandoc.min),
        'vs pandoc': ratio(1),
        target: '',
        result: '',
      },
    ])
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** How many pages LibreOffice makes of the DOCX (as PDF), or "?" without it. */
function pdfPages(dir: string, file: string): string {
  try {
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${join(dir, 'lo')}`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        file,
      ],
      { stdio: 'ignore', timeout: 120_000 },
    )
    const info = execFileSync('pdfinfo', [join(dir, 'paper.pdf')], { encoding: 'utf8' })
    return /Pages:\s+(\d+)/.exec(info)?.[1] ?? '?'
  } catch {
    return '?'
  }
}
