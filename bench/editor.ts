// npm run bench -- editor [trace.json.gz] [--opens 5] [--keys 600] [--hz 10]
// The app's collaborative editor (paperExtensions: Collaboration with the typing undo, carets,
// review, find, paste cleanup; on the relay) against plain Tiptap, in Chromium, in one run, on
// the final text of a sequential editing trace (automerge-paper: ~105k characters in ~250
// paragraphs). See docs/benchmarks.md.
//
// Open: navigation to the editor's DOM holding the whole paper, timed in the page; first paint is
// Chromium's first-contentful-paint (the page paints nothing before the editor). Keystrokes: one
// per animation frame through Playwright's keyboard, timed in the page from keydown's timestamp
// to the character in the editor's state and DOM, while a second client (Node, y-websocket)
// types in the same paper at --hz and its caret moves with it.
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { chromium, type Browser, type Page } from 'playwright-core'
import * as Y from 'yjs'
import { writeTemplateToBody } from '../shared/model/body.ts'
import { BODY_FIELD } from '../shared/model/paper.ts'
import { paperRoom } from '../shared/protocol/index.ts'
import { startRelay } from '../server/start-relay.ts'
// window.bench (its global declaration comes with this import)
import type {} from './editor-page/main.ts'
import { buildPage, servePage } from './editor-serve.ts'
import { connectTypist } from './editor-typist.ts'
import { ms, printTable, quantile, ratio } from './table.ts'
import { DEFAULT_SEQUENTIAL, readTrace } from './trace.ts'
import { CHROMIUM, CHROMIUM_FLAGS as FLAGS } from '../test/helpers/chromium.ts'

const WARMUP_KEYS = 30
const ROUNDS = 3
const WAIT_MS = 30_000
const LOCAL_LETTERS = 'abcdefghijklmnopqrstuvwxyz '
const MODES = ['plain', 'collab'] as const
type Mode = (typeof MODES)[number]

/** The trace's final text as paragraphs (split on blank lines; line breaks inside become spaces). */
export function paperParagraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/\s*\n\s*/g, ' ').trim())
    .filter((paragraph) => paragraph !== '')
}

