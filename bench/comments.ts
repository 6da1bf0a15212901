// npm run bench -- comments [trace.json.gz] [--threads 1000] [--opens 9] [--keys 600]
//   [--remote 240] [--panel-keys 150] [--seed 5] [--trace out.json]
// Review (issue 5) on the automerge-paper-sized paper with 1,000 comment threads, against the same
// paper with none, in Chromium, in one run: the decoration work per keystroke (local and from
// Yjs) and opening the side panel. See docs/benchmarks.md and bench/comments-page/timing.ts.
//
// Each round opens a fresh page per mode (no threads, then threads) and opens and closes the side
// panel. With the panel closed, so that nothing else allocates meanwhile, it types locally
// (Playwright's keyboard, one key per frame, inside a commented phrase in the middle of the
// paper), then a second Y.Doc in the page types three quarters in, each character delivered as
// its own update the way the relay delivers it. Last, it types locally with the panel open, as
// the app shows it by default. `--trace` writes a Chromium trace of the last round with threads,
// each timed decoration a User Timing measure in it (review-local, review-remote).
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import react from '@vitejs/plugin-react'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { build } from 'vite'
import { CHROMIUM, CHROMIUM_FLAGS as FLAGS } from '../test/helpers/chromium.ts'
import { buildFixture } from './comments-page/fixture.ts'
// window.commentsBench (its global declaration comes with this import)
import type { PageInfo } from './comments-page/main.tsx'
import type { Samples } from './comments-page/timing.ts'
import { paperParagraphs } from './editor.ts'
import { servePage } from './editor-serve.ts'
import { ms, printTable, quantile, ratio } from './table.ts'
import { DEFAULT_SEQUENTIAL, readTrace } from './trace.ts'

const ROOT = resolve(import.meta.dirname, '..')
const ROUNDS = 3
const WARMUP_KEYS = 30
const WARMUP_REMOTE = 20
const WAIT_MS = 60_000
const TARGET_P99_MS = 4
/** With `--trace`: enough to see the review's User Timing measures beside GC and rendering. */
const TRACED = [
  'devtools.timeline',
  'v8',
  'disabled-by-default-v8.gc',
  'blink.user_timing',
  'disabled-by-default-devtools.timeline',
]
const LOCAL_LETTERS = 'abcdefghijklmnopqrstuvwxyz '

type Run = {
  /** Typing with the side panel closed: the decoration work on its own. */
  closed: Samples
  /** Typing with the side panel open, as the app shows it by default. */
  open: Samples
  opens: number[]
  painted: number[]
  cards: number
  /** Margin cards drawn; every highlight measured exactly; MarginComments' own layouts (ms). */
  marginCards: number
  marginExact: number[]
  marginLayouts: number[]
  info: PageInfo | null
}
const noSamples = (): Samples => ({
  local: [],
  dispatch: [],
  remote: [],
  remoteTotal: [],
  panel: [],
})
const emptyRun = (): Run => ({
  closed: noSamples(),
  open: noSamples(),
  opens: [],
  painted: [],
  cards: 0,
  marginCards: 0,
  marginExact: [],
  marginLayouts: [],
  info: null,
})
const gather = (into: Samples, from: Samples) => {
  for (const key of Object.keys(into) as (keyof Samples)[]) into[key].push(...from[key])
}