export async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      opens: { type: 'string', default: '5' },
      keys: { type: 'string', default: '600' },
      hz: { type: 'string', default: '10' },
    },
  })
  const opens = Number(values.opens)
  const keys = Number(values.keys)
  const hz = Number(values.hz)
  if (!existsSync(CHROMIUM)) {
    console.error(`No Chromium at ${CHROMIUM}: set CHROMIUM_PATH.`)
    process.exit(2)
  }
  const tracePath = positionals[0] ?? DEFAULT_SEQUENTIAL
  const paragraphs = paperParagraphs(readTrace(tracePath).endContent)
  const characters = paragraphs.reduce((sum, p) => sum + p.length, 0)
  console.log(
    `Editor benchmark: ${tracePath}\n${characters.toLocaleString('en')} characters in ` +
      `${paragraphs.length} paragraphs; ${opens} opens and ${keys} keystrokes per editor; ` +
      `a second client types at ${hz} Hz in the collaborative paper`,
  )

  const content = {
    type: 'doc',
    content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
  }
  const paper = new Y.Doc()
  const written = writeTemplateToBody(paper, content)
  if (!written.ok)
    throw new Error(`the paper does not fit the schema: ${JSON.stringify(written.problems)}`)
  const stored = Y.encodeStateAsUpdate(paper)
  const until = paragraphs.at(-1)?.slice(-60) ?? ''

  const dir = mkdtempSync(join(tmpdir(), 'samstemt-bench-editor-'))
  const relay = await startRelay({ data: join(dir, 'relay.sqlite'), port: 0, log: false })
  let browser: Browser | null = null
  const cleanups: (() => unknown)[] = []
  try {
    relay.members.createWorkspace('Benchmark', 'bench')
    const member = (name: string) =>
      relay.members.add({ workspace: 'bench', name, organisation: 'Bench', role: 'editor' })
    const room = paperRoom('bench', 'automerge-paper')
    const typist = await connectTypist(relay.url, room, member('Kari').token, paper)
    cleanups.push(() => typist.close())
    typist.start(hz)

    const site = await servePage(await buildPage(join(dir, 'page')), {
      '/paper.json': { type: 'application/json', body: JSON.stringify(content) },
      '/paper.ystate': { type: 'application/octet-stream', body: stored },
    })
    cleanups.push(() => site.close())
    const query = new URLSearchParams({
      until,
      relay: relay.url,
      room,
      token: member('Anne').token,
    })
    const pageUrl = (mode: Mode) => `${site.url}?mode=${mode}&${query}`

    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS })
    const openPage = async (mode: Mode): Promise<Page> => {
      const context = await browser!.newContext({ viewport: { width: 1280, height: 860 } })
      cleanups.push(() => context.close())
      const page = await context.newPage()
      page.on('pageerror', (error) => console.error(`${mode} page: ${error.message}`))
      await page.goto(pageUrl(mode))
      await page.evaluate(() => window.bench.ready)
      return page
    }

    const open: Record<Mode, { open: number[]; paint: number[] }> = {
      plain: { open: [], paint: [] },
      collab: { open: [], paint: [] },
    }
    for (let i = 0; i < opens; i++) {
      for (const mode of MODES) {
        const page = await openPage(mode)
        await page.waitForFunction(
          () => performance.getEntriesByName('first-contentful-paint').length > 0,
          null,
          { timeout: WAIT_MS },
        )
        const times = await page.evaluate(() => ({
          open: window.bench.opened,
          paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
        }))
        open[mode].open.push(times.open)
        open[mode].paint.push(times.paint)
        await page.context().close()
      }
    }

    const samples: Record<Mode, number[]> = { plain: [], collab: [] }
    let remoteUpdates = 0
    let typedByPartner = 0
    for (let round = 0; round < ROUNDS; round++) {
      for (const mode of MODES) {
        const page = await openPage(mode)
        await page.evaluate(() => window.bench.startTyping())
        const perRound = Math.ceil(keys / ROUNDS)
        const partnerBefore = typist.typed
        let typed = ''
        for (let k = 0; k < WARMUP_KEYS + perRound; k++) {
          if (k === WARMUP_KEYS) {
            await page.waitForFunction((n) => window.bench.samples.length >= n, WARMUP_KEYS, {
              timeout: WAIT_MS,
            })
            await page.evaluate(() => window.bench.samples.splice(0))
          }
          const letter = LOCAL_LETTERS[k % LOCAL_LETTERS.length] ?? 'x'
          typed += letter
          await page.evaluate(() => window.bench.frame())
          await page.keyboard.type(letter)
        }
        await page.waitForFunction((n) => window.bench.samples.length >= n, perRound, {
          timeout: WAIT_MS,
        })
        samples[mode].push(...(await page.evaluate(() => window.bench.samples)))
        if (mode === 'collab') {
          remoteUpdates += await page.evaluate(() => window.bench.remoteUpdates)
          typedByPartner += typist.typed - partnerBefore
          await reaches(paper, typed.trimEnd())
        }
        await page.context().close()
      }
    }
    typist.stop()

    const median = (values: number[]) =>
      quantile(
        [...values].sort((a, b) => a - b),
        0.5,
      )
    const stats = (mode: Mode) => {
      const sorted = [...samples[mode]].sort((a, b) => a - b)
      return {
        open: median(open[mode].open),
        paint: median(open[mode].paint),
        p50: quantile(sorted, 0.5),
        p99: quantile(sorted, 0.99),
        n: sorted.length,
      }
    }
    const plain = stats('plain')
    const collab = stats('collab')
    const row = (name: string, s: typeof plain) => ({
      editor: name,
      'open (median)': ms(s.open),
      'first paint (median)': ms(s.paint),
      'keystroke p50': ms(s.p50),
      'keystroke p99': ms(s.p99),
      'p99 vs plain': ratio(s.p99 / plain.p99),
      'open vs plain': ratio(s.open / plain.open),
      keystrokes: s.n,
    })
    printTable(`Editor: ${characters.toLocaleString('en')}-character paper in Chromium`, [
      row('plain Tiptap (no collaboration)', plain),
      row("Samstemt: the app's editor (paperExtensions), relay, second client typing", collab),
    ])
    const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED')
    console.log(
      `\nSecond client: ${typedByPartner} characters at ${hz} Hz during the collaborative ` +
        `keystrokes; the page applied ${remoteUpdates} remote updates.\n` +
        `Targets: open < 1 s: ${verdict(Math.max(plain.open, collab.open) < 1000)} ` +
        `(plain ${ms(plain.open)}, collaborative ${ms(collab.open)}); ` +
        `keystroke p99 < 16 ms: ${verdict(collab.p99 < 16)} (${ms(collab.p99)}); ` +
        `p99 <= 1.5x plain: ${verdict(collab.p99 <= 1.5 * plain.p99)} ` +
        `(${ratio(collab.p99 / plain.p99)}).`,
    )
  } finally {
    for (const cleanup of cleanups.reverse())
      await Promise.resolve(cleanup()).catch(() => undefined)
    await browser?.close()
    await relay.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Resolves once the second client's copy of the paper ends its first paragraph with `text`. */
function reaches(doc: Y.Doc, text: string): Promise<void> {
  const first = doc.getXmlFragment(BODY_FIELD).get(0)
  const has = () => first instanceof Y.XmlElement && first.toString().includes(text)
  if (has()) return Promise.resolve()
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      doc.off('update', check)
      reject(new Error('the typed text did not reach the other client through the relay'))
    }, WAIT_MS)
    const check = () => {
      if (!has()) return
      clearTimeout(timer)
      doc.off('update', check)
      resolve()
    }
    doc.on('update', check)
  })
}