export async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      threads: { type: 'string', default: '1000' },
      opens: { type: 'string', default: '9' },
      keys: { type: 'string', default: '600' },
      remote: { type: 'string', default: '240' },
      'panel-keys': { type: 'string', default: '150' },
      seed: { type: 'string', default: '5' },
      trace: { type: 'string' },
    },
  })
  const count = Number(values.threads)
  const perRound = (total: string | undefined) => Math.ceil(Number(total) / ROUNDS)
  const [opens, keys, remoteKeys, panelKeys] = [
    values.opens,
    values.keys,
    values.remote,
    values['panel-keys'],
  ].map(perRound) as [number, number, number, number]
  if (!existsSync(CHROMIUM)) {
    console.error(`No Chromium at ${CHROMIUM}: set CHROMIUM_PATH.`)
    process.exit(2)
  }
  const tracePath = positionals[0] ?? DEFAULT_SEQUENTIAL
  const paragraphs = paperParagraphs(readTrace(tracePath).endContent)
  const characters = paragraphs.reduce((sum, p) => sum + p.length, 0)
  const fixture = buildFixture(paragraphs, count, Number(values.seed))
  console.log(
    `Comments benchmark: ${tracePath}\n${characters.toLocaleString('en')} characters in ` +
      `${paragraphs.length} paragraphs; ${count.toLocaleString('en')} threads (${fixture.open} open, ` +
      `${fixture.suggestions} with a suggestion, ${fixture.replies} with a reply); per mode ` +
      `${opens * ROUNDS} panel opens, ${keys * ROUNDS} local keystrokes, ` +
      `${remoteKeys * ROUNDS} remote changes in ${ROUNDS} rounds`,
  )

  const dir = mkdtempSync(join(tmpdir(), 'samstemt-bench-comments-'))
  let browser: Browser | null = null
  const cleanups: (() => unknown)[] = []
  try {
    const outDir = join(dir, 'page')
    await build({
      root: join(ROOT, 'bench/comments-page'),
      base: './',
      configFile: false,
      logLevel: 'silent',
      plugins: [react()],
      resolve: { alias: { yjs: join(ROOT, 'node_modules/yjs/dist/yjs.mjs') } },
      build: { outDir, emptyOutDir: true },
    })
    const site = await servePage(outDir, {
      '/paper.ystate': { type: 'application/octet-stream', body: fixture.body },
      '/comments.ystate': { type: 'application/octet-stream', body: fixture.comments },
    })
    cleanups.push(() => site.close())
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS })

    const openPage = async (threads: number): Promise<{ page: Page; info: PageInfo }> => {
      // Wide enough for the margin beside the page, as the app lays it out from 1,416 px.
      const context = await browser!.newContext({ viewport: { width: 1600, height: 960 } })
      cleanups.push(() => context.close())
      await isolate(context)
      const page = await context.newPage()
      page.on('pageerror', (error) => console.error(`page (${threads} threads): ${error.message}`))
      const query = new URLSearchParams({
        threads: String(threads),
        local: JSON.stringify(fixture.local),
        remote: JSON.stringify(fixture.remote),
        ...(values.trace === undefined ? {} : { marks: '1' }),
      })
      await page.goto(`${site.url}?${query}`)
      const info = await page.evaluate(() => window.commentsBench.ready)
      return { page, info }
    }

    const runs = { none: emptyRun(), threads: emptyRun() }
    for (let round = 0; round < ROUNDS; round++) {
      for (const [mode, threads] of [
        ['none', 0],
        ['threads', count],
      ] as const) {
        const run = runs[mode]
        const { page, info } = await openPage(threads)
        run.info = info
        for (let i = 0; i < 3; i++) {
          const margin = await page.evaluate(() => window.commentsBench.margin())
          run.marginCards = margin.cards
          run.marginExact.push(margin.exact)
        }
        for (let i = 0; i < opens; i++) {
          const opened = await page.evaluate(() => window.commentsBench.openPanel())
          run.opens.push(opened.dom)
          run.painted.push(opened.painted)
          run.cards = opened.cards
          await page.evaluate(() => window.commentsBench.closePanel())
        }
        const tracing = values.trace !== undefined && mode === 'threads' && round === ROUNDS - 1
        if (tracing) await browser.startTracing(page, { path: values.trace, categories: TRACED })
        gather(run.closed, await typeLocal(page, keys))
        gather(run.closed, await typeRemote(page, remoteKeys))
        await page.evaluate(() => window.commentsBench.openPanel())
        gather(run.open, await typeLocal(page, panelKeys))
        if (tracing) await browser.stopTracing()
        // Typing paused between the phases: the margin laid itself out again each time.
        const margin = await page.evaluate(() => window.commentsBench.margin())
        run.marginLayouts.push(...margin.layouts)
        await page.context().close()
      }
    }

    report(runs, count, characters, await browser.version())
  } finally {
    for (const cleanup of cleanups.reverse())
      await Promise.resolve(cleanup()).catch(() => undefined)
    await browser?.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * Serves the page cross-origin isolated (COOP + COEP), which gives performance.now() 5 µs steps
 * instead of 100 µs: the decoration times are fractions of a millisecond.
 */
async function isolate(context: BrowserContext): Promise<void> {
  await context.route('**/*', async (route) => {
    const response = await route.fetch()
    await route.fulfill({
      response,
      headers: {
        ...response.headers(),
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-embedder-policy': 'require-corp',
      },
    })
  })
}

/**
 * Local keystrokes through Playwright's keyboard, one per animation frame, at the typing point
 * (inside a commented phrase); the first WARMUP_KEYS are not kept.
 */
async function typeLocal(page: Page, keys: number): Promise<Samples> {
  await page.evaluate(() => window.commentsBench.startTyping())
  for (let k = 0; k < WARMUP_KEYS + keys; k++) {
    if (k === WARMUP_KEYS) {
      await recorded(page, WARMUP_KEYS)
      await page.evaluate(() => window.commentsBench.take())
    }
    await page.evaluate(() => window.commentsBench.frame())
    await page.keyboard.type(LOCAL_LETTERS[k % LOCAL_LETTERS.length] ?? 'x')
  }
  await recorded(page, keys)
  const typed = await page.evaluate(() => window.commentsBench.take())
  if (typed.local.length !== keys) {
    throw new Error(`expected ${keys} local keystrokes; the page recorded ${typed.local.length}`)
  }
  return typed
}

/** The partner's changes, each its own update applied to the page's body doc; warm-up dropped. */
async function typeRemote(page: Page, changes: number): Promise<Samples> {
  await page.evaluate((n) => window.commentsBench.typeRemote(n), WARMUP_REMOTE)
  await page.evaluate(() => window.commentsBench.take())
  await page.evaluate((n) => window.commentsBench.typeRemote(n), changes)
  const typed = await page.evaluate(() => window.commentsBench.take())
  if (typed.remote.length !== changes) {
    throw new Error(`expected ${changes} remote changes; the page recorded ${typed.remote.length}`)
  }
  return typed
}

/** Waits until the page has recorded `n` local keystrokes. */
async function recorded(page: Page, n: number): Promise<void> {
  await page.waitForFunction((at) => window.commentsBench.recorded('local') >= at, n, {
    timeout: WAIT_MS,
  })
}

function report(
  runs: { none: Run; threads: Run },
  count: number,
  characters: number,
  chromiumVersion: string,
): void {
  const q = (values: number[], at: number) =>
    quantile(
      [...values].sort((a, b) => a - b),
      at,
    )
  const stats = (run: Run) => ({
    localP50: q(run.closed.local, 0.5),
    localP99: q(run.closed.local, 0.99),
    remoteP50: q(run.closed.remote, 0.5),
    remoteP99: q(run.closed.remote, 0.99),
    open: q(run.opens, 0.5),
    dispatchP50: q(run.closed.dispatch, 0.5),
    dispatchP99: q(run.closed.dispatch, 0.99),
    totalP50: q(run.closed.remoteTotal, 0.5),
    totalP99: q(run.closed.remoteTotal, 0.99),
    painted: q(run.painted, 0.5),
    panelP50: q(run.open.panel, 0.5),
    panelP99: q(run.open.panel, 0.99),
    openLocalP99: q(run.open.local, 0.99),
  })
  const none = stats(runs.none)
  const threads = stats(runs.threads)
  const label = `${count.toLocaleString('en')} threads`
  const precise = (v: number) => (Number.isFinite(v) ? `${v.toFixed(3)} ms` : 'n/a')
  const row = (name: string, s: typeof none) => ({
    paper: name,
    'local keystroke p50': precise(s.localP50),
    'local keystroke p99': precise(s.localP99),
    'remote change p50': precise(s.remoteP50),
    'remote change p99': precise(s.remoteP99),
    'side panel open (median)': ms(s.open),
  })
  const over = (key: keyof typeof none) => (none[key] > 0 ? ratio(threads[key] / none[key]) : 'n/a')
  printTable(
    `Comments: decoration work per keystroke, and opening the side panel, ` +
      `${characters.toLocaleString('en')}-character paper in Chromium`,
    [
      row('no threads', none),
      row(label, threads),
      {
        paper: `ratio (${label} / none)`,
        'local keystroke p50': over('localP50'),
        'local keystroke p99': over('localP99'),
        'remote change p50': over('remoteP50'),
        'remote change p99': over('remoteP99'),
        'side panel open (median)': over('open'),
      },
    ],
  )
  const context = (name: string, s: typeof none, run: Run) => ({
    paper: name,
    'local dispatch p50': ms(s.dispatchP50),
    'local dispatch p99': ms(s.dispatchP99),
    'remote applyUpdate p50': ms(s.totalP50),
    'remote applyUpdate p99': ms(s.totalP99),
    'panel painted (median)': ms(s.painted),
    'cards shown': run.cards,
    'panel open: React per keystroke p50': ms(s.panelP50),
    'panel open: React per keystroke p99': ms(s.panelP99),
    'panel open: local decorations p99': precise(s.openLocalP99),
    'margin cards drawn': run.marginCards,
    'margin layout p50': ms(q(run.marginLayouts, 0.5)),
    'margin layout p99': ms(q(run.marginLayouts, 0.99)),
    'every highlight exactly (median)': ms(q(run.marginExact, 0.5)),
  })
  printTable(
    'Context: the whole keystroke around the decorations, and typing with the panel open',
    [context('no threads', none, runs.none), context(label, threads, runs.threads)],
  )

  const info = runs.threads.info
  const verdict = (p99: number) => (p99 < TARGET_P99_MS ? 'PASS' : 'MISS')
  const timer = info?.crossOriginIsolated === true ? '5 µs (cross-origin isolated)' : '100 µs'
  console.log(
    `\n${runs.threads.closed.local.length} local keystrokes and ` +
      `${runs.threads.closed.remote.length} remote changes per mode with the panel closed, ` +
      `${runs.threads.open.local.length} local keystrokes with it open; ${info?.spans ?? 0} of ` +
      `${info?.threads ?? 0} threads found in the text, ${info?.decorations ?? 0} decorations; ` +
      `timer ${timer}.\n` +
      `Target: decorations p99 under ${TARGET_P99_MS} ms per keystroke: ` +
      `local ${verdict(threads.localP99)} (${precise(threads.localP99)}), ` +
      `remote ${verdict(threads.remoteP99)} (${precise(threads.remoteP99)}): ` +
      `${verdict(Math.max(threads.localP99, threads.remoteP99))}.\n` +
      `Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, load average ` +
      `${loadavg()
        .map((v) => v.toFixed(1))
        .join(' ')} at the end; Node ${process.version}; Chromium ${chromiumVersion}.`,
  )
}
